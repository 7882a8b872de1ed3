package textdoc_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"jixiao/textdoc"
)

// review8Seed is the seed with the rows at line index `at` (0-based) of its text inserted.
func review8Seed(t *testing.T, at int, insert ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	out := append(append(append([]string{}, lines[:at]...), insert...), lines[at:]...)
	return []byte(strings.Join(out, "\n"))
}

// TestReview8DutiesYearRow: yearRow (0c05228, for "(2023年度)" under the national form's
// title) runs before the 部门职责概述 continuation, so a short one-cell row of the duties
// that names a year ("2021年工作要点") is dropped silently: before 0c05228 it was part of
// Plan.Duties. It should stay in the duties (or at least be kept somewhere).
func TestReview8DutiesYearRow(t *testing.T) {
	data := review8Seed(t, 35, "", "\t2021年工作要点")
	p, err := textdoc.Read("seed-duties.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Duties, "2021年工作要点") {
		t.Errorf("the duties row “2021年工作要点” is lost; Duties = %q", p.Duties)
	}
}

// review8Rows is the seed split into rows (a blank line ends a row).
func review8Rows(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(data), "\n\n")
}

// TestReview8TaskAmountBeforeOtherColumns: a 年度重点工作计划 whose 金额 column stands
// before 责任单位/科室 and 工作目标 (事项 | 金额 | 责任单位/科室 | 工作目标). taskRow
// takes every column from the 预算金额 column to the table's end as the task's money, so
// each task's 责任单位 and 工作目标 are copied a second time into Plan.Other as
// “巩固大统战工作格局 预算金额第2列 | 统战部”, “… 预算金额第3列 | 健全完善…” (14 bogus rows that
// render and the xlsx export then show). Only the amount columns are money.
func TestReview8TaskAmountBeforeOtherColumns(t *testing.T) {
	rows := review8Rows(t)
	rows[9] = "\t年度重点       工作计划\n\t事项\n\t金额\n\t责任单位/科室\n\t工作目标"
	for k, i := 0, 10; i <= 16; k, i = k+1, i+1 {
		c := strings.Split(rows[i], "\n")
		c = append(c[:2], append([]string{"\t" + string(rune('1'+k))}, c[2:]...)...)
		rows[i] = strings.Join(c, "\n")
	}
	p, err := textdoc.Read("seed-amount-first.txt", []byte(strings.Join(rows, "\n\n")))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.KeyTasks) != 7 || p.KeyTasks[0].SpendingAmount != "1" || p.KeyTasks[0].Owner != "统战部" {
		t.Fatalf("tasks: %+v", p.KeyTasks)
	}
	for _, o := range p.Other {
		t.Errorf("a task cell copied into Other: %s | %.30s", o.Label, o.Value)
	}
}

// TestReview8DeptRowsOfNextProject: two project tables one after the other, each opening
// with 部门名称 and 单位名称 before its 项目名称, with no title between them (the 河南 table,
// rows reordered, the second renamed). placeDept files the 部门名称/单位名称 rows collected
// since the last project began into the project being finished, so the second table's
// 濮阳市乙局 lands in the first project's Other and the second project has neither a
// 主管部门 nor an 实施单位.
func TestReview8DeptRowsOfNextProject(t *testing.T) {
	data, err := os.ReadFile("../testdata/published/henan-2021-project-puyang-dangan-xiaofang-cut.txt")
	if err != nil {
		t.Fatal(err)
	}
	var a []string
	for _, r := range strings.Split(string(data), "\n\n") {
		if strings.TrimSpace(r) != "" {
			a = append(a, r)
		}
	}
	a[2], a[3], a[4] = a[3], a[4], a[2] // 部门名称, 单位名称, 项目名称
	var b []string
	for _, r := range a[2:] {
		r = strings.ReplaceAll(r, "濮阳市档案馆库房消防设备改造安装工程", "乙项目")
		b = append(b, strings.ReplaceAll(r, "濮阳市档案馆", "濮阳市乙局"))
	}
	p, err := textdoc.Read("henan2.txt", []byte(strings.Join(append(a, b...), "\n\n")))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Projects) != 2 {
		t.Fatalf("%d projects", len(p.Projects))
	}
	first, second := p.Projects[0], p.Projects[1]
	if second.Authority != "濮阳市乙局" || second.Unit != "濮阳市乙局" {
		t.Errorf("second project: 主管部门 %q, 实施单位 %q; want 濮阳市乙局", second.Authority, second.Unit)
	}
	for _, o := range first.Other {
		if strings.Contains(o.Value, "乙局") {
			t.Errorf("the first project holds the second's row %s | %s", o.Label, o.Value)
		}
	}
}

// TestReview8BudgetColumnHeader: 预算数 and 预算金额 became 资金总额 labels of the project
// reader (204c245). A project table whose money is a small table with a header row
// (项目资金 | 资金来源 | 预算数 | 执行数, then 财政拨款 | 250 and 其他资金 | 0 under it; 湘潭
// 2023 with its money rows so written) now reads the header's 预算数 as a 资金总额 whose
// amount is written “执行数”: a fund that is no amount, and check warns
// “项目……的“预算数”写作“执行数”，无法识别为金额”. Before, the header row was kept in Other
// as written. A header word over a column is no label with a value.
func TestReview8BudgetColumnHeader(t *testing.T) {
	data, err := os.ReadFile("../testdata/published/hunan-2023-project-xiangtan-wupaoche.txt")
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(string(data), "\n\n")
	rows = append(rows[:3], append([]string{"\t项目资金\n\t资金来源\n\t预算数\n\t执行数", "\t\n\t财政拨款\n\t250\n\t", "\t\n\t其他资金\n\t0\n\t"}, rows[4:]...)...)
	p, err := textdoc.Read("xiangtan-money-table.txt", []byte(strings.Join(rows, "\n\n")))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range p.Projects[0].Funds {
		if strings.Contains(f.Text, "执行数") {
			t.Errorf("a header read as a fund: %s | %q (amount %v)", f.Label, f.Text, f.Amount)
		}
	}
}

// TestReview8National88TotalsRowMerged: the 金额合计 row of the national department form
// (财预〔2015〕88号) as Word and Excel give it: 金额合计 is one cell merged over the three
// columns before 预算金额 (年度主要任务 | 任务名称 | 主要内容), so the row is
// 金额合计 | 150 | 140 | 10. taskRow reads the totals from the 预算金额 column's index (3)
// on, so it takes the 其他资金 total 10 as the 资金总额 and drops 150 and 140: the plan says
// 资金总额 10万元, silently (check only warns that the income split is missing). Only the
// padded row of testdata/edge (金额合计 | | | 150 | 140 | 10) reads right.
func TestReview8National88TotalsRowMerged(t *testing.T) {
	data, err := os.ReadFile("testdata/edge/national88dept.txt")
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(string(data), "\n\n")
	if !strings.HasPrefix(rows[7], "\t金额合计") {
		t.Fatalf("row 7 is %q", rows[7])
	}
	rows[7] = "\t金额合计\n\t150\n\t140\n\t10"
	p, err := textdoc.Read("national88dept-merged.txt", []byte(strings.Join(rows, "\n\n")))
	if err != nil {
		t.Fatal(err)
	}
	got := p.Budget.Total.String() + " " + p.Budget.GeneralBudget.String() + " " + p.Budget.OtherFunds.String()
	if got != "150 140 10" {
		t.Errorf("资金总额, 一般公共预算拨款, 其他资金 = %s; want 150 140 10", got)
	}
}

// TestReview8SpecialFundNameBesideProjectName: 专项资金名称 and 转移支付名称 became
// 项目名称 labels (4491e8d). A table that names both the special fund a project belongs
// to and the project (湘潭 2023 with a row 专项资金名称 | 大气污染防治专项资金 after its
// 项目支出名称) now reads as two projects: 雾炮车降尘抑尘服务 with no indicator, and a
// project named after the fund holding the ten indicators. Before, it was one project
// with 专项资金名称 kept in Other. A second name label in the same table is no new project.
func TestReview8SpecialFundNameBesideProjectName(t *testing.T) {
	data, err := os.ReadFile("../testdata/published/hunan-2023-project-xiangtan-wupaoche.txt")
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(string(data), "\n\n")
	rows = append(rows[:3], append([]string{"\t专项资金名称\n\t大气污染防治专项资金"}, rows[3:]...)...)
	p, err := textdoc.Read("xiangtan-fund-name.txt", []byte(strings.Join(rows, "\n\n")))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, pr := range p.Projects {
		got = append(got, pr.Name+" "+strconv.Itoa(len(pr.Indicators)))
	}
	if want := []string{"雾炮车降尘抑尘服务 10"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("projects (name, indicators) = %q, want %q", got, want)
	}
}
