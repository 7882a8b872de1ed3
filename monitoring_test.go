package jixiao_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/examples"
)

func TestParseLikelihood(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want jixiao.Likelihood
		ok   bool
	}{
		{"确定能", jixiao.LikelihoodCertain, true},
		{"√确定能", jixiao.LikelihoodCertain, true},
		{"有可能", jixiao.LikelihoodPossible, true},
		{"完全不可能", jixiao.LikelihoodImpossible, true},
		{"不可能", jixiao.LikelihoodImpossible, true}, // Hubei
		{"", jixiao.LikelihoodNone, true},
		{"大概吧", jixiao.LikelihoodNone, false},
	} {
		got, ok := jixiao.ParseLikelihood(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseLikelihood(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPercent(t *testing.T) {
	for _, tt := range []struct{ a, b, want string }{
		{"87.57", "220", "39.80"}, {"1", "3", "33.33"}, {"2", "3", "66.67"}, {"-1", "8", "-12.50"},
		{"90000000000", "100000000000", "90.00"}, // beyond int64 ×10000: the big.Int path
		{"5", "", ""}, {"5", "0", ""},
	} {
		var b jixiao.Decimal
		if tt.b != "" {
			b = jixiao.MustDecimal(tt.b)
		}
		if got := jixiao.Percent(jixiao.MustDecimal(tt.a), b).String(); got != tt.want {
			t.Errorf("Percent(%s, %s) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

// The empty records of the seed plan: the department table and one per fund item, the
// targets copied, nothing to fill filled.
func TestNewMonitoringRecords(t *testing.T) {
	p, err := examples.ShifengPlan()
	if err != nil {
		t.Fatal(err)
	}
	recs := jixiao.NewMonitoringRecords(p, jixiao.MonitoringRound{AsOf: 7})
	var got []string
	for _, r := range recs {
		got = append(got, fmt.Sprintf("%s %s %s %d %s %s %d", r.Table, r.Title, r.Project, r.Round.Year, r.Funds[0].Name, r.Funds[0].Initial, len(r.Indicators)))
		for _, in := range r.Indicators {
			if in.Actual.Text != "" || in.Forecast.Text != "" || in.Likelihood != "" || !in.Deviation.IsZero() {
				t.Errorf("%s: %s is filled in: %+v", r.Table, in.Name, in)
			}
		}
	}
	want := []string{fmt.Sprintf("department 部门整体支出绩效监控表  2021 年度资金总额 %s %d", p.Budget.Total, len(p.Indicators))}
	for i, sf := range p.SpecialFunds {
		for j, it := range sf.Items {
			want = append(want, fmt.Sprintf("specialFunds[%d].items[%d] 项目支出绩效监控表 %s 2021 年度资金总额 %s %d", i, j, it.Name, it.Amount, len(it.Indicators)))
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(p.SpecialFunds[0].Items[0].Indicators[0], recs[1].Indicators[0].Indicator); diff != "" {
		t.Errorf("the indicator is not the plan's (-want +got):\n%s", diff)
	}
}

func TestFundProgress(t *testing.T) {
	d := jixiao.MustDecimal
	for _, tt := range []struct {
		f                 jixiao.FundProgress
		budget, rate, bal string
	}{
		{jixiao.FundProgress{FundExecution: jixiao.FundExecution{Initial: d("120"), Executed: d("30")}, ForecastExecuted: d("118")}, "120", "25.00", "2"},
		{jixiao.FundProgress{FundExecution: jixiao.FundExecution{Initial: d("120"), Adjusted: d("80"), Executed: d("50")}, ForecastExecuted: d("80")}, "80", "62.50", "0"},
		{jixiao.FundProgress{FundExecution: jixiao.FundExecution{Initial: d("50")}}, "50", "", ""},
	} {
		got := []string{tt.f.Budget().String(), tt.f.ExecutionRate().String(), tt.f.ForecastBalance().String()}
		if diff := cmp.Diff([]string{tt.budget, tt.rate, tt.bal}, got); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
	}
}
