package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/library"
)

// TestLibraryCommand runs the library commands end to end on a generated region:
// learn (approved plans only, then with drafts), search as JSON and as text, export
// with the views, import into an empty library.
func TestLibraryCommand(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "region.db")
	if code, out, errs := runStoreCmd(t, "gen", "--departments", "30", "--year", "2024", "--seed", "18", "--db", db); code != 0 {
		t.Fatalf("gen: exit %d\n%s\n%s", code, out, errs)
	}
	if code, out, _ := runStoreCmd(t, "library", "search", "培训", "--db", db); code != 0 || !strings.Contains(out, "指标库是空的") {
		t.Errorf("search before learning: exit %d\n%s", code, out)
	}
	// The generated plans are drafts: without the flag nothing is learnt.
	code, out, errs := runStoreCmd(t, "library", "learn", "--db", db)
	if code != 0 || !strings.Contains(out, "已从 0 份绩效目标（未计入 30 份未通过的）") {
		t.Fatalf("learn: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = runStoreCmd(t, "library", "learn", "--include-drafts", "--db", db)
	if code != 0 || !strings.Contains(out, "已从 30 份绩效目标（未计入 0 份未通过的）") {
		t.Fatalf("learn --include-drafts: exit %d\n%s\n%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "region.library.json")); err == nil {
		t.Errorf("the library is written beside the database, not kept in it")
	}

	code, out, errs = runStoreCmd(t, "library", "search", "培训", "--format", "json", "--db", db)
	if code != 0 {
		t.Fatalf("search: exit %d\n%s", code, errs)
	}
	var found []struct {
		Name, Level1, Level2, Unit string
		Uses                       int
		Targets                    *struct{ Median, P25, P75 float64 }
	}
	if err := json.Unmarshal([]byte(out), &found); err != nil {
		t.Fatalf("search json: %v\n%s", err, out)
	}
	if len(found) == 0 {
		t.Fatalf("search 培训 found nothing")
	}
	withTargets := 0
	for _, f := range found {
		if !strings.Contains(f.Name, "培训") || f.Level1 == "" || f.Uses < 1 {
			t.Errorf("entry %+v", f)
		}
		if f.Targets != nil {
			withTargets++
			if !(f.Targets.P25 <= f.Targets.Median && f.Targets.Median <= f.Targets.P75) || f.Unit == "" {
				t.Errorf("targets of %s: %+v unit %q", f.Name, *f.Targets, f.Unit)
			}
		}
	}
	if withTargets == 0 {
		t.Errorf("no entry for 培训 has a target distribution: %s", out)
	}
	code, out, _ = runStoreCmd(t, "library", "search", "培训", "--field", "不存在的领域", "--db", db)
	if code != 0 || !strings.Contains(out, "指标库中没有含“培训”的指标。") {
		t.Errorf("search with an unknown field: exit %d\n%s", code, out)
	}

	xlsxFile := filepath.Join(dir, "library.xlsx")
	code, out, errs = runStoreCmd(t, "library", "export", xlsxFile, "--views", "--db", db)
	if code != 0 {
		t.Fatalf("export: exit %d\n%s\n%s", code, out, errs)
	}
	data, err := os.ReadFile(xlsxFile)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := library.Import("library.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	other := "sqlite:" + filepath.Join(dir, "other.db")
	code, out, errs = runStoreCmd(t, "library", "import", xlsxFile, "--db", other)
	want := "已导入 " + itoa(len(entries)) + " 条指标（新增 " + itoa(len(entries)) + " 条，修改 0 条）"
	if code != 0 || !strings.Contains(out, want) {
		t.Fatalf("import: exit %d, want %q\n%s\n%s", code, want, out, errs)
	}
	code, out, _ = runStoreCmd(t, "library", "search", "培训", "--db", other)
	if code != 0 || !strings.Contains(out, found[0].Name) {
		t.Errorf("search in the imported library: exit %d\n%s", code, out)
	}
	code, out, _ = runStoreCmd(t, "audit", "list", "--db", other)
	if code != 0 || !strings.Contains(out, "library_import") {
		t.Errorf("the import is not in the audit log: exit %d\n%s", code, out)
	}
	// A self-evaluation's actuals: the indicators it names are counted as evaluated.
	code, out, errs = runStoreCmd(t, "library", "learn", "--db", db, "--self-evaluation", "testdata/selfeval-ok.txt")
	if code != 0 || !strings.Contains(out, "和 1 份自评表学习") {
		t.Fatalf("learn --self-evaluation: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = runStoreCmd(t, "library", "search", "满意度", "--db", db, "--format", "json")
	if code != 0 || !strings.Contains(out, `"name": "统战对象满意度"`) {
		t.Errorf("search after learning a self-evaluation: exit %d\n%s", code, out)
	}
	if code, _, _ := runStoreCmd(t, "library", "frobnicate", "--db", db); code != 2 {
		t.Errorf("unknown subcommand: exit %d, want 2", code)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
