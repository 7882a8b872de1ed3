package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"modernc.org/sqlite"

	"jixiao"
	"jixiao/sqlstore"
)

// Backup writes a consistent copy of the database to the file to, while other
// connections and processes go on reading and writing: VACUUM INTO reads one snapshot
// (WAL mode lets writers continue meanwhile) and writes a compact copy. The copy is
// written beside to and renamed over it only once it is whole and checked, so a failed
// backup never leaves a half-written file under the backup's name. An existing file is
// replaced only with overwrite.
func (db *DB) Backup(ctx context.Context, to string, overwrite bool) error {
	if _, err := os.Stat(to); err == nil && !overwrite {
		return jixiao.Errorf(jixiao.EINVALID, "备份文件“%s”已存在；如要覆盖，请加 --force。", to)
	}
	tmp := filepath.Join(filepath.Dir(to), "."+filepath.Base(to)+".tmp-"+strconv.Itoa(os.Getpid()))
	os.Remove(tmp)
	defer os.Remove(tmp)
	conn, err := db.r.Conn(ctx)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	// The readers' connections are query_only; VACUUM INTO writes only the new file,
	// but the pragma forbids it, so lift it on this connection for the statement.
	_, err = conn.ExecContext(ctx, `PRAGMA query_only = 0`)
	if err == nil {
		_, err = conn.ExecContext(ctx, `VACUUM INTO ?`, tmp)
		if _, e := conn.ExecContext(context.Background(), `PRAGMA query_only = 1`); e != nil && err == nil {
			err = e
		}
	}
	conn.Close()
	if err != nil {
		return fmt.Errorf("backup to %s: %w", to, err)
	}
	if _, err := Check(ctx, tmp); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, to); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return syncDir(filepath.Dir(to))
}

// Check validates the SQLite file at path as a jixiao database: PRAGMA integrity_check
// passes and its schema is one this binary knows. It returns the schema version.
func Check(ctx context.Context, path string) (int, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, jixiao.WrapError(err, jixiao.EINVALID, "无法读取备份文件“%s”。", path)
	}
	if fi.IsDir() || fi.Size() == 0 {
		return 0, jixiao.Errorf(jixiao.EINVALID, "“%s”不是 jixiao 的数据库文件。", path)
	}
	// Opened without the WAL pragma, read only: checking a file must not change it.
	c, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return 0, fmt.Errorf("check %s: %w", path, err)
	}
	defer c.Close()
	var result string
	if err := c.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&result); err != nil {
		return 0, jixiao.WrapError(err, jixiao.EINVALID, "“%s”不是有效的 SQLite 数据库。", path)
	}
	if result != "ok" {
		return 0, jixiao.WrapError(fmt.Errorf("integrity_check: %s", result), jixiao.EINVALID, "数据库文件“%s”已损坏：完整性检查未通过。", path)
	}
	var version int
	if err := c.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return 0, jixiao.WrapError(err, jixiao.EINVALID, "“%s”不是 jixiao 的数据库文件：没有结构版本记录。", path)
	}
	ms, err := sqlstore.Migrations(migrationFS, "migrations")
	if err != nil {
		return 0, err
	}
	if version > len(ms) {
		return 0, jixiao.Errorf(jixiao.EINVALID, "数据库“%s”的结构版本为 %d，比本程序支持的版本 %d 新：它由更新版本的 jixiao 写入，请升级 jixiao 后再使用，以免损坏数据。", path, version, len(ms))
	}
	if version == 0 {
		return 0, jixiao.Errorf(jixiao.EINVALID, "“%s”不是 jixiao 的数据库文件：结构版本为 0。", path)
	}
	return version, nil
}

// Restore replaces the content of the database at path with the backup at from, after
// checking the backup. It goes through SQLite's backup API on a connection to the
// target, under the target's write lock, so a server that has the database open sees
// either the old database or the restored one, never a mix, and the file is never
// replaced under its feet. An existing target is replaced only with overwrite. The
// restored database is then migrated to this binary's schema.
func Restore(ctx context.Context, from, path string, overwrite bool) error {
	if _, err := Check(ctx, from); err != nil {
		return err
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 && !overwrite {
		return jixiao.Errorf(jixiao.EINVALID, "数据库“%s”已存在，恢复会覆盖其中的全部数据；确认覆盖请加 --force。", path)
	}
	if abs1, err1 := filepath.Abs(from); err1 == nil {
		if abs2, err2 := filepath.Abs(path); err2 == nil && abs1 == abs2 {
			return jixiao.Errorf(jixiao.EINVALID, "备份文件与目标数据库是同一个文件“%s”。", path)
		}
	}
	target, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return fmt.Errorf("restore %s: %w", path, err)
	}
	defer target.Close()
	conn, err := target.Conn(ctx)
	if err != nil {
		return fmt.Errorf("restore %s: %w", path, err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		r, ok := dc.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		})
		if !ok {
			return errors.New("the sqlite driver has no online restore")
		}
		b, err := r.NewRestore("file:" + from + "?mode=ro")
		if err != nil {
			return err
		}
		for {
			// Step reports whether pages remain; with -1 it copies them all at once, or
			// fails with SQLITE_BUSY while another connection writes: then wait and retry.
			more, err := b.Step(-1)
			if err != nil && !isBusy(err) {
				b.Finish()
				return err
			}
			if err == nil && !more {
				break
			}
			select {
			case <-ctx.Done():
				b.Finish()
				return ctx.Err()
			case <-time.After(20 * time.Millisecond):
			}
		}
		return b.Finish()
	})
	if err != nil {
		return fmt.Errorf("restore %s from %s: %w", path, from, err)
	}
	conn.Close()
	target.Close()
	db, err := Open(path)
	if err != nil {
		return err
	}
	return db.Close()
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	d.Sync() // not every filesystem syncs directories; the rename is done either way
	return nil
}
