package render

import (
	"encoding/json"
	"os"
	"testing"

	"jixiao"
)

// seedPlan is the seed (examples/shifeng-tongzhanbu-2021.txt) built by hand as a fixture,
// so that these tests do not depend on the text reader: testdata/seed.plan.json holds
// every cell of the three tables as the document writes them, with the summary rows as
// imported (they differ from the 附件3 tables, as in the seed).
func seedPlan(t testing.TB) *jixiao.Plan {
	t.Helper()
	data, err := os.ReadFile("testdata/seed.plan.json")
	if err != nil {
		t.Fatal(err)
	}
	var p jixiao.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("testdata/seed.plan.json: %v", err)
	}
	parseTargets(p.Indicators)
	for _, it := range p.Items() {
		parseTargets(it.Indicators)
	}
	return &p
}

func parseTargets(ins []jixiao.Indicator) {
	for i := range ins {
		ins[i] = jixiao.NewIndicator(ins[i].Level1, ins[i].Level2, ins[i].Name, ins[i].Target.Text, ins[i].Note)
	}
}

// twoFundsPlan is a plan the system could have produced itself: two special funds, the
// national 2021 framework (several 三级指标 under one 二级指标, 满意度指标 a 一级指标 of its
// own), the characters a PDF must not lose (¥ ≥ ≤ fullwidth punctuation), markup in cells
// that must come out as text, and one imported summary row that disagrees with its item.
func twoFundsPlan() *jixiao.Plan {
	ind := jixiao.NewIndicator
	return &jixiao.Plan{
		Department: "某某市某某区教育局",
		Submitter:  "某某市某某区教育局",
		Year:       2025,
		Budget: jixiao.Budget{
			Total:         jixiao.MustDecimal("1280.5"),
			GeneralBudget: jixiao.MustDecimal("1200.5"),
			GovFund:       jixiao.MustDecimal("50"),
			OtherFunds:    jixiao.MustDecimal("30.00"),
			Basic:         jixiao.MustDecimal("980.5"),
			Project:       jixiao.MustDecimal("300"),
		},
		Duties: "（一）贯彻执行教育方针。\n（二）管理全区中小学校 <b>及</b> 幼儿园。",
		KeyTasks: []jixiao.KeyTask{
			{Item: "校舍维修", Owner: "基建科", Objective: "完成 12 所学校的维修，验收合格率≥95%。"},
			{Item: "教师培训", Owner: "人事科", Objective: `<script>alert("x")</script>培训教师 800 人次`},
		},
		Indicators: []jixiao.Indicator{
			ind("产出指标", "数量指标", "维修学校数", "≥12所", ""),
			ind("产出指标", "数量指标", "培训人次", "≥800人次", ""),
			ind("产出指标", "质量指标", "验收合格率", "≥95%", ""),
			ind("产出指标", "成本指标", "生均公用经费", "≤¥1,200元/人", "含“水电”"),
			ind("效益指标", "社会效益指标", "适龄儿童入学率", "100%", ""),
			ind("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", ""),
		},
		FundAuthority: "某某市某某区教育局",
		FundsTotal:    jixiao.MustDecimal("300"),
		SpecialFunds: []jixiao.SpecialFund{
			{
				Name:   "教育发展专项",
				Amount: jixiao.MustDecimal("250"),
				Items: []jixiao.FundItem{
					{
						Name:       "校舍维修改造",
						Amount:     jixiao.MustDecimal("200.25"),
						Period:     jixiao.Period{FromYear: 2025, FromMonth: 3, ToYear: 2025, ToMonth: 11},
						PeriodGoal: "消除校舍安全隐患。",
						AnnualGoal: "完成 12 所学校维修。",
						Indicators: []jixiao.Indicator{
							ind("产出指标", "数量指标", "维修学校数", "≥12所", ""),
							ind("产出指标", "时效指标", "完工时间", "2025年11月前", ""),
							ind("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", ""),
						},
						Summary: &jixiao.FundItemSummary{No: "1", Amount: jixiao.MustDecimal("200"), PeriodGoal: "消除隐患。", AnnualGoal: "完成维修。"},
					},
					{
						Name:       "教师培训",
						Amount:     jixiao.MustDecimal("49.75"),
						Period:     jixiao.Period{Text: "2025.1-2025.12", FromYear: 2025, FromMonth: 1, ToYear: 2025, ToMonth: 12},
						PeriodGoal: "提升教师能力。",
						AnnualGoal: "培训 800 人次。",
						Indicators: []jixiao.Indicator{
							ind("产出指标", "数量指标", "培训人次", "≥800人次", ""),
						},
					},
				},
			},
			{
				Name: "学生资助专项",
				Items: []jixiao.FundItem{
					{
						Name:       "困难学生资助",
						Amount:     jixiao.MustDecimal("50"),
						Period:     jixiao.Period{Text: "2025.1-2025.12", FromYear: 2025, FromMonth: 1, ToYear: 2025, ToMonth: 12},
						PeriodGoal: "应助尽助。",
						AnnualGoal: "资助 500 人。",
						Indicators: []jixiao.Indicator{
							ind("产出指标", "数量指标", "资助人数", "≥500人", ""),
							ind("产出指标", "成本指标", "人均资助标准", "≤1000元/人", ""),
						},
					},
				},
			},
		},
	}
}
