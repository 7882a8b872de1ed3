package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"jixiao"
	"jixiao/postgres"
	"jixiao/storetest"
)

func TestReviewConformance(t *testing.T) {
	testURL(t)
	storetest.RunReview(t, func(t *testing.T) jixiao.ReviewStore { return openFresh(t) })
}

// TestAuditTamper alters and deletes audit rows behind the application's back (after
// disabling the trigger that refuses it, as a database superuser could) and checks
// that verification names the entry.
func TestAuditTamper(t *testing.T) {
	for _, tc := range []struct {
		name, sql, want string
	}{
		{"update", `UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 3`, "第 3 条的散列不符"},
		{"delete", `DELETE FROM audit_log WHERE seq = 2`, "缺少第 2 条"},
		{"delete-last", `DELETE FROM audit_log WHERE seq = 5`, "缺少第 5 条"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := freshSchema(t)
			ctx := context.Background()
			db, err := postgres.Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for i := range 5 {
				if err := db.AppendAudit(ctx, &jixiao.AuditEntry{Actor: "filler", Action: "plan_update", Object: fmt.Sprint("plan:", i), Outcome: "ok"}); err != nil {
					t.Fatal(err)
				}
			}
			conn, err := pgx.Connect(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(ctx)
			if _, err := conn.Exec(ctx, tc.sql); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Fatalf("%s with the trigger: %v, want refused", tc.sql, err)
			}
			for _, q := range []string{`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`, tc.sql} {
				if _, err := conn.Exec(ctx, q); err != nil {
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
	testURL(t)
	storetest.RunRaces(t, func(t *testing.T) jixiao.ReviewStore { return openFresh(t) })
}
