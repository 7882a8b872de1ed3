package bench

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// FreshPostgres makes an empty database on the server of base, named after tag and this
// process, and returns its URL and a func that drops it. Each run and each round gets its
// own, so parallel runs do not collide. With CREATEDB it is a database of its own;
// without (permission denied), a schema of its own in base's database, selected by
// search_path in the returned URL.
func FreshPostgres(ctx context.Context, base, tag string) (string, func() error, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", nil, fmt.Errorf("postgres url: %w", err)
	}
	name := fmt.Sprintf("jixiao_bench_%s_%d", strings.ToLower(tag), os.Getpid())
	ident := pgx.Identifier{name}.Sanitize()
	exec := func(ctx context.Context, sql string) error {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			return fmt.Errorf("connect %s: %w", u.Redacted(), err)
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, sql)
		return err
	}
	if err := exec(ctx, "DROP DATABASE IF EXISTS "+ident); err != nil && !isDenied(err) {
		return "", nil, fmt.Errorf("drop database %s: %w", name, err)
	}
	err = exec(ctx, "CREATE DATABASE "+ident+" TEMPLATE template0 ENCODING 'UTF8'")
	if isDenied(err) {
		if err := exec(ctx, "DROP SCHEMA IF EXISTS "+ident+" CASCADE; CREATE SCHEMA "+ident); err != nil {
			return "", nil, fmt.Errorf("create schema %s (no CREATEDB): %w", name, err)
		}
		nu := *u
		q := nu.Query()
		q.Set("search_path", name)
		nu.RawQuery = q.Encode()
		drop := func() error { return exec(context.Background(), "DROP SCHEMA IF EXISTS "+ident+" CASCADE") }
		return nu.String(), drop, nil
	} else if err != nil {
		return "", nil, fmt.Errorf("create database %s: %w", name, err)
	}
	nu := *u
	nu.Path = "/" + name
	// DROP DATABASE itself ends autovacuum workers; WITH (FORCE) would also try to end
	// them and is refused to a role that is not a superuser. A connection of ours that
	// is still closing may hold the database for a moment: try again briefly.
	drop := func() error {
		var err error
		for range 20 {
			if err = exec(context.Background(), "DROP DATABASE IF EXISTS "+ident); err == nil {
				return nil
			}
			time.Sleep(250 * time.Millisecond)
		}
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	return nu.String(), drop, nil
}

// isDenied reports a PostgreSQL "insufficient privilege" error (SQLSTATE 42501).
func isDenied(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "42501"
}

// postgresFloor inserts the rows with plain INSERT statements in one transaction,
// through pgx on one connection, into the tables the PostgreSQL store's migrations made.
func postgresFloor(ctx context.Context, dsn string, ids map[string]int64, rows []*planRows) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	now := time.Now()
	one := func(q string, args ...any) (int64, error) {
		var id int64
		err := tx.QueryRow(ctx, q, args...).Scan(&id)
		return id, err
	}
	exec := func(q string, args ...any) error {
		_, err := tx.Exec(ctx, q, args...)
		return err
	}
	for _, r := range rows {
		planID, err := one(`INSERT INTO plans (department_id, year, department, submitter, framework, status, version,
			duties, fund_authority, created, updated, updated_by) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9, $9, $10) RETURNING id`,
			ids[r.code], r.year, r.department, r.submitter, r.framework, r.status, r.duties, r.fundAuthority, now, "bench")
		if err != nil {
			return fmt.Errorf("insert plan: %w", err)
		}
		for _, b := range r.budget {
			if err := exec(`INSERT INTO budget_lines (plan_id, line, micros, places) VALUES ($1, $2, $3, $4)`, planID, b.line, b.micros, b.places); err != nil {
				return fmt.Errorf("insert budget line: %w", err)
			}
		}
		for i, k := range r.tasks {
			if err := exec(`INSERT INTO key_tasks (plan_id, position, item, owner, objective) VALUES ($1, $2, $3, $4, $5)`, planID, i, k.Item, k.Owner, k.Objective); err != nil {
				return fmt.Errorf("insert key task: %w", err)
			}
		}
		indicators := func(item any, tbl string, rs []indicatorRow) error {
			for i, in := range rs {
				if err := exec(`INSERT INTO indicators (plan_id, fund_item_id, tbl, position, level1, level2, name,
					target_text, target_kind, op, value_micros, value_places, unit, grade, note)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
					planID, item, tbl, i, in.level1, in.level2, in.name, in.text, in.kind, in.op, in.micros, in.places, in.unit, in.grade, in.note); err != nil {
					return fmt.Errorf("insert indicator: %w", err)
				}
			}
			return nil
		}
		if err := indicators(nil, "department", r.indicators); err != nil {
			return err
		}
		for i, f := range r.funds {
			fundID, err := one(`INSERT INTO special_funds (plan_id, position, name, amount_micros, amount_places) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
				planID, i, f.name, f.micros, f.places)
			if err != nil {
				return fmt.Errorf("insert special fund: %w", err)
			}
			for j, it := range f.items {
				itemID, err := one(`INSERT INTO fund_items (fund_id, plan_id, position, name, amount_micros, amount_places,
					period_text, from_year, from_month, to_year, to_month, period_goal, annual_goal)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
					fundID, planID, j, it.name, it.micros, it.places, it.periodText, it.fromY, it.fromM, it.toY, it.toM, it.periodGoal, it.annualGoal)
				if err != nil {
					return fmt.Errorf("insert fund item: %w", err)
				}
				if err := indicators(itemID, "fund_item", it.indicators); err != nil {
					return err
				}
			}
		}
		if err := exec(`INSERT INTO revisions (plan_id, version, author, reason, created, doc) VALUES ($1, 1, $2, $3, $4, $5)`,
			planID, "bench", "导入", now, string(r.doc)); err != nil {
			return fmt.Errorf("insert revision: %w", err)
		}
	}
	return tx.Commit(ctx)
}
