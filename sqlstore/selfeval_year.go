package sqlstore

import (
	"context"
	"fmt"

	"jixiao"
)

// SelfEvaluationsOfYear lists the records of a year, of a department's subtree or of
// every department, by department code and table.
func (db *DB) SelfEvaluationsOfYear(ctx context.Context, year int, departmentID int64) ([]*jixiao.SelfEvalRecord, error) {
	out := []*jixiao.SelfEvalRecord{}
	err := db.read(ctx, func(tx tx) error {
		where, args := `s.year = ?`, []any{year}
		if departmentID != 0 {
			_, path, err := findDepartment(ctx, tx, "id = ?", departmentID)
			if err != nil {
				return err
			}
			lo, hi := subtreeRange(path)
			where, args = where+` AND d.path >= ? AND d.path < ?`, append(args, lo, hi)
		}
		rows, err := tx.query(ctx, `SELECT `+selfEvalColumns+` JOIN departments d ON d.id = s.department_id
			WHERE `+where+` ORDER BY d.code, s.tbl, s.id`, args...)
		if err != nil {
			return fmt.Errorf("list self-evaluations of %d: %w", year, err)
		}
		defer rows.Close()
		for rows.Next() {
			rec, err := scanRecord(rows)
			if err != nil {
				return fmt.Errorf("list self-evaluations of %d: %w", year, err)
			}
			out = append(out, rec)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
