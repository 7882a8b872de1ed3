package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runParseCmd runs the command line with buffers for its streams.
func runParseCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), &env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}, args)
	return code, out.String(), errb.String()
}

const parseSeed = "../../examples/shifeng-tongzhanbu-2021.txt"

func TestParseSeed(t *testing.T) {
	code, stdout, stderr := runParseCmd(t, "parse", parseSeed)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var got struct {
		Department string `json:"department"`
		Year       int    `json:"year"`
		Budget     struct {
			Total, GeneralBudget, Basic, Project string
			GovFund                              *string
		} `json:"budget"`
		FundsTotal   string `json:"fundsTotal"`
		SpecialFunds []struct {
			Name   string `json:"name"`
			Amount string `json:"amount"`
			Items  []struct {
				Name   string `json:"name"`
				Amount string `json:"amount"`
			} `json:"items"`
		} `json:"specialFunds"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	if got.Department != "中共株洲市石峰区委员会统一战线工作部" || got.Year != 2021 {
		t.Errorf("department, year = %q, %d", got.Department, got.Year)
	}
	b := got.Budget
	if b.Total != "167.0104" || b.GeneralBudget != "167.0104" || b.Basic != "137.01041" || b.Project != "30" || b.GovFund != nil {
		t.Errorf("budget = %+v", b)
	}
	// Amounts are decimal strings exactly as written, not JSON numbers.
	for _, s := range []string{`"total": "167.0104"`, `"basic": "137.01041"`, `"fundsTotal": "30"`, `"keyTasks": [`, `"specialFunds": [`} {
		if !strings.Contains(stdout, s) {
			t.Errorf("output lacks %s", s)
		}
	}
	if len(got.SpecialFunds) != 1 || got.SpecialFunds[0].Name != "业务性专项经费" || got.SpecialFunds[0].Amount != "30" || len(got.SpecialFunds[0].Items) != 3 {
		t.Fatalf("special funds = %+v", got.SpecialFunds)
	}
	var items []string
	for _, it := range got.SpecialFunds[0].Items {
		items = append(items, it.Name+" "+it.Amount)
	}
	if want := "民主党派基层建设经费 5,统战特别政治经费 10,统战业务专项 15"; strings.Join(items, ",") != want {
		t.Errorf("items = %v, want %s", items, want)
	}
}

func TestParseErrors(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.txt")
	if err := os.WriteFile(garbage, []byte("这不是表格\n只是几行字\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"missing file", []string{"parse", filepath.Join(dir, "nope.txt")}, 2, "无法打开文件"},
		{"unreadable layout", []string{"parse", garbage}, 2, "garbage.txt 第1行：未找到任何绩效目标表"},
		{"no file argument", []string{"parse"}, 2, "用法：jixiao parse FILE"},
		{"two files", []string{"parse", garbage, garbage}, 2, "用法：jixiao parse FILE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runParseCmd(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.stderr)
			}
		})
	}
}

func TestParseHelp(t *testing.T) {
	code, _, stderr := runParseCmd(t, "parse", "--help")
	if code != 0 || !strings.Contains(stderr, "用法：jixiao parse FILE") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestParseGivenYear: parse, check and import of a table that states no year refuse it
// with a sentence that names --year, and read it with --year; a year the table states
// wins over --year.
func TestParseGivenYear(t *testing.T) {
	const hainan = "../../testdata/published/hainan-2022-project-sheng-huizhan-cut.txt"
	code, _, stderr := runParseCmd(t, "parse", hainan)
	if code != 2 || !strings.Contains(stderr, "第3行") || !strings.Contains(stderr, "命令行用 --year 参数") {
		t.Errorf("parse without --year: exit %d, %q", code, stderr)
	}
	code, stdout, stderr := runParseCmd(t, "parse", "--year", "2022", hainan)
	var p struct {
		Year     int
		Projects []struct{ Amount string }
	}
	if err := json.Unmarshal([]byte(stdout), &p); code != 0 || err != nil || p.Year != 2022 || len(p.Projects) != 1 || p.Projects[0].Amount != "2430.30" {
		t.Errorf("parse --year 2022: exit %d, %+v, %v, %q", code, p, err, stderr)
	}
	if code, _, stderr := runParseCmd(t, "check", "--year", "2022", hainan); code == 2 {
		t.Errorf("check --year 2022 could not read the table: %q", stderr)
	}
	code, stdout, _ = runParseCmd(t, "parse", "--year", "2030", parseSeed)
	if code != 0 || !strings.Contains(stdout, `"year": 2021`) {
		t.Errorf("--year 2030 over the seed's 2021: exit %d", code)
	}
	db := filepath.Join(t.TempDir(), "j.db")
	if code, stdout, stderr := runParseCmd(t, "import", "--db", db, "--year", "2022", hainan); code != 0 || !strings.Contains(stdout, "2022 年度") {
		t.Errorf("import --year 2022: exit %d, %q %q", code, stdout, stderr)
	}
}
