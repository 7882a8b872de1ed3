// Package storetest is the conformance suite every jixiao.Store must pass, and the plans
// it (and the stores' crash tests and benchmarks) stores: a plan shaped like the seed,
// and large generated-like ones.
//
// Both stores run Run from their own tests, on a real SQLite file and a real PostgreSQL
// server, so that they keep the same behaviour.
package storetest

import (
	"fmt"
	"math/rand/v2"

	"jixiao"
)

// SamplePlan returns a plan shaped like the seed (the 2021 tables of 石峰区委统战部): a
// budget with a fifth decimal, key tasks, department indicators with every form of
// target, and one special fund with three items with their own indicators.
func SamplePlan(code, name string, year int) *jixiao.Plan {
	ind := jixiao.NewIndicator
	period := func(s string) jixiao.Period {
		p, _ := jixiao.ParsePeriod(s)
		return p
	}
	ys := fmt.Sprint(year)
	return &jixiao.Plan{
		Department:     name,
		DepartmentCode: code,
		Submitter:      "（盖章）" + name,
		Year:           year,
		Framework:      "hunan-2021",
		Budget: jixiao.Budget{
			Total:         jixiao.MustDecimal("167.0104"),
			GeneralBudget: jixiao.MustDecimal("167.0104"),
			Basic:         jixiao.MustDecimal("137.01041"),
			Project:       jixiao.MustDecimal("30"),
		},
		Duties: "（一）贯彻执行中央和省、市委关于统一战线的方针、政策和决定。（二）负责联系民主党派和无党派代表人士。",
		KeyTasks: []jixiao.KeyTask{
			{Item: "巩固大统战工作格局", Owner: "统战部", Objective: "健全完善基层统战工作组织、网络、制度体系。"},
			{Item: "巩固和发展多党合作政治制度", Owner: "统战部", Objective: "开展“资政建言增效年”活动。"},
		},
		Indicators: []jixiao.Indicator{
			ind("产出指标", "产出数量", "开展各类培训、会议、调研", "各类培训8次；各类会议21次；调研9次；督查4次；宣传5次；联谊交友3次；其他20次。", ""),
			ind("产出指标", "产出质量", "工作完成率", "100%", ""),
			ind("产出指标", "产出时效", "完成时间", ys+"年12月底前", ""),
			ind("产出指标", "产出成本", "统战业务经费", "≤15万元", "项目支出"),
			ind("效益指标", "社会效益", "统一战线凝聚力", "良好", ""),
			ind("效益指标", "经济效益", "经济效益", "无直接经济效益", ""),
			ind("效益指标", "社会公众及服务对象满意度", "统战成员满意度", "90%", ""),
		},
		FundAuthority: name,
		FundsTotal:    jixiao.MustDecimal("30"),
		SpecialFunds: []jixiao.SpecialFund{{
			Name:   "业务性专项经费",
			Amount: jixiao.MustDecimal("30"),
			Items: []jixiao.FundItem{
				{
					Name: "统战特别政治经费", Amount: jixiao.MustDecimal("5"), Period: period(ys + ".1-" + ys + ".12"),
					PeriodGoal: "协调处理好各方面关系", AnnualGoal: "协调处理好各方面关系",
					Indicators: []jixiao.Indicator{
						ind("产出指标", "产出数量", "各类会议", "3次", ""),
						ind("产出指标", "产出成本", "经费", "≤5万元", ""),
						ind("效益指标", "社会公众及服务对象满意度", "满意度", "≥90%", ""),
					},
					Summary: &jixiao.FundItemSummary{No: "1", Amount: jixiao.MustDecimal("5"), PeriodGoal: "协调处理关系", AnnualGoal: "协调处理好各方面关系"},
				},
				{
					Name: "统战业务专项", Amount: jixiao.MustDecimal("10.00"), Period: period(ys + ".1-" + ys + ".12"),
					PeriodGoal: "做好统战业务", AnnualGoal: "做好统战业务工作",
					Indicators: []jixiao.Indicator{
						ind("产出指标", "产出数量", "各类培训", "6次", ""),
						ind("产出指标", "产出质量", "完成率", "≥95%", "按季度"),
					},
				},
				{
					Name: "民族宗教工作经费", Amount: jixiao.MustDecimal("15"), Period: jixiao.Period{Text: "全年"},
					PeriodGoal: "民族团结", AnnualGoal: "民族团结进步",
				},
			},
		}},
		Links: []jixiao.RollupLink{{
			Department: "indicators[0].target.parts[0]",
			Items:      []string{"specialFunds[0].items[1].indicators[0]"},
		}},
	}
}

var (
	level2s = map[string][]string{
		"产出指标": {"产出数量", "产出质量", "产出时效", "产出成本"},
		"效益指标": {"经济效益", "社会效益", "生态效益", "可持续影响", "社会公众及服务对象满意度"},
	}
	targets = []string{"≥95%", "100%", "≤5万元", "1个", "12台", "良好", "达标", "/", "无直接经济效益",
		"各类培训8次；各类会议21次", "2021年12月底前", "≤200元/人", "90%", "显著提升"}
)

// LargePlan returns a deterministic generated-like plan number i of the given year with
// about n indicators: 15 in the department table, the rest spread over fund items of 8
// to 15 indicators each, amounts that add up, targets in every form.
func LargePlan(i, year, n int) *jixiao.Plan {
	r := rand.New(rand.NewPCG(uint64(i), uint64(year)))
	code := fmt.Sprintf("G%05d", i)
	name := fmt.Sprintf("模拟第%d部门", i)
	indicator := func(k int) jixiao.Indicator {
		l1 := "产出指标"
		if r.IntN(3) == 0 {
			l1 = "效益指标"
		}
		l2 := level2s[l1][r.IntN(len(level2s[l1]))]
		return jixiao.NewIndicator(l1, l2, fmt.Sprintf("指标%d：完成第%d项工作", k, r.IntN(1000)),
			targets[r.IntN(len(targets))], []string{"", "", "按季度考核"}[r.IntN(3)])
	}
	p := &jixiao.Plan{
		Department: name, DepartmentCode: code, Submitter: name, Year: year, Framework: "hunan-2021",
		Duties:        fmt.Sprintf("（一）负责第%d部门的日常工作。（二）完成上级交办的其他事项。", i),
		FundAuthority: name,
	}
	for k := range 3 {
		p.KeyTasks = append(p.KeyTasks, jixiao.KeyTask{Item: fmt.Sprintf("重点工作%d", k+1), Owner: "办公室", Objective: "按时保质完成。"})
	}
	k := 0
	for ; k < min(15, n); k++ {
		p.Indicators = append(p.Indicators, indicator(k))
	}
	var project jixiao.Decimal = jixiao.Int(0)
	for f := 0; k < n; f++ {
		fund := jixiao.SpecialFund{Name: fmt.Sprintf("专项资金%d", f+1)}
		fundTotal := jixiao.MustDecimal("0.00")
		for it := 0; it < 3 && k < n; it++ {
			amount := jixiao.NewDecimal(int64(r.IntN(100000)+100), 2)
			item := jixiao.FundItem{
				Name: fmt.Sprintf("支出方向%d-%d", f+1, it+1), Amount: amount,
				PeriodGoal: "完成年度任务", AnnualGoal: "完成本年度任务",
			}
			item.Period, _ = jixiao.ParsePeriod(fmt.Sprintf("%d.1-%d.12", year, year))
			for m := 8 + r.IntN(8); m > 0 && k < n; m-- {
				item.Indicators = append(item.Indicators, indicator(k))
				k++
			}
			fundTotal = fundTotal.Add(amount)
			fund.Items = append(fund.Items, item)
		}
		fund.Amount = fundTotal
		project = project.Add(fundTotal)
		p.SpecialFunds = append(p.SpecialFunds, fund)
	}
	basic := jixiao.NewDecimal(int64(r.IntN(10000000)+1000), 4)
	p.Budget = jixiao.Budget{Total: basic.Add(project), GeneralBudget: basic.Add(project), Basic: basic, Project: project}
	p.FundsTotal = project
	return p
}
