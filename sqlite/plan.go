package sqlite

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
	return db.write(ctx, func(tx *sql.Tx) error {
		if strings.TrimSpace(p.DepartmentCode) == "" {
			return jixiao.Errorf(jixiao.EINVALID, "计划未注明单位编码，无法保存")
		}
		d, _, err := findDepartment(ctx, tx, "code = ?", p.DepartmentCode)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return jixiao.Errorf(jixiao.EINVALID, "单位编码“%s”不存在，请先建立该单位", p.DepartmentCode)
		} else if err != nil {
			return err
		}
		return db.insertPlan(ctx, tx, d, p, info)
	})
}

// UpdatePlan saves p over plan p.ID if it is still at p.Version; ECONFLICT otherwise.
func (db *DB) UpdatePlan(ctx context.Context, p *jixiao.Plan, info jixiao.SaveInfo) (err error) {
	defer keepOnError(p, &err)()
	return db.write(ctx, func(tx *sql.Tx) error { return db.updatePlan(ctx, tx, p, info, true) })
}

// ImportPlan stores p as its department's plan for p.Year: a new plan, or a new revision
// of the existing one. All or nothing.
func (db *DB) ImportPlan(ctx context.Context, p *jixiao.Plan, info jixiao.SaveInfo) (created bool, err error) {
	if info.Reason == "" {
		info.Reason = "导入"
	}
	defer keepOnError(p, &err)()
	err = db.write(ctx, func(tx *sql.Tx) error {
		d, err := importDepartment(ctx, tx, p)
		if err != nil {
			return err
		}
		var id int64
		var version int
		err = tx.QueryRowContext(ctx, `SELECT id, version FROM plans WHERE department_id = ? AND year = ?`, d.ID, p.Year).Scan(&id, &version)
		if errors.Is(err, sql.ErrNoRows) {
			created = true
			return db.insertPlan(ctx, tx, d, p, info)
		} else if err != nil {
			return fmt.Errorf("find plan: %w", err)
		}
		p.ID, p.Version = id, version
		return db.updatePlan(ctx, tx, p, info, false)
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
func importDepartment(ctx context.Context, tx *sql.Tx, p *jixiao.Plan) (*jixiao.Department, error) {
	code, name := strings.TrimSpace(p.DepartmentCode), strings.TrimSpace(p.Department)
	if code != "" {
		d, _, err := findDepartment(ctx, tx, "code = ?", code)
		if err == nil || jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			return d, err
		}
	}
	if name == "" {
		return nil, jixiao.Errorf(jixiao.EINVALID, "文件中没有部门名称，也没有单位编码，无法确定是哪个单位的计划")
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM departments WHERE name = ? ORDER BY id LIMIT 2`, name)
	if err != nil {
		return nil, fmt.Errorf("find department by name: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	switch len(ids) {
	case 1:
		d, _, err := findDepartment(ctx, tx, "id = ?", ids[0])
		return d, err
	case 2:
		return nil, jixiao.Errorf(jixiao.EINVALID, "有多个名为“%s”的单位，请在文件中注明单位编码", name)
	}
	// A new department, under the tree's root (the one bureau at the top).
	var parent int64
	rows, err = tx.QueryContext(ctx, `SELECT id, kind FROM departments WHERE parent_id IS NULL ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("find root: %w", err)
	}
	var roots, bureaus []int64
	for rows.Next() {
		var id int64
		var kind string
		if err := rows.Scan(&id, &kind); err != nil {
			rows.Close()
			return nil, err
		}
		roots = append(roots, id)
		if kind == string(jixiao.KindBureau) {
			bureaus = append(bureaus, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(bureaus) == 1 {
		parent = bureaus[0]
	} else if len(roots) == 1 {
		parent = roots[0]
	}
	if code == "" {
		code = autoCode(name)
	}
	d := &jixiao.Department{Code: code, Name: name, ParentID: parent, Kind: jixiao.KindDepartment}
	if err := createDepartment(ctx, tx, d); err != nil {
		return nil, err
	}
	return d, nil
}

// autoCode is the code given to a department created by an import that named none:
// derived from the name, so that importing again finds the same department.
func autoCode(name string) string {
	h := sha256.Sum256([]byte(name))
	return "auto-" + hex.EncodeToString(h[:6])
}

func checkPlan(p *jixiao.Plan) error {
	if p.Year < 1900 || p.Year > 2200 {
		return jixiao.Errorf(jixiao.EINVALID, "计划的预算年度“%d”无效", p.Year)
	}
	return nil
}

// insertPlan stores p as a new plan (version 1) of department d.
func (db *DB) insertPlan(ctx context.Context, tx *sql.Tx, d *jixiao.Department, p *jixiao.Plan, info jixiao.SaveInfo) error {
	if err := checkPlan(p); err != nil {
		return err
	}
	if p.Status == jixiao.StatusUnknown {
		p.Status = jixiao.Draft
	}
	now := fmtTime(db.stamp())
	res, err := tx.ExecContext(ctx, `INSERT INTO plans (department_id, year, department, submitter, framework, status, version,
		duties, fund_authority, created, updated, updated_by) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
		d.ID, p.Year, p.Department, p.Submitter, p.Framework, string(p.Status), p.Duties, p.FundAuthority, now, now, info.Author)
	if isUnique(err) {
		return jixiao.Errorf(jixiao.ECONFLICT, "单位“%s”已有 %d 年度的绩效目标，请打开它修改，或使用导入生成新版本", d.Name, p.Year)
	} else if err != nil {
		return fmt.Errorf("insert plan: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	p.ID, p.Version, p.DepartmentCode = id, 1, d.Code
	if err := writeRows(ctx, tx, p); err != nil {
		return err
	}
	return insertRevision(ctx, tx, p, info, now)
}

// updatePlan saves p as the next version of plan p.ID. With check, p.Version must be the
// stored version (the one p was read at); an import passes the stored one itself.
func (db *DB) updatePlan(ctx context.Context, tx *sql.Tx, p *jixiao.Plan, info jixiao.SaveInfo, check bool) error {
	if err := checkPlan(p); err != nil {
		return err
	}
	var deptID int64
	var year, version int
	var code, status string
	err := tx.QueryRowContext(ctx, `SELECT p.department_id, p.year, p.version, p.status, d.code
		FROM plans p JOIN departments d ON d.id = p.department_id WHERE p.id = ?`, p.ID).
		Scan(&deptID, &year, &version, &status, &code)
	if errors.Is(err, sql.ErrNoRows) {
		return jixiao.Errorf(jixiao.ENOTFOUND, "计划（编号 %d）不存在", p.ID)
	} else if err != nil {
		return fmt.Errorf("find plan: %w", err)
	}
	if p.DepartmentCode == "" {
		p.DepartmentCode = code
	}
	if p.DepartmentCode != code || p.Year != year {
		return jixiao.Errorf(jixiao.EINVALID, "不能修改计划的单位或年度（计划 %d 属于单位“%s”的 %d 年度）", p.ID, code, year)
	}
	if p.Status == jixiao.StatusUnknown {
		p.Status = jixiao.Status(status)
	}
	now := fmtTime(db.stamp())
	// The version check and the bump are one statement: of several writers that read the
	// same version, exactly one matches.
	res, err := tx.ExecContext(ctx, `UPDATE plans SET version = version + 1, department = ?, submitter = ?, framework = ?,
		status = ?, duties = ?, fund_authority = ?, updated = ?, updated_by = ? WHERE id = ? AND version = ?`,
		p.Department, p.Submitter, p.Framework, string(p.Status), p.Duties, p.FundAuthority, now, info.Author, p.ID, p.Version)
	if err != nil {
		return fmt.Errorf("update plan: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 || (check && p.Version != version) {
		return jixiao.Errorf(jixiao.ECONFLICT, "计划已被他人修改：您读取的是第 %d 版，当前已是第 %d 版。请重新打开计划，核对改动后再保存", p.Version, version)
	}
	p.Version++
	if err := deleteRows(ctx, tx, p.ID); err != nil {
		return err
	}
	if err := writeRows(ctx, tx, p); err != nil {
		return err
	}
	return insertRevision(ctx, tx, p, info, now)
}

func insertRevision(ctx context.Context, tx *sql.Tx, p *jixiao.Plan, info jixiao.SaveInfo, now string) error {
	doc, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO revisions (plan_id, version, author, reason, created, doc) VALUES (?, ?, ?, ?, ?, ?)`,
		p.ID, p.Version, info.Author, info.Reason, now, doc)
	if isUnique(err) {
		return jixiao.Errorf(jixiao.ECONFLICT, "计划第 %d 版已被他人保存，请重新打开后再保存", p.Version)
	} else if err != nil {
		return fmt.Errorf("insert revision: %w", err)
	}
	return nil
}

// deleteRows removes the normalized rows of a plan before they are written again.
// Children first, so that no foreign key has to cascade.
func deleteRows(ctx context.Context, tx *sql.Tx, planID int64) error {
	for _, t := range []string{"indicators", "fund_items", "special_funds", "key_tasks", "budget_lines"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE plan_id = ?`, planID); err != nil {
			return fmt.Errorf("delete %s: %w", t, err)
		}
	}
	return nil
}

// budgetLines are the amounts of 年度预算申请 and the summary's 合计, by line name.
func budgetLines(p *jixiao.Plan) []struct {
	line string
	d    jixiao.Decimal
} {
	b := p.Budget
	return []struct {
		line string
		d    jixiao.Decimal
	}{
		{"total", b.Total}, {"general_budget", b.GeneralBudget}, {"gov_fund", b.GovFund},
		{"other_funds", b.OtherFunds}, {"basic", b.Basic}, {"project", b.Project},
		{"funds_total", p.FundsTotal},
	}
}

// indicatorColumns flattens a target into its columns: the effective operator of a
// numeric target, its number as micros with places, its unit and grade.
func indicatorColumns(t jixiao.Target) (op string, micros, places any) {
	if t.Kind == jixiao.TargetNumeric {
		op = string(t.EffectiveOp())
		micros, places = nullDecimal(t.Value)
	}
	return op, micros, places
}

const insertIndicatorSQL = `INSERT INTO indicators (plan_id, fund_item_id, tbl, position, level1, level2, name,
	target_text, target_kind, op, value_micros, value_places, unit, grade, note)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// writeRows writes the normalized rows of p with statements prepared once per plan.
func writeRows(ctx context.Context, tx *sql.Tx, p *jixiao.Plan) error {
	for _, l := range budgetLines(p) {
		if !l.d.IsSet() {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO budget_lines (plan_id, line, micros, places) VALUES (?, ?, ?, ?)`,
			p.ID, l.line, l.d.Micros(), l.d.Places()); err != nil {
			return fmt.Errorf("insert budget line: %w", err)
		}
	}
	if len(p.KeyTasks) > 0 {
		st, err := tx.PrepareContext(ctx, `INSERT INTO key_tasks (plan_id, position, item, owner, objective) VALUES (?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer st.Close()
		for i, k := range p.KeyTasks {
			if _, err := st.ExecContext(ctx, p.ID, i, k.Item, k.Owner, k.Objective); err != nil {
				return fmt.Errorf("insert key task: %w", err)
			}
		}
	}
	ind, err := tx.PrepareContext(ctx, insertIndicatorSQL)
	if err != nil {
		return err
	}
	defer ind.Close()
	writeIndicators := func(item any, tbl string, ins []jixiao.Indicator) error {
		for i, in := range ins {
			op, m, pl := indicatorColumns(in.Target)
			if _, err := ind.ExecContext(ctx, p.ID, item, tbl, i, in.Level1, in.Level2, in.Name,
				in.Target.Text, string(in.Target.Kind), op, m, pl, in.Target.Unit, in.Target.Grade, in.Note); err != nil {
				return fmt.Errorf("insert indicator: %w", err)
			}
		}
		return nil
	}
	if err := writeIndicators(nil, "department", p.Indicators); err != nil {
		return err
	}
	if len(p.SpecialFunds) == 0 {
		return nil
	}
	fund, err := tx.PrepareContext(ctx, `INSERT INTO special_funds (plan_id, position, name, amount_micros, amount_places) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer fund.Close()
	item, err := tx.PrepareContext(ctx, `INSERT INTO fund_items (fund_id, plan_id, position, name, amount_micros, amount_places,
		period_text, from_year, from_month, to_year, to_month, period_goal, annual_goal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer item.Close()
	for i, f := range p.SpecialFunds {
		m, pl := nullDecimal(f.Amount)
		res, err := fund.ExecContext(ctx, p.ID, i, f.Name, m, pl)
		if err != nil {
			return fmt.Errorf("insert special fund: %w", err)
		}
		fundID, err := res.LastInsertId()
		if err != nil {
			return err
		}
		for j, it := range f.Items {
			m, pl := nullDecimal(it.Amount)
			var fy, fm, ty, tm any
			if it.Period.IsSet() {
				fy, fm, ty, tm = it.Period.FromYear, it.Period.FromMonth, it.Period.ToYear, it.Period.ToMonth
			}
			res, err := item.ExecContext(ctx, fundID, p.ID, j, it.Name, m, pl, it.Period.Text, fy, fm, ty, tm, it.PeriodGoal, it.AnnualGoal)
			if err != nil {
				return fmt.Errorf("insert fund item: %w", err)
			}
			itemID, err := res.LastInsertId()
			if err != nil {
				return err
			}
			if err := writeIndicators(itemID, "fund_item", it.Indicators); err != nil {
				return err
			}
		}
	}
	return nil
}

// Plan returns the current version of plan id.
func (db *DB) Plan(ctx context.Context, id int64) (*jixiao.Plan, error) {
	var p *jixiao.Plan
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		p, err = currentPlan(ctx, tx, "p.id = ?", id)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			err = jixiao.Errorf(jixiao.ENOTFOUND, "计划（编号 %d）不存在", id)
		}
		return err
	})
	return p, err
}

// PlanByDepartmentYear returns the current version of the department's plan for year.
func (db *DB) PlanByDepartmentYear(ctx context.Context, departmentID int64, year int) (*jixiao.Plan, error) {
	var p *jixiao.Plan
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		p, err = currentPlan(ctx, tx, "p.department_id = ? AND p.year = ?", departmentID, year)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			err = jixiao.Errorf(jixiao.ENOTFOUND, "单位（编号 %d）没有 %d 年度的绩效目标", departmentID, year)
		}
		return err
	})
	return p, err
}

// currentPlan reads the plan's current revision, with the department's code as it is now.
func currentPlan(ctx context.Context, tx *sql.Tx, where string, args ...any) (*jixiao.Plan, error) {
	var doc []byte
	var code string
	err := tx.QueryRowContext(ctx, `SELECT r.doc, d.code FROM plans p
		JOIN revisions r ON r.plan_id = p.id AND r.version = p.version
		JOIN departments d ON d.id = p.department_id WHERE `+where, args...).Scan(&doc, &code)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "计划不存在")
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

// Plans lists the plans that match f and their total count without Limit/Offset.
func (db *DB) Plans(ctx context.Context, f jixiao.PlanFilter) ([]jixiao.PlanSummary, int, error) {
	var out []jixiao.PlanSummary
	var total int
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, total, err = plans(ctx, tx, f)
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
func planWhere(ctx context.Context, tx *sql.Tx, f jixiao.PlanFilter) (string, []any, error) {
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
		like := "%" + likeEscape(q) + "%"
		where = append(where, `(d.name LIKE ? ESCAPE '\' OR d.code LIKE ? ESCAPE '\' OR p.department LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like)
	}
	if len(where) == 0 {
		return "", args, nil
	}
	return " WHERE " + strings.Join(where, " AND "), args, nil
}

// planPage is the LIMIT and OFFSET clause of f and its arguments appended to args; a zero
// Limit is LIMIT -1 (no limit).
func planPage(f jixiao.PlanFilter, args []any) (string, []any) {
	limit := f.Limit
	if limit <= 0 {
		limit = -1
	}
	return ` LIMIT ? OFFSET ?`, append(args, limit, max(f.Offset, 0))
}

func plans(ctx context.Context, tx *sql.Tx, f jixiao.PlanFilter) ([]jixiao.PlanSummary, int, error) {
	where, args, err := planWhere(ctx, tx, f)
	if err != nil {
		return nil, 0, err
	}
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*)`+planFrom+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count plans: %w", err)
	}
	// The page is chosen first and the revisions are counted for its rows only: counting
	// for every matching plan before LIMIT cost seconds at 30,000 plans.
	q := `SELECT p.id, p.department_id, d.code, p.department, p.year, p.framework, p.status, p.version,
		p.updated, p.updated_by` + planFrom + where + planOrder
	if f.Limit > 0 || f.Offset > 0 {
		var page string
		page, args = planPage(f, args)
		q += page
	}
	q = `SELECT s.id, s.department_id, s.code, s.department, s.year, s.framework, s.status, s.version,
		(SELECT COUNT(*) FROM revisions r WHERE r.plan_id = s.id), s.updated, s.updated_by
		FROM (` + q + `) s ORDER BY s.year DESC, s.code, s.id`
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list plans: %w", err)
	}
	defer rows.Close()
	out := []jixiao.PlanSummary{}
	for rows.Next() {
		var s jixiao.PlanSummary
		var status, updated string
		if err := rows.Scan(&s.ID, &s.DepartmentID, &s.DepartmentCode, &s.Department, &s.Year, &s.Framework,
			&status, &s.Version, &s.Revisions, &updated, &s.UpdatedBy); err != nil {
			return nil, 0, err
		}
		s.Status = jixiao.Status(status)
		if s.Updated, err = parseTime(updated); err != nil {
			return nil, 0, err
		}
		out = append(out, s)
	}
	return out, total, rows.Err()
}

// eachPlanSQL is the query of EachPlan: the current revision of each plan of the
// listing, with its id and its department's code. The listing is sorted in a subquery
// that holds ids and codes only, and the revision is read by a subquery of the outer
// select list, row by row in that order: sorting the rows with their documents would
// copy every document into SQLite's sorter (hundreds of MB at province scale). The LIMIT
// (-1 when f has none) keeps SQLite from flattening the subquery into the outer query,
// and the outer ORDER BY costs nothing: SQLite sees that the subquery's rows already come
// in that order (sqlite_test.go checks the plan).
func eachPlanSQL(where, page string) string {
	return `SELECT s.id, (SELECT r.doc FROM revisions r WHERE r.plan_id = s.id AND r.version = s.version), s.code
		FROM (SELECT p.id, p.version, p.year, d.code` + planFrom + where + planOrder + page + `) s
		ORDER BY s.year DESC, s.code, s.id`
}

// EachPlan calls fn with the current version of every plan that matches f, in the
// listing's order, as Plan returns it. One query streams them, and the documents are
// decoded on every core as they are read (jixiao.StreamPlans): memory holds a few plans per
// core, whatever their number.
func (db *DB) EachPlan(ctx context.Context, f jixiao.PlanFilter, fn func(*jixiao.Plan) error) (int, error) {
	return jixiao.StreamPlans(ctx, func(ctx context.Context, send func(id int64, code string, doc []byte) error) error {
		return db.read(ctx, func(tx *sql.Tx) error {
			where, args, err := planWhere(ctx, tx, f)
			if err != nil {
				return err
			}
			page, args := planPage(f, args)
			rows, err := tx.QueryContext(ctx, eachPlanSQL(where, page), args...)
			if err != nil {
				return fmt.Errorf("read plans: %w", err)
			}
			defer rows.Close()
			for rows.Next() {
				var id int64
				var code string
				var doc []byte
				if err := rows.Scan(&id, &doc, &code); err != nil {
					return fmt.Errorf("read plans: %w", err)
				}
				if doc == nil {
					return fmt.Errorf("read plan %d: no current revision", id)
				}
				if err := send(id, code, doc); err != nil {
					return err
				}
			}
			return rows.Err()
		})
	}, fn)
}

// Revisions lists the revisions of a plan, oldest first.
func (db *DB) Revisions(ctx context.Context, planID int64) ([]jixiao.Revision, error) {
	var out []jixiao.Revision
	err := db.read(ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM plans WHERE id = ?`, planID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return jixiao.Errorf(jixiao.ENOTFOUND, "计划（编号 %d）不存在", planID)
		} else if err != nil {
			return fmt.Errorf("find plan: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT version, author, reason, created FROM revisions WHERE plan_id = ? ORDER BY version`, planID)
		if err != nil {
			return fmt.Errorf("list revisions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r := jixiao.Revision{PlanID: planID}
			var created string
			if err := rows.Scan(&r.Version, &r.Author, &r.Reason, &created); err != nil {
				return err
			}
			if r.Created, err = parseTime(created); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// PlanAt returns the plan as it was saved at version.
func (db *DB) PlanAt(ctx context.Context, planID int64, version int) (*jixiao.Plan, error) {
	var p jixiao.Plan
	err := db.read(ctx, func(tx *sql.Tx) error {
		var doc []byte
		err := tx.QueryRowContext(ctx, `SELECT doc FROM revisions WHERE plan_id = ? AND version = ?`, planID, version).Scan(&doc)
		if errors.Is(err, sql.ErrNoRows) {
			return jixiao.Errorf(jixiao.ENOTFOUND, "计划（编号 %d）没有第 %d 版", planID, version)
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
