package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"jixiao"
)

var _ jixiao.ReviewStore = (*DB)(nil)

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
// and in state rec.From, and records the step; all in one write transaction.
func (db *DB) Transition(ctx context.Context, rec *jixiao.TransitionRecord, explanations []jixiao.Explanation) (int, error) {
	var result int
	var created time.Time
	err := db.write(ctx, func(tx *sql.Tx) error {
		var version int
		var status string
		err := tx.QueryRowContext(ctx, `SELECT version, status FROM plans WHERE id = ?`, rec.PlanID).Scan(&version, &status)
		if errors.Is(err, sql.ErrNoRows) {
			return jixiao.Errorf(jixiao.ENOTFOUND, "计划（编号 %d）不存在", rec.PlanID)
		} else if err != nil {
			return fmt.Errorf("find plan: %w", err)
		}
		if version != rec.Version {
			return jixiao.Errorf(jixiao.ECONFLICT, "计划已被他人处理或修改：您看到的是第 %d 版，当前已是第 %d 版。请重新打开计划后再“%s”", rec.Version, version, rec.Action.Label())
		}
		if !sameStatus(jixiao.Status(status), rec.From) {
			return jixiao.Errorf(jixiao.ECONFLICT, "计划当前状态为“%s”，不是“%s”，不能“%s”。请重新打开计划", jixiao.Status(status).Label(), rec.From.Label(), rec.Action.Label())
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
		if err := db.updatePlan(ctx, tx, p, jixiao.SaveInfo{Author: rec.Actor, Reason: reason}, true); err != nil {
			return err
		}
		result, created = p.Version, db.stamp()
		now := fmtTime(created)
		if _, err := tx.ExecContext(ctx, `INSERT INTO transitions (plan_id, version, result, action, from_status, to_status, actor, reason, created)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, rec.PlanID, rec.Version, result, string(rec.Action), string(rec.From), string(rec.To),
			rec.Actor, rec.Reason, now); err != nil {
			return fmt.Errorf("insert transition: %w", err)
		}
		switch rec.To {
		case jixiao.Approved:
			_, err = tx.ExecContext(ctx, `UPDATE plans SET approved_version = ? WHERE id = ?`, result, rec.PlanID)
		case jixiao.Published:
			_, err = tx.ExecContext(ctx, `UPDATE plans SET approved_version = ?, published_version = ?, published = ? WHERE id = ?`,
				result, result, now, rec.PlanID)
		}
		if err != nil {
			return fmt.Errorf("record approved version: %w", err)
		}
		for _, e := range explanations {
			if _, err := tx.ExecContext(ctx, `INSERT INTO explanations (plan_id, version, rule, path, text) VALUES (?, ?, ?, ?, ?)
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
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = transitions(ctx, tx, `plan_id = ? ORDER BY id`, planID)
		return err
	})
	return out, err
}

func transitions(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]jixiao.TransitionRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, plan_id, version, result, action, from_status, to_status, actor, reason, created
		FROM transitions WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list transitions: %w", err)
	}
	defer rows.Close()
	out := []jixiao.TransitionRecord{}
	for rows.Next() {
		var r jixiao.TransitionRecord
		var action, from, to, created string
		if err := rows.Scan(&r.ID, &r.PlanID, &r.Version, &r.Result, &action, &from, &to, &r.Actor, &r.Reason, &created); err != nil {
			return nil, err
		}
		r.Action, r.From, r.To = jixiao.Action(action), jixiao.Status(from), jixiao.Status(to)
		if r.Created, err = parseTime(created); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReviewState returns the approved and published versions and the last step of a plan.
func (db *DB) ReviewState(ctx context.Context, planID int64) (*jixiao.ReviewState, error) {
	var st jixiao.ReviewState
	err := db.read(ctx, func(tx *sql.Tx) error {
		var approved, published sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT approved_version, published_version FROM plans WHERE id = ?`, planID).Scan(&approved, &published)
		if errors.Is(err, sql.ErrNoRows) {
			return jixiao.Errorf(jixiao.ENOTFOUND, "计划（编号 %d）不存在", planID)
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
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT rule, path, text FROM explanations WHERE plan_id = ? AND version = ? ORDER BY path, rule`, planID, version)
		if err != nil {
			return fmt.Errorf("list explanations: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			e := jixiao.Explanation{PlanID: planID, Version: version}
			if err := rows.Scan(&e.Rule, &e.Path, &e.Text); err != nil {
				return err
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
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT p.id, d.code, d.name, p.year, p.published_version, p.published
			FROM plans p JOIN departments d ON d.id = p.department_id
			WHERE p.published_version IS NOT NULL AND (? = 0 OR p.year = ?) ORDER BY p.year DESC, d.code`, year, year)
		if err != nil {
			return fmt.Errorf("list published plans: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var pp jixiao.PublishedPlan
			var published string
			if err := rows.Scan(&pp.PlanID, &pp.DepartmentCode, &pp.Department, &pp.Year, &pp.Version, &published); err != nil {
				return err
			}
			if pp.Published, err = parseTime(published); err != nil {
				return err
			}
			out = append(out, pp)
		}
		return rows.Err()
	})
	return out, err
}

// AddComment stores a reviewer's comment on a cell.
func (db *DB) AddComment(ctx context.Context, c *jixiao.Comment) error {
	if err := checkComment(c); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		var version int
		err := tx.QueryRowContext(ctx, `SELECT version FROM plans WHERE id = ?`, c.PlanID).Scan(&version)
		if errors.Is(err, sql.ErrNoRows) {
			return jixiao.Errorf(jixiao.ENOTFOUND, "计划（编号 %d）不存在", c.PlanID)
		} else if err != nil {
			return fmt.Errorf("find plan: %w", err)
		}
		if c.Version == 0 {
			c.Version = version
		}
		created := db.stamp()
		res, err := tx.ExecContext(ctx, `INSERT INTO comments (plan_id, version, path, author, body, created) VALUES (?, ?, ?, ?, ?, ?)`,
			c.PlanID, c.Version, c.Path, c.Author, c.Body, fmtTime(created))
		if err != nil {
			return fmt.Errorf("insert comment: %w", err)
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		c.Created = created
		return nil
	})
}

// checkComment refuses a comment without a cell or a text.
func checkComment(c *jixiao.Comment) error {
	c.Path, c.Body = strings.TrimSpace(c.Path), strings.TrimSpace(c.Body)
	if c.Path == "" {
		return jixiao.Errorf(jixiao.EINVALID, "审核意见必须指明针对的单元格或行")
	}
	if c.Body == "" {
		return jixiao.Errorf(jixiao.EINVALID, "审核意见的内容不能为空")
	}
	if len([]rune(c.Body)) > 2000 {
		return jixiao.Errorf(jixiao.ETOOLARGE, "审核意见不能超过 2000 字")
	}
	return nil
}

// AnswerComment records the filler's answer and marks the comment answered.
func (db *DB) AnswerComment(ctx context.Context, planID, id int64, by, answer string) error {
	answer = strings.TrimSpace(answer)
	if len([]rune(answer)) > 2000 {
		return jixiao.Errorf(jixiao.ETOOLARGE, "答复不能超过 2000 字")
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE comments SET answered = 1, answered_by = ?, answered_at = ?, answer = ? WHERE id = ? AND plan_id = ?`,
			by, fmtTime(db.stamp()), answer, id, planID)
		if err != nil {
			return fmt.Errorf("answer comment: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return jixiao.Errorf(jixiao.ENOTFOUND, "计划（编号 %d）没有编号为 %d 的审核意见", planID, id)
		}
		return nil
	})
}

// Comments lists a plan's comments, oldest first.
func (db *DB) Comments(ctx context.Context, planID int64) ([]jixiao.Comment, error) {
	out := []jixiao.Comment{}
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, version, path, author, body, created, answered, answered_by, answered_at, answer
			FROM comments WHERE plan_id = ? ORDER BY id`, planID)
		if err != nil {
			return fmt.Errorf("list comments: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			c := jixiao.Comment{PlanID: planID}
			var created, answeredAt string
			if err := rows.Scan(&c.ID, &c.Version, &c.Path, &c.Author, &c.Body, &created, &c.Answered, &c.AnsweredBy, &answeredAt, &c.Answer); err != nil {
				return err
			}
			if c.Created, err = parseTime(created); err != nil {
				return err
			}
			if c.AnsweredAt, err = parseTime(answeredAt); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// SetDeadline stores or replaces a region's deadline for a year.
func (db *DB) SetDeadline(ctx context.Context, d *jixiao.Deadline) error {
	if d.Due.IsZero() {
		return jixiao.Errorf(jixiao.EINVALID, "截止时间不能为空")
	}
	d.Due = normTime(d.Due)
	return db.write(ctx, func(tx *sql.Tx) error {
		if _, _, err := findDepartment(ctx, tx, "id = ?", d.RegionID); err != nil {
			return err
		}
		d.Set = db.stamp()
		_, err := tx.ExecContext(ctx, `INSERT INTO deadlines (region_id, year, due, set_by, set_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (region_id, year) DO UPDATE SET due = excluded.due, set_by = excluded.set_by, set_at = excluded.set_at`,
			d.RegionID, d.Year, fmtTime(d.Due), d.SetBy, fmtTime(d.Set))
		if err != nil {
			return fmt.Errorf("set deadline: %w", err)
		}
		return nil
	})
}

func scanDeadlines(rows *sql.Rows) ([]jixiao.Deadline, error) {
	defer rows.Close()
	out := []jixiao.Deadline{}
	for rows.Next() {
		var d jixiao.Deadline
		var due, set string
		if err := rows.Scan(&d.RegionID, &d.Year, &due, &d.SetBy, &set); err != nil {
			return nil, err
		}
		var err error
		if d.Due, err = parseTime(due); err != nil {
			return nil, err
		}
		if d.Set, err = parseTime(set); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Deadlines lists a region's deadlines, newest year first.
func (db *DB) Deadlines(ctx context.Context, regionID int64) ([]jixiao.Deadline, error) {
	var out []jixiao.Deadline
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT region_id, year, due, set_by, set_at FROM deadlines WHERE region_id = ? ORDER BY year DESC`, regionID)
		if err != nil {
			return fmt.Errorf("list deadlines: %w", err)
		}
		out, err = scanDeadlines(rows)
		return err
	})
	return out, err
}

// DeadlineFor returns the deadline of the nearest region at or above the department.
func (db *DB) DeadlineFor(ctx context.Context, departmentID int64, year int) (*jixiao.Deadline, error) {
	var out []jixiao.Deadline
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT dl.region_id, dl.year, dl.due, dl.set_by, dl.set_at
			FROM deadlines dl JOIN departments r ON r.id = dl.region_id JOIN departments d ON d.id = ?
			WHERE dl.year = ? AND substr(d.path, 1, length(r.path)) = r.path
			ORDER BY length(r.path) DESC LIMIT 1`, departmentID, year)
		if err != nil {
			return fmt.Errorf("find deadline: %w", err)
		}
		out, err = scanDeadlines(rows)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "%d 年度没有设定报送截止时间", year)
	}
	return &out[0], nil
}

// GrantException stores or replaces a department's exception for a year.
func (db *DB) GrantException(ctx context.Context, e *jixiao.DeadlineException) error {
	e.Reason = strings.TrimSpace(e.Reason)
	if e.Until.IsZero() {
		return jixiao.Errorf(jixiao.EINVALID, "延期的截止时间不能为空")
	}
	if len([]rune(e.Reason)) < 2 {
		return jixiao.Errorf(jixiao.EINVALID, "准予延期必须写明理由")
	}
	e.Until = normTime(e.Until)
	return db.write(ctx, func(tx *sql.Tx) error {
		if _, _, err := findDepartment(ctx, tx, "id = ?", e.DepartmentID); err != nil {
			return err
		}
		e.Granted = db.stamp()
		_, err := tx.ExecContext(ctx, `INSERT INTO deadline_exceptions (department_id, year, until, granted_by, reason, granted)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (department_id, year) DO UPDATE SET until = excluded.until,
			granted_by = excluded.granted_by, reason = excluded.reason, granted = excluded.granted`,
			e.DepartmentID, e.Year, fmtTime(e.Until), e.GrantedBy, e.Reason, fmtTime(e.Granted))
		if err != nil {
			return fmt.Errorf("grant exception: %w", err)
		}
		return nil
	})
}

func scanExceptions(rows *sql.Rows) ([]jixiao.DeadlineException, error) {
	defer rows.Close()
	out := []jixiao.DeadlineException{}
	for rows.Next() {
		var e jixiao.DeadlineException
		var until, granted string
		if err := rows.Scan(&e.DepartmentID, &e.Year, &until, &e.GrantedBy, &e.Reason, &granted); err != nil {
			return nil, err
		}
		var err error
		if e.Until, err = parseTime(until); err != nil {
			return nil, err
		}
		if e.Granted, err = parseTime(granted); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Exceptions lists the exceptions of year in the subtree under regionID.
func (db *DB) Exceptions(ctx context.Context, regionID int64, year int) ([]jixiao.DeadlineException, error) {
	var out []jixiao.DeadlineException
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT e.department_id, e.year, e.until, e.granted_by, e.reason, e.granted
			FROM deadline_exceptions e JOIN departments d ON d.id = e.department_id JOIN departments r ON r.id = ?
			WHERE e.year = ? AND substr(d.path, 1, length(r.path)) = r.path ORDER BY d.code`, regionID, year)
		if err != nil {
			return fmt.Errorf("list exceptions: %w", err)
		}
		out, err = scanExceptions(rows)
		return err
	})
	return out, err
}

// ExceptionFor returns the exception of the department or its nearest ancestor.
func (db *DB) ExceptionFor(ctx context.Context, departmentID int64, year int) (*jixiao.DeadlineException, error) {
	var out []jixiao.DeadlineException
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT e.department_id, e.year, e.until, e.granted_by, e.reason, e.granted
			FROM deadline_exceptions e JOIN departments a ON a.id = e.department_id JOIN departments d ON d.id = ?
			WHERE e.year = ? AND substr(d.path, 1, length(a.path)) = a.path ORDER BY length(a.path) DESC LIMIT 1`, departmentID, year)
		if err != nil {
			return fmt.Errorf("find exception: %w", err)
		}
		out, err = scanExceptions(rows)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "单位（编号 %d）没有 %d 年度的延期", departmentID, year)
	}
	return &out[0], nil
}
