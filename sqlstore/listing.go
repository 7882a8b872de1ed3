package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"strings"

	"jixiao"
)

// Plans lists the plans that match f and their total count without Limit/Offset.
func (db *DB) Plans(ctx context.Context, f jixiao.PlanFilter) ([]jixiao.PlanSummary, int, error) {
	var out []jixiao.PlanSummary
	var total int
	err := db.read(ctx, func(tx tx) (err error) {
		out, total, err = db.plans(ctx, tx, f)
		return err
	})
	return out, total, err
}

// planFrom and planOrder are the tables and the order of every plan listing: newest year
// first, then by department code.
const (
	planFrom  = ` FROM plans p JOIN departments d ON d.id = p.department_id`
	planOrder = ` ORDER BY p.year DESC, d.code, p.id`
)

// planWhere returns the WHERE clause (empty when f selects every plan) that selects the
// plans of f from planFrom, and its arguments. The department's subtree is looked up
// first: ENOTFOUND when it does not exist.
func (db *DB) planWhere(ctx context.Context, tx tx, f jixiao.PlanFilter) (string, []any, error) {
	var where []string
	var args []any
	if f.Year != 0 {
		where, args = append(where, "p.year = ?"), append(args, f.Year)
	}
	for _, root := range []struct {
		where string
		arg   any
		set   bool
	}{{"id = ?", f.DepartmentID, f.DepartmentID != 0}, {"code = ?", f.Department, f.Department != ""}} {
		if !root.set {
			continue
		}
		_, path, err := findDepartment(ctx, tx, root.where, root.arg)
		if err != nil {
			return "", nil, err
		}
		lo, hi := subtreeRange(path)
		where, args = append(where, "d.path >= ? AND d.path < ?"), append(args, lo, hi)
	}
	if f.Status != "" {
		where, args = append(where, "p.status = ?"), append(args, string(f.Status))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		cond, a := db.d.PlanSearch(q)
		where, args = append(where, cond), append(args, a...)
	}
	if len(where) == 0 {
		return "", args, nil
	}
	return " WHERE " + strings.Join(where, " AND "), args, nil
}

// planPage is the LIMIT and OFFSET clause of f and its arguments appended to args.
func (db *DB) planPage(f jixiao.PlanFilter, args []any) (string, []any) {
	limit := db.d.NoLimit()
	if f.Limit > 0 {
		limit = f.Limit
	}
	return ` LIMIT ? OFFSET ?`, append(args, limit, max(f.Offset, 0))
}

func (db *DB) plans(ctx context.Context, tx tx, f jixiao.PlanFilter) ([]jixiao.PlanSummary, int, error) {
	where, args, err := db.planWhere(ctx, tx, f)
	if err != nil {
		return nil, 0, err
	}
	total := -1
	if !f.SkipTotal {
		if err := tx.queryRow(ctx, `SELECT COUNT(*)`+planFrom+where, args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("count plans: %w", err)
		}
	}
	if f.After != nil {
		out, err := db.plansAfter(ctx, tx, f, where, args)
		return out, total, err
	}
	// The page is chosen first and the revisions are counted for its rows only: counting
	// for every matching plan before LIMIT cost seconds at 30,000 plans.
	q := `SELECT p.id, p.department_id, d.code, p.department, p.year, p.framework, p.status, p.version,
		p.updated, p.updated_by` + planFrom + where + planOrder
	if f.Limit > 0 || f.Offset > 0 {
		var page string
		page, args = db.planPage(f, args)
		q += page
	}
	out, err := db.summaries(ctx, tx, q, args)
	return out, total, err
}

// summaries runs q, a listing's page of plans (the columns of plans' inner query), and
// counts the revisions of its rows only.
func (db *DB) summaries(ctx context.Context, tx tx, q string, args []any) ([]jixiao.PlanSummary, error) {
	q = `SELECT s.id, s.department_id, s.code, s.department, s.year, s.framework, s.status, s.version,
		(SELECT COUNT(*) FROM revisions r WHERE r.plan_id = s.id), s.updated, s.updated_by
		FROM (` + q + `) s ORDER BY s.year DESC, s.code, s.id`
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list plans: %w", err)
	}
	defer rows.Close()
	out := []jixiao.PlanSummary{}
	for rows.Next() {
		var s jixiao.PlanSummary
		var status string
		if err := rows.Scan(&s.ID, &s.DepartmentID, &s.DepartmentCode, &s.Department, &s.Year, &s.Framework,
			&status, &s.Version, &s.Revisions, at(&s.Updated), &s.UpdatedBy); err != nil {
			return nil, fmt.Errorf("list plans: %w", err)
		}
		s.Status = jixiao.Status(status)
		out = append(out, s)
	}
	return out, rows.Err()
}

// EachPlanQuery returns the SQL (as written, with ? placeholders) and the arguments
// EachPlan runs for f, for tests that read its query plan.
func (db *DB) EachPlanQuery(ctx context.Context, f jixiao.PlanFilter) (q string, args []any, err error) {
	err = db.read(ctx, func(tx tx) error {
		var where, page string
		if where, args, err = db.planWhere(ctx, tx, f); err != nil {
			return err
		}
		page, args = db.planPage(f, args)
		q = db.q(db.d.EachPlanSQL(planFrom, where, planOrder, page))
		return nil
	})
	return q, args, err
}

// EachPlan calls fn with the current version of every plan that matches f, in the
// listing's order, as Plan returns it. One query streams them, and the documents are
// decoded on every core as they are read (jixiao.StreamPlans): memory holds a few plans
// per core, whatever their number.
func (db *DB) EachPlan(ctx context.Context, f jixiao.PlanFilter, fn func(*jixiao.Plan) error) (int, error) {
	return jixiao.StreamPlans(ctx, func(ctx context.Context, send func(id int64, code string, doc []byte) error) error {
		// Stopping early cancels the query rather than reading and discarding the rest
		// of its rows.
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		return db.read(ctx, func(tx tx) error {
			where, args, err := db.planWhere(ctx, tx, f)
			if err != nil {
				return err
			}
			page, args := db.planPage(f, args)
			rows, err := tx.query(ctx, db.d.EachPlanSQL(planFrom, where, planOrder, page), args...)
			if err != nil {
				return fmt.Errorf("read plans: %w", err)
			}
			defer rows.Close()
			defer cancel() // runs before rows.Close
			for rows.Next() {
				var id int64
				var code string
				var doc sql.RawBytes // valid until Next: copied for the decoders
				if err := rows.Scan(&id, &doc, &code); err != nil {
					return fmt.Errorf("read plans: %w", err)
				}
				if doc == nil {
					return fmt.Errorf("read plan %d: no current revision", id)
				}
				if err := send(id, code, bytes.Clone(doc)); err != nil {
					return err
				}
			}
			return rows.Err()
		})
	}, fn)
}
