package jixiao

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// projectBase is a plan of two project tables in the national layout.
func projectBase() *Plan {
	in := func(l1, l2, name, nature, value, unit, weight string) Indicator {
		i := NewIndicator(l1, l2, name, WrittenTarget{Nature: nature, Value: value, Unit: unit}.TargetText(), "")
		i.Written = &WrittenTarget{Nature: nature, Value: value, Unit: unit}
		i.Weight, i.Direction = weight, DirectionPositive
		return i
	}
	return &Plan{Department: "某县交通运输局", Year: 2024, Framework: "national-2021", Projects: []Project{
		{Name: "农村公路养护", Code: "P001", Authority: "某县交通运输局", Unit: "公路中心", Amount: MustDecimal("120"),
			Funds: []FundLine{{Source: FundTotal, Label: "年度资金总额", Text: "120", Amount: MustDecimal("120")},
				{Source: FundFiscal, Label: "其中：财政拨款", Text: "100", Amount: MustDecimal("100")},
				{Source: FundOther, Label: "其他资金", Text: "20", Amount: MustDecimal("20")}},
			PeriodText: "2024年", PeriodGoal: "完成养护。", AnnualGoal: "养护 300 公里。",
			Indicators: []Indicator{
				in("产出指标", "数量指标", "养护里程", "≥", "300", "公里", "20"),
				in("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "10"),
			}},
		{Name: "客运站运营补贴", Amount: MustDecimal("30")},
	}}
}

// TestDiffProjects: the standalone project tables are compared like the seed's items,
// with their codes, money rows, period as written and the national columns.
func TestDiffProjects(t *testing.T) {
	tests := []struct {
		name string
		edit func(p *Plan)
		want []Change
	}{
		{"identical", func(p *Plan) {}, nil},
		{"name, code and money rows", func(p *Plan) {
			pr := &p.Projects[0]
			pr.Code, pr.Unit = "P002", "公路建设养护中心"
			pr.Funds[1].Amount, pr.Funds[1].Text = MustDecimal("90"), "90"
			pr.Funds = append(pr.Funds, FundLine{Source: FundUpper, Label: "上级资金", Text: "10", Amount: MustDecimal("10")})
			pr.PeriodText = "2024年1月-12月"
		}, []Change{
			{Path: "projects[0].code", Label: "项目“农村公路养护” 项目编码", Old: "P001", New: "P002", Kind: ChangeChanged},
			{Path: "projects[0].unit", Label: "项目“农村公路养护” 实施单位", Old: "公路中心", New: "公路建设养护中心", Kind: ChangeChanged},
			{Path: "projects[0].funds", Label: "项目“农村公路养护” 其中：财政拨款", Old: "100", New: "90", Kind: ChangeChanged},
			{Path: "projects[0].funds", Label: "项目“农村公路养护” 上级资金", New: "10", Kind: ChangeAdded},
			{Path: "projects[0].period", Label: "项目“农村公路养护” 实施期", Old: "2024年", New: "2024年1月-12月", Kind: ChangeChanged},
		}},
		{"an indicator's value and weight", func(p *Plan) {
			in := &p.Projects[0].Indicators[0]
			*in = NewIndicator(in.Level1, in.Level2, in.Name, "≥350公里", "")
			in.Weight, in.Direction = "25", DirectionPositive
		}, []Change{
			{Path: "projects[0].indicators[0].target", Label: "项目“农村公路养护” 绩效指标 第1行 指标值", Old: "≥300公里", New: "≥350公里", Kind: ChangeChanged},
			{Path: "projects[0].indicators[0].weight", Label: "项目“农村公路养护” 绩效指标 第1行 权重/分值", Old: "20", New: "25", Kind: ChangeChanged},
		}},
		{"a project renamed, another removed, one added", func(p *Plan) {
			p.Projects[0].Name = "县乡道养护"
			p.Projects = append(p.Projects[:1], Project{Name: "桥梁检测", Amount: MustDecimal("8"), PeriodText: "2024年"})
		}, []Change{
			{Path: "projects[0].name", Label: "项目“县乡道养护” 项目名称", Old: "农村公路养护", New: "县乡道养护", Kind: ChangeChanged},
			{Path: "projects[1]", Label: "项目“客运站运营补贴”", Old: "客运站运营补贴 30万元，0个指标", Kind: ChangeRemoved},
			{Path: "projects[1]", Label: "项目“桥梁检测”", New: "桥梁检测 8万元，2024年，0个指标", Kind: ChangeAdded},
		}},
		{"renamed, without a code", func(p *Plan) { p.Projects[1].Name = "客运站运营补助" }, []Change{
			{Path: "projects[1].name", Label: "项目“客运站运营补助” 项目名称", Old: "客运站运营补贴", New: "客运站运营补助", Kind: ChangeChanged},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := projectBase(), projectBase()
			tt.edit(b)
			if d := cmp.Diff(tt.want, DiffPlans(a, b)); d != "" {
				t.Errorf("DiffPlans mismatch (-want +got):\n%s", d)
			}
		})
	}
}
