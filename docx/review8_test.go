package docx

import (
	"strings"
	"testing"
)

// TestReview8National88DeptGridSpan: the national 部门(单位)整体支出绩效目标申报表 of
// 财预〔2015〕88号 as Word holds it: 预算金额(万元) is one cell spanning the three grid
// columns of 总额 | 财政拨款 | 其他资金 (w:gridSpan="3"), so its header row has 4 cells and
// the rows under it 6. textdoc's test file (testdata/edge/national88dept.txt) pads the
// header row with two empty cells, which Word does not write: the unpadded table is
// refused (“本行有6列，多于“年度重点工作计划”表头（第…行）的4列，无法确定“财政拨款”属于哪一列”),
// and the same happens to the text of the Word table. It should read as the padded one:
// 资金总额 150, of which 一般公共预算拨款 140 and 其他资金 10; tasks with their 预算金额.
func TestReview8National88DeptGridSpan(t *testing.T) {
	rows := [][]string{
		{"部门(单位)整体支出绩效目标申报表"},
		{"(2023年度)"},
		{"部门(单位)名称", "某县交通运输局"},
		{"年度主要任务", "任务名称", "主要内容", "预算金额(万元)"},
		{"", "", "", "总额", "财政拨款", "其他资金"},
		{"", "农村公路养护", "养护农村公路100公里", "100", "100", "0"},
		{"", "客运补贴", "发放农村客运补贴", "50", "40", "10"},
		{"金额合计", "", "", "150", "140", "10"},
		{"年度总体目标", "目标1:养护农村公路100公里。"},
		{"年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"},
		{"", "产出指标", "数量指标", "养护里程", "100公里"},
		{"", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"},
	}
	doc := wordXML(rows)
	span := `<w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t xml:space="preserve">预算金额(万元)`
	doc = strings.Replace(doc, `<w:tc><w:p><w:r><w:t xml:space="preserve">预算金额(万元)`, span, 1)
	if !strings.Contains(doc, "gridSpan") {
		t.Fatal("no gridSpan written")
	}
	p, err := Read("national88dept.docx", zipOf(t, "word/document.xml", doc))
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
