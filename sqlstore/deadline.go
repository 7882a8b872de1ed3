package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"jixiao"
)

// Deadlines and exceptions of every stage (jixiao.Stage) live in the tables deadlines
// and deadline_exceptions, keyed by stage first; the methods without a stage are the
// targets'.

// SetDeadline stores or replaces a region's deadline of a stage for a year, in one
// statement.
func (db *DB) SetDeadline(ctx context.Context, d *jixiao.Deadline) error {
	if err := d.Validate(); err != nil {
		return err
	}
	d.Stage, d.Due = d.Stage.Or(), normTime(d.Due)
	return db.write(ctx, func(tx tx) error {
		if _, _, err := findDepartment(ctx, tx, "id = ?", d.RegionID); err != nil {
			return err
		}
		d.Set = db.stamp()
		_, err := tx.exec(ctx, `INSERT INTO deadlines (stage, region_id, year, due, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (stage, region_id, year) DO UPDATE SET due = excluded.due, set_by = excluded.set_by, set_at = excluded.set_at`,
			d.Stage, d.RegionID, d.Year, db.t(d.Due), d.SetBy, db.t(d.Set))
		if err != nil {
			return fmt.Errorf("set %s deadline: %w", d.Stage, err)
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
		if err := rows.Scan(&d.Stage, &d.RegionID, &d.Year, at(&d.Due), &d.SetBy, at(&d.Set)); err != nil {
			return nil, fmt.Errorf("list deadlines: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Deadlines lists a region's deadlines of the targets, newest year first.
func (db *DB) Deadlines(ctx context.Context, regionID int64) ([]jixiao.Deadline, error) {
	return db.StageDeadlines(ctx, jixiao.StageTargets, regionID)
}

// StageDeadlines lists a region's deadlines of a stage, newest year first.
func (db *DB) StageDeadlines(ctx context.Context, stage jixiao.Stage, regionID int64) ([]jixiao.Deadline, error) {
	var out []jixiao.Deadline
	err := db.read(ctx, func(tx tx) (err error) {
		out, err = scanDeadlines(tx.query(ctx, `SELECT stage, region_id, year, due, set_by, set_at FROM deadlines
			WHERE stage = ? AND region_id = ? ORDER BY year DESC`, stage.Or(), regionID))
		return err
	})
	return out, err
}

// DeadlineFor returns the targets' deadline of the nearest region at or above the
// department.
func (db *DB) DeadlineFor(ctx context.Context, departmentID int64, year int) (*jixiao.Deadline, error) {
	return db.StageDeadlineFor(ctx, jixiao.StageTargets, departmentID, year)
}

// DeadlinesFor lists the targets' deadlines that apply to the department, one a year:
// of each year, the nearest region's at or above it.
func (db *DB) DeadlinesFor(ctx context.Context, departmentID int64) ([]jixiao.Deadline, error) {
	var all []jixiao.Deadline
	err := db.read(ctx, func(tx tx) (err error) {
		all, err = scanDeadlines(tx.query(ctx, `SELECT dl.stage, dl.region_id, dl.year, dl.due, dl.set_by, dl.set_at
			FROM deadlines dl JOIN departments r ON r.id = dl.region_id JOIN departments d ON d.id = ?
			WHERE dl.stage = ? AND substr(d.path, 1, length(r.path)) = r.path
			ORDER BY dl.year DESC, length(r.path) DESC`, departmentID, jixiao.StageTargets.Or()))
		return err
	})
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, d := range all {
		if len(out) == 0 || out[len(out)-1].Year != d.Year {
			out = append(out, d)
		}
	}
	return out, nil
}

// StageDeadlineFor returns the stage's deadline of the nearest region at or above the
// department.
func (db *DB) StageDeadlineFor(ctx context.Context, stage jixiao.Stage, departmentID int64, year int) (*jixiao.Deadline, error) {
	var out []jixiao.Deadline
	err := db.read(ctx, func(tx tx) (err error) {
		out, err = scanDeadlines(tx.query(ctx, `SELECT dl.stage, dl.region_id, dl.year, dl.due, dl.set_by, dl.set_at
			FROM deadlines dl JOIN departments r ON r.id = dl.region_id JOIN departments d ON d.id = ?
			WHERE dl.stage = ? AND dl.year = ? AND substr(d.path, 1, length(r.path)) = r.path
			ORDER BY length(r.path) DESC LIMIT 1`, departmentID, stage.Or(), year))
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "%d 年度没有设定%s的报送截止时间。", year, stage.Label())
	}
	return &out[0], nil
}

// GrantException stores or replaces a department's exception of a stage for a year, in
// one statement.
func (db *DB) GrantException(ctx context.Context, e *jixiao.DeadlineException) error {
	if err := e.Validate(); err != nil {
		return err
	}
	e.Stage, e.Until = e.Stage.Or(), normTime(e.Until)
	return db.write(ctx, func(tx tx) error {
		if _, _, err := findDepartment(ctx, tx, "id = ?", e.DepartmentID); err != nil {
			return err
		}
		e.Granted = db.stamp()
		_, err := tx.exec(ctx, `INSERT INTO deadline_exceptions (stage, department_id, year, until, granted_by, reason, granted)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (stage, department_id, year) DO UPDATE SET until = excluded.until,
			granted_by = excluded.granted_by, reason = excluded.reason, granted = excluded.granted`,
			e.Stage, e.DepartmentID, e.Year, db.t(e.Until), e.GrantedBy, e.Reason, db.t(e.Granted))
		if err != nil {
			return fmt.Errorf("grant %s exception: %w", e.Stage, err)
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
		if err := rows.Scan(&e.Stage, &e.DepartmentID, &e.Year, at(&e.Until), &e.GrantedBy, &e.Reason, at(&e.Granted)); err != nil {
			return nil, fmt.Errorf("list exceptions: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Exceptions lists the targets' exceptions of year in the subtree under regionID.
func (db *DB) Exceptions(ctx context.Context, regionID int64, year int) ([]jixiao.DeadlineException, error) {
	return db.StageExceptions(ctx, jixiao.StageTargets, regionID, year)
}

// StageExceptions lists the stage's exceptions of year in the subtree under regionID.
func (db *DB) StageExceptions(ctx context.Context, stage jixiao.Stage, regionID int64, year int) ([]jixiao.DeadlineException, error) {
	var out []jixiao.DeadlineException
	err := db.read(ctx, func(tx tx) (err error) {
		out, err = scanExceptions(tx.query(ctx, `SELECT e.stage, e.department_id, e.year, e.until, e.granted_by, e.reason, e.granted
			FROM deadline_exceptions e JOIN departments d ON d.id = e.department_id JOIN departments r ON r.id = ?
			WHERE e.stage = ? AND e.year = ? AND substr(d.path, 1, length(r.path)) = r.path ORDER BY d.code`, regionID, stage.Or(), year))
		return err
	})
	return out, err
}

// ExceptionFor returns the targets' exception of the department or its nearest ancestor.
func (db *DB) ExceptionFor(ctx context.Context, departmentID int64, year int) (*jixiao.DeadlineException, error) {
	return db.StageExceptionFor(ctx, jixiao.StageTargets, departmentID, year)
}

// StageExceptionFor returns the stage's exception of the department or its nearest
// ancestor.
func (db *DB) StageExceptionFor(ctx context.Context, stage jixiao.Stage, departmentID int64, year int) (*jixiao.DeadlineException, error) {
	var out []jixiao.DeadlineException
	err := db.read(ctx, func(tx tx) (err error) {
		out, err = scanExceptions(tx.query(ctx, `SELECT e.stage, e.department_id, e.year, e.until, e.granted_by, e.reason, e.granted
			FROM deadline_exceptions e JOIN departments a ON a.id = e.department_id JOIN departments d ON d.id = ?
			WHERE e.stage = ? AND e.year = ? AND substr(d.path, 1, length(a.path)) = a.path
			ORDER BY length(a.path) DESC LIMIT 1`, departmentID, stage.Or(), year))
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "单位（编号 %d）没有 %d 年度%s的延期。", departmentID, year, stage.Label())
	}
	return &out[0], nil
}
