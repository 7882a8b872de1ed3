package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/gen"
)

func TestGenCommand(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "g.db")
	mistakes := filepath.Join(dir, "mistakes.jsonl")
	code, out, errs := runStoreCmd(t, "gen", "--departments", "40", "--year", "2022", "--seed", "9", "--db", db, "--mistakes", mistakes)
	if code != 0 {
		t.Fatalf("gen: exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	for _, want := range []string{"财政局 1 个", "绩效目标申报 40 份（新建 40，新版本 0）", "已写入 40/40 份", "故意错误："} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runStoreCmd(t, "plans", "--db", db, "--year", "2022", "--format", "json")
	if code != 0 {
		t.Fatalf("plans: exit %d", code)
	}
	var listed struct {
		Total int
		Plans []struct{ DepartmentCode string }
	}
	if err := json.Unmarshal([]byte(out), &listed); err != nil {
		t.Fatalf("plans json: %v\n%s", err, out)
	}
	r := gen.NewRegion(gen.Options{Departments: 40, Year: 2022, Seed: 9})
	if listed.Total != r.Len() || len(listed.Plans) != r.Len() {
		t.Errorf("%d plans stored (%d listed), want %d", listed.Total, len(listed.Plans), r.Len())
	}
	for i, p := range listed.Plans {
		if p.DepartmentCode == "" {
			t.Errorf("plan %d has no department code", i)
		}
	}
	// The mistakes file lists exactly the plans with planted mistakes.
	f, err := os.Open(mistakes)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := 0
	for i := 0; i < r.Len(); i++ {
		if len(r.Mistakes(i)) > 0 {
			want++
		}
	}
	lines := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m struct {
			DepartmentCode string
			Mistakes       []string
			Rules          []string
		}
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil || m.DepartmentCode == "" || len(m.Mistakes) == 0 || len(m.Rules) != len(m.Mistakes) {
			t.Errorf("mistakes line %q: %v", sc.Text(), err)
		}
		lines++
	}
	if lines != want {
		t.Errorf("%d lines in the mistakes file, want %d", lines, want)
	}

	// Again with the same seed: new revisions of the same plans, no duplicates.
	code, out, _ = runStoreCmd(t, "gen", "--departments", "40", "--year", "2022", "--seed", "9", "--db", db)
	if code != 0 || !strings.Contains(out, "新建 0，新版本 40") {
		t.Fatalf("second gen: exit %d\n%s", code, out)
	}

	code, _, _ = runStoreCmd(t, "gen", "--db", db)
	if code != 2 {
		t.Errorf("gen without --departments: exit %d, want 2", code)
	}
	code, _, errs = runStoreCmd(t, "gen", "--departments", "3", "--year", "3000", "--db", db)
	if code != 2 || !strings.Contains(errs, "预算年度") {
		t.Errorf("gen --year 3000: exit %d, stderr %q", code, errs)
	}
}
