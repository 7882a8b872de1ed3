package check

import (
	"strings"
	"testing"

	"jixiao"
)

// TestMutations applies single deliberate mistakes to the seed; each must be caught by
// the expected rule at the expected cell (a finding the unchanged seed does not have).
func TestMutations(t *testing.T) {
	base := map[string]bool{}
	for _, k := range findingKeys(Check(seedPlan(t), Options{}), true) {
		base[k] = true
	}
	item := func(p *jixiao.Plan, i int) *jixiao.FundItem { return &p.SpecialFunds[0].Items[i] }
	reind := func(in *jixiao.Indicator, target string) {
		*in = jixiao.NewIndicator(in.Level1, in.Level2, in.Name, target, in.Note)
	}
	cases := []struct {
		name, want string // want: "severity rule path"
		mutate     func(p *jixiao.Plan)
	}{
		{"total changed", "error budget.income-sum budget.total", func(p *jixiao.Plan) { p.Budget.Total = jixiao.MustDecimal("167.0105") }},
		{"general budget changed", "error budget.income-sum budget.total", func(p *jixiao.Plan) { p.Budget.GeneralBudget = jixiao.MustDecimal("166.0104") }},
		{"附件3 amount changed", "error item.amount specialFunds[0].items[0].amount", func(p *jixiao.Plan) { item(p, 0).Amount = jixiao.MustDecimal("6") }},
		{"summary amount changed", "error funds.group specialFunds[0].amount", func(p *jixiao.Plan) { item(p, 1).Summary.Amount = jixiao.MustDecimal("11") }},
		{"合计 changed", "error funds.total fundsTotal", func(p *jixiao.Plan) { p.FundsTotal = jixiao.MustDecimal("31") }},
		{"项目支出 changed", "error funds.project budget.project", func(p *jixiao.Plan) { p.Budget.Project = jixiao.MustDecimal("29") }},
		{"summary text edited", "error item.goal-text specialFunds[0].items[0].annualGoal", func(p *jixiao.Plan) {
			item(p, 0).Summary.AnnualGoal = strings.Replace(item(p, 0).Summary.AnnualGoal, "健康发展", "发展", 1)
		}},
		{"satisfaction dropped", "warning indicator.satisfaction-missing indicators", func(p *jixiao.Plan) { p.Indicators = p.Indicators[:8] }},
		{"item count changed", "error rollup.count indicators[0].target.parts[0]", func(p *jixiao.Plan) {
			reind(&item(p, 0).Indicators[0], "各类培训7次；各类会议3次；调研2次；督查2次；宣传2次，其他5次。")
		}},
		{"department count changed", "error rollup.count indicators[0].target.parts[2]", func(p *jixiao.Plan) {
			reind(&p.Indicators[0], "各类培训8次；各类会议21次；调研10次；督查5次；宣传11次、联谊交友15次，其他20次。")
		}},
		{"count unit swapped", "error rollup.count indicators[0].target.parts[1]", func(p *jixiao.Plan) {
			reind(&item(p, 1).Indicators[0], "各类会议9场；调研2次；联谊交友15次，其他10次。")
		}},
		{"item count part dropped", "error rollup.count indicators[0].target.parts[3]", func(p *jixiao.Plan) {
			reind(&item(p, 2).Indicators[0], "各类培训2次；各类会议9次；调研5次；宣传9次，其他5次。")
		}},
		{"cost unit swapped", "warning rollup.cost indicators", func(p *jixiao.Plan) {
			reind(&p.Indicators[3], "新联会5万；知联会5万；民主党派基层组织5万； 民族宗教5万；统战特别政治经费10元。")
		}},
		{"item cost above amount", "error cost.limit specialFunds[0].items[0].indicators", func(p *jixiao.Plan) { reind(&item(p, 0).Indicators[3], "≤6万元") }},
		{"period outside the year", "error item.period specialFunds[0].items[1].period", func(p *jixiao.Plan) { item(p, 1).Period, _ = jixiao.ParsePeriod("2020.1-2020.12") }},
		{"二级 renamed", "warning framework.level2 indicators[1].level2", func(p *jixiao.Plan) { p.Indicators[1].Level2 = "产出效果" }},
		{"一级 renamed", "warning framework.level1 specialFunds[0].items[2].indicators[4].level1", func(p *jixiao.Plan) {
			for i := 4; i < 9; i++ {
				item(p, 2).Indicators[i].Level1 = "影响指标"
			}
		}},
		{"typo in a key task", "warning wording.typo keyTasks[5].objective", func(p *jixiao.Plan) {
			p.KeyTasks[5].Objective = strings.Replace(p.KeyTasks[5].Objective, "完成", "截止2021年底完成", 1)
		}},
		{"vague target", "warning indicator.vague specialFunds[0].items[2].indicators[5].target", func(p *jixiao.Plan) { reind(&item(p, 2).Indicators[5], "明显提升") }},
		{"amount with six decimals", "warning amount.decimals specialFunds[0].items[1].amount", func(p *jixiao.Plan) { item(p, 1).Amount = jixiao.MustDecimal("10.000001") }},
		{"cost row dropped", "warning item.cost-required specialFunds[0].items[1].indicators", func(p *jixiao.Plan) {
			in := item(p, 1).Indicators
			item(p, 1).Indicators = append(in[:3:3], in[4:]...)
		}},
		{"quality target without a number", "warning indicator.no-number specialFunds[0].items[0].indicators[1].target", func(p *jixiao.Plan) { reind(&item(p, 0).Indicators[1], "良好") }},
		{"duties emptied", "warning hunan.duties duties", func(p *jixiao.Plan) { p.Duties = "" }},
	}
	if len(cases) < 20 {
		t.Fatalf("only %d mutations", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := seedPlan(t)
			c.mutate(p)
			got := findingKeys(Check(p, Options{}), true)
			for _, k := range got {
				if k == c.want && !base[k] {
					return
				}
			}
			var added []string
			for _, k := range got {
				if !base[k] {
					added = append(added, k)
				}
			}
			t.Errorf("want %q; new findings:\n%s", c.want, strings.Join(added, "\n"))
		})
	}
}
