package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/sqlite"
	"jixiao/storetest"
)

// TestBackupRestoreCommands backs a store up, changes it, restores it, and compares
// every plan (and every revision of it) before and after.
func TestBackupRestoreCommands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "j.db")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		p := storetest.LargePlan(i, 2021+i%2, 40)
		if _, err := s.ImportPlan(ctx, p, jixiao.SaveInfo{Author: "测试"}); err != nil {
			t.Fatal(err)
		}
	}
	before := storetest.Snapshot(t, s)
	revsBefore := allRevisions(t, s, before.Plans)
	s.Close()

	backup := filepath.Join(dir, "b.db")
	if code, out, errs := runStoreCmd(t, "backup", "--db", "sqlite:"+path, "--to", backup); code != 0 {
		t.Fatalf("backup: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runStoreCmd(t, "backup", "--db", path, "--to", backup); code != 2 || !strings.Contains(errs, "--force") {
		t.Errorf("backup over an existing file: exit %d, %q", code, errs)
	}
	// Change the database: more plans and revisions.
	if code, out, errs := runStoreCmd(t, "import", seedPath, seedPath, "--db", path); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runStoreCmd(t, "restore", backup, "--db", path); code != 2 || !strings.Contains(errs, "--force") {
		t.Errorf("restore over an existing database without --force: exit %d, %q", code, errs)
	}
	if code, out, errs := runStoreCmd(t, "restore", backup, "--db", path, "--force"); code != 0 {
		t.Fatalf("restore: exit %d\n%s%s", code, out, errs)
	}
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	after := storetest.Snapshot(t, s)
	if diff := cmp.Diff(before, after, storetest.ExactDecimal); diff != "" {
		t.Errorf("restored store differs (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(revsBefore, allRevisions(t, s, after.Plans), storetest.ExactDecimal); diff != "" {
		t.Errorf("restored revisions differ (-before +after):\n%s", diff)
	}
	if code, _, errs := runStoreCmd(t, "backup", "--db", "postgres://x@127.0.0.1/x", "--to", backup); code != 2 || !strings.Contains(errs, "pg_dump") {
		t.Errorf("backup of PostgreSQL: exit %d, %q", code, errs)
	}
}

func allRevisions(t *testing.T, s jixiao.Store, plans []jixiao.PlanSummary) []*jixiao.Plan {
	t.Helper()
	var out []*jixiao.Plan
	for _, p := range plans {
		for v := 1; v <= p.Version; v++ {
			doc, err := s.PlanAt(context.Background(), p.ID, v)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, doc)
		}
	}
	return out
}
