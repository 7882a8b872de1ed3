package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"jixiao"
)

// SetDeadline stores or replaces a region's deadline for a year, in one statement.
func (db *DB) SetDeadline(ctx context.Context, d *jixiao.Deadline) error {
	if err := d.Validate(); err != nil {
		return err
	}
	d.Due = normTime(d.Due)
	return db.write(ctx, func(tx tx) error {
		if _, _, err := findDepartment(ctx, tx, "id = ?", d.RegionID); err != nil {
			return err
		}
		d.Set = db.stamp()
		_, err := tx.exec(ctx, `INSERT INTO deadlines (region_id, year, due, set_by, set_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (region_id, year) DO UPDATE SET due = excluded.due, set_by = excluded.set_by, set_at = excluded.set_at`,
			d.RegionID, d.Year, db.t(d.Due), d.SetBy, db.t(d.Set))
		if err != nil {
			return fmt.Errorf("set deadline: %w", err)
		}
		return nil
	})
}

func scanDeadlines(rows *sql.Rows, err error) ([]jixiao.Deadline, error) {
	if err != nil {
		return nil, fmt.Errorf("list deadlines: %w", err)
	}
	defer rows.Close()
	out := []jixiao.Deadline{}
	for rows.Next() {
		var d jixiao.Deadline
		if err := rows.Scan(&d.RegionID, &d.Year, at(&d.Due), &d.SetBy, at(&d.Set)); err != nil {
			return nil, fmt.Errorf("list deadlines: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Deadlines lists a region's deadlines, newest year first.
func (db *DB) Deadlines(ctx context.Context, regionID int64) ([]jixiao.Deadline, error) {
	var out []jixiao.Deadline
	err := db.read(ctx, func(tx tx) (err error) {
		out, err = scanDeadlines(tx.query(ctx, `SELECT region_id, year, due, set_by, set_at FROM deadlines WHERE region_id = ? ORDER BY year DESC`, regionID))
		return err
	})
	return out, err
}

// DeadlineFor returns the deadline of the nearest region at or above the department.
func (db *DB) DeadlineFor(ctx context.Context, departmentID int64, year int) (*jixiao.Deadline, error) {
	var out []jixiao.Deadline
	err := db.read(ctx, func(tx tx) (err error) {
		out, err = scanDeadlines(tx.query(ctx, `SELECT dl.region_id, dl.year, dl.due, dl.set_by, dl.set_at
			FROM deadlines dl JOIN departments r ON r.id = dl.region_id JOIN departments d ON d.id = ?
			WHERE dl.year = ? AND substr(d.path, 1, length(r.path)) = r.path
			ORDER BY length(r.path) DESC LIMIT 1`, departmentID, year))
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "%d 年度没有设定报送截止时间。", year)
	}
	return &out[0], nil
}

// GrantException stores or replaces a department's exception for a year, in one
// statement.
func (db *DB) GrantException(ctx context.Context, e *jixiao.DeadlineException) error {
	if err := e.Validate(); err != nil {
		return err
	}
	e.Until = normTime(e.Until)
	return db.write(ctx, func(tx tx) error {
		if _, _, err := findDepartment(ctx, tx, "id = ?", e.DepartmentID); err != nil {
			return err
		}
		e.Granted = db.stamp()
		_, err := tx.exec(ctx, `INSERT INTO deadline_exceptions (department_id, year, until, granted_by, reason, granted)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (department_id, year) DO UPDATE SET until = excluded.until,
			granted_by = excluded.granted_by, reason = excluded.reason, granted = excluded.granted`,
			e.DepartmentID, e.Year, db.t(e.Until), e.GrantedBy, e.Reason, db.t(e.Granted))
		if err != nil {
			return fmt.Errorf("grant exception: %w", err)
		}
		return nil
	})
}

func scanExceptions(rows *sql.Rows, err error) ([]jixiao.DeadlineException, error) {
	if err != nil {
		return nil, fmt.Errorf("list exceptions: %w", err)
	}
	defer rows.Close()
	out := []jixiao.DeadlineException{}
	for rows.Next() {
		var e jixiao.DeadlineException
		if err := rows.Scan(&e.DepartmentID, &e.Year, at(&e.Until), &e.GrantedBy, &e.Reason, at(&e.Granted)); err != nil {
			return nil, fmt.Errorf("list exceptions: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Exceptions lists the exceptions of year in the subtree under regionID.
func (db *DB) Exceptions(ctx context.Context, regionID int64, year int) ([]jixiao.DeadlineException, error) {
	var out []jixiao.DeadlineException
	err := db.read(ctx, func(tx tx) (err error) {
		out, err = scanExceptions(tx.query(ctx, `SELECT e.department_id, e.year, e.until, e.granted_by, e.reason, e.granted
			FROM deadline_exceptions e JOIN departments d ON d.id = e.department_id JOIN departments r ON r.id = ?
			WHERE e.year = ? AND substr(d.path, 1, length(r.path)) = r.path ORDER BY d.code`, regionID, year))
		return err
	})
	return out, err
}

// ExceptionFor returns the exception of the department or its nearest ancestor.
func (db *DB) ExceptionFor(ctx context.Context, departmentID int64, year int) (*jixiao.DeadlineException, error) {
	var out []jixiao.DeadlineException
	err := db.read(ctx, func(tx tx) (err error) {
		out, err = scanExceptions(tx.query(ctx, `SELECT e.department_id, e.year, e.until, e.granted_by, e.reason, e.granted
			FROM deadline_exceptions e JOIN departments a ON a.id = e.department_id JOIN departments d ON d.id = ?
			WHERE e.year = ? AND substr(d.path, 1, length(a.path)) = a.path ORDER BY length(a.path) DESC LIMIT 1`, departmentID, year))
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "单位（编号 %d）没有 %d 年度的延期。", departmentID, year)
	}
	return &out[0], nil
}
