package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestGenSelfEvalAndSummary: jixiao gen --selfeval writes the region's self-evaluations,
// jixiao score --summary scores them all into the finance bureau's workbook.
func TestGenSelfEvalAndSummary(t *testing.T) {
	dir := t.TempDir()
	se := filepath.Join(dir, "se.jsonl")
	code, out, errs := runStoreCmd(t, "gen", "--departments", "60", "--seed", "4", "--db", "sqlite:"+filepath.Join(dir, "g.db"), "--selfeval", se)
	if code != 0 || !strings.Contains(out, "绩效自评表") {
		t.Fatalf("gen: exit %d\n%s\n%s", code, out, errs)
	}
	sum := filepath.Join(dir, "sum.xlsx")
	code, out, errs = runStoreCmd(t, "score", se, "--summary", sum)
	if code != 1 || !strings.Contains(out, "汇总：自评表 ") { // the planted problems are errors
		t.Fatalf("score --summary: exit %d\n%s\n%s", code, out, errs)
	}
	f, err := excelize.OpenFile(sum)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "单位得分,低分单位,未达成指标" {
		t.Errorf("sheets %s", got)
	}
	rows, _ := f.GetRows("单位得分")
	lines, _ := os.ReadFile(se)
	if want := strings.Count(string(lines), "\n") + 2; len(rows) != want {
		t.Errorf("%d rows in 单位得分, want %d (title, header, one per table)", len(rows), want)
	}
}

// TestCheckLastYear: a target below last year's actual is a warning of jixiao check.
func TestCheckLastYear(t *testing.T) {
	last := filepath.Join(t.TempDir(), "last.jsonl")
	rec := `{"title":"项目支出绩效自评表","project":"民主党派基层建设经费","funds":[],"indicators":[` +
		`{"level1":"产出指标","level2":"成本指标","name":"不超过预算","target":{"text":"≤5万元","kind":"numeric","op":"≤","value":"5","unit":"万元"},` +
		`"actual":{"text":"4万元","kind":"numeric","value":"4","unit":"万元"},"weight":"10","score":null}]}` + "\n"
	if err := os.WriteFile(last, []byte(rec), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runStoreCmd(t, "check", "../../examples/shifeng-tongzhanbu-2021.txt", "--last-year", last)
	if code == 2 {
		t.Fatalf("check: exit %d\n%s", code, errs)
	}
	want := "“不超过预算”的指标值“≤5万元”高于上年实际完成值“4万元”"
	if !strings.Contains(out, want) || !strings.Contains(out, "results.target-backwards") {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
}

// TestExportSelfEvalTemplateAndReport: jixiao export --as selfeval writes the seed plan's
// template (the department's table and one per fund item); jixiao score reads it back
// and writes the report.
func TestExportSelfEvalTemplateAndReport(t *testing.T) {
	dir := t.TempDir()
	tpl := filepath.Join(dir, "tpl.xlsx")
	code, out, errs := runStoreCmd(t, "export", "../../examples/shifeng-tongzhanbu-2021.txt", "--as", "selfeval", "-o", tpl)
	if code != 0 {
		t.Fatalf("export: exit %d\n%s\n%s", code, out, errs)
	}
	f, err := excelize.OpenFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	f.Close()
	if len(sheets) != 4 || sheets[0] != "部门整体" {
		t.Errorf("sheets %v, want 部门整体 and the 3 fund items", sheets)
	}
	report := filepath.Join(dir, "report.html")
	code, out, errs = runStoreCmd(t, "score", tpl, "--report", report, "--format", "json")
	if code != 1 { // a blank template: no 全年执行数 yet
		t.Fatalf("score: exit %d\n%s", code, errs)
	}
	if n := strings.Count(out, `"file"`); n != 4 {
		t.Errorf("%d tables scored, want 4", n)
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"中共株洲市石峰区委员会统一战线工作部2021年度绩效自评报告", "部门整体支出绩效自评表", "民主党派基层建设经费"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("report lacks %q", want)
		}
	}
}
