package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"jixiao"
	"jixiao/sqlite"
	"jixiao/storetest"
)

func openTemp(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "jixiao.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) jixiao.Store { return openTemp(t) })
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jixiao.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	latest := db.LatestSchemaVersion()
	db.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO schema_migrations (version, name, applied) VALUES (?, 'future', '')`, latest+1); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	_, err = sqlite.Open(path)
	storetest.CheckNewerRefused(t, err)
}

func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestRevisionsImmutable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jixiao.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ImportPlan(context.Background(), storetest.SamplePlan("", "区委统战部", 2021), jixiao.SaveInfo{}); err != nil {
		t.Fatal(err)
	}
	raw := openRaw(t, path)
	defer raw.Close()
	for _, q := range []string{`UPDATE revisions SET author = 'x'`, `DELETE FROM revisions`} {
		if _, err := raw.Exec(q); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("%s: %v, want refused", q, err)
		}
	}
}

func TestImportPlans(t *testing.T) {
	storetest.RunImportPlans(t, func(t *testing.T) jixiao.Store { return openTemp(t) })
}
