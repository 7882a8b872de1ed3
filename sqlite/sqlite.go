// Package sqlite is jixiao's default store: one SQLite file, through the pure-Go
// modernc.org/sqlite driver so that the binary stays static and cross-compiles.
//
// The database runs in WAL mode (readers never block the writer and a crash cannot
// corrupt the file), with foreign keys on and a busy timeout so that a second process
// (an import while the server runs, a backup) waits instead of failing. Writes go
// through one connection with BEGIN IMMEDIATE: the write lock is taken when the
// transaction starts, so two writers never both read, then both try to upgrade and
// deadlock into SQLITE_BUSY; inside one process they queue in Go.
//
// synchronous=FULL: every commit is fsynced before it is acknowledged. In WAL mode
// NORMAL is just as safe against corruption and against a killed process (the crash
// test kills importers with SIGKILL), but after a power cut it may lose the last
// commits — a save the user was told had succeeded. A budget system acknowledges few
// writes per second, so it pays one fsync per commit for that promise; bulk imports
// stay fast because each plan is one transaction (one fsync), not one per row.
//
// Every exported method opens a transaction and calls unexported helpers that take
// it, so the helpers compose into larger transactions.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"jixiao"
)

// DefaultPath is the database file used when none is named.
const DefaultPath = "jixiao.db"

// busyTimeout is how long a statement waits for another process's lock (ms).
const busyTimeout = 30000

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is a jixiao.Store on one SQLite file.
type DB struct {
	path string
	w    *sql.DB // the writer: one connection, BEGIN IMMEDIATE
	r    *sql.DB // readers: snapshot reads in WAL mode
	now  func() time.Time
}

var _ jixiao.Store = (*DB)(nil)

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
		return nil, jixiao.Errorf(jixiao.EINVALID, "数据库文件名“%s”不能包含 ? 或 #", path)
	}
	w, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	db := &DB{path: path, w: w, now: time.Now}
	if err := db.migrate(context.Background()); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	db.r = r
	return db, nil
}

// Path returns the database file.
func (db *DB) Path() string { return db.path }

// Close closes the database.
func (db *DB) Close() error {
	err := db.w.Close()
	if db.r != nil {
		if e := db.r.Close(); err == nil {
			err = e
		}
	}
	return err
}

// write runs fn in a write transaction (BEGIN IMMEDIATE) and commits it when fn returns
// nil; otherwise it rolls back and nothing of fn stays.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// read runs fn in a read transaction: one consistent snapshot of the database.
func (db *DB) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.r.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// Migrations.

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
	err := db.w.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

// migrate applies the migrations the database lacks, each in its own transaction that
// also records it, so a crash leaves the database at the last whole migration.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name    TEXT NOT NULL,
		applied TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("open %s: %w", db.path, err)
	}
	for _, m := range ms {
		err := db.write(ctx, func(tx *sql.Tx) error {
			var cur int
			// Read inside the write transaction: another process may have migrated meanwhile.
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&cur); err != nil {
				return err
			}
			if cur > len(ms) {
				return newerSchema(db.path, cur, len(ms))
			}
			if cur >= m.version {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)`,
				m.version, m.name, fmtTime(db.now()))
			return err
		})
		if err != nil {
			return err
		}
	}
	// A database newer than every migration still needs the check when nothing ran.
	return db.write(ctx, func(tx *sql.Tx) error {
		var cur int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&cur); err != nil {
			return err
		}
		if cur > len(ms) {
			return newerSchema(db.path, cur, len(ms))
		}
		return nil
	})
}

// newerSchema is the refusal of a database written by a newer jixiao: opening it could
// write rows the newer schema does not expect.
func newerSchema(path string, have, know int) error {
	return jixiao.Errorf(jixiao.EINVALID, "数据库“%s”的结构版本为 %d，比本程序支持的版本 %d 新：它由更新版本的 jixiao 写入，请升级 jixiao 后再打开，以免损坏数据", path, have, know)
}

// Helpers shared by the services.

// timeFormat is fixed width so that times compare correctly as text.
const timeFormat = "2006-01-02T15:04:05.000000Z"

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(timeFormat, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// normTime is the time as the store keeps it: UTC, to the microsecond.
func normTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Microsecond)
}

func (db *DB) stamp() time.Time { return normTime(db.now()) }

func isUnique(err error) bool {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

func isForeignKey(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}

func isBusy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && (e.Code()&0xff == sqlite3.SQLITE_BUSY || e.Code()&0xff == sqlite3.SQLITE_LOCKED)
}

// likeEscape escapes s for LIKE … ESCAPE '\'.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func nullDecimal(d jixiao.Decimal) (micros, places any) {
	if !d.IsSet() {
		return nil, nil
	}
	return d.Micros(), d.Places()
}
