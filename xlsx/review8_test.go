package xlsx

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao/textdoc"
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

// TestReview8TaskAmountHeaderFarBelow: readDepartment looks for the 预算金额 column with
// s.header(hr, "预算金额"), which scans every row from the task header to the end of the
// sheet for a cell starting with 预算金额, not the task header alone. A plan whose tasks
// have no amount but whose indicators (below the tasks) name one “预算金额” (the seed's
// 产出成本 indicator renamed so) comes back from its own workbook with every task's
// 工作目标 copied into its 预算金额 (the indicator name sits in the objective's column).
func TestReview8TaskAmountHeaderFarBelow(t *testing.T) {
	want := seedPlan(t)
	for i := range want.Indicators {
		if want.Indicators[i].Level2 == "产出成本" {
			want.Indicators[i].Name = "预算金额"
		}
	}
	got, err := Read("cost.xlsx", writeBytes(t, want))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	samePlan(t, want, got)
}

// TestReview8RoundTripProjectListTotal: 204c245 reads 四川 井研 2023's list of projects and
// keeps its no-name row (820-马踏镇部门 | | 8,827,620.53, the department's total) in the
// plan's Other; the project workbook has no place for a plan's Other, so jixiao export
// --as xlsx then parse loses it.
func TestReview8RoundTripProjectListTotal(t *testing.T) {
	data, err := os.ReadFile("../testdata/published/sichuan-2023-project-jingyan-mata-cut.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, err := textdoc.Read("jingyan.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Other) == 0 {
		t.Fatal("the text reading has no Other")
	}
	got, err := Read("jingyan.xlsx", writeBytes(t, want))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if d := cmp.Diff(want.Other, got.Other); d != "" {
		t.Errorf("plan Other after the round trip (-want +got):\n%s", d)
	}
}
