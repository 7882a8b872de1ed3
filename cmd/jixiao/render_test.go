package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/document"
)

const renderSeed = "../../examples/shifeng-tongzhanbu-2021.txt"

func runRenderCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), &env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}, args)
	return code, out.String(), errb.String()
}

// needRenderSeed skips while the text reader cannot read the seed (it is written beside this
// command); the usage tests below run regardless.
func needRenderSeed(t *testing.T) {
	t.Helper()
	if _, err := document.ReadFile(renderSeed); err != nil {
		t.Skipf("the text reader cannot read the seed yet: %v", err)
	}
}

func TestRenderToFile(t *testing.T) {
	needRenderSeed(t)
	out := filepath.Join(t.TempDir(), "out.html")
	code, stdout, stderr := runRenderCmd(t, "render", renderSeed, "-o", out)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout %q, want nothing when -o is given", stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		"<!DOCTYPE html>",
		"2021年部门整体支出绩效目标表",
		"2021年专项资金预算绩效目标汇总表",
		"中共株洲市石峰区委员会统一战线工作部",
		"资金总额：167.0104万元",
		"137.01041万元",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if n := strings.Count(s, `<p class="jx-annex">附件3</p>`); n != 3 {
		t.Errorf("%d 附件3 tables, want 3", n)
	}
}

func TestRenderStdoutAndAsImported(t *testing.T) {
	needRenderSeed(t)
	code, derived, stderr := runRenderCmd(t, "render", renderSeed)
	if code != 0 || !strings.HasPrefix(derived, "<!DOCTYPE html>") {
		t.Fatalf("exit %d, stderr %q, stdout starts %.40q", code, stderr, derived)
	}
	code, imported, stderr := runRenderCmd(t, "render", "--as-imported", renderSeed)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	// The seed's summary row of 统战特别政治经费 says 协调处理关系; its 附件3 says
	// 协调处理好各方面关系. Derived, the summary repeats the 附件3 text.
	if strings.Contains(derived, "协调处理关系") {
		t.Error("derived output holds the summary row's own text")
	}
	if !strings.Contains(imported, "协调处理关系") {
		t.Error("--as-imported output lacks the summary row's own text")
	}
}

func TestRenderUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"render"}, 2, "用法：jixiao render"},
		{[]string{"render", "a.txt", "b.txt"}, 2, "用法：jixiao render"},
		{[]string{"render", filepath.Join(t.TempDir(), "missing.txt")}, 2, "无法打开文件"},
		{[]string{"render", "--bogus", "a.txt"}, 2, "flag provided but not defined"},
	} {
		code, _, stderr := runRenderCmd(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.err) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, stderr, tc.code, tc.err)
		}
	}
	code, stdout, _ := runRenderCmd(t, "help", "render")
	if code != 0 || !strings.Contains(stdout, "--as-imported") {
		t.Errorf("help render: exit %d, %q", code, stdout)
	}
}

func TestRenderUnwritableOutput(t *testing.T) {
	needRenderSeed(t)
	out := filepath.Join(t.TempDir(), "no-such-dir", "out.html")
	code, _, stderr := runRenderCmd(t, "render", renderSeed, "-o", out)
	if code == 0 || !strings.Contains(stderr, "无法写入") {
		t.Errorf("exit %d, stderr %q; want a failure naming the file", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a file was written")
	}
}
