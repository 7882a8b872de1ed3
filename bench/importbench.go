package bench

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

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
	floor     func(ctx context.Context, dsn string, ids map[string]int64, rows []*planRows) error
	floorName string
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
	}, floor: sqliteFloor, floorName: "bare INSERTs of the same rows, one transaction"}}
	var out []Result
	if cfg.Postgres != "" {
		targets = append(targets, importTarget{name: "PostgreSQL", fresh: func(tag string) (string, func() error, error) {
			return FreshPostgres(ctx, cfg.Postgres, "import_"+tag)
		}, floor: postgresFloor, floorName: "COPY of the same rows, one transaction"})
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
			_, err := store.ImportPlans(ctx, plans, jixiao.SaveInfo{Author: "bench", Reason: "导入"})
			return err
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
					nRows += rowsPerPlan
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
	// One ImportPlan per plan, as jixiao import does per file, once, for the note.
	if err := work.setup(); err != nil {
		finish()
		return Result{}, err
	}
	start := time.Now()
	for _, p := range plans {
		if _, err := store.ImportPlan(ctx, p, jixiao.SaveInfo{Author: "bench", Reason: "导入"}); err != nil {
			finish()
			return Result{}, fmt.Errorf("import %s: %w", p.DepartmentCode, err)
		}
	}
	each := time.Since(start)
	if err := finish(); err != nil {
		return Result{}, err
	}
	rt := ratio(w.Wall, f.Wall)
	return Result{
		Workload:   "import " + t.name + " (ImportPlans)",
		Size:       fmt.Sprintf("%d plans, %s indicators, %s rows", n, humanNumber(float64(nInd)), humanNumber(float64(nRows))),
		Time:       w.Wall,
		Clock:      "wall",
		Throughput: perSecond(n, w.Wall, "plans/s"),
		Floor:      t.floorName,
		FloorTime:  f.Wall,
		Ratio:      rt,
		Goals:      []Goal{{Name: "ratio", Value: rt, Limit: 1.5, Max: true}}, // issue 12: ≤ 1.5× on both engines
		Note: fmt.Sprintf("ImportPlans stores the region in one transaction, as the floor does; one ImportPlan per plan "+
			"(a transaction and a log flush each, as jixiao import does per file) took %s, %.2f× the floor",
			each.Round(time.Millisecond), ratio(each, f.Wall)),
	}, nil
}

// sqliteFloor inserts the rows with plain INSERT statements in one transaction, on a
// connection with the store's own settings (WAL, foreign keys, synchronous=FULL): the
// fastest way SQLite has (it has no bulk path of its own).
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
		if _, err := ins(`INSERT INTO revisions (plan_id, version, author, reason, created, doc) VALUES (?, 1, ?, ?, ?, ?)`,
			planID, "bench", "导入", now, r.doc); err != nil {
			return err
		}
	}
	return tx.Commit()
}
