package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"jixiao"
)

// The dashboard's questions about one node of the tree, read from plan_tallies (kept by
// the triggers of the migration that made it): the node's counts are a few rows of its
// own, its children's a few rows each, so a province's root with 10,000 children reads
// the 200 it shows, not its 30,000 units.

// NodeTally answers the dashboard's counts for one node.
func (db *DB) NodeTally(ctx context.Context, nodeID int64, year int, page jixiao.ChildPage) (*jixiao.NodeTally, error) {
	var out *jixiao.NodeTally
	err := db.read(ctx, func(tx tx) error {
		node, path, err := findDepartment(ctx, tx, "id = ?", nodeID)
		if err != nil {
			return err
		}
		t := &jixiao.NodeTally{Node: *node, Children: []jixiao.NodeChild{}}
		if t.Ancestors, err = ancestors(ctx, tx, path, nodeID); err != nil {
			return err
		}
		// The node's own state: its plan, or filed for by its parent, or not started.
		var own sql.NullInt64
		var status sql.NullString
		err = tx.queryRow(ctx, `SELECT id, status FROM plans WHERE department_id = ? AND year = ?`, nodeID, year).Scan(&own, &status)
		if err != nil && err != sql.ErrNoRows {
			return fmt.Errorf("node tally: own plan: %w", err)
		}
		t.PlanID = own.Int64
		if node.Kind != jixiao.KindBureau {
			c := jixiao.StateCount{Status: jixiao.Status(status.String), N: 1}
			if c.Status == "" && own.Valid {
				c.Status = jixiao.Draft
			}
			if !own.Valid && node.Kind == jixiao.KindUnit && node.ParentID != 0 {
				var n int
				if err := tx.queryRow(ctx, `SELECT count(*) FROM plans WHERE department_id = ? AND year = ?`, node.ParentID, year).Scan(&n); err != nil {
					return fmt.Errorf("node tally: parent plan: %w", err)
				}
				c.ByParent = n > 0
			}
			t.Self = []jixiao.StateCount{c}
		}
		counts, err := tallies(ctx, tx, `department_id = ?`, year, nodeID)
		if err != nil {
			return err
		}
		t.Total = stateCounts(counts[nodeID])
		// The page of children (along the departments' (parent_id, code) index), then
		// their counts.
		t.ChildCount = counts[nodeID]["child"]
		order, args := ` ORDER BY c.code`+db.d.Bytewise(), []any{year, nodeID}
		if page.Desc {
			order += ` DESC`
		}
		if page.Limit > 0 {
			order += ` LIMIT ?`
			args = append(args, page.Limit)
		}
		rows, err := tx.query(ctx, `SELECT c.id, c.code, c.name, c.kind, p.id,
			EXISTS (SELECT 1 FROM departments g WHERE g.parent_id = c.id)
			FROM departments c LEFT JOIN plans p ON p.department_id = c.id AND p.year = ?
			WHERE c.parent_id = ?`+order, args...)
		if err != nil {
			return fmt.Errorf("node tally: children: %w", err)
		}
		var ids []any
		for rows.Next() {
			var c jixiao.NodeChild
			var kind string
			var plan sql.NullInt64
			var inner bool
			if err := rows.Scan(&c.Department.ID, &c.Department.Code, &c.Department.Name, &kind, &plan, &inner); err != nil {
				rows.Close()
				return fmt.Errorf("node tally: children: %w", err)
			}
			c.Department.ParentID, c.Department.Kind, c.PlanID, c.Leaf = nodeID, jixiao.DepartmentKind(kind), plan.Int64, !inner
			t.Children = append(t.Children, c)
			ids = append(ids, c.Department.ID)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("node tally: children: %w", err)
		}
		if page.Limit == 0 || len(ids) > 500 {
			counts, err = tallies(ctx, tx, `department_id IN (SELECT id FROM departments WHERE parent_id = ?)`, year, nodeID)
		} else if len(ids) > 0 {
			counts, err = tallies(ctx, tx, `department_id IN (?`+strings.Repeat(`, ?`, len(ids)-1)+`)`, year, ids...)
		}
		if err != nil {
			return err
		}
		for i := range t.Children {
			t.Children[i].Counts = stateCounts(counts[t.Children[i].Department.ID])
		}
		out = t
		return nil
	})
	return out, err
}

// tallies reads the plan_tallies rows of year (and the year-less unit counts) of the
// departments where says, by department and status.
func tallies(ctx context.Context, tx tx, where string, year int, args ...any) (map[int64]map[string]int, error) {
	rows, err := tx.query(ctx, `SELECT department_id, status, n FROM plan_tallies
		WHERE year IN (0, ?) AND n <> 0 AND `+where, append([]any{year}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read plan tallies: %w", err)
	}
	defer rows.Close()
	out := map[int64]map[string]int{}
	for rows.Next() {
		var id int64
		var status string
		var n int
		if err := rows.Scan(&id, &status, &n); err != nil {
			return nil, fmt.Errorf("read plan tallies: %w", err)
		}
		if out[id] == nil {
			out[id] = map[string]int{}
		}
		out[id][status] = n
	}
	return out, rows.Err()
}

// stateCounts turns a department's tallies into counts by state: the plans by status,
// the units filed for by their parent, and the rest not started.
func stateCounts(t map[string]int) []jixiao.StateCount {
	out := []jixiao.StateCount{}
	rest := t["unit"]
	for _, st := range []jixiao.Status{jixiao.Draft, jixiao.Submitted, jixiao.UnitApproved, jixiao.Returned, jixiao.Approved, jixiao.Published} {
		if n := t[string(st)]; n != 0 {
			out = append(out, jixiao.StateCount{Status: st, N: n})
			rest -= n
		}
	}
	if n := t["by_parent"]; n != 0 {
		out = append(out, jixiao.StateCount{ByParent: true, N: n})
		rest -= n
	}
	if rest != 0 {
		out = append(out, jixiao.StateCount{N: rest})
	}
	return out
}

// ancestors reads the departments above the one at path (its ids, root first).
func ancestors(ctx context.Context, tx tx, path string, self int64) ([]jixiao.Department, error) {
	ids, err := pathIDs(path)
	if err != nil {
		return nil, err
	}
	out := []jixiao.Department{}
	for _, id := range ids {
		if id == self {
			continue
		}
		d, _, err := findDepartment(ctx, tx, "id = ?", id)
		if err != nil {
			return nil, err
		}
		out = append(out, *d)
	}
	return out, nil
}

// LateUnits lists the subtree's late units: the year's deadlines and exceptions are few
// (one per bureau, one per extension), so each unit's is found by walking its path in
// memory; while no deadline of the year has passed, no unit is read at all.
func (db *DB) LateUnits(ctx context.Context, nodeID int64, year int, now time.Time) ([]jixiao.LateUnit, error) {
	out := []jixiao.LateUnit{}
	err := db.read(ctx, func(tx tx) error {
		_, path, err := findDepartment(ctx, tx, "id = ?", nodeID)
		if err != nil {
			return err
		}
		dues := map[int64]time.Time{}
		passed := false
		rows, err := tx.query(ctx, `SELECT region_id, due FROM deadlines WHERE stage = ? AND year = ?`, jixiao.StageTargets, year)
		if err != nil {
			return fmt.Errorf("late units: deadlines: %w", err)
		}
		for rows.Next() {
			var id int64
			var due time.Time
			if err := rows.Scan(&id, at(&due)); err != nil {
				rows.Close()
				return fmt.Errorf("late units: deadlines: %w", err)
			}
			dues[id] = due
			passed = passed || now.After(due)
		}
		rows.Close()
		if !passed {
			return nil // exceptions only stretch a deadline
		}
		until := map[int64]time.Time{}
		rows, err = tx.query(ctx, `SELECT department_id, until FROM deadline_exceptions WHERE stage = ? AND year = ?`, jixiao.StageTargets, year)
		if err != nil {
			return fmt.Errorf("late units: exceptions: %w", err)
		}
		for rows.Next() {
			var id int64
			var u time.Time
			if err := rows.Scan(&id, at(&u)); err != nil {
				rows.Close()
				return fmt.Errorf("late units: exceptions: %w", err)
			}
			until[id] = u
		}
		rows.Close()
		lo, hi := subtreeRange(path)
		rows, err = tx.query(ctx, `SELECT d.id, d.code, d.name, d.parent_id, d.kind, d.path, p.id, p.status
			FROM departments d
			LEFT JOIN plans p ON p.department_id = d.id AND p.year = ?
			WHERE d.path >= ? AND d.path < ? AND d.kind <> 'bureau'
			AND (p.id IS NULL OR p.status IN ('draft', 'returned', ''))
			AND NOT (p.id IS NULL AND d.kind = 'unit'
				AND EXISTS (SELECT 1 FROM plans pp WHERE pp.department_id = d.parent_id AND pp.year = ?))
			ORDER BY d.code`+db.d.Bytewise(), year, lo, hi, year)
		if err != nil {
			return fmt.Errorf("late units: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var u jixiao.LateUnit
			var parent, plan sql.NullInt64
			var kind, p string
			var status sql.NullString
			if err := rows.Scan(&u.Department.ID, &u.Department.Code, &u.Department.Name, &parent, &kind, &p, &plan, &status); err != nil {
				return fmt.Errorf("late units: %w", err)
			}
			u.Department.ParentID, u.Department.Kind = parent.Int64, jixiao.DepartmentKind(kind)
			u.PlanID, u.Status = plan.Int64, jixiao.Status(status.String)
			if u.Path, err = pathIDs(p); err != nil {
				return err
			}
			// The nearest deadline at or above the unit, stretched by the nearest exception.
			var ex time.Time
			for i := len(u.Path) - 1; i >= 0; i-- {
				if t, ok := until[u.Path[i]]; ok && ex.IsZero() {
					ex = t
				}
				if t, ok := dues[u.Path[i]]; ok && u.Due.IsZero() {
					u.Due = t
				}
			}
			if !u.Due.IsZero() && ex.After(u.Due) {
				u.Due, u.Extended = ex, true
			}
			if !u.Due.IsZero() && now.After(u.Due) {
				out = append(out, u)
			}
		}
		return rows.Err()
	})
	return out, err
}

// SelfEvalTally counts the subtree's self-evaluations from their stored grade and score
// (written with every revision): one aggregate query along the path index.
func (db *DB) SelfEvalTally(ctx context.Context, nodeID int64, year int) ([]jixiao.SelfEvalCount, error) {
	out := []jixiao.SelfEvalCount{}
	err := db.read(ctx, func(tx tx) error {
		_, path, err := findDepartment(ctx, tx, "id = ?", nodeID)
		if err != nil {
			return err
		}
		lo, hi := subtreeRange(path)
		rows, err := tx.query(ctx, `SELECT s.status, s.grade, CASE WHEN s.score IS NULL THEN -1 ELSE s.score / 10000000 END, count(*)
			FROM self_evaluations s JOIN departments d ON d.id = s.department_id
			WHERE s.year = ? AND d.path >= ? AND d.path < ?
			GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, year, lo, hi)
		if err != nil {
			return fmt.Errorf("self-evaluation tally: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var c jixiao.SelfEvalCount
			var status string
			if err := rows.Scan(&status, &c.Grade, &c.Band, &c.N); err != nil {
				return fmt.Errorf("self-evaluation tally: %w", err)
			}
			c.Status = jixiao.Status(status)
			c.Band = min(c.Band, 10)
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}
