package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"jixiao"
	"jixiao/sqlite"
	"jixiao/storetest"
)

func TestReviewConformance(t *testing.T) {
	storetest.RunReview(t, func(t *testing.T) jixiao.ReviewStore { return openTemp(t) })
}

// TestAuditTamper alters and deletes audit rows behind the application's back (after
// dropping the triggers that refuse it, as someone with the database file could) and
// checks that verification names the entry.
func TestAuditTamper(t *testing.T) {
	for _, tc := range []struct {
		name, sql, want string
	}{
		{"update", `UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 3`, "第 3 条的散列不符"},
		{"update-rehash", `UPDATE audit_log SET actor = 'x', hash = prev_hash WHERE seq = 4`, "第 4 条的散列不符"},
		{"delete", `DELETE FROM audit_log WHERE seq = 2`, "缺少第 2 条"},
		{"delete-last", `DELETE FROM audit_log WHERE seq = 5`, "缺少第 5 条"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "jixiao.db")
			db, err := sqlite.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			for i := range 5 {
				if err := db.AppendAudit(ctx, &jixiao.AuditEntry{Actor: "filler", Action: "plan_update", Object: fmt.Sprint("plan:", i), Outcome: "ok"}); err != nil {
					t.Fatal(err)
				}
			}
			raw := openRaw(t, path)
			defer raw.Close()
			// The triggers refuse it first.
			if _, err := raw.Exec(tc.sql); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Fatalf("%s with the triggers: %v, want refused", tc.sql, err)
			}
			for _, q := range []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`, tc.sql} {
				if _, err := raw.Exec(q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			_, err = jixiao.VerifyAudit(ctx, db)
			if jixiao.ErrorCode(err) != jixiao.EINVALID || !strings.Contains(jixiao.ErrorMessage(err), tc.want) {
				t.Errorf("verify after %s: %v, want a message with %q", tc.sql, err, tc.want)
			}
		})
	}
}

func TestRaces(t *testing.T) {
	storetest.RunRaces(t, func(t *testing.T) jixiao.ReviewStore { return openTemp(t) })
}
