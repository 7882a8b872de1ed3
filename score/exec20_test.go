package score

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

func exec20(t *testing.T) *Rule {
	t.Helper()
	r, err := Lookup("exec20-2020")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The 20-point execution rule (score/rules/exec20-2020.json) at its edges, beside the
// national rule where they part: execution is 20 × 执行率 capped at 20, no reason is
// demanded below 90%, the indicators share 80 points, an over-achieved target is not
// flagged; ratios, bands and grades are as written in the form's notes.
func TestExec20Rule(t *testing.T) {
	r, nat := exec20(t), national(t)
	exec := func(r *Rule, adjusted, executed string) (string, []string) {
		res := r.Score(&Evaluation{Budget: Budget{Path: "budget", Adjusted: dec(adjusted), Executed: dec(executed)}})
		return res.Execution.Score.String(), rules(res.Findings)
	}
	type got struct {
		Score    string
		Findings []string
	}
	for _, tt := range []struct {
		name               string
		adjusted, executed string
		want, national     got
	}{
		{"all spent", "100", "100", got{"20.00", nil}, got{"10.00", nil}},
		{"86.18%", "25", "21.54576", got{"17.24", nil}, got{"8.62", []string{"score.execution.reason"}}},
		{"over 100%: capped", "100", "120", got{"20.00", nil}, got{"10.00", nil}},
		{"nothing spent", "100", "0", got{"0.00", nil}, got{"0.00", []string{"score.execution.reason"}}},
		{"89.99%: no reason demanded", "100", "89.99", got{"18.00", nil}, got{"9.00", []string{"score.execution.reason"}}},
	} {
		var g, gn got
		g.Score, g.Findings = exec(r, tt.adjusted, tt.executed)
		gn.Score, gn.Findings = exec(nat, tt.adjusted, tt.executed)
		if diff := cmp.Diff([]got{tt.want, tt.national}, []got{g, gn}); diff != "" {
			t.Errorf("%s: execution, this rule then the national (-want +got):\n%s", tt.name, diff)
		}
	}

	for _, tt := range []struct {
		name  string
		in    Indicator
		score string
		band  string
		rules []string
	}{
		{"正向 missed", withReason(ind("产出指标", "补贴渔船数", "≥100艘", "80艘", "20")), "16.00", "", nil},
		{"反向 missed", withReason(ind("产出指标", "单位成本", "≤5万元", "6万元", "10")), "8.33", "", nil},
		{"正向 beaten twice over: full, not flagged", ind("产出指标", "支持企业数量", "≥3家", "6家", "10"), "10.00", "", nil},
		{"定性 80%: 达成", withReason(judged(ind("效益指标", "受众评价", "显著", "较显著", "10"), "8", "")), "8.00", "达成预期指标", nil},
		{"定性 79.9%: 部分达成", withReason(judged(ind("效益指标", "受众评价", "显著", "较显著", "10"), "7.99", "")), "7.99", "部分达成预期指标", nil},
		{"定性 50%: 部分达成", withReason(judged(ind("效益指标", "受众评价", "显著", "一般", "10"), "5", "")), "5.00", "部分达成预期指标", nil},
		{"定性 49.9%: 未达成", withReason(judged(ind("效益指标", "受众评价", "显著", "差", "10"), "4.99", "")), "4.99", "未达成预期指标", nil},
	} {
		res := r.Score(&Evaluation{Indicators: []Indicator{tt.in}})
		s := res.Indicators[0]
		var fs []string
		for _, f := range res.Findings {
			if !strings.HasPrefix(f.Rule, "score.weights.") && !strings.HasPrefix(f.Rule, "score.execution.") {
				fs = append(fs, f.Rule)
			}
		}
		if diff := cmp.Diff([]any{tt.score, tt.band, tt.rules}, []any{s.Score.String(), s.Band, fs}); diff != "" {
			t.Errorf("%s: score, band, findings (-want +got):\n%s", tt.name, diff)
		}
	}
	if res := nat.Score(&Evaluation{Indicators: []Indicator{ind("产出指标", "支持企业数量", "≥3家", "6家", "10")}}); !contains(rules(res.Findings), "score.over") {
		t.Errorf("the national rule does not flag the over-achievement: %v", rules(res.Findings))
	}

	// 分值: the indicators share 80 (90 under the national rule).
	weights := func(r *Rule, ws ...string) []string {
		e := &Evaluation{}
		for i, w := range ws {
			in := ind([]string{"产出指标", "效益指标", "满意度指标"}[i%3], "指标", "≥1个", "1个", w)
			e.Indicators = append(e.Indicators, in)
		}
		var out []string
		for _, f := range r.Score(e).Findings {
			if f.Rule == "score.weights.total" {
				out = append(out, f.Message)
			}
		}
		return out
	}
	wantW := [][]string{
		nil,
		{"各指标分值与预算执行率分值 20 之和为 110，应为 100。"},
		{"各指标分值与预算执行率分值 10 之和为 90，应为 100。"},
		nil,
	}
	gotW := [][]string{weights(r, "40", "30", "10"), weights(r, "50", "30", "10"), weights(nat, "40", "30", "10"), weights(nat, "50", "30", "10")}
	if diff := cmp.Diff(wantW, gotW); diff != "" {
		t.Errorf("weight sums: 80 and 90 under this rule, then under the national (-want +got):\n%s", diff)
	}
	// Suggested 分值: 80 shared out among the indicators of every 一级.
	ins := []jixiao.IndicatorOutcome{
		{Indicator: jixiao.Indicator{Level1: "产出指标", Name: "a"}}, {Indicator: jixiao.Indicator{Level1: "产出指标", Name: "b"}},
		{Indicator: jixiao.Indicator{Level1: "效益指标", Name: "c"}}, {Indicator: jixiao.Indicator{Level1: "满意度指标", Name: "d"}},
	}
	var sugg []string
	for _, d := range r.SuggestWeights(ins) {
		sugg = append(sugg, d.String())
	}
	if diff := cmp.Diff([]string{"20", "20", "20", "20"}, sugg); diff != "" {
		t.Errorf("suggested 分值 (-want +got):\n%s", diff)
	}
	var grades []string
	for _, total := range []string{"100", "90", "89.99", "80", "79.99", "60", "59.99", "0"} {
		grades = append(grades, r.Grade(dec(total)))
	}
	if diff := cmp.Diff([]string{"优", "优", "良", "良", "中", "中", "差", "差"}, grades); diff != "" {
		t.Errorf("grades (-want +got):\n%s", diff)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// The rows of a published form of this rule that read unambiguously (《2020年市级服务贸易发展
// 资金项目自评表》, source in score/rules/exec20-2020.json and testdata/published/SOURCES.md):
// the unit's 20 for execution and its 10s for the met quantitative indicators (as
// written: a bare 年初目标值 and 实际完成值, the unit in the name) are what
// this rule computes; the national rule reports the execution score as a difference.
func TestExec20PublishedRows(t *testing.T) {
	e := &Evaluation{Budget: Budget{Path: "budget", Adjusted: dec("285.84"), Executed: dec("285.84"), WrittenRate: dec("100"), WrittenScore: dec("20")}}
	for _, row := range [][3]string{
		{"服务外包在岸（万美元）", "20000", "23333.56"},
		{"服务外包离岸（万美元）", "4500", "4557.51"},
		{"支持服务贸易、服务外包企业数量", "3", "3"},
		{"预算资金执行率", "90%", "100%"},
		{"资金拨付及时性", "98%以上", "100%"},
	} {
		in := ind("产出指标", row[0], row[1], row[2], "10")
		in.Written, in.Judged = dec("10"), dec("10") // as FromRecord reads a table's 得分
		e.Indicators = append(e.Indicators, in)
	}
	written := func(r *Rule) []string {
		res := r.Score(e)
		out := []string{res.Execution.Score.String()}
		for _, s := range res.Indicators {
			out = append(out, s.Score.String())
		}
		for _, f := range res.Findings {
			if f.Rule == "score.written" || f.Rule == "score.execution.written" {
				out = append(out, f.Rule)
			}
		}
		return out
	}
	got := [][]string{written(exec20(t)), written(national(t))}
	want := [][]string{
		{"20.00", "10.00", "10.00", "10.00", "10.00", "10.00"},
		{"10.00", "10.00", "10.00", "10.00", "10.00", "10.00", "score.execution.written"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the published rows, this rule then the national (-want +got):\n%s", diff)
	}
}
