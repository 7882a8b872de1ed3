package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"jixiao"
)

// sameStatus compares workflow states, a plan not stored yet counting as a draft.
func sameStatus(a, b jixiao.Status) bool {
	if a == jixiao.StatusUnknown {
		a = jixiao.Draft
	}
	if b == jixiao.StatusUnknown {
		b = jixiao.Draft
	}
	return a == b
}

// Transition moves the plan to rec.To as a new revision if it is still at rec.Version
// and in state rec.From, and records the step; all in one write transaction. The plan's
// row is locked first, so of two servers acting on one version the second waits, then
// sees the new version and gets ECONFLICT.
func (db *DB) Transition(ctx context.Context, rec *jixiao.TransitionRecord, explanations []jixiao.Explanation) (int, error) {
	var result int
	var created time.Time
	err := db.write(ctx, func(tx tx) error {
		var version int
		var status string
		err := tx.queryRow(ctx, `SELECT version, status FROM plans WHERE id = ?`+db.d.ForUpdate(""), rec.PlanID).Scan(&version, &status)
		if errors.Is(err, sql.ErrNoRows) {
			return jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标（编号 %d）不存在。", rec.PlanID)
		} else if err != nil {
			return fmt.Errorf("find plan: %w", err)
		}
		if version != rec.Version {
			return jixiao.Errorf(jixiao.ECONFLICT, "绩效目标已被他人处理或修改：您看到的是第 %d 版，当前已是第 %d 版。请重新打开绩效目标后再“%s”。", rec.Version, version, rec.Action.Label())
		}
		if !sameStatus(jixiao.Status(status), rec.From) {
			return jixiao.Errorf(jixiao.ECONFLICT, "绩效目标当前状态为“%s”，不是“%s”，不能“%s”。请重新打开绩效目标。", jixiao.Status(status).Label(), rec.From.Label(), rec.Action.Label())
		}
		p, err := currentPlan(ctx, tx, "p.id = ?", rec.PlanID)
		if err != nil {
			return err
		}
		p.Version, p.Status = version, rec.To
		reason := rec.Action.Label()
		if r := strings.TrimSpace(rec.Reason); r != "" {
			reason += "：" + r
		}
		if err := db.updatePlan(ctx, tx, p, jixiao.SaveInfo{Author: rec.Actor, Reason: reason}); err != nil {
			return err
		}
		result, created = p.Version, db.stamp()
		now := db.t(created)
		if _, err := tx.exec(ctx, `INSERT INTO transitions (plan_id, version, result, action, from_status, to_status, actor, reason, created)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, rec.PlanID, rec.Version, result, string(rec.Action), string(rec.From), string(rec.To),
			rec.Actor, rec.Reason, now); err != nil {
			return fmt.Errorf("insert transition: %w", err)
		}
		switch rec.To {
		case jixiao.Approved:
			_, err = tx.exec(ctx, `UPDATE plans SET approved_version = ? WHERE id = ?`, result, rec.PlanID)
		case jixiao.Published:
			_, err = tx.exec(ctx, `UPDATE plans SET approved_version = ?, published_version = ?, published = ? WHERE id = ?`,
				result, result, now, rec.PlanID)
		}
		if err != nil {
			return fmt.Errorf("record approved version: %w", err)
		}
		for _, e := range explanations {
			if _, err := tx.exec(ctx, `INSERT INTO explanations (plan_id, version, rule, path, text) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (plan_id, version, rule, path) DO UPDATE SET text = excluded.text`,
				rec.PlanID, rec.Version, e.Rule, e.Path, e.Text); err != nil {
				return fmt.Errorf("insert explanation: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	rec.Result, rec.Created = result, created
	return result, nil
}

// Transitions lists a plan's workflow steps, oldest first.
func (db *DB) Transitions(ctx context.Context, planID int64) ([]jixiao.TransitionRecord, error) {
	var out []jixiao.TransitionRecord
	err := db.read(ctx, func(tx tx) (err error) {
		out, err = transitions(ctx, tx, `plan_id = ? ORDER BY id`, planID)
		return err
	})
	return out, err
}

func transitions(ctx context.Context, tx tx, where string, args ...any) ([]jixiao.TransitionRecord, error) {
	rows, err := tx.query(ctx, `SELECT id, plan_id, version, result, action, from_status, to_status, actor, reason, created
		FROM transitions WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list transitions: %w", err)
	}
	defer rows.Close()
	out := []jixiao.TransitionRecord{}
	for rows.Next() {
		var r jixiao.TransitionRecord
		var action, from, to string
		if err := rows.Scan(&r.ID, &r.PlanID, &r.Version, &r.Result, &action, &from, &to, &r.Actor, &r.Reason, at(&r.Created)); err != nil {
			return nil, fmt.Errorf("list transitions: %w", err)
		}
		r.Action, r.From, r.To = jixiao.Action(action), jixiao.Status(from), jixiao.Status(to)
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReviewState returns the approved and published versions and the last step of a plan.
func (db *DB) ReviewState(ctx context.Context, planID int64) (*jixiao.ReviewState, error) {
	var st jixiao.ReviewState
	err := db.read(ctx, func(tx tx) error {
		var approved, published sql.NullInt64
		err := tx.queryRow(ctx, `SELECT approved_version, published_version FROM plans WHERE id = ?`, planID).Scan(&approved, &published)
		if errors.Is(err, sql.ErrNoRows) {
			return jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标（编号 %d）不存在。", planID)
		} else if err != nil {
			return fmt.Errorf("read review state: %w", err)
		}
		st.ApprovedVersion, st.PublishedVersion = int(approved.Int64), int(published.Int64)
		last, err := transitions(ctx, tx, `plan_id = ? ORDER BY id DESC LIMIT 1`, planID)
		if err != nil {
			return err
		}
		if len(last) == 1 {
			st.LastTransition = &last[0]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &st, nil
}

// Explanations lists the explanations stored with the submission of version.
func (db *DB) Explanations(ctx context.Context, planID int64, version int) ([]jixiao.Explanation, error) {
	out := []jixiao.Explanation{}
	err := db.read(ctx, func(tx tx) error {
		c := db.d.Bytewise()
		rows, err := tx.query(ctx, `SELECT rule, path, text FROM explanations WHERE plan_id = ? AND version = ?
			ORDER BY path`+c+`, rule`+c, planID, version)
		if err != nil {
			return fmt.Errorf("list explanations: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			e := jixiao.Explanation{PlanID: planID, Version: version}
			if err := rows.Scan(&e.Rule, &e.Path, &e.Text); err != nil {
				return fmt.Errorf("list explanations: %w", err)
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}

// PublishedPlans lists the plans that have a published version.
func (db *DB) PublishedPlans(ctx context.Context, year int) ([]jixiao.PublishedPlan, error) {
	out := []jixiao.PublishedPlan{}
	err := db.read(ctx, func(tx tx) error {
		rows, err := tx.query(ctx, `SELECT p.id, d.code, d.name, p.year, p.published_version, p.published
			FROM plans p JOIN departments d ON d.id = p.department_id
			WHERE p.published_version IS NOT NULL AND (? = 0 OR p.year = ?) ORDER BY p.year DESC, d.code`, year, year)
		if err != nil {
			return fmt.Errorf("list published plans: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var pp jixiao.PublishedPlan
			if err := rows.Scan(&pp.PlanID, &pp.DepartmentCode, &pp.Department, &pp.Year, &pp.Version, at(&pp.Published)); err != nil {
				return fmt.Errorf("list published plans: %w", err)
			}
			out = append(out, pp)
		}
		return rows.Err()
	})
	return out, err
}

// AddComment stores a reviewer's comment on a cell.
func (db *DB) AddComment(ctx context.Context, c *jixiao.Comment) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx tx) error {
		var version int
		err := tx.queryRow(ctx, `SELECT version FROM plans WHERE id = ?`, c.PlanID).Scan(&version)
		if errors.Is(err, sql.ErrNoRows) {
			return jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标（编号 %d）不存在。", c.PlanID)
		} else if err != nil {
			return fmt.Errorf("find plan: %w", err)
		}
		if c.Version == 0 {
			c.Version = version
		}
		created := db.stamp()
		if err := tx.queryRow(ctx, `INSERT INTO comments (plan_id, subject, version, path, author, body, created) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			c.PlanID, c.Subject, c.Version, c.Path, c.Author, c.Body, db.t(created)).Scan(&c.ID); err != nil {
			return fmt.Errorf("insert comment: %w", err)
		}
		c.Created = created
		return nil
	})
}

// AnswerComment records the filler's answer and marks the comment answered; an
// earlier answer is kept in the comment's answers.
func (db *DB) AnswerComment(ctx context.Context, planID, id int64, by, answer string) error {
	_, err := db.AnswerCommentAt(ctx, planID, id, -1, by, answer)
	return err
}

// AnswerCommentAt records answer number seen+1 of the comment if it still has seen
// answers (any number when seen < 0). The check and the count are one UPDATE, and the
// answer is appended to comment_answers in the same transaction, so no answer is lost:
// a later one is shown instead of an earlier one, which stays in the history.
func (db *DB) AnswerCommentAt(ctx context.Context, planID, id int64, seen int, by, answer string) (int, error) {
	answer, err := jixiao.ValidateAnswer(answer)
	if err != nil {
		return 0, err
	}
	var n int
	err = db.write(ctx, func(tx tx) error {
		now := db.t(db.now())
		// An empty answer marks an unanswered comment answered; it never blanks one.
		err := tx.queryRow(ctx, `UPDATE comments SET answers = answers + 1, answered = ?, answered_by = ?, answered_at = ?, answer = ?
			WHERE id = ? AND plan_id = ? AND (? < 0 OR answers = ?) AND (? <> '' OR answers = 0) RETURNING answers`,
			true, by, now, answer, id, planID, seen, seen, answer).Scan(&n)
		if errors.Is(err, sql.ErrNoRows) {
			var cur int
			err := tx.queryRow(ctx, `SELECT answers FROM comments WHERE id = ? AND plan_id = ?`, id, planID).Scan(&cur)
			if errors.Is(err, sql.ErrNoRows) {
				return jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标（编号 %d）没有编号为 %d 的审核意见。", planID, id)
			} else if err != nil {
				return fmt.Errorf("find comment: %w", err)
			}
			if answer == "" {
				return jixiao.Errorf(jixiao.EINVALID, "审核意见（编号 %d）已有答复，新的答复不能为空。", id)
			}
			return jixiao.Errorf(jixiao.ECONFLICT, "审核意见（编号 %d）已被他人答复：您打开页面时它有 %d 条答复，现在已有 %d 条。请刷新页面查看后再答复。", id, seen, cur)
		} else if err != nil {
			return fmt.Errorf("answer comment: %w", err)
		}
		if _, err := tx.exec(ctx, `INSERT INTO comment_answers (comment_id, seq, author, body, created) VALUES (?, ?, ?, ?, ?)`,
			id, n, by, answer, now); err != nil {
			return fmt.Errorf("keep answer: %w", err)
		}
		return nil
	})
	return n, err
}

// CommentAnswers lists every answer given to a comment, oldest first.
func (db *DB) CommentAnswers(ctx context.Context, planID, id int64) ([]jixiao.CommentAnswer, error) {
	out := []jixiao.CommentAnswer{}
	err := db.read(ctx, func(tx tx) error {
		rows, err := tx.query(ctx, `SELECT a.seq, a.author, a.body, a.created FROM comment_answers a
			JOIN comments c ON c.id = a.comment_id WHERE c.id = ? AND c.plan_id = ? ORDER BY a.seq`, id, planID)
		if err != nil {
			return fmt.Errorf("list answers: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			a := jixiao.CommentAnswer{CommentID: id}
			if err := rows.Scan(&a.Seq, &a.Author, &a.Body, at(&a.Created)); err != nil {
				return fmt.Errorf("list answers: %w", err)
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// Comments lists the comments on a plan's own cells, oldest first.
func (db *DB) Comments(ctx context.Context, planID int64) ([]jixiao.Comment, error) {
	return db.SubjectComments(ctx, planID, "")
}

// SubjectComments lists a plan's comments on the cells of one subject, oldest first.
func (db *DB) SubjectComments(ctx context.Context, planID int64, subject string) ([]jixiao.Comment, error) {
	out := []jixiao.Comment{}
	err := db.read(ctx, func(tx tx) error {
		rows, err := tx.query(ctx, `SELECT id, version, path, author, body, created, answered, answered_by, answered_at, answer, answers
			FROM comments WHERE plan_id = ? AND subject = ? ORDER BY id`, planID, subject)
		if err != nil {
			return fmt.Errorf("list comments: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			c := jixiao.Comment{PlanID: planID, Subject: subject}
			if err := rows.Scan(&c.ID, &c.Version, &c.Path, &c.Author, &c.Body, at(&c.Created), &c.Answered, &c.AnsweredBy,
				at(&c.AnsweredAt), &c.Answer, &c.Answers); err != nil {
				return fmt.Errorf("list comments: %w", err)
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}
