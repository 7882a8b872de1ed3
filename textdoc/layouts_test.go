package textdoc_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// doc writes rows in the tab-celled format: each cell a line starting with a tab, rows
// apart by a blank line.
func doc(rows ...[]string) string {
	var b strings.Builder
	for _, r := range rows {
		for _, c := range r {
			b.WriteString("\t" + c + "\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// A small department table in the seed's layout, to build other layouts on.
var deptRows = [][]string{
	{"2022年部门整体支出绩效目标表"},
	{"部门名称", "某某区文化旅游局"},
	{"年度预算申请（万元）", "资金总额：12.5万元"},
	{"年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "备注"},
	{"", "产出指标", "数量指标", "举办活动", "≥10场", ""},
	{"", "", "", "培训人次", "≥200人次", ""},
	{"", "满意度指标", "服务对象满意度指标", "群众满意度", "90%", ""},
}

// TestReadLayouts reads layouts the seed does not have but other places' tables do.
func TestReadLayouts(t *testing.T) {
	type result struct {
		Department, Year, Total, General, GovFund, Basic, Project string
		Duties                                                    string
		Tasks                                                     []string
		Indicators                                                []string
		Items                                                     []string
	}
	summarize := func(p *jixiao.Plan) result {
		r := result{
			Department: p.Department, Year: itoa(p.Year), Total: p.Budget.Total.String(),
			General: p.Budget.GeneralBudget.String(), GovFund: p.Budget.GovFund.String(),
			Basic: p.Budget.Basic.String(), Project: p.Budget.Project.String(), Duties: p.Duties,
		}
		for _, k := range p.KeyTasks {
			r.Tasks = append(r.Tasks, k.Item+"|"+k.Owner+"|"+k.Objective)
		}
		ind := func(prefix string, in jixiao.Indicator) string {
			return prefix + in.Level1 + "/" + in.Level2 + "/" + in.Name + "/" + in.Target.Text + "/" + string(in.Target.Op) + in.Target.Value.String() + in.Target.Unit
		}
		for _, in := range p.Indicators {
			r.Indicators = append(r.Indicators, ind("", in))
		}
		for _, f := range p.SpecialFunds {
			for _, it := range f.Items {
				s := f.Name + ">" + it.Name + " " + it.Amount.String()
				if it.Summary != nil {
					s += " (汇总表 " + it.Summary.No + " " + it.Summary.Amount.String() + ")"
				}
				r.Items = append(r.Items, s)
				for _, in := range it.Indicators {
					r.Indicators = append(r.Indicators, ind(it.Name+": ", in))
				}
			}
		}
		return r
	}
	base := result{
		Department: "某某区文化旅游局", Year: "2022", Total: "12.5",
		Indicators: []string{
			"产出指标/数量指标/举办活动/≥10场/≥10场",
			"产出指标/数量指标/培训人次/≥200人次/≥200人次",
			"满意度指标/服务对象满意度指标/群众满意度/90%/≥90%",
		},
	}
	with := func(edit func(r *result)) result {
		r := base
		r.Indicators = append([]string(nil), base.Indicators...)
		edit(&r)
		return r
	}
	tests := []struct {
		name string
		text string
		want result
	}{
		{"the seed's layout, small", doc(deptRows...), base},
		{
			name: "budget as a grid: labels on one row, figures below",
			text: doc(append([][]string{deptRows[0], deptRows[1],
				{"资金总额", "一般公共预算拨款", "政府性基金拨款", "基本支出", "项目支出"},
				{"12.5", "10.5", "2", "8", "4.5"},
			}, deptRows[3:]...)...),
			want: with(func(r *result) { r.General, r.GovFund, r.Basic, r.Project = "10.5", "2", "8", "4.5" }),
		},
		{
			name: "long duties written after the label in the same cell",
			text: doc(append([][]string{deptRows[0], deptRows[1], deptRows[2],
				{"部门职责概述：" + strings.Repeat("负责全区文化和旅游工作。", 20)},
			}, deptRows[3:]...)...),
			want: with(func(r *result) { r.Duties = strings.Repeat("负责全区文化和旅游工作。", 20) }),
		},
		{
			name: "duties continued on rows of their own",
			text: doc(append([][]string{deptRows[0], deptRows[1], deptRows[2],
				{"部门职责概述", "（一）负责文化工作。"},
				{"", "（二）负责旅游工作。"},
			}, deptRows[3:]...)...),
			want: with(func(r *result) { r.Duties = "（一）负责文化工作。\n（二）负责旅游工作。" }),
		},
		{
			name: "a title row that also holds the first labels",
			text: "\t2022年部门整体支出绩效目标表\n\t部门名称：某某区文化旅游局\n\n" + doc(deptRows[2:]...),
			want: base,
		},
		{
			name: "key task header without its block label",
			text: doc(append([][]string{deptRows[0], deptRows[1], deptRows[2],
				{"重点工作", "责任科室", "工作目标"},
				{"文化惠民", "文化科", "送戏下乡50场"},
			}, deptRows[3:]...)...),
			want: with(func(r *result) { r.Tasks = []string{"文化惠民|文化科|送戏下乡50场"} }),
		},
		{
			name: "national template: 指标性质 | 指标值 | 度量单位, no merged label column",
			text: doc(deptRows[0], deptRows[1], deptRows[2],
				[]string{"一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "备注"},
				[]string{"产出指标", "数量指标", "举办活动", "≥", "10", "场", ""},
				[]string{"", "", "培训人次", "≥", "200", "人次", ""},
				[]string{"满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", ""},
			),
			want: with(func(r *result) {
				r.Indicators[2] = "满意度指标/服务对象满意度指标/群众满意度/≥90%/≥90%"
			}),
		},
		{
			name: "summary and 附件3 with marks on rows of their own, amounts in 元",
			text: doc(deptRows...) + doc(
				[]string{"2022年专项资金预算绩效目标汇总表"},
				[]string{"项目主管部门：（盖章）某某区文化旅游局", "金额单位：元"},
				[]string{"序号", "支出方向（子项）", "金额", "实施期绩效目标", "年度绩效目标"},
				[]string{"", "合计", "45000", "", ""},
				[]string{"（一）", "文化专项", "45000", "", ""},
				[]string{"1.", "送戏下乡", "45000", "甲", "乙"},
				[]string{"附件3"},
				[]string{"2022年专项资金支出方向绩效目标表"},
				[]string{"支出方向（子项）", "送戏下乡", "所属专项", "文化专项"},
				[]string{"项目金额", "45000元", "项目实施期", "2022年1月-2022年12月"},
				[]string{"实施期绩效目标", "甲"},
				[]string{"年度绩效目标", "乙"},
				[]string{"年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "备注"},
				[]string{"", "产出指标", "数量指标", "演出场次", "≥50场", ""},
			),
			want: with(func(r *result) {
				r.Items = []string{"文化专项>送戏下乡 4.5 (汇总表 1. 4.5)"}
				r.Indicators = append(r.Indicators, "送戏下乡: 产出指标/数量指标/演出场次/≥50场/≥50场")
			}),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustRead(t, "layout.txt", []byte(tt.text))
			if diff := cmp.Diff(tt.want, summarize(p)); diff != "" {
				t.Errorf("plan mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReadManyItems reads a summary of 2,000 items, each with its 附件3 (in reverse
// order), as one document: every item is paired and none is lost.
func TestReadManyItems(t *testing.T) {
	const n = 2000
	rows := append([][]string{}, deptRows...)
	rows = append(rows, []string{"2022年专项资金预算绩效目标汇总表"},
		[]string{"序号", "支出方向（子项）", "金额", "实施期绩效目标", "年度绩效目标"},
		[]string{"一", "文化专项", itoa(n), "", ""})
	for i := range n {
		rows = append(rows, []string{itoa(i + 1), "子项" + itoa(i), "1", "甲", "乙"})
	}
	for i := n - 1; i >= 0; i-- {
		rows = append(rows, []string{"2022年专项资金支出方向绩效目标表"},
			[]string{"支出方向（子项）", "子项" + itoa(i), "所属专项", "文化专项"},
			[]string{"项目金额", "1", "项目实施期", "2022"},
			[]string{"年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "备注"},
			[]string{"", "产出指标", "数量指标", "场次", "≥" + itoa(i) + "场", ""})
	}
	p := mustRead(t, "many.txt", []byte(doc(rows...)))
	if len(p.SpecialFunds) != 1 || len(p.SpecialFunds[0].Items) != n {
		t.Fatalf("got %d funds, %d items; want 1 fund of %d items", len(p.SpecialFunds), len(p.Items()), n)
	}
	for i, it := range p.SpecialFunds[0].Items {
		if it.Name != "子项"+itoa(i) || it.Summary == nil || it.Summary.No != itoa(i+1) ||
			len(it.Indicators) != 1 || it.Indicators[0].Target.Text != "≥"+itoa(i)+"场" || it.Period.FromYear != 2022 {
			t.Fatalf("item %d = %+v", i, it)
		}
	}
}
