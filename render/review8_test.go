package render

import (
	"strings"
	"testing"

	"jixiao"
)

// TestReview8TaskSpendingPrinted: 福建 2019's 年度履职目标 ties each task to its 支出项目名称
// (KeyTask.Spending: 地情、市志编纂与年鉴出版经费, 基本支出) and 预算金额. 0c05228 prints the
// 预算金额 column but not the 支出项目名称: a printed (or published, or PDF) table shows
// each task's amount without what it is spent on, and the name is in no other row.
func TestReview8TaskSpendingPrinted(t *testing.T) {
	p := twoFundsPlan()
	p.KeyTasks = []jixiao.KeyTask{{Item: "组织编纂地方志", Objective: "完成2019年度任务", Spending: "地情、市志编纂与年鉴出版经费", SpendingAmount: "49.8"}}
	html := string(renderHTML(t, p, Options{}))
	if !strings.Contains(html, "49.8") {
		t.Fatal("the amount is not printed either")
	}
	if !strings.Contains(html, "地情、市志编纂与年鉴出版经费") {
		t.Error("the task's 支出项目名称 is not printed")
	}
}
