package score

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

func TestSummarize(t *testing.T) {
	r, _ := Lookup("")
	table := func(dept, project, actual1, actual2 string, executed string) *jixiao.SelfEvaluation {
		in := func(l1, name, target, actual string, w int64) jixiao.IndicatorOutcome {
			return jixiao.IndicatorOutcome{Indicator: jixiao.Indicator{Level1: l1, Level2: "数量指标", Name: name, Target: jixiao.ParseTarget(target)},
				Actual: jixiao.ParseTarget(actual), Weight: jixiao.Int(w), Reason: "原因。"}
		}
		return &jixiao.SelfEvaluation{Department: dept, Project: project,
			Funds: []jixiao.FundExecution{{Name: "年度资金总额", Adjusted: jixiao.Int(100), Executed: jixiao.MustDecimal(executed), Reason: "原因。"}},
			Indicators: []jixiao.IndicatorOutcome{
				in("产出指标", "培训人次", "≥100人次", actual1, 50),
				in("效益指标", "群众知晓率", "≥90%", actual2, 30),
				in("满意度指标", "满意度", "≥90%", "95%", 10),
			}}
	}
	recs := []*jixiao.SelfEvaluation{
		table("甲局", "", "100人次", "90%", "100"),   // 100 优
		table("乙局", "项目一", "50人次", "45%", "50"),  // 25 + 15 + 10 + 5 = 55 差
		table("丙局", "", "80人次", "90%", "100"),    // 40 + 30 + 10 + 10 = 90 优
		table("丁局", "项目二", "70人次", "81%", "100"), // 35 + 27 + 10 + 10 = 82 良 ... low below 80? no
		table("戊局", "", "60人次", "90%", "90"),     // 30 + 30 + 10 + 9 = 79 中: low
	}
	var all []Scored
	for _, rec := range recs {
		all = append(all, Scored{rec, r.Score(FromRecord(rec))})
	}
	s := r.Summarize(all, jixiao.Decimal{}, 0)
	type unit struct{ Dept, Total, Grade string }
	var units, low []unit
	for _, u := range s.Units {
		units = append(units, unit{u.Department, u.Total.String(), u.Grade})
	}
	for _, u := range s.Low {
		low = append(low, unit{u.Department, u.Total.String(), u.Grade})
	}
	if diff := cmp.Diff([]unit{{"甲局", "100.00", "优"}, {"乙局", "55.00", "差"}, {"丙局", "90.00", "优"}, {"丁局", "82.00", "良"}, {"戊局", "79.00", "中"}}, units); diff != "" {
		t.Errorf("units (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]unit{{"乙局", "55.00", "差"}, {"戊局", "79.00", "中"}}, low); diff != "" {
		t.Errorf("low (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]MissedIndicator{{Name: "培训人次", Level1: "产出指标", Missed: 4, Scored: 5}, {Name: "群众知晓率", Level1: "效益指标", Missed: 2, Scored: 5}}, s.Missed); diff != "" {
		t.Errorf("missed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"优": 2, "良": 1, "中": 1, "差": 1}, s.ByGrade); diff != "" {
		t.Errorf("by grade (-want +got):\n%s", diff)
	}
}
