package sqlstore

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"jixiao"
)

// Migration is one numbered schema change, NNNN_name.sql.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations reads the NNNN_name.sql files of dir in fsys, in order; the numbers must
// run 1, 2, 3, … without a gap.
func Migrations(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s: name is not NNNN_name.sql", e.Name())
		}
		b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: e.Name(), SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.Name, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion returns the newest migration recorded in the database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := db.w.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

// LatestSchemaVersion is the newest schema this binary knows: the number of migrations
// Migrate was given.
func (db *DB) LatestSchemaVersion() int { return db.latest }

// Migrate applies the NNNN_name.sql migrations of dir in fsys that the database lacks,
// each in its own transaction that also records it, so a crash leaves the database at
// the last whole migration. Each transaction reads the recorded version itself
// (another process may have migrated meanwhile) after the dialect's migration lock. A
// database written by a newer jixiao (a version beyond the last migration) is refused with EINVALID: opening it could write rows the newer
// schema does not expect.
func (db *DB) Migrate(ctx context.Context, fsys fs.FS, dir string) error {
	ms, err := Migrations(fsys, dir)
	if err != nil {
		return err
	}
	db.latest = len(ms)
	if _, err := db.w.ExecContext(ctx, db.d.MigrationsTable()); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	// One more round than there are migrations: a database newer than every migration
	// still needs the check when nothing ran.
	for i := 0; i <= len(ms); i++ {
		err := db.write(ctx, func(tx tx) error {
			if l := db.d.MigrationLock(); l != "" {
				if _, err := tx.exec(ctx, l); err != nil {
					return fmt.Errorf("migration lock: %w", err)
				}
			}
			var cur int
			if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&cur); err != nil {
				return fmt.Errorf("schema version: %w", err)
			}
			if cur > len(ms) {
				return jixiao.Errorf(jixiao.EINVALID, "%s的结构版本为 %d，比本程序支持的版本 %d 新：它由更新版本的 jixiao 写入，请升级 jixiao 后再使用，以免损坏数据。",
					db.d.Describe(), cur, len(ms))
			}
			if i == len(ms) || cur >= ms[i].Version {
				return nil
			}
			if _, err := tx.ExecContext(ctx, ms[i].SQL); err != nil {
				return fmt.Errorf("migration %s: %w", ms[i].Name, err)
			}
			if _, err := tx.exec(ctx, `INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)`,
				ms[i].Version, ms[i].Name, db.t(db.now())); err != nil {
				return fmt.Errorf("record migration %s: %w", ms[i].Name, err)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
