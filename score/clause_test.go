package score

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// Every indicator's score names the clause of the rule it came from, at the edges
// between clauses: a rate without operator is 正向 (or 反向 by its name), an
// over-achieved target is the over-achievement clause whatever its direction.
func TestClauses(t *testing.T) {
	tests := []struct {
		name string
		in   Indicator
		want Clause
	}{
		{"≥ met", ind("产出指标", "培训人数", "≥100人", "100人", "10"), ClausePositive},
		{"≥ missed", ind("产出指标", "培训人数", "≥100人", "80人", "10"), ClausePositive},
		{"bare rate", ind("产出指标", "验收合格率", "95%", "90%", "10"), ClausePositive},
		{"bare negative rate", ind("产出指标", "事故发生率", "5%", "6%", "10"), ClauseNegative},
		{"≤ missed", ind("成本指标", "单位成本", "≤5万元", "6万元", "10"), ClauseNegative},
		{"≤ stated", withDir(ind("成本指标", "单位成本", "5万元", "6万元", "10"), jixiao.DirectionNegative), ClauseNegative},
		{"= count", ind("产出指标", "新建场馆", "=2个", "1个", "10"), ClauseEqual},
		{"deadline", ind("时效指标", "完成时间", "10月底前", "11月", "10"), ClauseEqual},
		{"qualitative", judged(ind("满意度指标", "群众满意度", "良好", "一般", "10"), "7", "部分达成"), ClauseQualitative},
		{"over-achieved", ind("产出指标", "培训人数", "≥100人", "200人", "10"), ClauseOver},
		{"over-achieved ≤", ind("成本指标", "单位成本", "≤6万元", "2万元", "10"), ClauseOver},
		{"compound", ind("产出指标", "会议培训", "培训8次；会议21次", "培训8次", "10"), ClauseJudged},
	}
	r := national(t)
	for _, tt := range tests {
		res := r.Score(&Evaluation{Indicators: []Indicator{tt.in}})
		if diff := cmp.Diff(tt.want, res.Indicators[0].Clause); diff != "" {
			t.Errorf("%s: clause (-want +got):\n%s", tt.name, diff)
		}
	}
	for _, c := range Clauses {
		if c.Label() == string(c) {
			t.Errorf("clause %s has no label", c)
		}
	}
}
