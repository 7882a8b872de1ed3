package sqlstore

import (
	"context"
	"fmt"

	"jixiao"
)

// PlanStates reads the year's plans of the subtree: one index-driven query on plans and
// departments, no revision, no count per plan (the listing's), so a province's 30,000
// plans come back in a few milliseconds.
func (db *DB) PlanStates(ctx context.Context, regionID int64, year int) ([]jixiao.PlanState, error) {
	out := []jixiao.PlanState{}
	err := db.read(ctx, func(tx tx) error {
		_, path, err := findDepartment(ctx, tx, "id = ?", regionID)
		if err != nil {
			return err
		}
		lo, hi := subtreeRange(path)
		rows, err := tx.query(ctx, `SELECT p.id, p.department_id, p.status, p.version, p.updated, p.updated_by`+planFrom+
			` WHERE p.year = ? AND d.path >= ? AND d.path < ?`, year, lo, hi)
		if err != nil {
			return fmt.Errorf("plan states: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var s jixiao.PlanState
			var status string
			if err := rows.Scan(&s.ID, &s.DepartmentID, &status, &s.Version, at(&s.Updated), &s.UpdatedBy); err != nil {
				return fmt.Errorf("plan states: %w", err)
			}
			s.Status = jixiao.Status(status)
			out = append(out, s)
		}
		return rows.Err()
	})
	return out, err
}
