package xlsx

import (
	"testing"
)

// TestReview8RoundTripTaskSpending: 0c05228 says xlsx export/import keeps each task's
// 支出项目名称 (KeyTask.Spending, 福建's 年度履职目标), but departmentSheet writes only the
// 预算金额 column: 福建 2019's 地情、市志编纂与年鉴出版经费 / 基本支出 are lost on
// jixiao export --as xlsx then parse.
func TestReview8RoundTripTaskSpending(t *testing.T) {
	want := seedPlan(t)
	want.KeyTasks[0].Spending = "统战工作经费"
	want.KeyTasks[0].SpendingAmount = "12.5"
	got, err := Read("spending.xlsx", writeBytes(t, want))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	samePlan(t, want, got)
}
