package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"jixiao"
)

func TestDiffCommand(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "d.db")
	// Two runs with different seeds over the same department codes: version 2 of each
	// plan differs from version 1.
	for _, seed := range []string{"1", "2"} {
		if code, out, errs := runStoreCmd(t, "gen", "--departments", "5", "--seed", seed, "--db", db); code != 0 {
			t.Fatalf("gen --seed %s: exit %d\n%s\n%s", seed, code, out, errs)
		}
	}

	code, out, errs := runStoreCmd(t, "diff", "2@1", "2@1", "--db", db)
	if code != 0 || !strings.Contains(out, "没有变化") {
		t.Errorf("diff of a revision with itself: exit %d\n%s\n%s", code, out, errs)
	}

	code, out, errs = runStoreCmd(t, "diff", "2@1", "2", "--db", db)
	if code != 0 {
		t.Fatalf("diff 2@1 2: exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"绩效目标 2 第 1 版", "绩效目标 2 第 2 版", "变化  项目", "资金总额", "修改"} {
		if !strings.Contains(out, want) {
			t.Errorf("diff output lacks %q:\n%s", want, out)
		}
	}

	code, out, _ = runStoreCmd(t, "diff", "2@1", "2@2", "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("diff --format json: exit %d", code)
	}
	var res struct {
		From, To struct{ ID, Version int }
		Changes  []jixiao.Change
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if res.From.Version != 1 || res.To.Version != 2 || len(res.Changes) == 0 {
		t.Errorf("json diff: from %+v to %+v, %d changes", res.From, res.To, len(res.Changes))
	}
	found := false
	for _, c := range res.Changes {
		if c.Path == "budget.total" && c.Label == "资金总额" && c.Kind == jixiao.ChangeChanged && c.Old != c.New {
			found = true
		}
	}
	if !found {
		t.Errorf("no budget.total change in %+v", res.Changes)
	}

	// Two departments' plans: the department name differs.
	code, out, _ = runStoreCmd(t, "diff", "1", "2", "--db", db)
	if code != 0 || !strings.Contains(out, "部门名称") {
		t.Errorf("diff 1 2: exit %d\n%s", code, out)
	}

	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"diff", "1", "--db", db}, 2, ""},
		{[]string{"diff", "1", "99", "--db", db}, 2, "不存在"},
		{[]string{"diff", "1@x", "1", "--db", db}, 2, "不是正整数"},
		{[]string{"diff", "1@9", "1", "--db", db}, 2, ""},
		{[]string{"diff", "1", "1", "--db", db, "--format", "xml"}, 2, "输出格式"},
	} {
		code, _, errs := runStoreCmd(t, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, code, errs, tt.code, tt.msg)
		}
	}
}

func TestClipCell(t *testing.T) {
	if got := clipCell("a\n b"); got != "a b" {
		t.Errorf("clipCell folds lines: %q", got)
	}
	long := strings.Repeat("统战", 30)
	got := clipCell(long)
	if displayWidth(got) > diffCellWidth || !strings.HasSuffix(got, "…") {
		t.Errorf("clipCell(long) = %q (%d columns)", got, displayWidth(got))
	}
}
