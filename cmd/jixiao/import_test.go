package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const seedPath = "../../examples/shifeng-tongzhanbu-2021.txt"

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "j.db")
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("这不是绩效目标表\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runStoreCmd(t, "import", seedPath, bad, "--db", db, "--author", "张三")
	if code != 2 {
		t.Fatalf("import with a bad file: exit %d, want 2\nstdout %s\nstderr %s", code, out, errs)
	}
	// Not a terminal: plain lines, one per file, and no \r.
	if strings.Contains(out, "\r") {
		t.Errorf("output to a non-terminal has carriage returns: %q", out)
	}
	for _, want := range []string{"✓ " + seedPath, "新建", "✗ " + bad, "失败 1 个文件"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "1 个文件导入失败") {
		t.Errorf("stderr %q does not say a file failed", errs)
	}
	// Again: a new revision of the same plan, not a second plan.
	code, out, _ = runStoreCmd(t, "import", seedPath, "--db", db, "--author", "李四")
	if code != 0 || !strings.Contains(out, "新版本（第 2 版）") {
		t.Fatalf("second import: exit %d\n%s", code, out)
	}
	code, out, _ = runStoreCmd(t, "plans", "--db", db)
	if code != 0 {
		t.Fatalf("plans: exit %d", code)
	}
	if n := strings.Count(out, "中共株洲市石峰区委员会统一战线工作部"); n != 1 || !regexp.MustCompile(`2021 +草稿 +2 +2`).MatchString(out) {
		t.Errorf("plans after two imports:\n%s", out)
	}
	code, out, _ = runStoreCmd(t, "history", "1", "--db", db)
	if code != 0 || !strings.Contains(out, "张三") || !strings.Contains(out, "李四") || !strings.Contains(out, "导入文件 shifeng-tongzhanbu-2021.txt") {
		t.Errorf("history: exit %d\n%s", code, out)
	}
	code, _, errs = runStoreCmd(t, "history", "99", "--db", db)
	if code != 2 || !strings.Contains(errs, "不存在") {
		t.Errorf("history of a missing plan: exit %d, stderr %q", code, errs)
	}
	code, _, _ = runStoreCmd(t, "import", "--db", db)
	if code != 2 {
		t.Errorf("import without files: exit %d, want 2", code)
	}
}

func TestPlansCommandFilters(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "j.db")
	if code, out, errs := runStoreCmd(t, "import", seedPath, "--db", db); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--year", "2021"}, "共 1 份"},
		{[]string{"--year", "2022"}, "没有符合条件"},
		{[]string{"--status", "草稿"}, "共 1 份"},
		{[]string{"--status", "approved"}, "没有符合条件"},
		{[]string{"--format", "json"}, `"total": 1`},
	} {
		code, out, errs := runStoreCmd(t, append([]string{"plans", "--db", db}, tt.args...)...)
		if code != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("plans %v: exit %d, want %q in\n%s%s", tt.args, code, tt.want, out, errs)
		}
	}
	if code, _, errs := runStoreCmd(t, "plans", "--db", db, "--status", "nope"); code != 2 || !strings.Contains(errs, "未知状态") {
		t.Errorf("unknown status: exit %d, %q", code, errs)
	}
	if code, _, errs := runStoreCmd(t, "plans", "--db", db, "--department", "NOPE"); code != 2 || !strings.Contains(errs, "不存在") {
		t.Errorf("unknown department: exit %d, %q", code, errs)
	}
}

func TestDisplayWidthAlignment(t *testing.T) {
	var b strings.Builder
	writeAlignedTable(&b, [][]string{{"部门", "年度"}, {"ab", "2021"}}, map[int]bool{1: true})
	want := "部门  年度\nab    2021\n"
	if b.String() != want {
		t.Errorf("table = %q, want %q", b.String(), want)
	}
}
