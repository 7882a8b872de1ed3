package postgres

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"jixiao"
)

// CreatePlan stores p as a new plan at version 1 for the department p.DepartmentCode.
func (db *DB) CreatePlan(ctx context.Context, p *jixiao.Plan, info jixiao.SaveInfo) (err error) {
	defer keepOnError(p, &err)()
	return db.write(ctx, func(tx pgx.Tx) error {
		if strings.TrimSpace(p.DepartmentCode) == "" {
			return jixiao.Errorf(jixiao.EINVALID, "计划未注明单位编码，无法保存")
		}
		d, _, err := findDepartment(ctx, tx, "code = $1", p.DepartmentCode)
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
	return db.write(ctx, func(tx pgx.Tx) error { return db.updatePlan(ctx, tx, p, info, true) })
}

// ImportPlan stores p as its department's plan for p.Year: a new plan, or a new revision
// of the existing one. All or nothing.
func (db *DB) ImportPlan(ctx context.Context, p *jixiao.Plan, info jixiao.SaveInfo) (created bool, err error) {
	if info.Reason == "" {
		info.Reason = "导入"
	}
	defer keepOnError(p, &err)()
	err = db.write(ctx, func(tx pgx.Tx) error {
		d, err := importDepartment(ctx, tx, p)
		if err != nil {
			return err
		}
		// Lock the department: two imports of its plan for one year queue here.
		var id *int64
		var version *int
		err = tx.QueryRow(ctx, `SELECT p.id, p.version FROM departments d
			LEFT JOIN plans p ON p.department_id = d.id AND p.year = $2
			WHERE d.id = $1 FOR UPDATE OF d`, d.ID, p.Year).Scan(&id, &version)
		if err != nil {
			return fmt.Errorf("find plan: %w", err)
		}
		if id == nil {
			created = true
			return db.insertPlan(ctx, tx, d, p, info)
		}
		p.ID, p.Version = *id, *version
		return db.updatePlan(ctx, tx, p, info, false)
	})
	return created, err
}

// keepOnError puts back the fields a save sets on p when the save fails.
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
func importDepartment(ctx context.Context, tx pgx.Tx, p *jixiao.Plan) (*jixiao.Department, error) {
	code, name := strings.TrimSpace(p.DepartmentCode), strings.TrimSpace(p.Department)
	if code != "" {
		d, _, err := findDepartment(ctx, tx, "code = $1", code)
		if err == nil || jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			return d, err
		}
	}
	if name == "" {
		return nil, jixiao.Errorf(jixiao.EINVALID, "文件中没有部门名称，也没有单位编码，无法确定是哪个单位的计划")
	}
	rows, err := tx.Query(ctx, `SELECT id FROM departments WHERE name = $1 ORDER BY id LIMIT 2`, name)
	if err != nil {
		return nil, fmt.Errorf("find department by name: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("find department by name: %w", err)
	}
	switch len(ids) {
	case 1:
		d, _, err := findDepartment(ctx, tx, "id = $1", ids[0])
		return d, err
	case 2:
		return nil, jixiao.Errorf(jixiao.EINVALID, "有多个名为“%s”的单位，请在文件中注明单位编码", name)
	}
	type root struct {
		ID   int64
		Kind string
	}
	rows, err = tx.Query(ctx, `SELECT id, kind FROM departments WHERE parent_id IS NULL ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("find root: %w", err)
	}
	roots, err := pgx.CollectRows(rows, pgx.RowToStructByPos[root])
	if err != nil {
		return nil, fmt.Errorf("find root: %w", err)
	}
	var parent int64
	var bureaus []int64
	for _, r := range roots {
		if r.Kind == string(jixiao.KindBureau) {
			bureaus = append(bureaus, r.ID)
		}
	}
	if len(bureaus) == 1 {
		parent = bureaus[0]
	} else if len(roots) == 1 {
		parent = roots[0].ID
	}
	if code == "" {
		code = autoCode(name)
	}
	d := &jixiao.Department{Code: code, Name: name, ParentID: parent, Kind: jixiao.KindDepartment}
	if err := createDepartment(ctx, tx, d); jixiao.ErrorCode(err) == jixiao.EINVALID {
		// Another import created it meanwhile (the insert waited for it): use that one.
		d, _, err = findDepartment(ctx, tx, "code = $1", code)
		return d, err
	} else if err != nil {
		return nil, err
	}
	return d, nil
}

// autoCode is the code given to a department created by an import that named none.
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

func (db *DB) insertPlan(ctx context.Context, tx pgx.Tx, d *jixiao.Department, p *jixiao.Plan, info jixiao.SaveInfo) error {
	if err := checkPlan(p); err != nil {
		return err
	}
	if p.Status == jixiao.StatusUnknown {
		p.Status = jixiao.Draft
	}
	now := db.stamp()
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO plans (department_id, year, department, submitter, framework, status, version,
		duties, fund_authority, created, updated, updated_by) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9, $9, $10)
		ON CONFLICT (department_id, year) DO NOTHING RETURNING id`,
		d.ID, p.Year, p.Department, p.Submitter, p.Framework, string(p.Status), p.Duties, p.FundAuthority, now, info.Author).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return jixiao.Errorf(jixiao.ECONFLICT, "单位“%s”已有 %d 年度的绩效目标，请打开它修改，或使用导入生成新版本", d.Name, p.Year)
	} else if err != nil {
		return fmt.Errorf("insert plan: %w", err)
	}
	p.ID, p.Version, p.DepartmentCode = id, 1, d.Code
	return writeRows(ctx, tx, p, info, now)
}

func (db *DB) updatePlan(ctx context.Context, tx pgx.Tx, p *jixiao.Plan, info jixiao.SaveInfo, check bool) error {
	if err := checkPlan(p); err != nil {
		return err
	}
	var year, version int
	var code, status string
	err := tx.QueryRow(ctx, `SELECT p.year, p.version, p.status, d.code
		FROM plans p JOIN departments d ON d.id = p.department_id WHERE p.id = $1`, p.ID).Scan(&year, &version, &status, &code)
	if errors.Is(err, pgx.ErrNoRows) {
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
	now := db.stamp()
	// The check and the bump are one statement; a concurrent writer's row lock makes
	// PostgreSQL re-check the WHERE clause after it commits, so one writer per version wins.
	tag, err := tx.Exec(ctx, `UPDATE plans SET version = version + 1, department = $1, submitter = $2, framework = $3,
		status = $4, duties = $5, fund_authority = $6, updated = $7, updated_by = $8 WHERE id = $9 AND version = $10`,
		p.Department, p.Submitter, p.Framework, string(p.Status), p.Duties, p.FundAuthority, now, info.Author, p.ID, p.Version)
	if err != nil {
		return fmt.Errorf("update plan: %w", err)
	}
	if tag.RowsAffected() != 1 || (check && p.Version != version) {
		cur := version
		if tag.RowsAffected() != 1 {
			tx.QueryRow(ctx, `SELECT version FROM plans WHERE id = $1`, p.ID).Scan(&cur)
		}
		return jixiao.Errorf(jixiao.ECONFLICT, "计划已被他人修改：您读取的是第 %d 版，当前已是第 %d 版。请重新打开计划，核对改动后再保存", p.Version, cur)
	}
	p.Version++
	b := &pgx.Batch{}
	for _, t := range []string{"indicators", "fund_items", "special_funds", "key_tasks", "budget_lines"} {
		b.Queue(`DELETE FROM `+t+` WHERE plan_id = $1`, p.ID)
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("delete rows: %w", err)
	}
	return writeRows(ctx, tx, p, info, now)
}

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

func indicatorColumns(t jixiao.Target) (op string, micros, places any) {
	if t.Kind == jixiao.TargetNumeric {
		op = string(t.EffectiveOp())
		micros, places = nullDecimal(t.Value)
	}
	return op, micros, places
}

var indicatorCopyColumns = []string{"plan_id", "fund_item_id", "tbl", "position", "level1", "level2", "name",
	"target_text", "target_kind", "op", "value_micros", "value_places", "unit", "grade", "note"}

func indicatorRow(planID int64, item any, tbl string, i int, in jixiao.Indicator) []any {
	op, m, pl := indicatorColumns(in.Target)
	return []any{planID, item, tbl, int32(i), in.Level1, in.Level2, in.Name, in.Target.Text, string(in.Target.Kind),
		op, m, pl, in.Target.Unit, in.Target.Grade, in.Note}
}

// writeRows writes the revision and the normalized rows of p in three round trips: a
// batch of the plan-level rows that returns the funds' ids, a batch of the items that
// returns theirs, and one COPY of every indicator.
func writeRows(ctx context.Context, tx pgx.Tx, p *jixiao.Plan, info jixiao.SaveInfo, now time.Time) error {
	doc, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	b := &pgx.Batch{}
	b.Queue(`INSERT INTO revisions (plan_id, version, author, reason, created, doc) VALUES ($1, $2, $3, $4, $5, $6)`,
		p.ID, p.Version, info.Author, info.Reason, now, string(doc))
	for _, l := range budgetLines(p) {
		if l.d.IsSet() {
			b.Queue(`INSERT INTO budget_lines (plan_id, line, micros, places) VALUES ($1, $2, $3, $4)`, p.ID, l.line, l.d.Micros(), int16(l.d.Places()))
		}
	}
	for i, k := range p.KeyTasks {
		b.Queue(`INSERT INTO key_tasks (plan_id, position, item, owner, objective) VALUES ($1, $2, $3, $4, $5)`, p.ID, i, k.Item, k.Owner, k.Objective)
	}
	fundIDs := make([]int64, len(p.SpecialFunds))
	for i, f := range p.SpecialFunds {
		m, pl := nullDecimal(f.Amount)
		b.Queue(`INSERT INTO special_funds (plan_id, position, name, amount_micros, amount_places) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			p.ID, i, f.Name, m, pl).QueryRow(func(r pgx.Row) error { return r.Scan(&fundIDs[i]) })
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		if isUnique(err) {
			return jixiao.Errorf(jixiao.ECONFLICT, "计划第 %d 版已被他人保存，请重新打开后再保存", p.Version)
		}
		return fmt.Errorf("insert plan rows: %w", err)
	}
	var itemIDs [][]int64
	b = &pgx.Batch{}
	for i, f := range p.SpecialFunds {
		ids := make([]int64, len(f.Items))
		itemIDs = append(itemIDs, ids)
		for j, it := range f.Items {
			m, pl := nullDecimal(it.Amount)
			var fy, fm, ty, tm any
			if it.Period.IsSet() {
				fy, fm, ty, tm = it.Period.FromYear, it.Period.FromMonth, it.Period.ToYear, it.Period.ToMonth
			}
			b.Queue(`INSERT INTO fund_items (fund_id, plan_id, position, name, amount_micros, amount_places, period_text,
				from_year, from_month, to_year, to_month, period_goal, annual_goal)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
				fundIDs[i], p.ID, j, it.Name, m, pl, it.Period.Text, fy, fm, ty, tm, it.PeriodGoal, it.AnnualGoal).
				QueryRow(func(r pgx.Row) error { return r.Scan(&ids[j]) })
		}
	}
	if b.Len() > 0 {
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return fmt.Errorf("insert fund items: %w", err)
		}
	}
	rows := make([][]any, 0, p.IndicatorCount())
	for i, in := range p.Indicators {
		rows = append(rows, indicatorRow(p.ID, nil, "department", i, in))
	}
	for i, f := range p.SpecialFunds {
		for j, it := range f.Items {
			for k, in := range it.Indicators {
				rows = append(rows, indicatorRow(p.ID, itemIDs[i][j], "fund_item", k, in))
			}
		}
	}
	if len(rows) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"indicators"}, indicatorCopyColumns, pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("copy indicators: %w", err)
		}
	}
	return nil
}

// Plan returns the current version of plan id.
func (db *DB) Plan(ctx context.Context, id int64) (*jixiao.Plan, error) {
	var p *jixiao.Plan
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		p, err = currentPlan(ctx, tx, "p.id = $1", id)
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
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		p, err = currentPlan(ctx, tx, "p.department_id = $1 AND p.year = $2", departmentID, year)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			err = jixiao.Errorf(jixiao.ENOTFOUND, "单位（编号 %d）没有 %d 年度的绩效目标", departmentID, year)
		}
		return err
	})
	return p, err
}

func currentPlan(ctx context.Context, tx pgx.Tx, where string, args ...any) (*jixiao.Plan, error) {
	var doc []byte
	var code string
	err := tx.QueryRow(ctx, `SELECT r.doc::text, d.code FROM plans p
		JOIN revisions r ON r.plan_id = p.id AND r.version = p.version
		JOIN departments d ON d.id = p.department_id WHERE `+where, args...).Scan(&doc, &code)
	if errors.Is(err, pgx.ErrNoRows) {
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
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		out, total, err = plans(ctx, tx, f)
		return err
	})
	return out, total, err
}

// planArgs are the arguments of a query, numbered $1, $2, … in the order added.
type planArgs []any

func (a *planArgs) add(v any) string {
	*a = append(*a, v)
	return fmt.Sprintf("$%d", len(*a))
}

// planFrom and planOrder are the tables and the order of every plan listing: newest year
// first, then by department code.
const (
	planFrom  = ` FROM plans p JOIN departments d ON d.id = p.department_id`
	planOrder = ` ORDER BY p.year DESC, d.code, p.id`
)

// planWhere returns the WHERE clause (empty when f selects every plan) that selects the
// plans of f from planFrom, adding its arguments to args. The department's subtree is
// looked up first: ENOTFOUND when it does not exist.
func planWhere(ctx context.Context, tx pgx.Tx, f jixiao.PlanFilter, args *planArgs) (string, error) {
	var where []string
	if f.Year != 0 {
		where = append(where, "p.year = "+args.add(f.Year))
	}
	for _, root := range []struct {
		where string
		arg   any
		set   bool
	}{{"id = $1", f.DepartmentID, f.DepartmentID != 0}, {"code = $1", f.Department, f.Department != ""}} {
		if !root.set {
			continue
		}
		_, path, err := findDepartment(ctx, tx, root.where, root.arg)
		if err != nil {
			return "", err
		}
		lo, hi := subtreeRange(path)
		where = append(where, "d.path >= "+args.add(lo)+" AND d.path < "+args.add(hi))
	}
	if f.Status != "" {
		where = append(where, "p.status = "+args.add(string(f.Status)))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		// One arm per table, the plans' through their index of characters (migration
		// 0004): an OR across the join made the planner read every plan.
		like, chars := args.add("%"+likeEscape(q)+"%"), args.add(q)
		where = append(where, searchCondition(like, chars))
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), nil
}

// planPage returns the LIMIT and OFFSET clause of f, adding its arguments to args; a
// zero Limit is LIMIT NULL (no limit).
func planPage(f jixiao.PlanFilter, args *planArgs) string {
	var limit any
	if f.Limit > 0 {
		limit = f.Limit
	}
	return ` LIMIT ` + args.add(limit) + ` OFFSET ` + args.add(max(f.Offset, 0))
}

func plans(ctx context.Context, tx pgx.Tx, f jixiao.PlanFilter) ([]jixiao.PlanSummary, int, error) {
	var args planArgs
	where, err := planWhere(ctx, tx, f, &args)
	if err != nil {
		return nil, 0, err
	}
	var total int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*)`+planFrom+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count plans: %w", err)
	}
	// The page is chosen first and the revisions are counted for its rows only: counting
	// for every matching plan before LIMIT cost seconds at 30,000 plans.
	q := `SELECT p.id, p.department_id, d.code, p.department, p.year, p.framework, p.status, p.version,
		p.updated, p.updated_by` + planFrom + where + planOrder
	if f.Limit > 0 || f.Offset > 0 {
		q += planPage(f, &args)
	}
	q = `SELECT s.id, s.department_id, s.code, s.department, s.year, s.framework, s.status, s.version,
		(SELECT COUNT(*) FROM revisions r WHERE r.plan_id = s.id), s.updated, s.updated_by
		FROM (` + q + `) s ORDER BY s.year DESC, s.code, s.id`
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list plans: %w", err)
	}
	defer rows.Close()
	out := []jixiao.PlanSummary{}
	for rows.Next() {
		var s jixiao.PlanSummary
		var status string
		if err := rows.Scan(&s.ID, &s.DepartmentID, &s.DepartmentCode, &s.Department, &s.Year, &s.Framework,
			&status, &s.Version, &s.Revisions, &s.Updated, &s.UpdatedBy); err != nil {
			return nil, 0, err
		}
		s.Status, s.Updated = jixiao.Status(status), s.Updated.UTC()
		out = append(out, s)
	}
	return out, total, rows.Err()
}

// eachPlanSQL is the query of EachPlan: the current revision of each plan of the
// listing, as text, with its id and its department's code. The revision is read by a
// subquery of the select list and the query always has a LIMIT (NULL when f has none):
// with a LIMIT, PostgreSQL evaluates such a subquery after the sort, on the rows it
// returns, so the sort holds ids and codes only — without one it would sort the
// documents themselves (hundreds of MB at province scale, spilled to disk).
func eachPlanSQL(where, page string) string {
	return `SELECT p.id, (SELECT r.doc::text FROM revisions r WHERE r.plan_id = p.id AND r.version = p.version), d.code` +
		planFrom + where + planOrder + page
}

// EachPlan calls fn with the current version of every plan that matches f, in the
// listing's order, as Plan returns it. One query streams them, and the documents are
// decoded on every core as they arrive (jixiao.StreamPlans): memory holds a few plans per core,
// whatever their number.
func (db *DB) EachPlan(ctx context.Context, f jixiao.PlanFilter, fn func(*jixiao.Plan) error) (int, error) {
	return jixiao.StreamPlans(ctx, func(ctx context.Context, send func(id int64, code string, doc []byte) error) error {
		// Stopping early cancels the query (the connection is then dropped from the pool),
		// rather than reading and discarding the rest of its rows.
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		return db.read(ctx, func(tx pgx.Tx) error {
			var args planArgs
			where, err := planWhere(ctx, tx, f, &args)
			if err != nil {
				return err
			}
			rows, err := tx.Query(ctx, eachPlanSQL(where, planPage(f, &args)), args...)
			if err != nil {
				return fmt.Errorf("read plans: %w", err)
			}
			defer rows.Close()
			defer cancel() // runs before rows.Close
			for rows.Next() {
				var id int64
				var code string
				if err := rows.Scan(&id, nil, &code); err != nil {
					return fmt.Errorf("read plans: %w", err)
				}
				doc := rows.RawValues()[1] // valid until Next: copied for the decoders
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

// searchCondition matches the plans whose department, as the plan wrote it or as
// registered (name or code), contains the query: like is the placeholder of the escaped
// ILIKE pattern, chars that of the query itself. The character test repeats the index's
// expression (migration 0004) so that the planner can use it; ILIKE then decides.
func searchCondition(like, chars string) string {
	return `p.id IN (SELECT id FROM plans
		WHERE regexp_split_to_array(lower(department), '') @> regexp_split_to_array(lower(` + chars + `), '')
		AND department ILIKE ` + like + ` ESCAPE '\'
		UNION SELECT sp.id FROM departments sd JOIN plans sp ON sp.department_id = sd.id
		WHERE regexp_split_to_array(lower(sd.name || ' ' || sd.code), '') @> regexp_split_to_array(lower(` + chars + `), '')
		AND (sd.name ILIKE ` + like + ` ESCAPE '\' OR sd.code ILIKE ` + like + ` ESCAPE '\'))`
}

// Revisions lists the revisions of a plan, oldest first.
func (db *DB) Revisions(ctx context.Context, planID int64) ([]jixiao.Revision, error) {
	var out []jixiao.Revision
	err := db.read(ctx, func(tx pgx.Tx) error {
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM plans WHERE id = $1)`, planID).Scan(&exists); err != nil {
			return fmt.Errorf("find plan: %w", err)
		}
		if !exists {
			return jixiao.Errorf(jixiao.ENOTFOUND, "计划（编号 %d）不存在", planID)
		}
		rows, err := tx.Query(ctx, `SELECT version, author, reason, created FROM revisions WHERE plan_id = $1 ORDER BY version`, planID)
		if err != nil {
			return fmt.Errorf("list revisions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r := jixiao.Revision{PlanID: planID}
			if err := rows.Scan(&r.Version, &r.Author, &r.Reason, &r.Created); err != nil {
				return err
			}
			r.Created = r.Created.UTC()
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// PlanAt returns the plan as it was saved at version.
func (db *DB) PlanAt(ctx context.Context, planID int64, version int) (*jixiao.Plan, error) {
	var p jixiao.Plan
	err := db.read(ctx, func(tx pgx.Tx) error {
		var doc []byte
		err := tx.QueryRow(ctx, `SELECT doc::text FROM revisions WHERE plan_id = $1 AND version = $2`, planID, version).Scan(&doc)
		if errors.Is(err, pgx.ErrNoRows) {
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
