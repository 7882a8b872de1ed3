package jixiao

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// diffBase is a small plan shaped like the seed.
func diffBase() *Plan {
	per, _ := ParsePeriod("2021.1-2021.12")
	item := func(name, amount, goal string, inds ...Indicator) FundItem {
		return FundItem{Name: name, Amount: MustDecimal(amount), Period: per, PeriodGoal: goal, AnnualGoal: goal + "（年度）",
			Indicators: inds, Summary: &FundItemSummary{No: "1", Amount: MustDecimal(amount), PeriodGoal: goal, AnnualGoal: goal + "（年度）"}}
	}
	return &Plan{
		Department: "中共株洲市石峰区委员会统一战线工作部", Year: 2021, Framework: "hunan-2021",
		Budget: Budget{Total: MustDecimal("167.0104"), GeneralBudget: MustDecimal("167.0104"), Basic: MustDecimal("137.0104"), Project: MustDecimal("30")},
		Duties: "（一）贯彻执行统一战线的方针。",
		KeyTasks: []KeyTask{
			{Item: "巩固大统战工作格局", Owner: "统战部", Objective: "健全完善基层统战工作组织"},
			{Item: "推进民营经济统战工作", Owner: "统战部", Objective: "完成工商联换届工作"},
			{Item: "做好港澳台侨海外统战工作", Owner: "侨联", Objective: "建设侨胞之家"},
		},
		Indicators: []Indicator{
			NewIndicator("产出指标", "产出数量", "培训次数", "≥8次", ""),
			NewIndicator("产出指标", "产出质量", "预算资金使用率", "100%", "/"),
			NewIndicator("产出指标", "产出时效", "工作及时完成率", "100%", "/"),
			NewIndicator("产出指标", "产出成本", "不超过预算", "≤30万元", ""),
			NewIndicator("效益指标", "社会效益", "维护民族团结", "良好", ""),
			NewIndicator("效益指标", "社会公众及服务对象满意度", "统战成员满意度", "90%", ""),
		},
		FundsTotal: MustDecimal("30"),
		SpecialFunds: []SpecialFund{{Name: "业务性专项经费", Amount: MustDecimal("30"), Items: []FundItem{
			item("民主党派基层建设经费", "5", "协助民主党派加强自身建设",
				NewIndicator("产出指标", "产出数量", "培训次数", "≥6次", ""),
				NewIndicator("产出指标", "产出成本", "不超过预算", "≤5万元", "")),
			item("统战特别政治经费", "10", "协调处理好各方面关系",
				NewIndicator("产出指标", "产出数量", "培训次数", "≥2次", ""),
				NewIndicator("产出指标", "产出成本", "人均成本", "≤200元/人", "")),
			item("统战业务专项", "15", "加强新的社会阶层代表人士队伍建设",
				NewIndicator("产出指标", "产出成本", "不超过预算", "≤15万元", "")),
		}}},
	}
}

func TestDiffPlans(t *testing.T) {
	tests := []struct {
		name string
		edit func(p *Plan)
		want []Change
	}{
		{"identical", func(p *Plan) {}, nil},
		{"same value, other places", func(p *Plan) { p.Budget.Project = MustDecimal("30.00") }, nil},
		{"white space only", func(p *Plan) { p.Duties = "  （一）贯彻执行统一战线\n的方针。 " }, nil},
		{"store metadata is not content", func(p *Plan) { p.ID, p.Version, p.Status = 7, 3, Approved }, nil},
		{"budget total", func(p *Plan) { p.Budget.Total = MustDecimal("167.01041") }, []Change{
			{Path: "budget.total", Label: "资金总额", Old: "167.0104", New: "167.01041", Kind: ChangeChanged},
		}},
		{"budget line filled and emptied", func(p *Plan) {
			p.Budget.GovFund = MustDecimal("2")
			p.Budget.GeneralBudget = Decimal{}
		}, []Change{
			{Path: "budget.generalBudget", Label: "一般公共预算拨款", Old: "167.0104", Kind: ChangeRemoved},
			{Path: "budget.govFund", Label: "政府性基金拨款", New: "2", Kind: ChangeAdded},
		}},
		{"duties", func(p *Plan) { p.Duties = "（一）贯彻执行。" }, []Change{
			{Path: "duties", Label: "部门职责概述", Old: "（一）贯彻执行统一战线的方针。", New: "（一）贯彻执行。", Kind: ChangeChanged},
		}},
		{"key tasks reordered", func(p *Plan) { p.KeyTasks[0], p.KeyTasks[2] = p.KeyTasks[2], p.KeyTasks[0] }, nil},
		{"key task objective", func(p *Plan) { p.KeyTasks[1].Objective = "完成工商联换届" }, []Change{
			{Path: "keyTasks[1].objective", Label: "年度重点工作计划 第2行 工作目标", Old: "完成工商联换届工作", New: "完成工商联换届", Kind: ChangeChanged},
		}},
		{"key task renamed", func(p *Plan) { p.KeyTasks[2].Item = "做好港澳台侨工作" }, []Change{
			{Path: "keyTasks[2].item", Label: "年度重点工作计划 第3行 事项", Old: "做好港澳台侨海外统战工作", New: "做好港澳台侨工作", Kind: ChangeChanged},
		}},
		{"key task added", func(p *Plan) {
			p.KeyTasks = append(p.KeyTasks[:1], append([]KeyTask{{Item: "新任务", Owner: "统战部", Objective: "目标"}}, p.KeyTasks[1:]...)...)
		}, []Change{
			{Path: "keyTasks[1]", Label: "年度重点工作计划 第2行", New: "新任务 | 统战部 | 目标", Kind: ChangeAdded},
		}},
		{"indicator target", func(p *Plan) {
			p.Indicators[0] = NewIndicator("产出指标", "产出数量", "培训次数", "≥10次", "")
		}, []Change{
			{Path: "indicators[0].target", Label: "年度绩效指标 第1行 指标值", Old: "≥8次", New: "≥10次", Kind: ChangeChanged},
		}},
		{"indicator note", func(p *Plan) { p.Indicators[4].Note = "以问卷结果为准" }, []Change{
			{Path: "indicators[4].note", Label: "年度绩效指标 第5行 备注", New: "以问卷结果为准", Kind: ChangeAdded},
		}},
		{"indicators reordered", func(p *Plan) {
			p.Indicators[0], p.Indicators[5] = p.Indicators[5], p.Indicators[0]
			p.Indicators[1], p.Indicators[2] = p.Indicators[2], p.Indicators[1]
		}, nil},
		{"indicator inserted: later rows are not changes", func(p *Plan) {
			in := NewIndicator("产出指标", "产出数量", "调研次数", "≥9次", "")
			p.Indicators = append(p.Indicators[:1], append([]Indicator{in}, p.Indicators[1:]...)...)
		}, []Change{
			{Path: "indicators[1]", Label: "年度绩效指标 第2行", New: "产出指标 / 产出数量 / 调研次数：≥9次", Kind: ChangeAdded},
		}},
		{"indicator removed", func(p *Plan) { p.Indicators = append(p.Indicators[:2], p.Indicators[3:]...) }, []Change{
			{Path: "indicators[2]", Label: "年度绩效指标 第3行", Old: "产出指标 / 产出时效 / 工作及时完成率：100%（备注：/）", Kind: ChangeRemoved},
		}},
		{"indicator renamed, same target", func(p *Plan) { p.Indicators[4].Name = "维护民族团结和社会稳定" }, []Change{
			{Path: "indicators[4].name", Label: "年度绩效指标 第5行 三级指标", Old: "维护民族团结", New: "维护民族团结和社会稳定", Kind: ChangeChanged},
		}},
		{"indicator renamed and retargeted: the only row of its 二级", func(p *Plan) {
			p.Indicators[3] = NewIndicator("产出指标", "产出成本", "项目支出", "≤29万元", "")
		}, []Change{
			{Path: "indicators[3].name", Label: "年度绩效指标 第4行 三级指标", Old: "不超过预算", New: "项目支出", Kind: ChangeChanged},
			{Path: "indicators[3].target", Label: "年度绩效指标 第4行 指标值", Old: "≤30万元", New: "≤29万元", Kind: ChangeChanged},
		}},
		{"funds total and authority", func(p *Plan) { p.FundsTotal = MustDecimal("31"); p.FundAuthority = "统战部" }, []Change{
			{Path: "fundAuthority", Label: "项目主管部门", New: "统战部", Kind: ChangeAdded},
			{Path: "fundsTotal", Label: "专项资金合计", Old: "30", New: "31", Kind: ChangeChanged},
		}},
		{"item period goal", func(p *Plan) { p.SpecialFunds[0].Items[1].PeriodGoal = "协调处理关系" }, []Change{
			{Path: "specialFunds[0].items[1].periodGoal", Label: "子项“统战特别政治经费” 实施期绩效目标", Old: "协调处理好各方面关系", New: "协调处理关系", Kind: ChangeChanged},
		}},
		{"item amount and its summary row", func(p *Plan) {
			it := &p.SpecialFunds[0].Items[2]
			it.Amount = MustDecimal("16")
			it.Summary.Amount = MustDecimal("15.5")
		}, []Change{
			{Path: "specialFunds[0].items[2].amount", Label: "子项“统战业务专项” 项目金额", Old: "15", New: "16", Kind: ChangeChanged},
			{Path: "specialFunds[0].items[2].summary.amount", Label: "子项“统战业务专项” 汇总表 金额", Old: "15", New: "15.5", Kind: ChangeChanged},
		}},
		{"item period", func(p *Plan) { p.SpecialFunds[0].Items[0].Period, _ = ParsePeriod("2021.3-2021.12") }, []Change{
			{Path: "specialFunds[0].items[0].period", Label: "子项“民主党派基层建设经费” 项目实施期", Old: "2021.1-2021.12", New: "2021.3-2021.12", Kind: ChangeChanged},
		}},
		{"item period written differently", func(p *Plan) { p.SpecialFunds[0].Items[0].Period, _ = ParsePeriod("2021年1月至12月") }, nil},
		{"item indicator target", func(p *Plan) {
			p.SpecialFunds[0].Items[1].Indicators[1] = NewIndicator("产出指标", "产出成本", "人均成本", "≤150元/人", "")
		}, []Change{
			{Path: "specialFunds[0].items[1].indicators[1].target", Label: "子项“统战特别政治经费” 年度绩效指标 第2行 指标值", Old: "≤200元/人", New: "≤150元/人", Kind: ChangeChanged},
		}},
		{"items reordered", func(p *Plan) {
			its := p.SpecialFunds[0].Items
			its[0], its[2] = its[2], its[0]
		}, nil},
		{"item removed", func(p *Plan) { p.SpecialFunds[0].Items = p.SpecialFunds[0].Items[:2] }, []Change{
			{Path: "specialFunds[0].items[2]", Label: "专项资金“业务性专项经费” 子项“统战业务专项”", Old: "统战业务专项 15万元，2021.1-2021.12，1个指标", Kind: ChangeRemoved},
		}},
		{"fund added", func(p *Plan) {
			p.SpecialFunds = append(p.SpecialFunds, SpecialFund{Name: "民族宗教专项", Amount: MustDecimal("3"), Items: []FundItem{{Name: "宗教场所维修", Amount: MustDecimal("3")}}})
		}, []Change{
			{Path: "specialFunds[1]", Label: "专项资金“民族宗教专项”", New: "民族宗教专项 3万元（宗教场所维修）", Kind: ChangeAdded},
		}},
		{"fund renamed, same items", func(p *Plan) { p.SpecialFunds[0].Name = "业务专项经费" }, []Change{
			{Path: "specialFunds[0].name", Label: "专项资金“业务专项经费” 所属专项", Old: "业务性专项经费", New: "业务专项经费", Kind: ChangeChanged},
		}},
		{"next year of the same department", func(p *Plan) {
			p.Year = 2022
			p.Budget.Total, p.Budget.GeneralBudget, p.Budget.Basic = MustDecimal("170"), MustDecimal("170"), MustDecimal("140")
			p.Indicators[0] = NewIndicator("产出指标", "产出数量", "培训次数", "≥9次", "")
			for k := range p.SpecialFunds[0].Items {
				p.SpecialFunds[0].Items[k].Period, _ = ParsePeriod("2022.1-2022.12")
			}
		}, []Change{
			{Path: "year", Label: "预算年度", Old: "2021", New: "2022", Kind: ChangeChanged},
			{Path: "budget.total", Label: "资金总额", Old: "167.0104", New: "170", Kind: ChangeChanged},
			{Path: "budget.generalBudget", Label: "一般公共预算拨款", Old: "167.0104", New: "170", Kind: ChangeChanged},
			{Path: "budget.basic", Label: "基本支出", Old: "137.0104", New: "140", Kind: ChangeChanged},
			{Path: "indicators[0].target", Label: "年度绩效指标 第1行 指标值", Old: "≥8次", New: "≥9次", Kind: ChangeChanged},
			{Path: "specialFunds[0].items[0].period", Label: "子项“民主党派基层建设经费” 项目实施期", Old: "2021.1-2021.12", New: "2022.1-2022.12", Kind: ChangeChanged},
			{Path: "specialFunds[0].items[1].period", Label: "子项“统战特别政治经费” 项目实施期", Old: "2021.1-2021.12", New: "2022.1-2022.12", Kind: ChangeChanged},
			{Path: "specialFunds[0].items[2].period", Label: "子项“统战业务专项” 项目实施期", Old: "2021.1-2021.12", New: "2022.1-2022.12", Kind: ChangeChanged},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := diffBase(), diffBase()
			tt.edit(b)
			got := DiffPlans(a, b)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DiffPlans mismatch (-want +got):\n%s", diff)
			}
			// The other way round: as many changes, added and removed swapped.
			back := DiffPlans(b, a)
			if len(back) != len(got) {
				t.Errorf("DiffPlans(b, a) has %d changes, DiffPlans(a, b) %d", len(back), len(got))
			}
		})
	}
}

func TestDiffPlansNil(t *testing.T) {
	got := DiffPlans(nil, &Plan{Department: "统战部", Year: 2021})
	want := []Change{
		{Path: "department", Label: "部门名称", New: "统战部", Kind: ChangeAdded},
		{Path: "year", Label: "预算年度", New: "2021", Kind: ChangeAdded},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if got := DiffPlans(nil, nil); len(got) != 0 {
		t.Errorf("DiffPlans(nil, nil) = %v", got)
	}
}

func TestChangeKindLabel(t *testing.T) {
	for k, want := range map[ChangeKind]string{ChangeAdded: "新增", ChangeRemoved: "删除", ChangeChanged: "修改"} {
		if got := k.Label(); got != want {
			t.Errorf("%s.Label() = %q, want %q", k, got, want)
		}
	}
}

func BenchmarkDiffPlans(b *testing.B) {
	x, y := diffBase(), diffBase()
	y.Indicators[0] = NewIndicator("产出指标", "产出数量", "培训次数", "≥10次", "")
	b.ReportAllocs()
	for b.Loop() {
		_ = DiffPlans(x, y)
	}
}
