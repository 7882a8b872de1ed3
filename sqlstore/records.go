package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"jixiao"
)

// recordStore is what the self-evaluations and the monitoring records share: a row per
// record with a version and a state, every saved version kept whole as a JSON document
// in a revisions table, and the workflow steps in a steps table. The row's own columns
// and the document's type stay with each caller.
type recordStore struct {
	records, revisions, steps string // the tables
	noun                      string // the record in users' words: 绩效自评表, 绩效监控表
	what                      string // the record in operators' words, for wrapped errors
	// open, when set, is a condition on the record's row that every change needs
	// besides its version and state (the monitoring round still open), checked in the
	// changing statement itself; closed is the message when it fails.
	open, closed string
}

var (
	selfEvalStore = recordStore{records: "self_evaluations", revisions: "self_evaluation_revisions",
		steps: "self_evaluation_steps", noun: "绩效自评表", what: "self-evaluation"}
	monitoringStore = recordStore{records: "monitoring_records", revisions: "monitoring_revisions",
		steps: "monitoring_steps", noun: "绩效监控表", what: "monitoring record",
		open:   `EXISTS (SELECT 1 FROM monitoring_rounds mr WHERE mr.id = monitoring_records.round_id AND mr.status = '` + jixiao.RoundOpen + `')`,
		closed: "本轮监控已结束，绩效监控表只能查看和导出，不能再修改或办理。"}
)

// recordStep is the workflow step both kinds record (jixiao.SelfEvalStep and
// jixiao.MonitoringStep have its fields and convert to it).
type recordStep struct {
	ID       int64
	RecordID int64
	Version  int
	Result   int
	Action   jixiao.Action
	From     jixiao.Status
	To       jixiao.Status
	Actor    string
	Reason   string
	Created  time.Time
}

// insertRevision stores doc as version of record id; ECONFLICT when that version was
// saved first by someone else.
func (s recordStore) insertRevision(ctx context.Context, tx tx, id int64, version int, doc any, info jixiao.SaveInfo, now any) error {
	b, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("encode %s: %w", s.what, err)
	}
	_, err = tx.exec(ctx, `INSERT INTO `+s.revisions+` (record_id, version, author, reason, created, doc) VALUES (?, ?, ?, ?, ?, ?)`,
		id, version, info.Author, info.Reason, now, string(b))
	if tx.db.d.IsUnique(err) {
		return jixiao.Errorf(jixiao.ECONFLICT, "%s第 %d 版已被他人保存，请重新打开后再保存。", s.noun, version)
	} else if err != nil {
		return fmt.Errorf("insert %s revision: %w", s.what, err)
	}
	return nil
}

// guard is the open condition as a clause of a WHERE.
func (s recordStore) guard() string {
	if s.open == "" {
		return ""
	}
	return ` AND ` + s.open
}

// refused explains a change that matched no row although the record was at the version
// and state it needed: ELOCKED with s.closed when the open condition fails, else nil.
func (s recordStore) refused(ctx context.Context, tx tx, id int64) error {
	if s.open == "" {
		return nil
	}
	var open int
	if err := tx.queryRow(ctx, `SELECT CASE WHEN `+s.open+` THEN 1 ELSE 0 END FROM `+s.records+` WHERE id = ?`, id).Scan(&open); err != nil {
		return fmt.Errorf("find %s: %w", s.what, err)
	}
	if open == 0 {
		return jixiao.Errorf(jixiao.ELOCKED, "%s", s.closed)
	}
	return nil
}

// bump is a save's version check, state check and version bump in one statement: the
// record must still be at version and a draft or returned. set adds columns to the
// update ("level = ?, alerts = ?, ") with their args. ECONFLICT when someone saved
// first, ELOCKED when the state forbids changes.
func (s recordStore) bump(ctx context.Context, tx tx, id int64, version int, author string, now any, set string, setArgs ...any) error {
	args := append(append([]any(nil), setArgs...), now, author, id, version, string(jixiao.Draft), string(jixiao.Returned))
	res, err := tx.exec(ctx, `UPDATE `+s.records+` SET version = version + 1, `+set+`updated = ?, updated_by = ?
		WHERE id = ? AND version = ? AND status IN (?, ?)`+s.guard(), args...)
	if err != nil {
		return fmt.Errorf("update %s: %w", s.what, err)
	}
	n, err := rowsAffected(res)
	if err != nil {
		return err
	}
	if n == 1 {
		return nil
	}
	var cur int
	var status string
	if err := tx.queryRow(ctx, `SELECT version, status FROM `+s.records+` WHERE id = ?`, id).Scan(&cur, &status); err != nil {
		return fmt.Errorf("find %s: %w", s.what, err)
	}
	if cur != version {
		return jixiao.Errorf(jixiao.ECONFLICT, "%s已被他人修改：您读取的是第 %d 版，当前已是第 %d 版。请重新打开后核对再保存。", s.noun, version, cur)
	}
	if st := jixiao.Status(status); st == jixiao.Draft || st == jixiao.Returned {
		if err := s.refused(ctx, tx, id); err != nil {
			return err
		}
	}
	return jixiao.Errorf(jixiao.ELOCKED, "%s当前状态为“%s”，不能修改。", s.noun, jixiao.Status(status).Label())
}

// listRevisions lists the saved versions of record id, oldest first.
func (s recordStore) listRevisions(ctx context.Context, db *DB, id int64) ([]jixiao.Revision, error) {
	out := []jixiao.Revision{}
	err := db.read(ctx, func(tx tx) error {
		rows, err := tx.query(ctx, `SELECT version, author, reason, created FROM `+s.revisions+` WHERE record_id = ? ORDER BY version`, id)
		if err != nil {
			return fmt.Errorf("list %s revisions: %w", s.what, err)
		}
		defer rows.Close()
		for rows.Next() {
			rv := jixiao.Revision{PlanID: id}
			if err := rows.Scan(&rv.Version, &rv.Author, &rv.Reason, at(&rv.Created)); err != nil {
				return fmt.Errorf("list %s revisions: %w", s.what, err)
			}
			out = append(out, rv)
		}
		return rows.Err()
	})
	return out, err
}

// readRecord reads record id with current, in a read transaction of its own.
func readRecord[R any](ctx context.Context, db *DB, id int64, current func(context.Context, tx, int64) (R, error)) (R, error) {
	var out R
	err := db.read(ctx, func(tx tx) (err error) {
		out, err = current(ctx, tx, id)
		return err
	})
	return out, err
}

// recordAt reads record id with current and puts in place of its document the one
// saved at version: doc empties the record's document, sets its version and returns
// where to decode.
func recordAt[R any](ctx context.Context, db *DB, s recordStore, id int64, version int,
	current func(context.Context, tx, int64) (R, error), doc func(R) any) (R, error) {
	var out R
	err := db.read(ctx, func(tx tx) error {
		cur, err := current(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.revisionAt(ctx, tx, id, version, doc(cur)); err != nil {
			return err
		}
		out = cur
		return nil
	})
	return out, err
}

// revisionAt decodes version of record id into doc; ENOTFOUND when there is none.
func (s recordStore) revisionAt(ctx context.Context, tx tx, id int64, version int, doc any) error {
	var b []byte
	err := tx.queryRow(ctx, `SELECT doc FROM `+s.revisions+` WHERE record_id = ? AND version = ?`, id, version).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return jixiao.Errorf(jixiao.ENOTFOUND, "%s（编号 %d）没有第 %d 版。", s.noun, id, version)
	} else if err != nil {
		return fmt.Errorf("read %s revision: %w", s.what, err)
	}
	if err := json.Unmarshal(b, doc); err != nil {
		return fmt.Errorf("decode %s revision: %w", s.what, err)
	}
	return nil
}

// transition moves the record to step.To if it is still at step.Version and in state
// step.From, stores doc (the current document) as the new revision with the step's
// label as its reason, and records the step. curVersion and curStatus are what the
// caller read, for the message when someone acted first.
func (s recordStore) transition(ctx context.Context, tx tx, step *recordStep, curVersion int, curStatus jixiao.Status, doc any, now time.Time) error {
	t := tx.db.t(now)
	res, err := tx.exec(ctx, `UPDATE `+s.records+` SET version = version + 1, status = ?, updated = ?, updated_by = ?
		WHERE id = ? AND version = ? AND status = ?`+s.guard(), string(step.To), t, step.Actor, step.RecordID, step.Version, string(step.From))
	if err != nil {
		return fmt.Errorf("update %s: %w", s.what, err)
	}
	if n, err := rowsAffected(res); err != nil {
		return err
	} else if n != 1 {
		if curVersion == step.Version && curStatus == step.From {
			if err := s.refused(ctx, tx, step.RecordID); err != nil {
				return err
			}
		}
		return jixiao.Errorf(jixiao.ECONFLICT, "%s已被他人处理或修改（当前第 %d 版，状态“%s”），不能“%s”。请重新打开后再操作。",
			s.noun, curVersion, curStatus.Label(), step.Action.Label())
	}
	step.Result = step.Version + 1
	reason := step.Action.Label()
	if r := strings.TrimSpace(step.Reason); r != "" {
		reason += "：" + r
	}
	if err := s.insertRevision(ctx, tx, step.RecordID, step.Result, doc, jixiao.SaveInfo{Author: step.Actor, Reason: reason}, t); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `INSERT INTO `+s.steps+` (record_id, version, result, action, from_status, to_status, actor, reason, created)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, step.RecordID, step.Version, step.Result, string(step.Action), string(step.From), string(step.To),
		step.Actor, step.Reason, t); err != nil {
		return fmt.Errorf("insert %s step: %w", s.what, err)
	}
	step.Created = now
	return nil
}

// listSteps lists a record's workflow steps, oldest first.
func (s recordStore) listSteps(ctx context.Context, tx tx, id int64) ([]recordStep, error) {
	rows, err := tx.query(ctx, `SELECT id, record_id, version, result, action, from_status, to_status, actor, reason, created
		FROM `+s.steps+` WHERE record_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("list %s steps: %w", s.what, err)
	}
	defer rows.Close()
	out := []recordStep{}
	for rows.Next() {
		var st recordStep
		var action, from, to string
		if err := rows.Scan(&st.ID, &st.RecordID, &st.Version, &st.Result, &action, &from, &to, &st.Actor, &st.Reason, at(&st.Created)); err != nil {
			return nil, fmt.Errorf("list %s steps: %w", s.what, err)
		}
		st.Action, st.From, st.To = jixiao.Action(action), jixiao.Status(from), jixiao.Status(to)
		out = append(out, st)
	}
	return out, rows.Err()
}
