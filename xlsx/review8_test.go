package xlsx

import (
	"bytes"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

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

// TestReview8National88DeptMerged: the national 部门(单位)整体支出绩效目标申报表 of
// 财预〔2015〕88号 as a workbook: 预算金额(万元) merged over 总额 | 财政拨款 | 其他资金
// (D4:F4), 年度主要任务 merged down. A range that spans columns is one cell (cells.go,
// “as in Word”), so the task header has 4 cells and the rows under it 6: the workbook
// is refused (“本行有6列，多于“年度重点工作计划”表头…的4列”), though the same table
// with the merge undone (textdoc/testdata/edge/national88dept.txt) reads.
func TestReview8National88DeptMerged(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	rows := [][]any{
		{"部门(单位)整体支出绩效目标申报表"},
		{"(2023年度)"},
		{"部门(单位)名称", "某县交通运输局"},
		{"年度主要任务", "任务名称", "主要内容", "预算金额(万元)"},
		{"", "", "", "总额", "财政拨款", "其他资金"},
		{"", "农村公路养护", "养护农村公路100公里", 100, 100, 0},
		{"", "客运补贴", "发放农村客运补贴", 50, 40, 10},
		{"金额合计", "", "", 150, 140, 10},
		{"年度总体目标", "目标1:养护农村公路100公里。"},
		{"年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"},
		{"", "产出指标", "数量指标", "养护里程", "100公里"},
		{"", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"},
	}
	for i, r := range rows {
		for j, v := range r {
			if v == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue(s, ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, m := range [][2]string{{"A1", "F1"}, {"A2", "F2"}, {"B3", "F3"}, {"D4", "F4"}, {"A4", "A7"}, {"B4", "B5"}, {"C4", "C5"}, {"A8", "C8"}, {"B9", "F9"}, {"A10", "A12"}} {
		if err := f.MergeCell(s, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	p, err := Read("national88dept.xlsx", buf.Bytes())
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if p.Budget.Total.String() != "150" || p.Budget.GeneralBudget.String() != "140" || p.Budget.OtherFunds.String() != "10" {
		t.Errorf("budget %+v, want 150 = 140 + 10", p.Budget)
	}
	if len(p.KeyTasks) != 2 || p.KeyTasks[1].SpendingAmount != "50" {
		t.Errorf("tasks %+v", p.KeyTasks)
	}
}
