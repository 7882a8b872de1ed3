package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"jixiao"
)

// CreatePlan stores p as a new plan at version 1 for the department p.DepartmentCode.
func (db *DB) CreatePlan(ctx context.Context, p *jixiao.Plan, info jixiao.SaveInfo) (err error) {
	defer keepOnError(p, &err)()
	if strings.TrimSpace(p.DepartmentCode) == "" {
		return jixiao.Errorf(jixiao.EINVALID, "绩效目标未注明单位编码，无法保存。")
	}
	return db.write(ctx, func(tx tx) error {
		d, _, err := findDepartment(ctx, tx, "code = ?", p.DepartmentCode)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return jixiao.Errorf(jixiao.EINVALID, "单位编码“%s”不存在，请先建立该单位。", p.DepartmentCode)
		} else if err != nil {
			return err
		}
		return db.insertPlan(ctx, tx, d, p, info)
	})
}

// UpdatePlan saves p over plan p.ID if it is still at p.Version; ECONFLICT otherwise.
func (db *DB) UpdatePlan(ctx context.Context, p *jixiao.Plan, info jixiao.SaveInfo) (err error) {
	defer keepOnError(p, &err)()
	return db.write(ctx, func(tx tx) error { return db.updatePlan(ctx, tx, p, info) })
}

// ImportPlan stores p as its department's plan for p.Year: a new plan, or a new revision
// of the existing one. All or nothing.
func (db *DB) ImportPlan(ctx context.Context, p *jixiao.Plan, info jixiao.SaveInfo) (created bool, err error) {
	if info.Reason == "" {
		info.Reason = "导入"
	}
	defer keepOnError(p, &err)()
	err = db.write(ctx, func(tx tx) error {
		now := db.t(db.now())
		var err error
		if created, err = db.importHeader(ctx, tx, p, info, now); err != nil {
			return err
		}
		return db.insertRevision(ctx, tx, p, info, now)
	})
	return created, err
}

// keepOnError saves the fields of p a save sets and returns a func that puts them back
// when *err is set: a refused or rolled-back save leaves the caller's plan as it was.
func keepOnError(p *jixiao.Plan, err *error) func() {
	id, version, code, status := p.ID, p.Version, p.DepartmentCode, p.Status
	return func() {
		if *err != nil {
			p.ID, p.Version, p.DepartmentCode, p.Status = id, version, code, status
		}
	}
}

// importDepartment finds the department of an imported plan: by code, else by exact
// name, else it creates one under the root of the tree.
func importDepartment(ctx context.Context, tx tx, p *jixiao.Plan) (*jixiao.Department, error) {
	code, name := strings.TrimSpace(p.DepartmentCode), strings.TrimSpace(p.Department)
	if code != "" {
		d, _, err := findDepartment(ctx, tx, "code = ?", code)
		if err == nil || jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			return d, err
		}
	}
	if name == "" {
		return nil, jixiao.Errorf(jixiao.EINVALID, "文件中没有部门名称，也没有单位编码，无法确定是哪个单位的绩效目标。")
	}
	ids, err := int64s(ctx, tx, `SELECT id FROM departments WHERE name = ? ORDER BY id LIMIT 2`, name)
	if err != nil {
		return nil, fmt.Errorf("find department by name: %w", err)
	}
	switch len(ids) {
	case 1:
		d, _, err := findDepartment(ctx, tx, "id = ?", ids[0])
		return d, err
	case 2:
		return nil, jixiao.Errorf(jixiao.EINVALID, "有多个名为“%s”的单位，请在文件中注明单位编码。", name)
	}
	// A new department, under the tree's root (the one bureau at the top).
	roots, err := int64s(ctx, tx, `SELECT id FROM departments WHERE parent_id IS NULL ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("find root: %w", err)
	}
	bureaus, err := int64s(ctx, tx, `SELECT id FROM departments WHERE parent_id IS NULL AND kind = ? ORDER BY id`, string(jixiao.KindBureau))
	if err != nil {
		return nil, fmt.Errorf("find root: %w", err)
	}
	var parent int64
	if len(bureaus) == 1 {
		parent = bureaus[0]
	} else if len(roots) == 1 {
		parent = roots[0]
	}
	if code == "" {
		code = autoCode(name)
	}
	d := &jixiao.Department{Code: code, Name: name, ParentID: parent, Kind: jixiao.KindDepartment}
	if err := createDepartment(ctx, tx, d); jixiao.ErrorCode(err) == jixiao.EINVALID {
		// Another import created it meanwhile (the insert waited for it): use that one.
		d, _, err = findDepartment(ctx, tx, "code = ?", code)
		return d, err
	} else if err != nil {
		return nil, err
	}
	return d, nil
}

// int64s returns the one integer column of a query's rows.
func int64s(ctx context.Context, tx tx, query string, args ...any) ([]int64, error) {
	rows, err := tx.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// autoCode is the code given to a department created by an import that named none:
// derived from the name, so that importing again finds the same department.
func autoCode(name string) string {
	h := sha256.Sum256([]byte(name))
	return "auto-" + hex.EncodeToString(h[:6])
}

// insertPlan stores p as a new plan (version 1) of department d.
func (db *DB) insertPlan(ctx context.Context, tx tx, d *jixiao.Department, p *jixiao.Plan, info jixiao.SaveInfo) error {
	if err := p.Validate(); err != nil {
		return err
	}
	now := db.t(db.now())
	if err := db.insertPlanRow(ctx, tx, d, p, info, now); err != nil {
		return err
	}
	return db.insertRevision(ctx, tx, p, info, now)
}

// insertPlanRow writes the row of p as a new plan (version 1) of department d; its
// revision is the caller's to write.
func (db *DB) insertPlanRow(ctx context.Context, tx tx, d *jixiao.Department, p *jixiao.Plan, info jixiao.SaveInfo, now any) error {
	if p.Status == jixiao.StatusUnknown {
		p.Status = jixiao.Draft
	}
	var retired bool
	if err := tx.queryRow(ctx, `SELECT retired FROM departments WHERE id = ?`, d.ID).Scan(&retired); err != nil {
		return fmt.Errorf("find department: %w", err)
	}
	if retired {
		return jixiao.Errorf(jixiao.EINVALID, "单位“%s”已撤销，不能新建绩效目标；它以前的绩效目标仍可查看。", d.Name)
	}
	var id int64
	err := tx.queryRow(ctx, `INSERT INTO plans (department_id, year, department, submitter, framework, status, version,
		duties, fund_authority, created, updated, updated_by) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)
		ON CONFLICT (department_id, year) DO NOTHING RETURNING id`,
		d.ID, p.Year, p.Department, p.Submitter, p.Framework, string(p.Status), p.Duties, p.FundAuthority, now, now, info.Author).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return jixiao.Errorf(jixiao.ECONFLICT, "单位“%s”已有 %d 年度的绩效目标，请打开它修改，或使用导入生成新版本。", d.Name, p.Year)
	} else if err != nil {
		return fmt.Errorf("insert plan: %w", err)
	}
	p.ID, p.Version, p.DepartmentCode = id, 1, d.Code
	return nil
}

// updatePlan saves p as the next version of plan p.ID; p.Version must be the stored
// version (the one p was read at).
func (db *DB) updatePlan(ctx context.Context, tx tx, p *jixiao.Plan, info jixiao.SaveInfo) error {
	if err := p.Validate(); err != nil {
		return err
	}
	var year, version int
	var code, status string
	err := tx.queryRow(ctx, `SELECT p.year, p.version, p.status, d.code
		FROM plans p JOIN departments d ON d.id = p.department_id WHERE p.id = ?`, p.ID).Scan(&year, &version, &status, &code)
	if errors.Is(err, sql.ErrNoRows) {
		return jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标（编号 %d）不存在。", p.ID)
	} else if err != nil {
		return fmt.Errorf("find plan: %w", err)
	}
	if p.DepartmentCode == "" {
		p.DepartmentCode = code
	}
	if p.DepartmentCode != code || p.Year != year {
		return jixiao.Errorf(jixiao.EINVALID, "不能修改绩效目标的单位或年度：绩效目标 %d 属于单位“%s”的 %d 年度。", p.ID, code, year)
	}
	if p.Status == jixiao.StatusUnknown {
		p.Status = jixiao.Status(status)
	}
	now := db.t(db.now())
	// The version check and the bump are one statement: of several writers that read the
	// same version, exactly one matches (PostgreSQL re-checks the WHERE clause after
	// waiting for a concurrent updater's row lock; SQLite has one writer at a time).
	res, err := tx.exec(ctx, `UPDATE plans SET version = version + 1, department = ?, submitter = ?, framework = ?,
		status = ?, duties = ?, fund_authority = ?, updated = ?, updated_by = ? WHERE id = ? AND version = ?`,
		p.Department, p.Submitter, p.Framework, string(p.Status), p.Duties, p.FundAuthority, now, info.Author, p.ID, p.Version)
	if err != nil {
		return fmt.Errorf("update plan: %w", err)
	}
	n, err := rowsAffected(res)
	if err != nil {
		return err
	}
	if n != 1 || p.Version != version {
		cur := version
		if n != 1 {
			if err := tx.queryRow(ctx, `SELECT version FROM plans WHERE id = ?`, p.ID).Scan(&cur); err != nil {
				return fmt.Errorf("find plan: %w", err)
			}
		}
		return jixiao.Errorf(jixiao.ECONFLICT, "绩效目标已被他人修改：您读取的是第 %d 版，当前已是第 %d 版。请重新打开绩效目标，核对改动后再保存。", p.Version, cur)
	}
	p.Version++
	return db.insertRevision(ctx, tx, p, info, now)
}

// insertRevision stores the whole of p as its revision p.Version.
func (db *DB) insertRevision(ctx context.Context, tx tx, p *jixiao.Plan, info jixiao.SaveInfo, now any) error {
	doc, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	_, err = tx.exec(ctx, `INSERT INTO revisions (plan_id, version, author, reason, created, doc) VALUES (?, ?, ?, ?, ?, ?)`,
		p.ID, p.Version, info.Author, info.Reason, now, string(doc))
	if db.d.IsUnique(err) {
		return jixiao.Errorf(jixiao.ECONFLICT, "绩效目标第 %d 版已被他人保存，请重新打开后再保存。", p.Version)
	} else if err != nil {
		return fmt.Errorf("insert revision: %w", err)
	}
	return nil
}

// Plan returns the current version of plan id.
func (db *DB) Plan(ctx context.Context, id int64) (*jixiao.Plan, error) {
	var p *jixiao.Plan
	err := db.read(ctx, func(tx tx) (err error) {
		p, err = currentPlan(ctx, tx, "p.id = ?", id)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			err = jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标（编号 %d）不存在。", id)
		}
		return err
	})
	return p, err
}

// PlanByDepartmentYear returns the current version of the department's plan for year.
func (db *DB) PlanByDepartmentYear(ctx context.Context, departmentID int64, year int) (*jixiao.Plan, error) {
	var p *jixiao.Plan
	err := db.read(ctx, func(tx tx) (err error) {
		p, err = currentPlan(ctx, tx, "p.department_id = ? AND p.year = ?", departmentID, year)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			err = jixiao.Errorf(jixiao.ENOTFOUND, "单位（编号 %d）没有 %d 年度的绩效目标。", departmentID, year)
		}
		return err
	})
	return p, err
}

// currentPlan reads the plan's current revision, with the department's code as it is now.
func currentPlan(ctx context.Context, tx tx, where string, args ...any) (*jixiao.Plan, error) {
	var doc []byte
	var code string
	err := tx.queryRow(ctx, `SELECT r.doc, d.code FROM plans p
		JOIN revisions r ON r.plan_id = p.id AND r.version = p.version
		JOIN departments d ON d.id = p.department_id WHERE `+where, args...).Scan(&doc, &code)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标不存在。")
	} else if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	var p jixiao.Plan
	if err := json.Unmarshal(doc, &p); err != nil {
		return nil, fmt.Errorf("decode plan: %w", err)
	}
	p.DepartmentCode = code
	return &p, nil
}

// Revisions lists the revisions of a plan, oldest first.
func (db *DB) Revisions(ctx context.Context, planID int64) ([]jixiao.Revision, error) {
	var out []jixiao.Revision
	err := db.read(ctx, func(tx tx) error {
		if err := planExists(ctx, tx, planID); err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT version, author, reason, created FROM revisions WHERE plan_id = ? ORDER BY version`, planID)
		if err != nil {
			return fmt.Errorf("list revisions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r := jixiao.Revision{PlanID: planID}
			if err := rows.Scan(&r.Version, &r.Author, &r.Reason, at(&r.Created)); err != nil {
				return fmt.Errorf("list revisions: %w", err)
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// planExists is ENOTFOUND when there is no plan id.
func planExists(ctx context.Context, tx tx, id int64) error {
	var one int
	err := tx.queryRow(ctx, `SELECT 1 FROM plans WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标（编号 %d）不存在。", id)
	} else if err != nil {
		return fmt.Errorf("find plan: %w", err)
	}
	return nil
}

// PlanAt returns the plan as it was saved at version.
func (db *DB) PlanAt(ctx context.Context, planID int64, version int) (*jixiao.Plan, error) {
	var p jixiao.Plan
	err := db.read(ctx, func(tx tx) error {
		var doc []byte
		err := tx.queryRow(ctx, `SELECT doc FROM revisions WHERE plan_id = ? AND version = ?`, planID, version).Scan(&doc)
		if errors.Is(err, sql.ErrNoRows) {
			return jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标（编号 %d）没有第 %d 版。", planID, version)
		} else if err != nil {
			return fmt.Errorf("read revision: %w", err)
		}
		if err := json.Unmarshal(doc, &p); err != nil {
			return fmt.Errorf("decode revision: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}
