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

// postgresFloor writes the rows the fastest way PostgreSQL has, in one transaction on
// one pgx connection: the plans' ids drawn from their sequence in one query, then one
// COPY of the plans and one COPY of the revisions.
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
	q, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('plans', 'id')) FROM generate_series(1, $1)`, len(rows))
	if err != nil {
		return fmt.Errorf("plan ids: %w", err)
	}
	planIDs, err := pgx.CollectRows(q, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("plan ids: %w", err)
	}
	plans := make([][]any, len(rows))
	revisions := make([][]any, len(rows))
	for i, r := range rows {
		plans[i] = []any{planIDs[i], ids[r.code], r.year, r.department, r.submitter, r.framework, r.status, 1,
			r.duties, r.fundAuthority, now, now, "bench"}
		revisions[i] = []any{planIDs[i], 1, "bench", "导入", now, r.doc}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"plans"}, []string{"id", "department_id", "year", "department", "submitter",
		"framework", "status", "version", "duties", "fund_authority", "created", "updated", "updated_by"}, pgx.CopyFromRows(plans)); err != nil {
		return fmt.Errorf("copy plans: %w", err)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"revisions"}, []string{"plan_id", "version", "author", "reason", "created", "doc"},
		pgx.CopyFromRows(revisions)); err != nil {
		return fmt.Errorf("copy revisions: %w", err)
	}
	return tx.Commit(ctx)
}
