package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/sqlite"
)

// A database written before deadlines had stages keeps its deadlines and exceptions as
// the targets', and its self-evaluation deadlines (selfeval_deadlines) become the
// self-evaluation stage's.
func TestDeadlineStagesMigration(t *testing.T) {
	names, err := filepath.Glob("migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	path := filepath.Join(t.TempDir(), "old.db")
	raw := openRaw(t, path)
	must := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	must(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)`)
	for i, name := range names {
		if strings.Contains(name, "deadline_stages") {
			break
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		must(string(b))
		must(`INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, '')`, i+1, filepath.Base(name))
	}
	must(`INSERT INTO departments (id, code, name, kind, path) VALUES (1, 'B', '财政局', 'bureau', '/1/'), (2, 'D', '教育局', 'department', '/1/2/')`)
	due := "2022-03-31T10:00:00.000000Z"
	must(`INSERT INTO deadlines (region_id, year, due, set_by, set_at) VALUES (1, 2021, ?, '目标', ?)`, due, due)
	must(`INSERT INTO selfeval_deadlines (region_id, year, due, set_by, set_at) VALUES (1, 2021, ?, '自评', ?)`, due, due)
	must(`INSERT INTO deadline_exceptions (department_id, year, until, granted_by, reason, granted) VALUES (2, 2021, ?, 'r', '机构改革', ?)`, due, due)
	raw.Close()

	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	got := map[string]string{}
	for _, stage := range []jixiao.Stage{jixiao.StageTargets, jixiao.StageSelfEvaluation} {
		if d, err := db.StageDeadlineFor(ctx, stage, 2, 2021); err == nil {
			got[string(stage)] = d.SetBy + " " + d.Due.UTC().Format("2006-01-02T15:04:05.000000Z")
		} else {
			got[string(stage)] = err.Error()
		}
		if e, err := db.StageExceptionFor(ctx, stage, 2, 2021); err == nil {
			got[string(stage)+" 延期"] = e.Reason
		} else {
			got[string(stage)+" 延期"] = jixiao.ErrorCode(err)
		}
	}
	want := map[string]string{"targets": "目标 " + due, "selfeval": "自评 " + due, "targets 延期": "机构改革", "selfeval 延期": jixiao.ENOTFOUND}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after the migration (-want +got):\n%s", diff)
	}
}
