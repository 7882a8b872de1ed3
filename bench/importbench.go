package bench

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	_ "modernc.org/sqlite" // the floor's bare INSERTs, through the driver the store uses

	"jixiao"
	"jixiao/gen"
)

// createDepartments stores the region's department tree through the store's own API and
// returns the stored ids by code.
func createDepartments(ctx context.Context, s jixiao.Store, reg *gen.Region) (map[string]int64, error) {
	ids := map[string]int64{}
	byGenID := map[int64]string{}
	for _, d := range reg.Departments {
		nd := *d
		nd.ID = 0
		if d.ParentID != 0 {
			nd.ParentID = ids[byGenID[d.ParentID]]
		}
		if err := s.CreateDepartment(ctx, &nd); err != nil {
			return nil, fmt.Errorf("create department %s: %w", d.Code, err)
		}
		ids[d.Code] = nd.ID
		byGenID[d.ID] = d.Code
	}
	return ids, nil
}

// importTarget is one database the import workload runs on.
type importTarget struct {
	name string // "SQLite", "PostgreSQL"
	// fresh makes an empty database and returns its DSN for Open and a func that drops it.
	fresh func(tag string) (dsn string, drop func() error, err error)
	// floor inserts the rows into the database at dsn in one transaction.
	floor func(ctx context.Context, dsn string, ids map[string]int64, rows []*planRows) error
}

// benchImport imports Import generated plans into SQLite and, when given, PostgreSQL.
func benchImport(ctx context.Context, cfg *Config, sz Sizes) ([]Result, error) {
	targets := []importTarget{{name: "SQLite", fresh: func(tag string) (string, func() error, error) {
		path := filepath.Join(cfg.Dir, "import-"+tag+".db")
		drop := func() error {
			for _, s := range []string{"", "-wal", "-shm"} {
				if err := os.Remove(path + s); err != nil && !os.IsNotExist(err) {
					return err
				}
			}
			return nil
		}
		return "sqlite:" + path, drop, drop()
	}, floor: sqliteFloor}}
	var out []Result
	if cfg.Postgres != "" {
		targets = append(targets, importTarget{name: "PostgreSQL", fresh: func(tag string) (string, func() error, error) {
			return FreshPostgres(ctx, cfg.Postgres, "import_"+tag)
		}, floor: postgresFloor})
	}
	for _, t := range targets {
		r, err := importOne(ctx, cfg, sz, t)
		if err != nil {
			r = Result{Workload: "import " + t.name, Status: Failed, Note: err.Error()}
		}
		out = append(out, r)
	}
	if cfg.Postgres == "" {
		out = append(out, cfg.skippedPostgres("import PostgreSQL"))
	}
	return out, nil
}

func importOne(ctx context.Context, cfg *Config, sz Sizes, t importTarget) (Result, error) {
	reg := region(sz.Import)
	n := reg.Len()
	var plans []*jixiao.Plan
	var rows []*planRows
	nRows, nInd := 0, 0
	var ids map[string]int64
	var store jixiao.Store
	var dsn string
	var drop func() error
	round := 0
	// prepare makes a fresh database with the region's departments, through the store.
	prepare := func(side string) error {
		round++
		var err error
		dsn, drop, err = t.fresh(side + strconv.Itoa(round))
		if err != nil {
			return err
		}
		store, err = cfg.Open(ctx, dsn)
		if err != nil {
			return err
		}
		ids, err = createDepartments(ctx, store, reg)
		return err
	}
	finish := func() error {
		var err error
		if store != nil {
			err = store.Close()
			store = nil
		}
		if drop != nil {
			if e := drop(); err == nil {
				err = e
			}
			drop = nil
		}
		return err
	}
	work := timed{
		setup: func() error {
			plans = plans[:0]
			for _, p := range reg.Plans() {
				plans = append(plans, p)
			}
			return prepare("w")
		},
		body: func() error {
			info := jixiao.SaveInfo{Author: "bench", Reason: "导入"}
			for _, p := range plans {
				if _, err := store.ImportPlan(ctx, p, info); err != nil {
					return fmt.Errorf("import %s: %w", p.DepartmentCode, err)
				}
			}
			return nil
		},
		teardown: finish,
	}
	floor := timed{
		setup: func() error {
			if rows == nil {
				for _, p := range reg.Plans() {
					r, err := rowsOf(p)
					if err != nil {
						return err
					}
					rows = append(rows, r)
					nRows += r.nRows
					nInd += p.IndicatorCount()
				}
			}
			if err := prepare("f"); err != nil {
				return err
			}
			// The store made the schema and the departments; the floor writes on its own
			// connection, so the store's is closed first.
			err := store.Close()
			store = nil
			return err
		},
		body:     func() error { return t.floor(ctx, dsn, ids, rows) },
		teardown: finish,
	}
	w, f, err := pairTimed(sz.Rounds, false, work, floor)
	if err != nil {
		finish()
		return Result{}, err
	}
	rt := ratio(w.Wall, f.Wall)
	return Result{
		Workload:   "import " + t.name + " (ImportPlan)",
		Size:       fmt.Sprintf("%d plans, %s indicators, %s rows", n, humanNumber(float64(nInd)), humanNumber(float64(nRows))),
		Time:       w.Wall,
		Clock:      "wall",
		Throughput: perSecond(n, w.Wall, "plans/s"),
		Floor:      "bare INSERTs of the same rows, one transaction",
		FloorTime:  f.Wall,
		Ratio:      rt,
		Goals:      []Goal{{Name: "ratio", Value: rt, Limit: 2, Max: true}},
		Note:       "ImportPlan commits each plan (one transaction, one fsync each); the floor commits once",
	}, nil
}

// sqliteFloor inserts the rows with plain INSERT statements in one transaction, on a
// connection with the store's own settings (WAL, foreign keys, synchronous=FULL).
func sqliteFloor(ctx context.Context, dsn string, ids map[string]int64, rows []*planRows) error {
	path := dsn[len("sqlite:"):]
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(30000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_txlock=immediate")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins := func(q string, args ...any) (sql.Result, error) { return tx.ExecContext(ctx, q, args...) }
	now := nowText()
	for _, r := range rows {
		res, err := ins(`INSERT INTO plans (department_id, year, department, submitter, framework, status, version,
			duties, fund_authority, created, updated, updated_by) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
			ids[r.code], r.year, r.department, r.submitter, r.framework, r.status, r.duties, r.fundAuthority, now, now, "bench")
		if err != nil {
			return fmt.Errorf("insert plan: %w", err)
		}
		planID, err := res.LastInsertId()
		if err != nil {
			return err
		}
		for _, b := range r.budget {
			if _, err := ins(`INSERT INTO budget_lines (plan_id, line, micros, places) VALUES (?, ?, ?, ?)`, planID, b.line, b.micros, b.places); err != nil {
				return err
			}
		}
		for i, k := range r.tasks {
			if _, err := ins(`INSERT INTO key_tasks (plan_id, position, item, owner, objective) VALUES (?, ?, ?, ?, ?)`, planID, i, k.Item, k.Owner, k.Objective); err != nil {
				return err
			}
		}
		indicators := func(item any, tbl string, rs []indicatorRow) error {
			for i, in := range rs {
				if _, err := ins(`INSERT INTO indicators (plan_id, fund_item_id, tbl, position, level1, level2, name,
					target_text, target_kind, op, value_micros, value_places, unit, grade, note)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					planID, item, tbl, i, in.level1, in.level2, in.name, in.text, in.kind, in.op, in.micros, in.places, in.unit, in.grade, in.note); err != nil {
					return err
				}
			}
			return nil
		}
		if err := indicators(nil, "department", r.indicators); err != nil {
			return err
		}
		for i, f := range r.funds {
			res, err := ins(`INSERT INTO special_funds (plan_id, position, name, amount_micros, amount_places) VALUES (?, ?, ?, ?, ?)`, planID, i, f.name, f.micros, f.places)
			if err != nil {
				return err
			}
			fundID, err := res.LastInsertId()
			if err != nil {
				return err
			}
			for j, it := range f.items {
				res, err := ins(`INSERT INTO fund_items (fund_id, plan_id, position, name, amount_micros, amount_places,
					period_text, from_year, from_month, to_year, to_month, period_goal, annual_goal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					fundID, planID, j, it.name, it.micros, it.places, it.periodText, it.fromY, it.fromM, it.toY, it.toM, it.periodGoal, it.annualGoal)
				if err != nil {
					return err
				}
				itemID, err := res.LastInsertId()
				if err != nil {
					return err
				}
				if err := indicators(itemID, "fund_item", it.indicators); err != nil {
					return err
				}
			}
		}
		if _, err := ins(`INSERT INTO revisions (plan_id, version, author, reason, created, doc) VALUES (?, 1, ?, ?, ?, ?)`,
			planID, "bench", "导入", now, r.doc); err != nil {
			return err
		}
	}
	return tx.Commit()
}
