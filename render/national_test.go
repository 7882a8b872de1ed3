package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// TestDepartmentGoalAndTaskAmounts: a department-wide table that states a 年度总体目标 and
// a 预算金额 per task (the national form of 财预〔2015〕88号) prints both, and the rows the
// official layout has no place for (each task's sources) as rows of their own.
func TestDepartmentGoalAndTaskAmounts(t *testing.T) {
	p := twoFundsPlan()
	p.Goal = "目标1:养护农村公路100公里。"
	p.KeyTasks = []jixiao.KeyTask{{Item: "农村公路养护", Objective: "养护农村公路100公里", SpendingAmount: "100"}}
	p.Other = []jixiao.LabelValue{{Label: "农村公路养护 财政拨款", Value: "100"}}
	doc := parse(t, renderHTML(t, p, Options{}))
	sheet := sheetsOf(doc)[0]
	var rows [][]string
	for _, tr := range all(sheet, tag("tr")) {
		var row []string
		for _, c := range all(tr, tag("th")) {
			row = append(row, text(c))
		}
		for _, c := range all(tr, tag("td")) {
			row = append(row, text(c))
		}
		rows = append(rows, row)
	}
	for _, want := range [][]string{
		{"年度总体目标", "目标1:养护农村公路100公里。"},
		{"农村公路养护 财政拨款", "100"},
		{"年度重点工作计划", "事项", "责任单位/科室", "工作目标", "预算金额（万元）"},
		{"", "农村公路养护", "", "养护农村公路100公里", "100"},
	} {
		found := false
		for _, r := range rows {
			found = found || cmp.Equal(want, r)
		}
		if !found {
			t.Errorf("no row %q in %q", want, rows)
		}
	}
}
