package http

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// TestReview8MergeImportKeepsGoalAndTaskMoney: wave 8 made a task's 支出项目名称 and
// 预算金额 and the plan's 年度总体目标 part of what the editor, render and xlsx keep, but
// "合并：只填入文件中有的内容" (mergeImport) rebuilds each matched task from 事项, 责任单位
// and 工作目标 only, so a stored task's money is taken away (the merge promises nothing
// taken away), a file's task money is not filled in, and the file's 年度总体目标 is not
// filled into a plan that has none.
func TestReview8MergeImportKeepsGoalAndTaskMoney(t *testing.T) {
	stored := &jixiao.Plan{ID: 7, Department: "某县交通运输局", Year: 2023, Status: jixiao.Draft,
		KeyTasks: []jixiao.KeyTask{
			{Item: "农村公路养护", Objective: "养护100公里", Spending: "公路养护经费", SpendingAmount: "100"},
			{Item: "客运补贴", Objective: "发放补贴"},
		}}
	file := &jixiao.Plan{Department: "某县交通运输局", Year: 2023, Goal: "保障农村公路通畅。",
		KeyTasks: []jixiao.KeyTask{
			{Item: "农村公路养护", Owner: "养护股"},
			{Item: "客运补贴", Spending: "客运补贴资金", SpendingAmount: "50"},
		}}
	got := mergeImport(stored, file)
	want := []jixiao.KeyTask{
		{Item: "农村公路养护", Owner: "养护股", Objective: "养护100公里", Spending: "公路养护经费", SpendingAmount: "100"},
		{Item: "客运补贴", Objective: "发放补贴", Spending: "客运补贴资金", SpendingAmount: "50"},
	}
	if d := cmp.Diff(want, got.KeyTasks); d != "" {
		t.Errorf("merged tasks (-want +got):\n%s", d)
	}
	if got.Goal != "保障农村公路通畅。" {
		t.Errorf("merged goal %q, want the file's", got.Goal)
	}
}
