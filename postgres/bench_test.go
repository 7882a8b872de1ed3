package postgres_test

import (
	"context"
	"encoding/json"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"jixiao"
	"jixiao/postgres"
	"jixiao/storetest"
)

func benchPlans() int {
	if n, err := strconv.Atoi(os.Getenv("JIXIAO_BENCH_PLANS")); err == nil && n > 0 {
		return n
	}
	return 3000
}

// BenchmarkImport imports generated plans of about 100 indicators each, one
// transaction per plan, and compares it with the floor: the same rows written by a bare
// loop of INSERTs in one transaction on a fresh schema of the same database. It reports
// plans/s for both and their ratio (goal: ≤ 2).
//
//	JIXIAO_TEST_POSTGRES=postgres://… go test -run '^$' -bench Import -benchtime 1x ./postgres
func BenchmarkImport(b *testing.B) {
	n := benchPlans()
	plans := make([]*jixiao.Plan, n)
	for i := range plans {
		plans[i] = storetest.LargePlan(i, 2021, 100)
	}
	ctx := context.Background()
	for b.Loop() {
		db, err := postgres.Open(ctx, freshSchema(b))
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

// floorInsert writes the rows an import writes with one INSERT per row in one
// transaction (revision JSON encoded beforehand) and returns the time it took.
func floorInsert(b *testing.B, plans []*jixiao.Plan) time.Duration {
	b.Helper()
	ctx := context.Background()
	url := freshSchema(b)
	db, err := postgres.Open(ctx, url) // creates the same schema
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	docs := make([]string, len(plans))
	for i, p := range plans {
		d, _ := json.Marshal(p)
		docs[i] = string(d)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	start := time.Now()
	tx, err := conn.Begin(ctx)
	if err != nil {
		b.Fatal(err)
	}
	exec := func(q string, args ...any) {
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			b.Fatal(err)
		}
	}
	id := func(q string, args ...any) int64 {
		var v int64
		if err := tx.QueryRow(ctx, q, args...).Scan(&v); err != nil {
			b.Fatal(err)
		}
		return v
	}
	now := time.Now()
	for k, p := range plans {
		dept := id(`INSERT INTO departments (code, name, parent_id, kind, path) VALUES ($1, $2, NULL, 'department', '') RETURNING id`, p.DepartmentCode, p.Department)
		exec(`UPDATE departments SET path = $1 WHERE id = $2`, "/"+strconv.FormatInt(dept, 10)+"/", dept)
		plan := id(`INSERT INTO plans (department_id, year, department, submitter, framework, status, version,
			duties, fund_authority, created, updated, updated_by) VALUES ($1, $2, $3, $4, $5, 'draft', 1, $6, $7, $8, $8, 'bench') RETURNING id`,
			dept, p.Year, p.Department, p.Submitter, p.Framework, p.Duties, p.FundAuthority, now)
		exec(`INSERT INTO revisions (plan_id, version, author, reason, created, doc) VALUES ($1, 1, 'bench', '导入', $2, $3)`, plan, now, docs[k])
		for _, d := range []struct {
			l string
			v jixiao.Decimal
		}{{"total", p.Budget.Total}, {"general_budget", p.Budget.GeneralBudget}, {"basic", p.Budget.Basic}, {"project", p.Budget.Project}, {"funds_total", p.FundsTotal}} {
			exec(`INSERT INTO budget_lines (plan_id, line, micros, places) VALUES ($1, $2, $3, $4)`, plan, d.l, d.v.Micros(), int16(d.v.Places()))
		}
		for i, t := range p.KeyTasks {
			exec(`INSERT INTO key_tasks (plan_id, position, item, owner, objective) VALUES ($1, $2, $3, $4, $5)`, plan, i, t.Item, t.Owner, t.Objective)
		}
		ind := func(item any, tbl string, i int, in jixiao.Indicator) {
			var m, pl any
			op := ""
			if in.Target.Kind == jixiao.TargetNumeric && in.Target.Value.IsSet() {
				op, m, pl = string(in.Target.EffectiveOp()), in.Target.Value.Micros(), int16(in.Target.Value.Places())
			}
			exec(`INSERT INTO indicators (plan_id, fund_item_id, tbl, position, level1, level2, name, target_text, target_kind,
				op, value_micros, value_places, unit, grade, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
				plan, item, tbl, i, in.Level1, in.Level2, in.Name, in.Target.Text, string(in.Target.Kind), op, m, pl,
				in.Target.Unit, in.Target.Grade, in.Note)
		}
		for i, in := range p.Indicators {
			ind(nil, "department", i, in)
		}
		for i, f := range p.SpecialFunds {
			fund := id(`INSERT INTO special_funds (plan_id, position, name, amount_micros, amount_places) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
				plan, i, f.Name, f.Amount.Micros(), int16(f.Amount.Places()))
			for j, it := range f.Items {
				item := id(`INSERT INTO fund_items (fund_id, plan_id, position, name, amount_micros, amount_places, period_text,
					from_year, from_month, to_year, to_month, period_goal, annual_goal) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
					fund, plan, j, it.Name, it.Amount.Micros(), int16(it.Amount.Places()), it.Period.Text,
					it.Period.FromYear, it.Period.FromMonth, it.Period.ToYear, it.Period.ToMonth, it.PeriodGoal, it.AnnualGoal)
				for k, in := range it.Indicators {
					ind(item, "fund_item", k, in)
				}
			}
		}
	}
	if err := tx.Commit(ctx); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}
