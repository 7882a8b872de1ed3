package http_test

import (
	"context"
	"testing"

	"jixiao"
)

// TestDepartmentEditorKeepsGoalAndTaskMoney: a department-wide table read from the
// national form (or 福建's) has a 年度总体目标 and a 支出项目名称 and 预算金额 per task. The
// editor shows them, a save of the form as the browser posts it keeps them, and a goal
// typed in the form is saved.
func TestDepartmentEditorKeepsGoalAndTaskMoney(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p, err := f.store.Plan(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	p.Goal = "目标1：完成统战工作。"
	p.KeyTasks[0].Spending, p.KeyTasks[0].SpendingAmount = "统战工作经费", "12.5"
	if err := f.store.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: "test"}); err != nil {
		t.Fatal(err)
	}
	c := f.login("filler")
	path := pathOf(f.demo) + "/department"
	form := c.form(path, path)
	if form.Get("goal") != p.Goal || form.Get("keyTasks[0].spendingAmount") != "12.5" || form.Get("keyTasks[0].spending") != "统战工作经费" {
		t.Fatalf("the editor lacks the goal or the task's money: %v", form)
	}
	form.Set("goal", "目标1：完成统战工作。\n目标2：服务基层。")
	if st, body := c.post(path, form); st != 303 {
		t.Fatalf("save: %d\n%s", st, body)
	}
	got, err := f.store.Plan(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	if got.Goal != "目标1：完成统战工作。\n目标2：服务基层。" || got.KeyTasks[0].SpendingAmount != "12.5" || got.KeyTasks[0].Spending != "统战工作经费" {
		t.Errorf("after the save: goal %q, task %+v", got.Goal, got.KeyTasks[0])
	}

	// A post without the goal field (a page opened before it existed) keeps the goal.
	form = c.form(path, path)
	form.Del("goal")
	if st, body := c.post(path, form); st != 303 {
		t.Fatalf("save without goal: %d\n%s", st, body)
	}
	if got, _ := f.store.Plan(ctx, f.demo); got.Goal != "目标1：完成统战工作。\n目标2：服务基层。" {
		t.Errorf("a post without the field cleared the goal: %q", got.Goal)
	}
}
