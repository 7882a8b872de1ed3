package sqlstore

import (
	"context"
	"fmt"
)

// PlanYears lists the years that have plans in the subtree under regionID, latest first.
func (db *DB) PlanYears(ctx context.Context, regionID int64) ([]int, error) {
	out := []int{}
	err := db.read(ctx, func(tx tx) error {
		_, path, err := findDepartment(ctx, tx, "id = ?", regionID)
		if err != nil {
			return err
		}
		lo, hi := subtreeRange(path)
		rows, err := tx.query(ctx, `SELECT DISTINCT p.year`+planFrom+
			` WHERE d.path >= ? AND d.path < ? ORDER BY p.year DESC`, lo, hi)
		if err != nil {
			return fmt.Errorf("plan years: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var y int
			if err := rows.Scan(&y); err != nil {
				return fmt.Errorf("plan years: %w", err)
			}
			out = append(out, y)
		}
		return rows.Err()
	})
	return out, err
}
