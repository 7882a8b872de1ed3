package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/sqlite"
	"jixiao/storetest"
)

func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "jixiao.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Tree(t, db)
	for i := range 20 {
		p := storetest.LargePlan(i, 2021, 60)
		if _, err := db.ImportPlan(ctx, p, jixiao.SaveInfo{Author: "测试"}); err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 {
			p.Duties = "改过"
			if err := db.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: "测试"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	before := storetest.Snapshot(t, db)
	backup := filepath.Join(dir, "backup.db")
	if err := db.Backup(ctx, backup, false); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, backup, false); jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Errorf("backup over an existing file: %v, want EINVALID", err)
	}
	// Change the live database after the backup: new plans, new revisions.
	for i := 20; i < 25; i++ {
		if _, err := db.ImportPlan(ctx, storetest.LargePlan(i, 2021, 30), jixiao.SaveInfo{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ImportPlan(ctx, storetest.LargePlan(0, 2021, 10), jixiao.SaveInfo{}); err != nil {
		t.Fatal(err)
	}
	// Restore while the store is open (as a running server would have it).
	if err := sqlite.Restore(ctx, backup, path, false); jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Errorf("restore over an existing database without overwrite: %v, want EINVALID", err)
	}
	if err := sqlite.Restore(ctx, backup, path, true); err != nil {
		t.Fatal(err)
	}
	after := storetest.Snapshot(t, db)
	if diff := cmp.Diff(before, after, storetest.ExactDecimal); diff != "" {
		t.Errorf("restored database differs (-before +after):\n%s", diff)
	}
	for _, s := range before.Plans {
		for v := 1; v <= s.Version; v++ {
			if _, err := db.PlanAt(ctx, s.ID, v); err != nil {
				t.Errorf("plan %d version %d after restore: %v", s.ID, v, err)
			}
		}
	}
	db.Close()

	// Into a new file, with a fresh store opened on it.
	fresh := filepath.Join(dir, "fresh.db")
	if err := sqlite.Restore(ctx, backup, fresh, false); err != nil {
		t.Fatal(err)
	}
	db2, err := sqlite.Open(fresh)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if diff := cmp.Diff(before, storetest.Snapshot(t, db2), storetest.ExactDecimal); diff != "" {
		t.Errorf("database restored into a new file differs (-before +after):\n%s", diff)
	}
}

func TestRestoreRefusesBadBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte("这不是数据库，只是一段文字。"+string(make([]byte, 5000))), 0o644); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "t.db")
	err := sqlite.Restore(ctx, garbage, target, true)
	if jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Fatalf("restore from garbage: %v, want EINVALID", err)
	}
	if _, err := os.Stat(target); !os.IsNotExist(err) {
		t.Errorf("failed restore created the target: %v", err)
	}
	// A database that is not jixiao's.
	other := filepath.Join(dir, "other.db")
	db := openRaw(t, other)
	if _, err := db.Exec(`CREATE TABLE x (a)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := sqlite.Restore(ctx, other, target, true); jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Fatalf("restore from a foreign database: %v, want EINVALID", err)
	}
}
