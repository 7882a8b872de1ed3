package document

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"jixiao"
)

// TestPublishedFujianDept reads 福建 宁德 2019's 部门整体支出绩效目标表, whose labels are split
// over lines (年度\n预算\n安排) and which has a 年度履职目标 block and 指标解释 | 目标值
// columns, from text, xlsx and Word: the seed's reader refused it, the label reader takes
// it, and every value comes out as written (SOURCES.md).
func TestPublishedFujianDept(t *testing.T) {
	const file = "fujian-2019-dept-ningde-dangshi-cut.txt"
	p := readPublished(t, file)
	rows := deptRows(p)
	type row = deptRow
	type got struct {
		Department, Code    string
		Year                int
		Total, Project, Bas string
		Goal                string
		Tasks               []jixiao.KeyTask
		First, Last         row
		N                   int
		Other               []jixiao.LabelValue
	}
	have := got{p.Department, p.DepartmentCode, p.Year, p.Budget.Total.String(), p.Budget.Project.String(), p.Budget.Basic.String(),
		p.Goal, p.KeyTasks, rows[0], rows[len(rows)-1], len(rows), p.Other}
	want := got{"中共宁德市委党史和地方志研究室", "901001033", 2019, "171.41", "60.8", "110.61",
		"目标1:确保本室各人员工资及福利的发放;\n目标2:对合作社区、退休人员及遗孀、困难群众进行一定程度的补助;\n目标3:确保本室日常办公所需经费正常运行;\n目标4:保障志鉴地情相关工作开展所需资金,确保完成2019年度任务。",
		[]jixiao.KeyTask{
			{Item: "组织、指导、编纂、督促和检查地方志、年鉴、地情工作", Objective: "保障志鉴地情相关工作开展所需资金,确保完成2019年度任务", Spending: "地情、市志编纂与年鉴出版经费", SpendingAmount: "49.8"},
			{Item: "确保本室各人员工资及福利的发放", Objective: "按时发放2019年人员福利", Spending: "地情、市志编纂与年鉴出版经费", SpendingAmount: "11"},
			{Item: "确保日常工作正常运行", Objective: "按时发放2019年人员工资待遇", Spending: "基本支出", SpendingAmount: "171.41"},
		},
		row{"产出指标", "数量指标", "志鉴地情相关工作开展所需资金的供应时效", "100%", "100%(历史标准)"},
		row{"产出指标", "成本指标", "基本支出", "", ""}, 7, nil}
	if d := cmp.Diff(want, have); d != "" {
		t.Errorf("text reading (-want +got):\n%s", d)
	}

	// The same cells in Word and in Excel read the same.
	cells := rowsOf(t, file)
	q, err := ReadBytes("fujian.docx", wordDOCX([][][]string{cells}))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(comparable(p), comparable(q), decimalEq); d != "" {
		t.Errorf("docx differs from text (-text +docx):\n%s", d)
	}
	f := excelize.NewFile()
	for r, rw := range cells {
		for c, v := range rw {
			name, _ := excelize.CoordinatesToCellName(c+1, r+1)
			f.SetCellValue("Sheet1", name, v)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	x, err := ReadBytes("fujian.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(comparable(p), comparable(x), decimalEq); d != "" {
		t.Errorf("xlsx differs from text (-text +xlsx):\n%s", d)
	}
	if strings.Contains(p.Goal, "年度") && p.Year != 2019 {
		t.Errorf("year %d", p.Year)
	}
}

// deptRow is an indicator row of a department table as the tests compare it.
type deptRow struct{ L1, L2, Name, Target, Explanation string }

func deptRows(p *jixiao.Plan) []deptRow {
	var rows []deptRow
	for _, in := range p.Indicators {
		rows = append(rows, deptRow{in.Level1, in.Level2, in.Name, in.Target.Text, in.Explanation})
	}
	return rows
}
