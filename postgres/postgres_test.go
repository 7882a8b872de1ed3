package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"jixiao"
	"jixiao/postgres"
	"jixiao/storetest"
)

// testURL returns the server given by JIXIAO_TEST_POSTGRES. Without it the tests skip,
// except under CI=true, where a missing PostgreSQL is a failure.
func testURL(t testing.TB) string {
	t.Helper()
	url := os.Getenv("JIXIAO_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("JIXIAO_TEST_POSTGRES is not set, and CI=true: the PostgreSQL store must be tested in CI")
		}
		t.Skip("JIXIAO_TEST_POSTGRES is not set (e.g. postgres://budget:budget@127.0.0.1:5432/budget?sslmode=disable)")
	}
	return url
}

// freshSchema creates a schema of its own for one test and returns a URL whose
// search_path points at it; the schema is dropped at cleanup. Runs never collide.
func freshSchema(t testing.TB) string {
	t.Helper()
	url := testURL(t)
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "jx_test_" + hex.EncodeToString(b)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect %s: %v", url, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), url)
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(), `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Error(err)
		}
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + "search_path=" + schema
}

func openFresh(t testing.TB) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), freshSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	testURL(t)
	storetest.Run(t, func(t *testing.T) jixiao.Store { return openFresh(t) })
}

func TestNewerSchemaRefused(t *testing.T) {
	url := freshSchema(t)
	ctx := context.Background()
	db, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	latest := db.LatestSchemaVersion()
	db.Close()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied) VALUES ($1, 'future', now())`, latest+1); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	_, err = postgres.Open(ctx, url)
	storetest.CheckNewerRefused(t, err)
}

func TestRevisionsImmutable(t *testing.T) {
	url := freshSchema(t)
	ctx := context.Background()
	db, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ImportPlan(ctx, storetest.SamplePlan("", "区委统战部", 2021), jixiao.SaveInfo{}); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, q := range []string{`UPDATE revisions SET author = 'x'`, `DELETE FROM revisions`} {
		if _, err := conn.Exec(ctx, q); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("%s: %v, want refused", q, err)
		}
	}
}

func TestImportPlans(t *testing.T) {
	testURL(t)
	storetest.RunImportPlans(t, func(t *testing.T) jixiao.Store { return openFresh(t) })
}
