// Package postgres is jixiao's store for a province or any installation that outgrows
// one SQLite file: the same behaviour as package sqlite (storetest holds both to it) on
// PostgreSQL through pgx and its connection pool.
//
// Saves run at READ COMMITTED: the version check is the UPDATE's own WHERE clause, and
// PostgreSQL re-evaluates it after waiting for a concurrent updater's row lock, so of
// several writers holding the same version exactly one matches. Imports lock their
// department's row so that two imports of one department and year queue rather than
// both creating the plan. Normalized rows go in with COPY and batched statements: a few
// round trips per plan instead of one per row.
//
// Every exported method opens a transaction and calls unexported helpers that take it.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"jixiao"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is a jixiao.Store on a PostgreSQL database.
type DB struct {
	pool *pgxpool.Pool
	now  func() time.Time
}

var _ jixiao.Store = (*DB)(nil)

// Open connects to the database at url (postgres://user:password@host:port/db?…) and
// applies the migrations it lacks. A database written by a newer jixiao is refused
// with EINVALID.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, jixiao.Errorf(jixiao.EINVALID, "PostgreSQL 连接串无效：%v", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect postgres: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, jixiao.Errorf(jixiao.EINTERNAL, "无法连接 PostgreSQL（%s:%d/%s）：%v", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database, err)
	}
	db := &DB{pool: pool, now: time.Now}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the pool.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// write runs fn in a transaction and commits it when fn returns nil.
func (db *DB) write(ctx context.Context, fn func(tx pgx.Tx) error) error {
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback(context.Background())
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// read runs fn in a read-only REPEATABLE READ transaction: one consistent snapshot.
func (db *DB) read(ctx context.Context, fn func(tx pgx.Tx) error) error {
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback(context.Background())
	return fn(tx)
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s: name is not NNNN_name.sql", e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.name, i+1)
		}
	}
	return ms, nil
}

// LatestSchemaVersion is the newest schema this binary knows.
func (db *DB) LatestSchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// SchemaVersion returns the newest migration recorded in the database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := db.pool.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

func newerSchema(have, know int) error {
	return jixiao.Errorf(jixiao.EINVALID, "PostgreSQL 数据库的结构版本为 %d，比本程序支持的版本 %d 新：它由更新版本的 jixiao 写入，请升级 jixiao 后再连接，以免损坏数据", have, know)
}

// migrate applies the missing migrations, each in one transaction with its record,
// under an advisory lock so that servers starting together migrate once.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if _, err := db.pool.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY,
		name    text NOT NULL,
		applied timestamptz NOT NULL
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	for i := 0; i <= len(ms); i++ {
		err := db.write(ctx, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(7373020601)`); err != nil {
				return err
			}
			var cur int
			if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&cur); err != nil {
				return err
			}
			if cur > len(ms) {
				return newerSchema(cur, len(ms))
			}
			if i == len(ms) || cur >= ms[i].version {
				return nil
			}
			if _, err := tx.Exec(ctx, ms[i].sql); err != nil {
				return fmt.Errorf("migration %s: %w", ms[i].name, err)
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied) VALUES ($1, $2, $3)`,
				ms[i].version, ms[i].name, db.stamp())
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func normTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Microsecond)
}

func (db *DB) stamp() time.Time { return normTime(db.now()) }

// nullTime is NULL for the zero time.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func utc(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

func pgCode(err error) string {
	var e *pgconn.PgError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func isUnique(err error) bool     { return pgCode(err) == "23505" }
func isForeignKey(err error) bool { return pgCode(err) == "23503" }

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func nullDecimal(d jixiao.Decimal) (micros, places any) {
	if !d.IsSet() {
		return nil, nil
	}
	return d.Micros(), int16(d.Places())
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
