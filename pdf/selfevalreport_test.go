package pdf

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"jixiao/gen"
	"jixiao/gen/selfgen"
	"jixiao/render"
	"jixiao/score"
)

// TestSelfEvaluationReport prints a generated unit's self-evaluation report — the
// department's table and its projects' — and reads the PDF back: the report's sections,
// each table's computed total and grade, and the tables themselves on the pages after.
func TestSelfEvaluationReport(t *testing.T) {
	needTools(t)
	rule, err := score.Lookup("")
	if err != nil {
		t.Fatal(err)
	}
	reg := gen.NewRegion(gen.Options{Departments: 3, Seed: 5})
	evals, _ := (&selfgen.Generator{Region: reg, Rule: rule, Seed: 5}).Generate(0)
	rep := render.SelfEvaluationReport{Rule: rule.Name}
	var want []string
	for _, e := range evals {
		res := rule.Score(score.FromRecord(e))
		rep.Evals = append(rep.Evals, render.SelfEvaluation{Record: e, Result: res})
		name := e.Project
		if name == "" {
			name = "部门整体支出"
		}
		want = append(want, name, res.Total.String()+res.Grade)
	}
	var page bytes.Buffer
	if err := render.SelfEvaluationReportHTML(&page, rep); err != nil {
		t.Fatal(err)
	}
	b, err := printer(t).PrintHTML(context.Background(), page.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, "report.pdf", b)
	first := squash(pageText(t, path, 1))
	for _, w := range append([]string{evals[0].Department + "2021年度绩效自评报告", "一、基本情况", "二、自评结果", "三、目标完成情况、存在的问题和改进措施"}, want...) {
		if !strings.Contains(first+squash(pageText(t, path, 2)), squash(w)) {
			t.Errorf("the report's first pages lack %q:\n%s", w, first)
		}
	}
	if n := pages(t, path); n < len(evals)+1 {
		t.Errorf("%d pages, want the report and at least a page a table (%d)", n, len(evals))
	}
	all := squash(command(t, "pdftotext", path, "-"))
	if got := strings.Count(all, "项目支出绩效自评表"); got != len(evals)-1 || !strings.Contains(all, "部门整体支出绩效自评表") {
		t.Errorf("%d 项目支出绩效自评表 in the PDF, want %d, and the department's table", got, len(evals)-1)
	}
}
