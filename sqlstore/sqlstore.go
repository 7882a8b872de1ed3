// Package sqlstore is jixiao's one SQL store: plans and their revisions, the review
// workflow (transitions, explanations, comments, deadlines, exceptions), departments,
// users, sessions and the audit log, written once over database/sql. Packages sqlite and
// postgres open their engine, keep its migrations and backups, and hand this core a
// Dialect for the few places where the engines differ (placeholders, time columns, row
// locks, the search condition, the shape of the streaming query).
//
// Every exported method opens a transaction and calls unexported helpers that take it,
// so the helpers compose into larger transactions. Queries are written with ?
// placeholders; an engine that numbers them gets them rebound once per query text.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"jixiao"
)

// Dialect is what differs between the SQL engines the core runs on.
type Dialect interface {
	// Numbered reports whether placeholders are $1, $2, … rather than ?.
	Numbered() bool
	// Time is the column value of t (UTC, to the microsecond); the zero time is the
	// engine's "no time" (NULL or '').
	Time(t time.Time) any
	// ForUpdate is the row-lock clause of a SELECT that locks the rows of table alias
	// of (all tables when empty), or "" where the write transaction already excludes
	// every other writer.
	ForUpdate(of string) string
	// NoLimit is the LIMIT argument that means no limit.
	NoLimit() any
	// Bytewise is the collation clause that sorts text by its bytes ("" when that is the
	// default).
	Bytewise() string
	// PlanSearch is the condition on the listing's tables (plans p, departments d) that
	// matches plans whose department, as the plan wrote it or as registered (name or
	// code), contains q, and its arguments.
	PlanSearch(q string) (cond string, args []any)
	// EachPlanSQL is EachPlan's streaming query over the listing's tables, filtered by
	// where and cut by page: the id, the current revision's document and the
	// department's code of each plan, in the listing's order, without sorting the
	// documents.
	EachPlanSQL(from, where, order, page string) string
	// HeadJoins are the joins of PlanHead that find the deadline (alias dl) and the
	// exception (alias e) of the nearest department at or above d, for p.year.
	HeadJoins() string
	// PathChild is the id (an integer) of the first department in the materialised path
	// column col after its first skip bytes: the child of a node whose path is skip
	// bytes long, for a path strictly below the node.
	PathChild(col string, skip int) string
	// TouchSQL is run before a session touch in its transaction ("" for none): the
	// touch need not wait for the log flush.
	TouchSQL() string
	// ReadOptions are the options of a read transaction: one consistent snapshot.
	ReadOptions() *sql.TxOptions
	// MigrationsTable creates schema_migrations when it is missing.
	MigrationsTable() string
	// MigrationLock is run first in each migration's transaction ("" for none) so that
	// processes starting together migrate once.
	MigrationLock() string
	// Copy writes rows into table through the engine's bulk path (COPY) on conn, inside
	// the transaction open on it, and reports true; false when the engine has none (the
	// core then inserts the rows with a prepared statement).
	Copy(ctx context.Context, conn *sql.Conn, table string, columns []string, rows [][]any) (bool, error)
	// Describe names the database for a user ("数据库“jixiao.db”").
	Describe() string
	IsUnique(err error) bool
	IsForeignKey(err error) bool
}

// DB is a jixiao.ReviewStore on an SQL database.
type DB struct {
	w, r    *sql.DB // the writer and the readers; the same pool where the engine has one
	d       Dialect
	now     func() time.Time
	latest  int      // the number of migrations this binary knows
	queries sync.Map // query text as written → as the engine wants it
}

// New returns the store over w (for writes) and r (for reads, may be w) in dialect d.
// It does not migrate: call Migrate.
func New(w, r *sql.DB, d Dialect) *DB {
	return &DB{w: w, r: r, d: d, now: time.Now}
}

var _ jixiao.ReviewStore = (*DB)(nil)

// SetClock replaces the store's clock (tests).
func (db *DB) SetClock(now func() time.Time) { db.now = now }

// q returns query as the engine wants it: ? placeholders numbered $1, $2, … for an
// engine that numbers them. ? inside a quoted literal is left alone.
func (db *DB) q(query string) string {
	if !db.d.Numbered() {
		return query
	}
	if v, ok := db.queries.Load(query); ok {
		return v.(string)
	}
	var b strings.Builder
	n, quoted := 0, false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			quoted = !quoted
		case c == '?' && !quoted:
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	out := b.String()
	db.queries.Store(query, out)
	return out
}

// tx is a transaction whose queries are written with ? placeholders. A bulk write
// prepares each query once for the transaction (stmts not nil) instead of once a call.
type tx struct {
	*sql.Tx
	db    *DB
	stmts map[string]*sql.Stmt
}

// stmt is the transaction's prepared statement of query, nil when the transaction does
// not keep them or it cannot be prepared (the plain call then reports the error).
func (t tx) stmt(ctx context.Context, query string) *sql.Stmt {
	if t.stmts == nil {
		return nil
	}
	if st, ok := t.stmts[query]; ok {
		return st
	}
	st, err := t.PrepareContext(ctx, t.db.q(query))
	if err != nil {
		return nil
	}
	t.stmts[query] = st
	return st
}

// closeStmts closes the prepared statements of the transaction.
func (t tx) closeStmts() {
	for _, st := range t.stmts {
		st.Close()
	}
}

func (t tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.ExecContext(ctx, t.db.q(query), args...)
}

func (t tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.QueryContext(ctx, t.db.q(query), args...)
}

func (t tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.QueryRowContext(ctx, t.db.q(query), args...)
}

// write runs fn in a write transaction and commits it when fn returns nil; otherwise it
// rolls back and nothing of fn stays.
func (db *DB) write(ctx context.Context, fn func(tx) error) error {
	t, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx{Tx: t, db: db}); err != nil {
		t.Rollback()
		return err
	}
	if err := t.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// read runs fn in a read transaction: one consistent snapshot of the database.
func (db *DB) read(ctx context.Context, fn func(tx) error) error {
	t, err := db.r.BeginTx(ctx, db.d.ReadOptions())
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer t.Rollback()
	return fn(tx{Tx: t, db: db})
}

// normTime is the time as the store keeps it: UTC, to the microsecond.
func normTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Microsecond)
}

func (db *DB) stamp() time.Time { return normTime(db.now()) }

// t is the column value of a time.
func (db *DB) t(t time.Time) any { return db.d.Time(normTime(t)) }

// TimeFormat is the text form of a time in engines that keep times as text: fixed
// width, so that times compare correctly as text.
const TimeFormat = "2006-01-02T15:04:05.000000Z"

// timeCol scans a time column, kept as text (TimeFormat, ” for none) or as a time, NULL
// being the zero time. A lenient one reads text that does not parse as the zero time.
type timeCol struct {
	t       *time.Time
	lenient bool
}

func (c timeCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.t = time.Time{}
	case time.Time:
		*c.t = v.UTC()
	case []byte:
		return c.parse(string(v))
	case string:
		return c.parse(v)
	default:
		return fmt.Errorf("scan time: unexpected %T", src)
	}
	return nil
}

func (c timeCol) parse(s string) error {
	if s == "" {
		*c.t = time.Time{}
		return nil
	}
	t, err := time.Parse(TimeFormat, s)
	if err != nil && !c.lenient {
		return fmt.Errorf("parse time %q: %w", s, err)
	}
	*c.t = t.UTC()
	if err != nil {
		*c.t = time.Time{}
	}
	return nil
}

// at scans into *t.
func at(t *time.Time) timeCol { return timeCol{t: t} }

// likeEscape escapes s for LIKE … ESCAPE '\'.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// LikePattern is the LIKE pattern, escaped for ESCAPE '\', that matches text containing s.
func LikePattern(s string) string { return "%" + likeEscape(s) + "%" }

// nullID is NULL for the id 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// rowsAffected is the number of rows res changed.
func rowsAffected(res sql.Result) (int64, error) {
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("rows affected: %w", err)
	}
	return n, nil
}

// Close closes the database handles.
func (db *DB) Close() error {
	err := db.w.Close()
	if db.r != db.w {
		if e := db.r.Close(); err == nil {
			err = e
		}
	}
	return err
}
