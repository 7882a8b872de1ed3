package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite"

	"jixiao"
	"jixiao/postgres"
	"jixiao/sqlite"
)

// tamperCases alter or delete one audit row directly in the database; verify must fail
// (exit 1) and name the entry.
var tamperCases = []struct {
	name, sql, want string
}{
	{"update", `UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3`, "第 3 条的散列不符"},
	{"delete", `DELETE FROM audit_log WHERE seq = 4`, "缺少第 4 条"},
	{"delete-newest", `DELETE FROM audit_log WHERE seq = 6`, "缺少第 6 条"},
}

func appendSix(t *testing.T, s jixiao.AuditService) {
	t.Helper()
	for i := range 6 {
		e := &jixiao.AuditEntry{Actor: "filler", ActorID: 3, Action: "plan_update", Object: fmt.Sprintf("plan:%d", i), Addr: "127.0.0.1", Outcome: "ok"}
		if err := s.AppendAudit(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
}

func checkVerify(t *testing.T, dsn string, wantCode int, want string) {
	t.Helper()
	code, out, errOut := runStoreCmd(t, "audit", "verify", "--db", dsn)
	if code != wantCode || !strings.Contains(out, want) {
		t.Errorf("audit verify: exit %d, want %d; output %q (stderr %q), want %q", code, wantCode, out, errOut, want)
	}
}

func TestAuditVerifySQLite(t *testing.T) {
	for _, tc := range tamperCases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.db")
			db, err := sqlite.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			appendSix(t, db)
			db.Close()
			dsn := "sqlite:" + path
			checkVerify(t, dsn, 0, "共 6 条")
			raw, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			// The triggers refuse changes through SQL; someone with the file can drop them.
			for _, q := range []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`, tc.sql} {
				if _, err := raw.Exec(q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			checkVerify(t, dsn, 1, tc.want)
		})
	}
}

func TestAuditVerifyPostgres(t *testing.T) {
	url := os.Getenv("JIXIAO_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("JIXIAO_TEST_POSTGRES is not set, and CI=true")
		}
		t.Skip("JIXIAO_TEST_POSTGRES is not set")
	}
	ctx := context.Background()
	for _, tc := range tamperCases {
		t.Run(tc.name, func(t *testing.T) {
			b := make([]byte, 6)
			rand.Read(b)
			schema := "jx_audit_" + hex.EncodeToString(b)
			conn, err := pgx.Connect(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(ctx)
			if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { conn.Exec(context.Background(), `DROP SCHEMA `+schema+` CASCADE`) })
			sep := "?"
			if strings.Contains(url, "?") {
				sep = "&"
			}
			dsn := url + sep + "search_path=" + schema
			db, err := postgres.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			appendSix(t, db)
			db.Close()
			checkVerify(t, dsn, 0, "共 6 条")
			if _, err := conn.Exec(ctx, `SET search_path = `+schema); err != nil {
				t.Fatal(err)
			}
			if _, err := conn.Exec(ctx, tc.sql); err == nil {
				t.Fatalf("%s went through the trigger", tc.sql)
			}
			for _, q := range []string{`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`, tc.sql} {
				if _, err := conn.Exec(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			checkVerify(t, dsn, 1, tc.want)
		})
	}
}

func TestAuditList(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	appendSix(t, db)
	db.AppendAudit(context.Background(), &jixiao.AuditEntry{Actor: "mallory", Action: "signin_failed", Outcome: "denied"})
	db.Close()
	code, out, _ := runStoreCmd(t, "audit", "list", "--db", "sqlite:"+path, "--action", "signin_failed")
	if code != 0 || !strings.Contains(out, "共 1 条") || !strings.Contains(out, "mallory") || strings.Contains(out, "plan_update") {
		t.Errorf("audit list --action signin_failed: exit %d\n%s", code, out)
	}
	if code, _, _ := runStoreCmd(t, "audit", "--db", "sqlite:"+path); code != 2 {
		t.Errorf("audit without verify|list: exit %d, want 2", code)
	}
}
