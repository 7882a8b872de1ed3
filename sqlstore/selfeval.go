package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"jixiao"
)

// selfEvalColumns are the columns of a record's row, in the order scanRecord reads them,
// followed by its current revision's document.
const selfEvalColumns = `s.id, s.plan_id, s.plan_version, s.department_id, s.year, s.tbl, s.status, s.version,
	s.updated, s.updated_by, r.doc FROM self_evaluations s
	JOIN self_evaluation_revisions r ON r.record_id = s.id AND r.version = s.version`

func scanRecord(sc interface{ Scan(...any) error }) (*jixiao.SelfEvalRecord, error) {
	var rec jixiao.SelfEvalRecord
	var status string
	var doc []byte
	if err := sc.Scan(&rec.ID, &rec.PlanID, &rec.PlanVersion, &rec.DepartmentID, &rec.Year, &rec.Table, &status,
		&rec.Version, at(&rec.Updated), &rec.UpdatedBy, &doc); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(doc, &rec.Eval); err != nil {
		return nil, fmt.Errorf("decode self-evaluation %d: %w", rec.ID, err)
	}
	rec.Status = jixiao.Status(status)
	return &rec, nil
}

func selfEvalRecords(ctx context.Context, tx tx, where string, args ...any) ([]*jixiao.SelfEvalRecord, error) {
	rows, err := tx.query(ctx, `SELECT `+selfEvalColumns+` WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list self-evaluations: %w", err)
	}
	defer rows.Close()
	out := []*jixiao.SelfEvalRecord{}
	for rows.Next() {
		rec, err := scanRecord(rows)
		if err != nil {
			return nil, fmt.Errorf("list self-evaluations: %w", err)
		}
		out = append(out, rec)
	}
	return out, rows.Err()
}

func selfEvalRecord(ctx context.Context, tx tx, id int64) (*jixiao.SelfEvalRecord, error) {
	rec, err := scanRecord(tx.queryRow(ctx, `SELECT `+selfEvalColumns+` WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "绩效自评表（编号 %d）不存在。", id)
	} else if err != nil {
		return nil, fmt.Errorf("read self-evaluation: %w", err)
	}
	return rec, nil
}

// OpenSelfEvaluations returns the plan's records, made from its approved version the
// first time. Concurrent openings insert each table once (ON CONFLICT DO NOTHING); only
// the opening that inserted a row writes its first revision.
func (db *DB) OpenSelfEvaluations(ctx context.Context, planID int64, info jixiao.SaveInfo) ([]*jixiao.SelfEvalRecord, error) {
	var out []*jixiao.SelfEvalRecord
	err := db.write(ctx, func(tx tx) error {
		var approved sql.NullInt64
		var dept int64
		var year int
		err := tx.queryRow(ctx, `SELECT approved_version, department_id, year FROM plans WHERE id = ?`, planID).Scan(&approved, &dept, &year)
		if errors.Is(err, sql.ErrNoRows) {
			return jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标（编号 %d）不存在。", planID)
		} else if err != nil {
			return fmt.Errorf("find plan: %w", err)
		}
		if approved.Int64 == 0 {
			return jixiao.Errorf(jixiao.EINVALID, "绩效目标（编号 %d）尚未经财政审核通过，不能开始绩效自评。", planID)
		}
		var doc []byte
		if err := tx.queryRow(ctx, `SELECT doc FROM revisions WHERE plan_id = ? AND version = ?`, planID, approved.Int64).Scan(&doc); err != nil {
			return fmt.Errorf("read approved revision: %w", err)
		}
		var p jixiao.Plan
		if err := json.Unmarshal(doc, &p); err != nil {
			return fmt.Errorf("decode approved revision: %w", err)
		}
		now := db.t(db.now())
		if info.Reason == "" {
			info.Reason = "由审核通过的绩效目标生成"
		}
		for i, se := range jixiao.SelfEvaluationsOf(&p) {
			var id int64
			err := tx.queryRow(ctx, `INSERT INTO self_evaluations (plan_id, plan_version, department_id, year, tbl, status, version,
				updated, updated_by) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (plan_id, tbl) DO NOTHING RETURNING id`,
				planID, approved.Int64, dept, year, i, string(jixiao.Draft), now, info.Author).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				continue // made before
			} else if err != nil {
				return fmt.Errorf("insert self-evaluation: %w", err)
			}
			if err := insertSelfEvalRevision(ctx, tx, id, 1, &se, info, now); err != nil {
				return err
			}
		}
		out, err = selfEvalRecords(ctx, tx, `s.plan_id = ? ORDER BY s.tbl`, planID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func insertSelfEvalRevision(ctx context.Context, tx tx, id int64, version int, se *jixiao.SelfEvaluation, info jixiao.SaveInfo, now any) error {
	if err := selfEvalStore.insertRevision(ctx, tx, id, version, se, info, now); err != nil {
		return err
	}
	// The grade and total beside the revisions, for the dashboard's counts.
	var score any
	if se.WrittenTotal.IsSet() {
		score = se.WrittenTotal.Micros()
	}
	if _, err := tx.exec(ctx, `UPDATE self_evaluations SET grade = ?, score = ? WHERE id = ?`, se.Grade, score, id); err != nil {
		return fmt.Errorf("record self-evaluation score: %w", err)
	}
	return nil
}

// SelfEvaluations lists a plan's records by table.
func (db *DB) SelfEvaluations(ctx context.Context, planID int64) ([]*jixiao.SelfEvalRecord, error) {
	var out []*jixiao.SelfEvalRecord
	err := db.read(ctx, func(tx tx) (err error) {
		out, err = selfEvalRecords(ctx, tx, `s.plan_id = ? ORDER BY s.tbl`, planID)
		return err
	})
	return out, err
}

// SelfEvaluationRecord returns the current version of record id.
func (db *DB) SelfEvaluationRecord(ctx context.Context, id int64) (*jixiao.SelfEvalRecord, error) {
	return readRecord(ctx, db, id, selfEvalRecord)
}

// SaveSelfEvaluation saves r.Eval as the next version of record r.ID under the version
// check; the targets must be the approved plan's.
func (db *DB) SaveSelfEvaluation(ctx context.Context, r *jixiao.SelfEvalRecord, info jixiao.SaveInfo) error {
	return db.write(ctx, func(tx tx) error {
		cur, err := selfEvalRecord(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		if i := jixiao.SameTargets(cur.Eval.Indicators, r.Eval.Indicators); i >= 0 {
			return jixiao.Errorf(jixiao.EINVALID, "绩效自评表第 %d 行指标与审核通过的绩效目标不一致：年度指标值来自绩效目标，不能在自评中修改。", i+1)
		}
		now := db.t(db.now())
		if err := selfEvalStore.bump(ctx, tx, r.ID, r.Version, info.Author, now, ""); err != nil {
			return err
		}
		if err := insertSelfEvalRevision(ctx, tx, r.ID, r.Version+1, &r.Eval, info, now); err != nil {
			return err
		}
		r.Version++
		r.Status = cur.Status
		return nil
	})
}

// SelfEvaluationRevisions lists the saved versions of record id, oldest first.
func (db *DB) SelfEvaluationRevisions(ctx context.Context, id int64) ([]jixiao.Revision, error) {
	return selfEvalStore.listRevisions(ctx, db, id)
}

// SelfEvaluationAt returns record id as saved at version.
func (db *DB) SelfEvaluationAt(ctx context.Context, id int64, version int) (*jixiao.SelfEvalRecord, error) {
	return recordAt(ctx, db, selfEvalStore, id, version, selfEvalRecord, func(r *jixiao.SelfEvalRecord) any {
		r.Eval, r.Version = jixiao.SelfEvaluation{}, version
		return &r.Eval
	})
}

// TransitionSelfEvaluation moves record step.RecordID to step.To as a new revision if it
// is still at step.Version and in state step.From, and records the step.
func (db *DB) TransitionSelfEvaluation(ctx context.Context, step *jixiao.SelfEvalStep) (int, error) {
	var done recordStep
	err := db.write(ctx, func(tx tx) error {
		cur, err := selfEvalRecord(ctx, tx, step.RecordID)
		if err != nil {
			return err
		}
		done = recordStep(*step)
		return selfEvalStore.transition(ctx, tx, &done, cur.Version, cur.Status, &cur.Eval, db.stamp())
	})
	if err != nil {
		return 0, err
	}
	*step = jixiao.SelfEvalStep(done)
	return step.Result, nil
}

// SelfEvaluationSteps lists a record's workflow steps, oldest first.
func (db *DB) SelfEvaluationSteps(ctx context.Context, id int64) ([]jixiao.SelfEvalStep, error) {
	var out []jixiao.SelfEvalStep
	err := db.read(ctx, func(tx tx) error {
		steps, err := selfEvalStore.listSteps(ctx, tx, id)
		out = make([]jixiao.SelfEvalStep, len(steps))
		for i, st := range steps {
			out[i] = jixiao.SelfEvalStep(st)
		}
		return err
	})
	return out, err
}

// AddReviewScore records a re-check while the record waits for the finance bureau: the
// insert's own condition checks the state, so it is one atomic statement.
func (db *DB) AddReviewScore(ctx context.Context, rs *jixiao.ReviewScore) error {
	if !rs.Score.IsSet() || rs.Score.Cmp(jixiao.Int(0)) < 0 {
		return jixiao.Errorf(jixiao.EINVALID, "复核得分必须是不小于 0 的数。")
	}
	if len([]rune(strings.TrimSpace(rs.Reason))) < 2 {
		return jixiao.Errorf(jixiao.EINVALID, "调整得分必须写明复核理由。")
	}
	return db.write(ctx, func(tx tx) error {
		cur, err := selfEvalRecord(ctx, tx, rs.RecordID)
		if err != nil {
			return err
		}
		if rs.Indicator < 0 || rs.Indicator >= len(cur.Eval.Indicators) {
			return jixiao.Errorf(jixiao.EINVALID, "绩效自评表没有第 %d 行指标。", rs.Indicator+1)
		}
		if w := cur.Eval.Indicators[rs.Indicator].Weight; w.IsSet() && rs.Score.Cmp(w) > 0 {
			return jixiao.Errorf(jixiao.EINVALID, "第 %d 行指标的复核得分 %s 超过其分值 %s。", rs.Indicator+1, rs.Score, w)
		}
		created := db.stamp()
		res, err := tx.exec(ctx, `INSERT INTO review_scores (record_id, indicator, score, reason, by_user, created)
			SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM self_evaluations WHERE id = ? AND status = ?)`,
			rs.RecordID, rs.Indicator, rs.Score.String(), rs.Reason, rs.By, db.t(created), rs.RecordID, string(jixiao.UnitApproved))
		if err != nil {
			return fmt.Errorf("insert review score: %w", err)
		}
		if n, err := rowsAffected(res); err != nil {
			return err
		} else if n != 1 {
			return jixiao.Errorf(jixiao.ELOCKED, "绩效自评表当前状态为“%s”，只有单位已审核、等待财政复核的自评表可以复核。", cur.Status.Label())
		}
		rs.Created = created
		return nil
	})
}

// ReviewScores lists a record's re-checks, oldest first.
func (db *DB) ReviewScores(ctx context.Context, id int64) ([]jixiao.ReviewScore, error) {
	var out []jixiao.ReviewScore
	err := db.read(ctx, func(tx tx) error {
		rows, err := tx.query(ctx, `SELECT indicator, score, reason, by_user, created FROM review_scores WHERE record_id = ? ORDER BY id`, id)
		if err != nil {
			return fmt.Errorf("list review scores: %w", err)
		}
		defer rows.Close()
		out = []jixiao.ReviewScore{}
		for rows.Next() {
			rs := jixiao.ReviewScore{RecordID: id}
			var score string
			if err := rows.Scan(&rs.Indicator, &score, &rs.Reason, &rs.By, at(&rs.Created)); err != nil {
				return fmt.Errorf("list review scores: %w", err)
			}
			if rs.Score, err = jixiao.ParseDecimal(score); err != nil {
				return fmt.Errorf("review score %q: %w", score, err)
			}
			out = append(out, rs)
		}
		return rows.Err()
	})
	return out, err
}
