package main

import (
	"context"
	"flag"
	"os"
	"strings"

	"jixiao"
	"jixiao/postgres"
	"jixiao/sqlite"
)

// DefaultDB is the store used when neither --db nor JIXIAO_DB names one.
const DefaultDB = "sqlite:jixiao.db"

// dbUsage is the help text of --db, shared by every command that opens the store.
const dbUsage = "数据库：sqlite:文件路径（默认 sqlite:jixiao.db，也可直接写文件路径）或 postgres://用户:密码@主机:端口/库名；未指定时读取环境变量 JIXIAO_DB"

// addDBFlag adds the shared --db flag to fs. Its value is "" unless given; pass it to
// openStore, which then falls back to JIXIAO_DB and DefaultDB.
func addDBFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", dbUsage)
}

// dbKind is the technology of a store.
type dbKind string

const (
	dbSQLite   dbKind = "sqlite"
	dbPostgres dbKind = "postgres"
)

// dbTarget is a parsed --db value.
type dbTarget struct {
	Kind dbKind
	// Path is the SQLite file; URL is the PostgreSQL connection string (whole, as given).
	Path string
	URL  string
}

// resolveDSN applies the fallbacks: the flag, then JIXIAO_DB, then DefaultDB.
func resolveDSN(dsn string) string {
	if dsn = strings.TrimSpace(dsn); dsn != "" {
		return dsn
	}
	if env := strings.TrimSpace(os.Getenv("JIXIAO_DB")); env != "" {
		return env
	}
	return DefaultDB
}

// parseDSN reads a --db value (after resolveDSN): sqlite:PATH, sqlite://PATH, a bare
// path, or postgres://… / postgresql://….
func parseDSN(dsn string) (dbTarget, error) {
	dsn = resolveDSN(dsn)
	lower := strings.ToLower(dsn)
	switch {
	case strings.HasPrefix(lower, "postgres://"), strings.HasPrefix(lower, "postgresql://"):
		return dbTarget{Kind: dbPostgres, URL: dsn}, nil
	case strings.HasPrefix(lower, "sqlite://"):
		dsn = dsn[len("sqlite://"):]
	case strings.HasPrefix(lower, "sqlite:"):
		dsn = dsn[len("sqlite:"):]
	case strings.HasPrefix(lower, "sqlite3:"):
		dsn = dsn[len("sqlite3:"):]
	default:
		if i := strings.Index(dsn, "://"); i > 0 {
			return dbTarget{}, jixiao.Errorf(jixiao.EINVALID, "不支持的数据库“%s”：请使用 sqlite:文件路径 或 postgres://…。", dsn[:i])
		}
	}
	if dsn == "" {
		return dbTarget{}, jixiao.Errorf(jixiao.EINVALID, "--db 未给出 SQLite 数据库文件路径。")
	}
	return dbTarget{Kind: dbSQLite, Path: dsn}, nil
}

// openStore opens (and migrates) the store named by dsn, as given by --db; "" means
// JIXIAO_DB or DefaultDB. The caller closes it.
func openStore(ctx context.Context, dsn string) (jixiao.Store, error) {
	t, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	return openTarget(ctx, t)
}

func openTarget(ctx context.Context, t dbTarget) (jixiao.Store, error) {
	switch t.Kind {
	case dbSQLite:
		db, err := sqlite.Open(t.Path)
		if err != nil {
			return nil, err
		}
		return db, nil
	case dbPostgres:
		db, err := postgres.Open(ctx, t.URL)
		if err != nil {
			return nil, err
		}
		return db, nil
	}
	return nil, jixiao.Errorf(jixiao.EINVALID, "不支持的数据库类型“%s”。", t.Kind)
}
