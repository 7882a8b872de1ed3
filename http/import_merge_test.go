package http

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

func amount(t *testing.T, s string) jixiao.Amount {
	t.Helper()
	d, err := jixiao.ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func ind(l1, l2, name, target, note string) jixiao.Indicator {
	return jixiao.NewIndicator(l1, l2, name, target, note)
}

// The merge of an import: empty cells keep the stored values, rows match by name or, when
// the file's row has none, by position; nothing is removed.
func TestMergeImport(t *testing.T) {
	stored := &jixiao.Plan{ID: 7, Version: 3, Department: "统战部", DepartmentCode: "1", Year: 2021, Status: jixiao.Draft,
		Submitter: "统战部", Duties: "原职责",
		Budget:   jixiao.Budget{Total: amount(t, "100"), Basic: amount(t, "60"), Project: amount(t, "40")},
		KeyTasks: []jixiao.KeyTask{{Item: "调研", Owner: "一科", Objective: "完成"}, {Item: "培训", Owner: "二科"}},
		Indicators: []jixiao.Indicator{
			ind("产出指标", "数量指标", "培训人次", "≥100人次", ""),
			ind("产出指标", "质量指标", "合格率", "≥95%", "原备注"),
		},
		SpecialFunds: []jixiao.SpecialFund{{Name: "业务经费", Items: []jixiao.FundItem{
			{Name: "宣传", Amount: amount(t, "10"), PeriodGoal: "原目标", Indicators: []jixiao.Indicator{ind("产出指标", "数量指标", "活动次数", "≥5次", "")}},
		}}},
		Links: []jixiao.RollupLink{{Department: "indicators[0].target", Items: []string{"x"}, Confirmed: true}},
	}
	tests := []struct {
		name string
		file *jixiao.Plan
		edit func(p *jixiao.Plan) // the stored plan changed into the expected merge
	}{
		{"an empty file changes nothing", &jixiao.Plan{Year: 2021}, func(*jixiao.Plan) {}},
		{"one amount", &jixiao.Plan{Budget: jixiao.Budget{Total: amount(t, "300")}}, func(p *jixiao.Plan) { p.Budget.Total = amount(t, "300") }},
		{"texts filled, empty ones kept", &jixiao.Plan{Duties: "新职责", Submitter: "  "}, func(p *jixiao.Plan) { p.Duties = "新职责" }},
		{"key task by name: its empty cells kept, a new one added",
			&jixiao.Plan{KeyTasks: []jixiao.KeyTask{{Item: "培训", Objective: "新目标"}, {Item: "宣讲", Owner: "三科"}}},
			func(p *jixiao.Plan) {
				p.KeyTasks[1].Objective = "新目标"
				p.KeyTasks = append(p.KeyTasks, jixiao.KeyTask{Item: "宣讲", Owner: "三科"})
			}},
		{"indicator by name, reordered in the file",
			&jixiao.Plan{Indicators: []jixiao.Indicator{ind("", "", "合格率", "≥98%", ""), ind("", "", "培训人次", "", "新备注")}},
			func(p *jixiao.Plan) {
				p.Indicators[1] = ind("产出指标", "质量指标", "合格率", "≥98%", "原备注")
				p.Indicators[0] = ind("产出指标", "数量指标", "培训人次", "≥100人次", "新备注")
			}},
		{"indicator without a name by position",
			&jixiao.Plan{Indicators: []jixiao.Indicator{{}, ind("", "", "", "≥99%", "")}},
			func(p *jixiao.Plan) {
				p.Indicators[1] = ind("产出指标", "质量指标", "合格率", "≥99%", "原备注")
			}},
		{"a new indicator is added at the end",
			&jixiao.Plan{Indicators: []jixiao.Indicator{ind("效益指标", "社会效益指标", "知晓率", "≥90%", "")}},
			func(p *jixiao.Plan) {
				p.Indicators = append(p.Indicators, ind("效益指标", "社会效益指标", "知晓率", "≥90%", ""))
			}},
		{"fund and item by name, the item's indicators merged",
			&jixiao.Plan{SpecialFunds: []jixiao.SpecialFund{{Name: "业务经费", Items: []jixiao.FundItem{
				{Name: "宣传", AnnualGoal: "新年度目标", Indicators: []jixiao.Indicator{ind("", "", "活动次数", "≥6次", "")}},
				{Name: "新子项", Amount: amount(t, "5")},
			}}}},
			func(p *jixiao.Plan) {
				it := &p.SpecialFunds[0].Items[0]
				it.AnnualGoal = "新年度目标"
				it.Indicators = []jixiao.Indicator{ind("产出指标", "数量指标", "活动次数", "≥6次", "")}
				p.SpecialFunds[0].Items = append(p.SpecialFunds[0].Items, jixiao.FundItem{Name: "新子项", Amount: amount(t, "5")})
			}},
		{"a file of other department and year keeps the stored identity",
			&jixiao.Plan{ID: 9, Version: 1, Department: "教育局", DepartmentCode: "2", Year: 2022, Status: jixiao.Approved},
			func(*jixiao.Plan) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keep := clonePlan(stored)
			want := clonePlan(stored)
			tt.edit(want)
			got := mergeImport(stored, tt.file)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(keep, stored); diff != "" {
				t.Errorf("the stored plan was changed (-before +after):\n%s", diff)
			}
		})
	}
}
