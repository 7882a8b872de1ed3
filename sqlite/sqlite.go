// Package sqlite is jixiao's default store: one SQLite file, through the pure-Go
// modernc.org/sqlite driver so that the binary stays static and cross-compiles. The
// store itself is package sqlstore; this package opens the file, keeps its migrations
// and backups, and gives the core SQLite's dialect.
//
// The database runs in WAL mode (readers never block the writer and a crash cannot
// corrupt the file), with foreign keys on and a busy timeout so that a second process
// (an import while the server runs, a backup) waits instead of failing. Writes go
// through one connection with BEGIN IMMEDIATE: the write lock is taken when the
// transaction starts, so two writers never both read, then both try to upgrade and
// deadlock into SQLITE_BUSY; inside one process they queue in Go. That lock is also
// why the dialect needs no row locks (FOR UPDATE).
//
// synchronous=FULL: every commit is fsynced before it is acknowledged. In WAL mode
// NORMAL is just as safe against corruption and against a killed process (the crash
// test kills importers with SIGKILL), but after a power cut it may lose the last
// commits — a save the user was told had succeeded. A budget system acknowledges few
// writes per second, so it pays one fsync per commit for that promise; bulk imports
// stay fast because each plan is one transaction (one fsync), not one per row.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"jixiao"
	"jixiao/sqlstore"
)

// DefaultPath is the database file used when none is named.
const DefaultPath = "jixiao.db"

// busyTimeout is how long a statement waits for another process's lock (ms).
const busyTimeout = 30000

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is a jixiao.ReviewStore on one SQLite file.
type DB struct {
	*sqlstore.DB
	path string
	w    *sql.DB // the writer: one connection, BEGIN IMMEDIATE
	r    *sql.DB // readers: snapshot reads in WAL mode
}

// dsn returns the driver's DSN for the file at path. Without a "file:" prefix the
// driver takes the query string off and opens path verbatim.
func dsn(path string, write bool) string {
	q := "?_pragma=busy_timeout(" + strconv.Itoa(busyTimeout) + ")" +
		"&_pragma=journal_mode(WAL)" +
		"&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(FULL)"
	if write {
		q += "&_txlock=immediate"
	} else {
		q += "&_pragma=query_only(1)"
	}
	return path + q
}

// Open opens (creating it if needed) the database at path and applies the migrations it
// lacks. A database written by a newer jixiao is refused with EINVALID.
func Open(path string) (*DB, error) {
	if path == "" {
		path = DefaultPath
	}
	if strings.ContainsAny(path, "?#") {
		return nil, jixiao.Errorf(jixiao.EINVALID, "数据库文件名“%s”不能包含 ? 或 #。", path)
	}
	w, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	r, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	db := &DB{DB: sqlstore.New(w, r, dialect{path}), path: path, w: w, r: r}
	if err := db.Migrate(context.Background(), migrationFS, "migrations"); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Path returns the database file.
func (db *DB) Path() string { return db.path }

// dialect is SQLite's: ? placeholders, times as fixed-width text, no row locks (the
// write transaction holds the database's one write lock), LIKE for search.
type dialect struct{ path string }

func (dialect) Numbered() bool { return false }

func (dialect) Time(t time.Time) any {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(sqlstore.TimeFormat)
}

func (dialect) ForUpdate(string) string { return "" }
func (dialect) NoLimit() any            { return -1 }
func (dialect) Bytewise() string        { return "" } // BINARY is SQLite's default collation

// PlanSearch is a LIKE on each of the three names (LIKE is case-blind for ASCII).
func (dialect) PlanSearch(q string) (string, []any) {
	like := sqlstore.LikePattern(q)
	return `(d.name LIKE ? ESCAPE '\' OR d.code LIKE ? ESCAPE '\' OR p.department LIKE ? ESCAPE '\')`, []any{like, like, like}
}

// EachPlanSQL sorts the listing in a subquery that holds ids and codes only, and reads
// each revision by a subquery of the outer select list, row by row in that order:
// sorting the rows with their documents would copy every document into SQLite's sorter
// (hundreds of MB at province scale). The LIMIT (-1 when there is none) keeps SQLite
// from flattening the subquery into the outer query, and the outer ORDER BY costs
// nothing: SQLite sees that the subquery's rows already come in that order
// (eachplan_test.go checks the plan).
func (dialect) EachPlanSQL(from, where, order, page string) string {
	return `SELECT s.id, (SELECT r.doc FROM revisions r WHERE r.plan_id = s.id AND r.version = s.version), s.code
		FROM (SELECT p.id, p.version, p.year, d.code` + from + where + order + page + `) s
		ORDER BY s.year DESC, s.code, s.id`
}

// HeadJoins find the nearest deadline and exception of the targets by primary key among the ids of
// the department's path, read with json_each over '[1,5,9]'.
func (dialect) PathChild(col string, skip int) string {
	rest := fmt.Sprintf("substr(%s, %d)", col, skip+1)
	return fmt.Sprintf("CAST(substr(%s, 1, instr(%s, '/') - 1) AS INTEGER)", rest, rest)
}

func (dialect) HeadJoins() string {
	return `LEFT JOIN deadlines dl ON dl.stage = 'targets' AND dl.year = p.year AND dl.region_id = (
	SELECT x.region_id FROM json_each('[' || replace(trim(d.path, '/'), '/', ',') || ']') j
	JOIN deadlines x ON x.stage = 'targets' AND x.region_id = j.value AND x.year = p.year ORDER BY j.key DESC LIMIT 1)
LEFT JOIN deadline_exceptions e ON e.stage = 'targets' AND e.year = p.year AND e.department_id = (
	SELECT y.department_id FROM json_each('[' || replace(trim(d.path, '/'), '/', ',') || ']') j
	JOIN deadline_exceptions y ON y.stage = 'targets' AND y.department_id = j.value AND y.year = p.year ORDER BY j.key DESC LIMIT 1)`
}

func (dialect) TouchSQL() string            { return "" }
func (dialect) ReadOptions() *sql.TxOptions { return nil }
func (dialect) MigrationLock() string       { return "" } // BEGIN IMMEDIATE is the lock
func (d dialect) Describe() string          { return "数据库“" + d.path + "”" }
func (dialect) IsUnique(err error) bool     { return isUnique(err) }
func (dialect) IsForeignKey(err error) bool {
	return hasCode(err, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY)
}
func (dialect) MigrationsTable() string {
	return `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name    TEXT NOT NULL,
		applied TEXT NOT NULL
	)`
}

func hasCode(err error, code int) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code() == code
}

func isUnique(err error) bool {
	return hasCode(err, sqlite3.SQLITE_CONSTRAINT_UNIQUE) || hasCode(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

func isBusy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && (e.Code()&0xff == sqlite3.SQLITE_BUSY || e.Code()&0xff == sqlite3.SQLITE_LOCKED)
}

// Copy: SQLite has no bulk path; prepared INSERTs in one transaction are its fastest.
func (dialect) Copy(context.Context, *sql.Conn, string, []string, [][]any) (bool, error) {
	return false, nil
}
