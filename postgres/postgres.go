// Package postgres is jixiao's store for a province or any installation that outgrows
// one SQLite file: the same behaviour as package sqlite (storetest holds both to it) on
// PostgreSQL through pgx and its connection pool. The store itself is package sqlstore,
// reached through pgx's database/sql adapter; this package connects, keeps the
// migrations and gives the core PostgreSQL's dialect.
//
// Saves run at READ COMMITTED: the version check is the UPDATE's own WHERE clause, and
// PostgreSQL re-evaluates it after waiting for a concurrent updater's row lock, so of
// several writers holding the same version exactly one matches. Imports lock their
// department's row (FOR UPDATE) so that two imports of one department and year queue
// rather than both creating the plan; workflow steps lock the plan's row, audit appends
// the chain head's. Reads run in read-only REPEATABLE READ transactions: one snapshot.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"jixiao"
	"jixiao/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is a jixiao.ReviewStore on a PostgreSQL database.
type DB struct {
	*sqlstore.DB
	pool *pgxpool.Pool
}

// Open connects to the database at url (postgres://user:password@host:port/db?…) and
// applies the migrations it lacks. A database written by a newer jixiao is refused
// with EINVALID.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, jixiao.WrapError(err, jixiao.EINVALID, "PostgreSQL 连接串无效，应形如 postgres://用户:密码@主机:端口/库名。")
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, jixiao.WrapError(err, jixiao.EINTERNAL, "无法连接 PostgreSQL（%s:%d/%s）。", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, jixiao.WrapError(err, jixiao.EINTERNAL, "无法连接 PostgreSQL（%s:%d/%s）。", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
	}
	// database/sql over the pool: the pool keeps the connections (OpenDBFromPool keeps
	// none idle on its side), so the pool's size and settings hold as before.
	sdb := stdlib.OpenDBFromPool(pool)
	db := &DB{DB: sqlstore.New(sdb, sdb, dialect{}), pool: pool}
	if err := db.Migrate(ctx, migrationFS, "migrations"); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the database and its pool.
func (db *DB) Close() error {
	err := db.DB.Close()
	db.pool.Close()
	return err
}

// dialect is PostgreSQL's: numbered placeholders, timestamptz (NULL for no time), row
// locks, and search through the characters' GIN indexes of migration 0004.
type dialect struct{}

func (dialect) Numbered() bool { return true }

func (dialect) Time(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func (dialect) ForUpdate(of string) string {
	if of == "" {
		return " FOR UPDATE"
	}
	return " FOR UPDATE OF " + of
}

func (dialect) NoLimit() any     { return nil } // LIMIT NULL
func (dialect) Bytewise() string { return ` COLLATE "C"` }

// PlanSearch has one arm per table, the plans' through their index of characters
// (migration 0004): an OR across the join made the planner read every plan. The
// character test repeats the index's expression so that the planner can use it; ILIKE
// then decides.
func (dialect) PlanSearch(q string) (string, []any) {
	like := sqlstore.LikePattern(q)
	return `p.id IN (SELECT id FROM plans
		WHERE regexp_split_to_array(lower(department), '') @> regexp_split_to_array(lower(?), '')
		AND department ILIKE ? ESCAPE '\'
		UNION SELECT sp.id FROM departments sd JOIN plans sp ON sp.department_id = sd.id
		WHERE regexp_split_to_array(lower(sd.name || ' ' || sd.code), '') @> regexp_split_to_array(lower(?), '')
		AND (sd.name ILIKE ? ESCAPE '\' OR sd.code ILIKE ? ESCAPE '\'))`, []any{q, like, q, like, like}
}

// EachPlanSQL reads the revision by a subquery of the select list and always has a
// LIMIT (NULL when there is none): with a LIMIT, PostgreSQL evaluates such a subquery
// after the sort, on the rows it returns, so the sort holds ids and codes only —
// without one it would sort the documents themselves (hundreds of MB at province
// scale, spilled to disk). eachplan_test.go checks the plan.
func (dialect) EachPlanSQL(from, where, order, page string) string {
	return `SELECT p.id, (SELECT r.doc FROM revisions r WHERE r.plan_id = p.id AND r.version = p.version), d.code` +
		from + where + order + page
}

// HeadJoins find the nearest deadline and exception of the targets among the ids of the department's
// path, read as an array.
func (dialect) PathChild(col string, skip int) string {
	return fmt.Sprintf("split_part(substr(%s, %d), '/', 1)::bigint", col, skip+1)
}

func (dialect) HeadJoins() string {
	return `CROSS JOIN LATERAL (SELECT string_to_array(trim(both '/' from d.path), '/')::bigint[] AS ids) a
LEFT JOIN LATERAL (SELECT x.* FROM deadlines x WHERE x.stage = 'targets' AND x.region_id = ANY (a.ids) AND x.year = p.year
	ORDER BY array_position(a.ids, x.region_id) DESC LIMIT 1) dl ON true
LEFT JOIN LATERAL (SELECT y.* FROM deadline_exceptions y WHERE y.stage = 'targets' AND y.department_id = ANY (a.ids) AND y.year = p.year
	ORDER BY array_position(a.ids, y.department_id) DESC LIMIT 1) e ON true`
}

// TouchSQL: a touch runs inside a page read, once a minute per session, so its commit
// does not wait for the WAL flush. A crash may lose the last fraction of a second of
// touches, and those sessions then expire up to a minute early; nothing else is at
// stake. (All 200 sessions of the web benchmark touching within a few seconds put the
// flushes in the reads' p99.)
func (dialect) TouchSQL() string { return `SET LOCAL synchronous_commit = off` }

func (dialect) ReadOptions() *sql.TxOptions {
	return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
}

func (dialect) MigrationsTable() string {
	return `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY,
		name    text NOT NULL,
		applied timestamptz NOT NULL
	)`
}

// MigrationLock: servers starting together migrate once.
func (dialect) MigrationLock() string       { return `SELECT pg_advisory_xact_lock(7373020601)` }
func (dialect) Describe() string            { return "PostgreSQL 数据库" }
func (dialect) IsUnique(err error) bool     { return pgCode(err) == "23505" }
func (dialect) IsForeignKey(err error) bool { return pgCode(err) == "23503" }

func pgCode(err error) string {
	var e *pgconn.PgError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// Copy writes the rows with COPY on the transaction's own connection.
func (dialect) Copy(ctx context.Context, conn *sql.Conn, table string, columns []string, rows [][]any) (bool, error) {
	err := conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("copy: connection is %T, not pgx's", dc)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromRows(rows))
		return err
	})
	return true, err
}
