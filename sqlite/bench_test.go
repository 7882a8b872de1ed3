package sqlite_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"jixiao"
	"jixiao/sqlite"
	"jixiao/storetest"
)

// benchPlans is how many plans the import benchmark stores (JIXIAO_BENCH_PLANS, 3000).
func benchPlans() int {
	if n, err := strconv.Atoi(os.Getenv("JIXIAO_BENCH_PLANS")); err == nil && n > 0 {
		return n
	}
	return 3000
}

// BenchmarkImport imports generated plans of about 100 indicators each, one
// transaction per plan as jixiao import does, and compares it with the floor: the same
// rows written by a bare loop of INSERTs in one transaction on an empty database with
// the same schema. It reports plans/s for both and their ratio (goal: ≤ 2).
//
//	go test -run '^$' -bench Import -benchtime 1x ./sqlite
func BenchmarkImport(b *testing.B) {
	n := benchPlans()
	plans := make([]*jixiao.Plan, n)
	for i := range plans {
		plans[i] = storetest.LargePlan(i, 2021, 100)
	}
	ctx := context.Background()
	for b.Loop() {
		db, err := sqlite.Open(filepath.Join(b.TempDir(), "import.db"))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		for _, p := range plans {
			q := *p
			if _, err := db.ImportPlan(ctx, &q, jixiao.SaveInfo{Author: "bench"}); err != nil {
				b.Fatal(err)
			}
		}
		imp := time.Since(start)
		db.Close()

		floor := floorInsert(b, plans)
		b.ReportMetric(float64(n)/imp.Seconds(), "plans/s")
		b.ReportMetric(float64(n)/floor.Seconds(), "floor-plans/s")
		b.ReportMetric(imp.Seconds()/floor.Seconds(), "ratio")
	}
}

// floorInsert writes the rows an import of plans writes — department, plan, revision,
// budget lines, key tasks, funds, items, indicators — with plain INSERTs in one
// transaction, and returns the time it took. The revision JSON is encoded beforehand:
// the floor is the cost of the rows alone.
func floorInsert(b *testing.B, plans []*jixiao.Plan) time.Duration {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "floor.db")
	db, err := sqlite.Open(path) // creates the same schema
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	docs := make([][]byte, len(plans))
	for i, p := range plans {
		docs[i], _ = json.Marshal(p)
	}
	raw, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	start := time.Now()
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	exec := func(q string, args ...any) sql.Result {
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			b.Fatal(err)
		}
		return res
	}
	id := func(r sql.Result) int64 {
		v, _ := r.LastInsertId()
		return v
	}
	for k, p := range plans {
		dept := id(exec(`INSERT INTO departments (code, name, parent_id, kind, path) VALUES (?, ?, NULL, 'department', '')`, p.DepartmentCode, p.Department))
		exec(`UPDATE departments SET path = ? WHERE id = ?`, "/"+strconv.FormatInt(dept, 10)+"/", dept)
		now := "2026-01-01T00:00:00.000000Z"
		plan := id(exec(`INSERT INTO plans (department_id, year, department, submitter, framework, status, version,
			duties, fund_authority, created, updated, updated_by) VALUES (?, ?, ?, ?, ?, 'draft', 1, ?, ?, ?, ?, ?)`,
			dept, p.Year, p.Department, p.Submitter, p.Framework, p.Duties, p.FundAuthority, now, now, "bench"))
		exec(`INSERT INTO revisions (plan_id, version, author, reason, created, doc) VALUES (?, 1, ?, ?, ?, ?)`, plan, "bench", "导入", now, docs[k])
		for _, d := range []struct {
			l string
			v jixiao.Decimal
		}{{"total", p.Budget.Total}, {"general_budget", p.Budget.GeneralBudget}, {"basic", p.Budget.Basic}, {"project", p.Budget.Project}, {"funds_total", p.FundsTotal}} {
			exec(`INSERT INTO budget_lines (plan_id, line, micros, places) VALUES (?, ?, ?, ?)`, plan, d.l, d.v.Micros(), d.v.Places())
		}
		for i, t := range p.KeyTasks {
			exec(`INSERT INTO key_tasks (plan_id, position, item, owner, objective) VALUES (?, ?, ?, ?, ?)`, plan, i, t.Item, t.Owner, t.Objective)
		}
		ind := func(item any, tbl string, i int, in jixiao.Indicator) {
			var m, pl any
			op := ""
			if in.Target.Kind == jixiao.TargetNumeric && in.Target.Value.IsSet() {
				op, m, pl = string(in.Target.EffectiveOp()), in.Target.Value.Micros(), in.Target.Value.Places()
			}
			exec(`INSERT INTO indicators (plan_id, fund_item_id, tbl, position, level1, level2, name, target_text, target_kind,
				op, value_micros, value_places, unit, grade, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				plan, item, tbl, i, in.Level1, in.Level2, in.Name, in.Target.Text, string(in.Target.Kind), op, m, pl,
				in.Target.Unit, in.Target.Grade, in.Note)
		}
		for i, in := range p.Indicators {
			ind(nil, "department", i, in)
		}
		for i, f := range p.SpecialFunds {
			fund := id(exec(`INSERT INTO special_funds (plan_id, position, name, amount_micros, amount_places) VALUES (?, ?, ?, ?, ?)`,
				plan, i, f.Name, f.Amount.Micros(), f.Amount.Places()))
			for j, it := range f.Items {
				item := id(exec(`INSERT INTO fund_items (fund_id, plan_id, position, name, amount_micros, amount_places, period_text,
					from_year, from_month, to_year, to_month, period_goal, annual_goal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					fund, plan, j, it.Name, it.Amount.Micros(), it.Amount.Places(), it.Period.Text,
					it.Period.FromYear, it.Period.FromMonth, it.Period.ToYear, it.Period.ToMonth, it.PeriodGoal, it.AnnualGoal))
				for k, in := range it.Indicators {
					ind(item, "fund_item", k, in)
				}
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}
