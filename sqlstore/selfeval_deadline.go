package sqlstore

import (
	"context"
	"fmt"

	"jixiao"
)

// SetSelfEvalDeadline stores or replaces a region's self-evaluation deadline for a year,
// in one statement.
func (db *DB) SetSelfEvalDeadline(ctx context.Context, d *jixiao.Deadline) error {
	if err := d.Validate(); err != nil {
		return err
	}
	d.Due = normTime(d.Due)
	return db.write(ctx, func(tx tx) error {
		if _, _, err := findDepartment(ctx, tx, "id = ?", d.RegionID); err != nil {
			return err
		}
		d.Set = db.stamp()
		_, err := tx.exec(ctx, `INSERT INTO selfeval_deadlines (region_id, year, due, set_by, set_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (region_id, year) DO UPDATE SET due = excluded.due, set_by = excluded.set_by, set_at = excluded.set_at`,
			d.RegionID, d.Year, db.t(d.Due), d.SetBy, db.t(d.Set))
		if err != nil {
			return fmt.Errorf("set self-evaluation deadline: %w", err)
		}
		return nil
	})
}

// SelfEvalDeadlineFor returns the self-evaluation deadline of the nearest region at or
// above the department.
func (db *DB) SelfEvalDeadlineFor(ctx context.Context, departmentID int64, year int) (*jixiao.Deadline, error) {
	var out []jixiao.Deadline
	err := db.read(ctx, func(tx tx) (err error) {
		out, err = scanDeadlines(tx.query(ctx, `SELECT dl.region_id, dl.year, dl.due, dl.set_by, dl.set_at
			FROM selfeval_deadlines dl JOIN departments r ON r.id = dl.region_id JOIN departments d ON d.id = ?
			WHERE dl.year = ? AND substr(d.path, 1, length(r.path)) = r.path
			ORDER BY length(r.path) DESC LIMIT 1`, departmentID, year))
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "%d 年度没有设定绩效自评报送截止时间。", year)
	}
	return &out[0], nil
}
