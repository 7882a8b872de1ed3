package opendata

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// TestProjectsCSV: the project tables of no fund (Plan.Projects) come out in
// projects.csv beside the seed's 支出方向, and their indicators in indicators.csv with
// 权重 and 指标方向.
func TestProjectsCSV(t *testing.T) {
	p := seed(t)
	in := jixiao.NewIndicator("产出指标", "数量指标", "养护里程", "≥300公里", "")
	in.Weight, in.Direction = "20", jixiao.DirectionPositive
	p.Projects = []jixiao.Project{{Name: "农村公路养护", Code: "P001", Authority: "某县交通运输局", Unit: "公路中心",
		Amount: jixiao.MustDecimal("120"), Funds: []jixiao.FundLine{
			{Source: jixiao.FundTotal, Label: "年度资金总额", Text: "120", Amount: jixiao.MustDecimal("120")},
			{Source: jixiao.FundFiscal, Label: "财政拨款", Text: "100", Amount: jixiao.MustDecimal("100")},
			{Source: jixiao.FundOther, Label: "其他资金", Text: "20", Amount: jixiao.MustDecimal("20")}},
		PeriodText: "2021年", PeriodGoal: "完成养护。", AnnualGoal: "养护 300 公里。", Indicators: []jixiao.Indicator{in}}}
	var projects, inds bytes.Buffer
	if err := WriteProjects(&projects, []*jixiao.Plan{p}); err != nil {
		t.Fatal(err)
	}
	if err := WriteIndicators(&inds, []*jixiao.Plan{p}); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, projects.Bytes())
	if len(recs) != 1+len(p.Items())+1 {
		t.Fatalf("projects.csv has %d rows, want %d", len(recs)-1, len(p.Items())+1)
	}
	want := [][]string{
		ProjectColumns,
		{"7", "820001", "中共株洲市石峰区委员会统一战线工作部", "2021", "业务性专项经费", "民主党派基层建设经费", "", "", "", "5", "", "", "", "2021.1-2021.12"},
		{"7", "820001", "中共株洲市石峰区委员会统一战线工作部", "2021", "", "农村公路养护", "P001", "某县交通运输局", "公路中心", "120", "100", "", "20", "2021年", "完成养护。", "养护 300 公里。", "1"},
	}
	got := [][]string{recs[0], recs[1][:14], recs[len(recs)-1]}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("projects.csv mismatch (-want +got):\n%s", d)
	}
	irecs := readCSV(t, inds.Bytes())
	if n := len(irecs) - 1; n != p.IndicatorCount() {
		t.Fatalf("indicators.csv has %d rows, plan counts %d", n, p.IndicatorCount())
	}
	last := irecs[len(irecs)-1]
	if d := cmp.Diff([]string{"农村公路养护", "产出指标", "数量指标", "养护里程", "≥300公里", "≥", "300", "公里", "numeric", "", "20", "正向"}, last[4:]); d != "" {
		t.Errorf("the project's indicator row mismatch (-want +got):\n%s", d)
	}
}
