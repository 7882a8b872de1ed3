package score

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/check"
)

func dec(s string) jixiao.Decimal {
	if s == "" {
		return jixiao.Decimal{}
	}
	return jixiao.MustDecimal(s)
}

func national(t *testing.T) *Rule {
	t.Helper()
	r, err := Lookup("")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// withRule returns a copy of the national rule changed by fn.
func withRule(t *testing.T, fn func(r *Rule)) *Rule {
	t.Helper()
	r := *national(t)
	fn(&r)
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	return &r
}

func ind(level1, name, target, actual, weight string) Indicator {
	return Indicator{Path: "indicators[0]", Level1: level1, Name: name,
		Target: jixiao.ParseTarget(target), Actual: jixiao.ParseTarget(actual), Weight: dec(weight)}
}

func rules(fs []check.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

func TestIndicatorScores(t *testing.T) {
	tests := []struct {
		name      string
		in        Indicator
		score     string // "" while pending
		method    Method
		band      string
		over      bool
		findings  []string
		arithmetc string // a part the arithmetic must show
	}{
		{"正向 reached", ind("产出指标", "培训人次", "≥95%", "96%", "10"), "10.00", MethodFull, "", false, nil, "满分"},
		{"正向 exactly at target", ind("产出指标", "覆盖率", "≥95%", "95%", "10"), "10.00", MethodFull, "", false, nil, ""},
		{"正向 missed: ratio, rounded half-up", withReason(ind("产出指标", "覆盖率", "≥95%", "90%", "10")), "9.47", MethodRatio, "", false, nil, "实际完成值 90 ÷ 指标值 95 × 分值 10 = 9.47"},
		{"正向 missed without a reason", ind("产出指标", "覆盖率", "≥95%", "90%", "10"), "9.47", MethodRatio, "", false, []string{"score.reason"}, ""},
		{"正向 actual 0", withReason(ind("产出指标", "新建个数", "≥3个", "0个", "5")), "0.00", MethodRatio, "", false, nil, ""},
		{"反向 met", ind("产出指标", "办理时限", "≤5天", "3天", "10"), "10.00", MethodFull, "", true, []string{"score.over"}, ""},
		{"反向 missed: target ÷ actual", withReason(ind("产出指标", "办理时限", "≤5天", "8天", "10")), "6.25", MethodRatio, "", false, nil, "指标值 5 ÷ 实际完成值 8 × 分值 10 = 6.25"},
		{"反向 cost in 万元 from 元", withReason(ind("成本指标", "人均成本", "≤1万元", "12500元", "8")), "6.40", MethodRatio, "", false, nil, ""},
		{"over-achievement flagged at 1.5×", ind("产出指标", "服务人次", "≥1500人次", "3000人次", "10"), "10.00", MethodFull, "", true, []string{"score.over"}, ""},
		{"just under 1.5× not flagged", ind("产出指标", "服务人次", "≥1500人次", "2249人次", "10"), "10.00", MethodFull, "", false, nil, ""},
		{"over-achievement deduction by the evaluator", judged(ind("产出指标", "服务人次", "≥1500人次", "3000人次", "10"), "7", "目标定得过低"), "7.00", MethodJudged, "部分达成年度指标并具有一定效果", true, []string{"score.over"}, ""},
		{"= met", ind("产出指标", "建成平台", "1个", "1个", "5"), "5.00", MethodFull, "", false, nil, ""},
		{"= missed needs the evaluator", ind("产出指标", "建成平台", "1个", "0个", "5"), "", MethodPending, "", false, []string{"score.judge"}, ""},
		{"= missed judged", judged(ind("产出指标", "建成平台", "1个", "0个", "5"), "2", "因疫情延期"), "2.00", MethodJudged, "未达成年度指标且效果较差", false, nil, ""},
		{"= with 正向 stated is a ratio", withDir(withReason(ind("产出指标", "资金到位率", "100%", "90%", "10")), jixiao.DirectionPositive), "9.00", MethodRatio, "", false, nil, ""},
		{"qualitative met by its words", ind("效益指标", "社会效益", "显著提升", "达成预期指标", "10"), "10.00", MethodFull, "达成年度指标", false, nil, ""},
		{"qualitative equal to the target grade", ind("效益指标", "服务质量", "良好", "良好", "10"), "10.00", MethodFull, "达成年度指标", false, nil, ""},
		{"qualitative partly met: pending", ind("效益指标", "社会效益", "显著提升", "部分完成", "10"), "", MethodPending, "", false, []string{"score.judge"}, ""},
		{"qualitative judged in the middle band", judged(ind("效益指标", "社会效益", "显著提升", "部分完成", "10"), "6", "宣传不足"), "6.00", MethodJudged, "部分达成年度指标并具有一定效果", false, nil, ""},
		{"band edge 80% belongs to the top band", judged(ind("效益指标", "社会效益", "显著提升", "部分完成", "10"), "8", "原因"), "8.00", MethodJudged, "达成年度指标", false, nil, ""},
		{"judged above the points is held to them", judged(ind("效益指标", "社会效益", "显著提升", "部分完成", "10"), "12", ""), "10.00", MethodJudged, "达成年度指标", false, []string{"score.judged.range"}, ""},
		{"deadline met", ind("产出指标", "完成时间", "6月底前", "2021年5月", "5"), "5.00", MethodFull, "", false, nil, ""},
		{"deadline missed: pending", ind("产出指标", "完成时间", "6月底前", "2021年8月", "5"), "", MethodPending, "", false, []string{"score.judge"}, ""},
		{"deadline done on time by its words", ind("产出指标", "完成时间", "2021年12月底前", "按期完成", "5"), "5.00", MethodFull, "", false, nil, ""},
		{"units differ", ind("产出指标", "培训人数", "≥100人", "3期", "5"), "", MethodPending, "", false, []string{"score.judge"}, ""},
		{"no weight", ind("产出指标", "培训人数", "≥100人", "120人", ""), "", MethodPending, "", false, []string{"score.weight.missing"}, ""},
		{"no actual", ind("产出指标", "培训人数", "≥100人", "", "5"), "", MethodPending, "", false, []string{"score.actual.missing"}, ""},
		{"written score agrees to its places", written(withReason(ind("产出指标", "覆盖率", "≥95%", "90%", "10")), "9.5"), "9.47", MethodRatio, "", false, nil, ""},
		{"written score differs", written(withReason(ind("产出指标", "覆盖率", "≥95%", "90%", "10")), "10"), "9.47", MethodRatio, "", false, []string{"score.written"}, ""},
	}
	r := national(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fs []check.Finding
			var a arith
			var got IndicatorScore
			r.scoreIndicator(&got, &tt.in, &fs, &a)
			got.Arithmetic = string(a.b)
			if got.Score.String() != tt.score || got.Method != tt.method || got.Band != tt.band || got.Over != tt.over {
				t.Errorf("score %q method %s band %q over %v; want %q %s %q %v (%s)", got.Score, got.Method, got.Band, got.Over,
					tt.score, tt.method, tt.band, tt.over, got.Arithmetic)
			}
			if diff := cmp.Diff(tt.findings, rules(fs)); diff != "" {
				t.Errorf("findings mismatch (-want +got):\n%s\n%v", diff, fs)
			}
			if !strings.Contains(got.Arithmetic, tt.arithmetc) {
				t.Errorf("arithmetic %q does not show %q", got.Arithmetic, tt.arithmetc)
			}
			for _, f := range fs {
				if !strings.HasSuffix(f.Message, "。") {
					t.Errorf("message %q does not end with 。", f.Message)
				}
			}
		})
	}
}

func withReason(in Indicator) Indicator { in.Reason = "偏差原因。"; return in }
func withDir(in Indicator, d jixiao.Direction) Indicator {
	in.Direction = d
	return in
}
func judged(in Indicator, s, reason string) Indicator {
	in.Judged, in.Reason = dec(s), reason
	return in
}
func written(in Indicator, s string) Indicator { in.Written = dec(s); return in }

func TestExecution(t *testing.T) {
	tests := []struct {
		name     string
		rule     func(*Rule)
		b        Budget
		rate     string
		score    string
		findings []string
	}{
		{"full execution", nil, Budget{Adjusted: dec("100"), Executed: dec("100")}, "100.00", "10.00", nil},
		{"86% is 8.6", nil, Budget{Adjusted: dec("100"), Executed: dec("86"), Reason: "项目延期"}, "86.00", "8.60", nil},
		{"below 90% needs a reason", nil, Budget{Adjusted: dec("100"), Executed: dec("86")}, "86.00", "8.60", []string{"score.execution.reason"}},
		{"exactly 90% needs none", nil, Budget{Adjusted: dec("50"), Executed: dec("45")}, "90.00", "9.00", nil},
		{"above 100% is capped at 10", nil, Budget{Adjusted: dec("100"), Executed: dec("105.5")}, "105.50", "10.00", nil},
		{"no cap when the rule says so", func(r *Rule) { r.Execution.Cap = false }, Budget{Adjusted: dec("100"), Executed: dec("105.5")}, "105.50", "10.55", nil},
		{"whole points half-up: 8.6 → 9", func(r *Rule) { r.Places = 0 }, Budget{Adjusted: dec("100"), Executed: dec("86"), Reason: "原因"}, "86.00", "9", nil},
		{"whole points down: 8.6 → 8", func(r *Rule) { r.Places, r.Rounding = 0, "down" }, Budget{Adjusted: dec("100"), Executed: dec("86"), Reason: "原因"}, "86.00", "8", nil},
		{"half-even: 8.5 → 8", func(r *Rule) { r.Places, r.Rounding = 0, "half-even" }, Budget{Adjusted: dec("100"), Executed: dec("85"), Reason: "原因"}, "85.00", "8", nil},
		{"half-up: 8.5 → 9", func(r *Rule) { r.Places = 0 }, Budget{Adjusted: dec("100"), Executed: dec("85"), Reason: "原因"}, "85.00", "9", nil},
		{"A from 年初预算数 when 全年 is empty", nil, Budget{Initial: dec("167.0104"), Executed: dec("150.3094")}, "90.00", "9.00", nil},
		{"exact in 万元 with six places", nil, Budget{Adjusted: dec("137.01041"), Executed: dec("130.159890")}, "95.00", "9.50", nil},
		{"no budget", nil, Budget{Executed: dec("10")}, "", "", []string{"score.execution.budget"}},
		{"written rate and score agree", nil, Budget{Adjusted: dec("3"), Executed: dec("2.9"), WrittenRate: dec("96.67"), WrittenScore: dec("9.7")}, "96.67", "9.67", nil},
		{"written rate wrong", nil, Budget{Adjusted: dec("3"), Executed: dec("2.9"), WrittenRate: dec("97.5"), WrittenScore: dec("9.67")}, "96.67", "9.67", []string{"score.execution.rate"}},
		{"written score wrong", nil, Budget{Adjusted: dec("3"), Executed: dec("2.9"), WrittenScore: dec("9.5")}, "96.67", "9.67", []string{"score.execution.written"}},
		{"written whole points either way", nil, Budget{Adjusted: dec("3"), Executed: dec("2.9"), WrittenScore: dec("9")}, "96.67", "9.67", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := national(t)
			if tt.rule != nil {
				r = withRule(t, tt.rule)
			}
			var fs []check.Finding
			got := r.scoreExecution(&tt.b, &fs)
			if got.Rate.String() != tt.rate || got.Score.String() != tt.score {
				t.Errorf("rate %q score %q; want %q %q (%s)", got.Rate, got.Score, tt.rate, tt.score, got.Arithmetic)
			}
			if diff := cmp.Diff(tt.findings, rules(fs)); diff != "" {
				t.Errorf("findings mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGrades(t *testing.T) {
	r := national(t)
	for total, want := range map[string]string{"100": "优", "90": "优", "89.99": "良", "80": "良", "79.99": "中", "60": "中", "59.99": "差", "0": "差"} {
		if got := r.Grade(dec(total)); got != want {
			t.Errorf("Grade(%s) = %s, want %s", total, got, want)
		}
	}
}

// A whole table: 10 points of execution and 90 over the indicators, as the national rule
// and the real tables have it.
func evaluation() *Evaluation {
	return &Evaluation{
		Budget: Budget{Initial: dec("30"), Adjusted: dec("30"), Executed: dec("28.5")},
		Indicators: []Indicator{
			{Path: "indicators[0]", Level1: "产出指标", Level2: "数量指标", Name: "开展培训次数", Target: jixiao.ParseTarget("≥8次"), Actual: jixiao.ParseTarget("8次"), Weight: dec("20")},
			{Path: "indicators[1]", Level1: "产出指标", Level2: "质量指标", Name: "培训合格率", Target: jixiao.ParseTarget("≥95%"), Actual: jixiao.ParseTarget("90%"), Weight: dec("15"), Reason: "部分学员缺考。"},
			{Path: "indicators[2]", Level1: "产出指标", Level2: "时效指标", Name: "完成时间", Target: jixiao.ParseTarget("2021年12月底前"), Actual: jixiao.ParseTarget("2021年11月"), Weight: dec("15")},
			{Path: "indicators[3]", Level1: "效益指标", Level2: "社会效益指标", Name: "统战工作影响力", Target: jixiao.ParseTarget("显著提升"), Actual: jixiao.ParseTarget("达成预期指标"), Weight: dec("30")},
			{Path: "indicators[4]", Level1: "满意度指标", Level2: "服务对象满意度指标", Name: "参训人员满意度", Target: jixiao.ParseTarget("≥90%"), Actual: jixiao.ParseTarget("95%"), Weight: dec("10")},
		},
	}
}

func TestScoreTable(t *testing.T) {
	r := national(t)
	e := evaluation()
	e.WrittenTotal, e.WrittenGrade = dec("99.2"), "优"
	res := r.Score(e)
	// 9.5 (28.5 ÷ 30 × 10) + 20 + 14.21 (90 ÷ 95 × 15) + 15 + 30 + 10 = 98.71
	if res.Total.String() != "98.71" || res.Grade != "优" || !res.Complete {
		t.Fatalf("total %s grade %s complete %v: %s", res.Total, res.Grade, res.Complete, res.Arithmetic)
	}
	if diff := cmp.Diff([]string{"score.total.written"}, rules(res.Findings)); diff != "" {
		t.Errorf("findings mismatch (-want +got):\n%s", diff)
	}
	if res.Arithmetic != "9.50 + 20.00 + 14.21 + 15.00 + 30.00 + 10.00 = 98.71" {
		t.Errorf("arithmetic %q", res.Arithmetic)
	}

	// The JSON the CLI prints has the keys issue 16 names.
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	for _, k := range []string{"total", "writtenTotal", "grade", "execution", "indicators"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, b)
		}
	}
	first := m["indicators"].([]any)[0].(map[string]any)
	for _, k := range []string{"name", "weight", "target", "actual", "score", "writtenScore"} {
		if _, ok := first[k]; !ok {
			t.Errorf("indicator JSON lacks %q", k)
		}
	}
	ex := m["execution"].(map[string]any)
	if ex["rate"] != "95.00" || ex["score"] != "9.50" {
		t.Errorf("execution JSON %v", ex)
	}
}

func TestWeights(t *testing.T) {
	e := evaluation()
	e.Indicators[0].Weight = dec("25") // 产出 55, total 105
	res := national(t).Score(e)
	if diff := cmp.Diff([]string{"score.weights.total", "score.weights.level1"}, rules(res.Findings)); diff != "" {
		t.Errorf("findings mismatch (-want +got):\n%s", diff)
	}
	for _, f := range res.Findings {
		if f.Rule == "score.weights.level1" && f.Severity != check.Info {
			t.Errorf("the national rule allows plan weights: %v", f)
		}
	}
	strict := withRule(t, func(r *Rule) { r.PlanWeights = false })
	e = evaluation()
	e.Indicators[0].Weight, e.Indicators[3].Weight = dec("25"), dec("25") // 产出 55 效益 25: 100 in all
	res = strict.Score(e)
	if diff := cmp.Diff([]string{"score.weights.level1", "score.weights.level1"}, rules(res.Findings)); diff != "" {
		t.Errorf("findings mismatch (-want +got):\n%s", diff)
	}
	for _, f := range res.Findings {
		if f.Severity != check.Error {
			t.Errorf("a strict rule refuses other weights: %v", f)
		}
	}
}

// 满意度 under 效益 (the seed's Hunan framework) counts as 满意度.
func TestSatisfactionUnderEffect(t *testing.T) {
	r := national(t)
	if got := r.category("效益指标", "服务对象满意度指标"); r.Weights[got].Level1 != "满意度" {
		t.Errorf("category = %d", got)
	}
	if got := r.category("效益指标", "社会效益指标"); r.Weights[got].Level1 != "效益" {
		t.Errorf("category = %d", got)
	}
}

func TestRuleValidate(t *testing.T) {
	for name, js := range map[string]string{
		"weights":  `{"id":"x","places":2,"rounding":"half-up","weights":[{"level1":"产出","points":"60"}],"execution":{"points":"10"}}`,
		"rounding": `{"id":"x","places":2,"rounding":"ceil","weights":[{"level1":"产出","points":"90"}],"execution":{"points":"10"}}`,
		"grades":   `{"id":"x","places":2,"rounding":"half-up","weights":[{"level1":"产出","points":"90"}],"execution":{"points":"10"},"grades":[{"name":"良","from":"80"},{"name":"优","from":"90"}]}`,
		"json":     `{"id":`,
	} {
		if _, err := ParseRule([]byte(js)); err == nil || !strings.HasSuffix(jixiao.ErrorMessage(err), "。") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestMulDiv(t *testing.T) {
	tests := []struct {
		a, b, c    string
		places     int
		mode, want string
	}{
		{"90", "10", "95", 2, "half-up", "9.47"},
		{"2", "1", "3", 6, "half-up", "0.666667"},
		{"2", "1", "3", 6, "down", "0.666666"},
		{"-90", "10", "95", 2, "half-up", "-9.47"},
		{"2.5", "1", "1", 0, "half-even", "2"},
		{"3.5", "1", "1", 0, "half-even", "4"},
		{"2.5", "1", "1", 0, "half-up", "3"},
		// beyond 128 bits of micros: the big.Int path
		{"9000000000000", "9000000000000", "0.000001", 0, "half-up", "4611686018427"},
		{"900000000", "900000", "300000", 2, "half-up", "2700000000.00"},
	}
	for _, tt := range tests {
		if got := mulDiv(dec(tt.a), dec(tt.b), dec(tt.c), tt.places, tt.mode).String(); got != tt.want {
			t.Errorf("mulDiv(%s, %s, %s, %d, %s) = %s, want %s", tt.a, tt.b, tt.c, tt.places, tt.mode, got, tt.want)
		}
	}
}
