package jixiao

import (
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func num(text string, op Op, v, unit string) Target {
	return Target{Text: text, Kind: TargetNumeric, Op: op, Value: MustDecimal(v), Unit: unit}
}

func qual(text, grade string) Target {
	return Target{Text: text, Kind: TargetQualitative, Grade: grade}
}

func na(text string) Target { return Target{Text: text, Kind: TargetNotApplicable} }

func period(text string, d *Period) Target {
	return Target{Text: text, Kind: TargetPeriod, Deadline: d}
}

func unreadable(text, problem string) Target {
	return Target{Text: text, Kind: TargetUnreadable, Problem: problem}
}

func part(text, name string, op Op, v, unit string) TargetPart {
	return TargetPart{Text: text, Name: name, Op: op, Value: MustDecimal(v), Unit: unit}
}

// decimalCmp compares decimals by value and places (their fields are unexported).
var decimalCmp = cmp.Comparer(func(a, b Decimal) bool { return a == b })

func TestParseTarget(t *testing.T) {
	seedCounts := "各类培训8次；各类会议21次；调研9次；督查5次；宣传11次、联谊交友15次，其他20次。"
	seedCosts := "新联会5万；知联会5万；民主党派基层组织5万； 民族宗教5万；统战特别政治经费10万。"
	tests := []struct {
		in   string
		want Target
	}{
		// Operator, number and unit inline; ASCII, full-width, words.
		{"≥95%", num("≥95%", OpGE, "95", "%")},
		{"≤3万元", num("≤3万元", OpLE, "3", "万元")},
		{"≤5万元", num("≤5万元", OpLE, "5", "万元")},
		{"≤150元/人", num("≤150元/人", OpLE, "150", "元/人")},
		{"≤200元/人", num("≤200元/人", OpLE, "200", "元/人")},
		{">88%", num(">88%", OpGT, "88", "%")},
		{"<5%", num("<5%", OpLT, "5", "%")},
		{"=100%", num("=100%", OpEQ, "100", "%")},
		{"≥30个", num("≥30个", OpGE, "30", "个")},
		{"≥100百分比", num("≥100百分比", OpGE, "100", "%")},
		{"≥60M", num("≥60M", OpGE, "60", "M")},
		{"≥10Mbps", num("≥10Mbps", OpGE, "10", "Mbps")},
		{">=95%", num(">=95%", OpGE, "95", "%")},
		{"<=2小时", num("<=2小时", OpLE, "2", "小时")},
		{"＞＝95％", num("＞＝95％", OpGE, "95", "%")},
		{"≥９５．５％", num("≥９５．５％", OpGE, "95.5", "%")},
		{"≥ 95 %", num("≥ 95 %", OpGE, "95", "%")},
		{" ≥95%\n", num(" ≥95%\n", OpGE, "95", "%")},
		{"≥95%。", num("≥95%。", OpGE, "95", "%")},
		{"不低于90%", num("不低于90%", OpGE, "90", "%")},
		{"不少于30人次", num("不少于30人次", OpGE, "30", "人次")},
		{"不超过5万元", num("不超过5万元", OpLE, "5", "万元")},
		{"大于等于98%", num("大于等于98%", OpGE, "98", "%")},
		{"达到100%", num("达到100%", OpGE, "100", "%")},
		{"95%以上", num("95%以上", OpGE, "95", "%")},
		{"95%（含）以上", num("95%（含）以上", OpGE, "95", "%")},
		{"100人及以上", num("100人及以上", OpGE, "100", "人")},
		{"5%以下", num("5%以下", OpLE, "5", "%")},
		{"≤5万元以内", num("≤5万元以内", OpLE, "5", "万元")},
		{"控制在5万元以内", num("控制在5万元以内", OpLE, "5", "万元")},
		{"3个工作日内", num("3个工作日内", OpLE, "3", "个工作日")},
		{"5个工作日内完成", num("5个工作日内完成", OpLE, "5", "个工作日")},
		{"满意度≥90%", num("满意度≥90%", OpGE, "90", "%")},
		{"≥1.5亿元", num("≥1.5亿元", OpGE, "1.5", "亿元")},
		{"≤0.5‰", num("≤0.5‰", OpLE, "0.5", "‰")},
		{"≥2次/年", num("≥2次/年", OpGE, "2", "次/年")},
		{"≤3元／人", num("≤3元／人", OpLE, "3", "元/人")},
		{"≥50平方米", num("≥50平方米", OpGE, "50", "平方米")},
		{"提高5个百分点以上", unreadable("提高5个百分点以上", problemChange)},
		{"≥1,000人次", num("≥1,000人次", OpGE, "1000", "人次")},
		// Number with a unit and no operator.
		{"12台", num("12台", OpNone, "12", "台")},
		{"180万", num("180万", OpNone, "180", "万")},
		{"16.5万元", num("16.5万元", OpNone, "16.5", "万元")},
		{"16.50万元", num("16.50万元", OpNone, "16.50", "万元")},
		{"100%", num("100%", OpNone, "100", "%")},
		{"1个", num("1个", OpNone, "1", "个")},
		{"3趟", num("3趟", OpNone, "3", "趟")},
		{"95", num("95", OpNone, "95", "")},
		{"0", num("0", OpNone, "0", "")},
		{"2022.12", num("2022.12", OpNone, "2022.12", "")},
		{"44,926", num("44,926", OpNone, "44926", "")},
		{"12个月", num("12个月", OpNone, "12", "个月")},
		{"培训8次", num("培训8次", OpNone, "8", "次")},
		{"100%完成", num("100%完成", OpNone, "100", "%")},
		{"≥95%（满意度）", num("≥95%（满意度）", OpGE, "95", "%")},
		{"1500余人", num("1500余人", OpGE, "1500", "人")},
		{"100多户", num("100多户", OpGE, "100", "户")},
		{"约100人", num("约100人", OpNone, "100", "人")},
		{"2个月内", num("2个月内", OpLE, "2", "个月")},
		{"≥1.5万人次", num("≥1.5万人次", OpGE, "1.5", "万人次")},
		// Periods and deadlines.
		{"2021.1-2021.12", period("2021.1-2021.12", &Period{Text: "2021.1-2021.12", FromYear: 2021, FromMonth: 1, ToYear: 2021, ToMonth: 12})},
		{"2022.03-2022.12", period("2022.03-2022.12", &Period{Text: "2022.03-2022.12", FromYear: 2022, FromMonth: 3, ToYear: 2022, ToMonth: 12})},
		{"2021年1月至12月", period("2021年1月至12月", &Period{Text: "2021年1月至12月", FromYear: 2021, FromMonth: 1, ToYear: 2021, ToMonth: 12})},
		{"2021年", period("2021年", &Period{Text: "2021年", FromYear: 2021, FromMonth: 1, ToYear: 2021, ToMonth: 12})},
		{"2021-06", period("2021-06", &Period{Text: "2021-06", FromYear: 2021, FromMonth: 6, ToYear: 2021, ToMonth: 6})},
		{"10月前", period("10月前", &Period{Text: "10月前", FromMonth: 1, ToMonth: 10})},
		{"10月以前", period("10月以前", &Period{Text: "10月以前", FromMonth: 1, ToMonth: 10})},
		{"6月底前", period("6月底前", &Period{Text: "6月底前", FromMonth: 1, ToMonth: 6})},
		{"6月底", period("6月底", &Period{Text: "6月底", FromMonth: 1, ToMonth: 6})},
		{"12月31日前", period("12月31日前", &Period{Text: "12月31日前", FromMonth: 1, ToMonth: 12})},
		{"十月前", period("十月前", &Period{Text: "十月前", FromMonth: 1, ToMonth: 10})},
		{"年底前", period("年底前", &Period{Text: "年底前", FromMonth: 1, ToMonth: 12})},
		{"年底前完成", period("年底前完成", &Period{Text: "年底前完成", FromMonth: 1, ToMonth: 12})},
		{"2021年12月底前完成", period("2021年12月底前完成", &Period{Text: "2021年12月底前完成", FromYear: 2021, FromMonth: 1, ToYear: 2021, ToMonth: 12})},
		{"2021年6月30日前", period("2021年6月30日前", &Period{Text: "2021年6月30日前", FromYear: 2021, FromMonth: 1, ToYear: 2021, ToMonth: 6})},
		{"2021.12.31前", period("2021.12.31前", &Period{Text: "2021.12.31前", FromYear: 2021, FromMonth: 1, ToYear: 2021, ToMonth: 12})},
		{"按季度", period("按季度", nil)},
		{"第三季度", period("第三季度", &Period{Text: "第三季度", FromMonth: 1, ToMonth: 9})},
		{"上半年前", period("上半年前", &Period{Text: "上半年前", FromMonth: 1, ToMonth: 6})},
		{"每月", period("每月", nil)},
		{"及时", period("及时", nil)},
		// Qualitative.
		{"良好", qual("良好", "良好")},
		{"优良", qual("优良", "优良")},
		{"显著提升", qual("显著提升", "显著提升")},
		{"逐步改善", qual("逐步改善", "逐步改善")},
		{"应保尽保", qual("应保尽保", "应保尽保")},
		{"符合规定", qual("符合规定", "符合规定")},
		{"达成预期指标", qual("达成预期指标", "达成预期指标")},
		{"达标", qual("达标", "达标")},
		{"优", qual("优", "优")},
		{"不超过预算", qual("不超过预算", "不超过预算")},
		{"提前完成", qual("提前完成", "提前完成")},
		{"有效提升。", qual("有效提升。", "有效提升")},
		{"群众满意度 明显 提高", qual("群众满意度 明显 提高", "群众满意度明显提高")},
		// Not applicable.
		{"/", na("/")},
		{"／", na("／")},
		{"—", na("—")},
		{"——", na("——")},
		{"-", na("-")},
		{"", na("")},
		{"  \n ", na("  \n ")},
		{"无直接经济效益", na("无直接经济效益")},
		{"无", na("无")},
		// Compound counts (the seed).
		{seedCounts, Target{Text: seedCounts, Kind: TargetCompound, Parts: []TargetPart{
			part("各类培训8次", "各类培训", OpNone, "8", "次"),
			part("各类会议21次", "各类会议", OpNone, "21", "次"),
			part("调研9次", "调研", OpNone, "9", "次"),
			part("督查5次", "督查", OpNone, "5", "次"),
			part("宣传11次", "宣传", OpNone, "11", "次"),
			part("联谊交友15次", "联谊交友", OpNone, "15", "次"),
			part("其他20次", "其他", OpNone, "20", "次"),
		}}},
		{seedCosts, Target{Text: seedCosts, Kind: TargetCompound, Parts: []TargetPart{
			part("新联会5万", "新联会", OpNone, "5", "万"),
			part("知联会5万", "知联会", OpNone, "5", "万"),
			part("民主党派基层组织5万", "民主党派基层组织", OpNone, "5", "万"),
			part("民族宗教5万", "民族宗教", OpNone, "5", "万"),
			part("统战特别政治经费10万", "统战特别政治经费", OpNone, "10", "万"),
		}}},
		{"培训不少于8次；会议≥3次", Target{Text: "培训不少于8次；会议≥3次", Kind: TargetCompound, Parts: []TargetPart{
			part("培训不少于8次", "培训", OpGE, "8", "次"),
			part("会议≥3次", "会议", OpGE, "3", "次"),
		}}},
		{"培训1,000人次，会议2次", Target{Text: "培训1,000人次，会议2次", Kind: TargetCompound, Parts: []TargetPart{
			part("培训1,000人次", "培训", OpNone, "1000", "人次"),
			part("会议2次", "会议", OpNone, "2", "次"),
		}}},
		// Unreadable: kept verbatim, with a reason.
		{"1个省级民族团结创建示范点", unreadable("1个省级民族团结创建示范点", problemNotUnit+"“个省级民族团结创建示范点”")},
		{"创建1个市级同心示范点，开展活动", unreadable("创建1个市级同心示范点，开展活动", problemNotUnit+"“个市级同心示范点，开展活动”")},
		{"95%-100%", unreadable("95%-100%", problemRange)},
		{"3~5次", unreadable("3~5次", problemRange)},
		{"≥", unreadable("≥", problemOpOnly)},
		{"≥95%以下", unreadable("≥95%以下", problemConflict)},
		{"≥1.1234567%", unreadable("≥1.1234567%", problemPlaces)},
		{"≥99999999999999%", unreadable("≥99999999999999%", problemTooLarge)},
		{"各类培训8次；会议若干", unreadable("各类培训8次；会议若干", problemCompoundBad+"“会议若干”")},
		{"同比增长5%", unreadable("同比增长5%", problemChange)},
		{"符合GB3095-2012标准", unreadable("符合GB3095-2012标准", problemUnknown)},
		{"≥1个省级示范点", unreadable("≥1个省级示范点", problemNotUnit+"“个省级示范点”")},
		{"≥95%;≥90%", unreadable("≥95%;≥90%", problemUnknown)},
		{"5-10人", unreadable("5-10人", problemRange)},
	}
	if len(tests) < 40 {
		t.Fatalf("only %d forms", len(tests))
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		if seen[tt.in] {
			t.Errorf("duplicate case %q", tt.in)
		}
		seen[tt.in] = true
		got := ParseTarget(tt.in)
		if diff := cmp.Diff(tt.want, got, decimalCmp); diff != "" {
			t.Errorf("ParseTarget(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestNewIndicatorContext(t *testing.T) {
	d := func(text string, y, m int) *Period {
		return &Period{Text: text, FromYear: y, FromMonth: 1, ToYear: y, ToMonth: m}
	}
	tests := []struct {
		level1, level2, target string
		want                   Target
	}{
		{"效益指标", "社会公众及服务对象满意度", "90%", Target{Text: "90%", Kind: TargetNumeric, Op: OpGE, OpImplied: true, Value: MustDecimal("90"), Unit: "%"}},
		{"满意度指标", "服务对象满意度指标", "95%", Target{Text: "95%", Kind: TargetNumeric, Op: OpGE, OpImplied: true, Value: MustDecimal("95"), Unit: "%"}},
		{"满意度指标", "服务对象满意度指标", "≤5%", num("≤5%", OpLE, "5", "%")},
		{"产出指标", "产出质量", "100%", num("100%", OpNone, "100", "%")},
		{"产出指标", "产出时效", "44,926", period("44,926", d("2022-12-31", 2022, 12))},
		{"产出指标", "时效指标", "44561", period("44561", d("2021-12-31", 2021, 12))},
		{"产出指标", "时效指标", "≤44377", period("≤44377", d("2021-06-30", 2021, 6))},
		{"产出指标", "时效指标", "2022.10", period("2022.10", d("2022.10", 2022, 10))},
		{"产出指标", "时效指标", "2022.1", period("2022.1", d("2022.1", 2022, 1))},
		{"产出指标", "时效指标", "100%", num("100%", OpNone, "100", "%")},
		{"产出指标", "时效指标", "30天", num("30天", OpNone, "30", "天")},
		{"产出指标", "时效指标", "2022.13", num("2022.13", OpNone, "2022.13", "")},
		{"产出指标", "数量指标", "44,926", num("44,926", OpNone, "44926", "")},
		{"产出指标", "数量指标", "2022.10", num("2022.10", OpNone, "2022.10", "")},
	}
	for _, tt := range tests {
		in := NewIndicator(tt.level1, tt.level2, "指标", tt.target, "")
		if diff := cmp.Diff(tt.want, in.Target, decimalCmp); diff != "" {
			t.Errorf("NewIndicator(%s/%s, %q) mismatch (-want +got):\n%s", tt.level1, tt.level2, tt.target, diff)
		}
	}
}

func TestTargetJSON(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"≥95%", `{"text":"≥95%","kind":"numeric","op":"≥","value":"95","unit":"%"}`},
		{"0%", `{"text":"0%","kind":"numeric","value":"0","unit":"%"}`},
		{"良好", `{"text":"良好","kind":"qualitative","grade":"良好"}`},
		{"/", `{"text":"/","kind":"notApplicable"}`},
		{"10月前", `{"text":"10月前","kind":"period","deadline":{"text":"10月前","fromMonth":1,"toMonth":10}}`},
		{"调研9次；督查5次", `{"text":"调研9次；督查5次","kind":"compound","parts":[{"text":"调研9次","name":"调研","value":"9","unit":"次"},{"text":"督查5次","name":"督查","value":"5","unit":"次"}]}`},
	}
	for _, tt := range tests {
		tg := ParseTarget(tt.in)
		b, err := json.Marshal(tg)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, string(b)); diff != "" {
			t.Errorf("json of %q mismatch (-want +got):\n%s", tt.in, diff)
		}
		var back Target
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("unmarshal %s: %v", b, err)
		}
		if diff := cmp.Diff(tg, back, decimalCmp); diff != "" {
			t.Errorf("round trip of %q mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestTargetString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"≥95%", "≥ 95 %"},
		{"1个", "= 1 个"},
		{"95", "= 95"},
		{"良好", "良好"},
		{"/", "/"},
		{"调研9次；督查≥5次", "调研 = 9 次；督查 ≥ 5 次"},
	}
	for _, tt := range tests {
		if got := ParseTarget(tt.in).String(); got != tt.want {
			t.Errorf("ParseTarget(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	p := func(text string, fy, fm, ty, tm int) Period {
		return Period{Text: text, FromYear: fy, FromMonth: fm, ToYear: ty, ToMonth: tm}
	}
	tests := []struct {
		in   string
		want Period
		ok   bool
	}{
		{"2021.1-2021.12", p("2021.1-2021.12", 2021, 1, 2021, 12), true},
		{"2022.03-2022.12", p("2022.03-2022.12", 2022, 3, 2022, 12), true},
		{"2021年1月-2021年12月", p("2021年1月-2021年12月", 2021, 1, 2021, 12), true},
		{"2021年1月至12月", p("2021年1月至12月", 2021, 1, 2021, 12), true},
		{"2021年1-12月", p("2021年1-12月", 2021, 1, 2021, 12), true},
		{"2021.1-12", p("2021.1-12", 2021, 1, 2021, 12), true},
		{"2021-01至2021-12", p("2021-01至2021-12", 2021, 1, 2021, 12), true},
		{"2021-01-2021-12", p("2021-01-2021-12", 2021, 1, 2021, 12), true},
		{"2021/1～2021/12", p("2021/1～2021/12", 2021, 1, 2021, 12), true},
		{"2021.1.1-2021.12.31", p("2021.1.1-2021.12.31", 2021, 1, 2021, 12), true},
		{"２０２１．１—２０２２．６", p("２０２１．１—２０２２．６", 2021, 1, 2022, 6), true},
		{"2021 年 3 月 ~ 2023 年", p("2021 年 3 月 ~ 2023 年", 2021, 3, 2023, 12), true},
		{"2021-2023", p("2021-2023", 2021, 1, 2023, 12), true},
		{"2021", p("2021", 2021, 1, 2021, 12), true},
		{"2021年", p("2021年", 2021, 1, 2021, 12), true},
		{"2021年度", p("2021年度", 2021, 1, 2021, 12), true},
		{"2021.6", p("2021.6", 2021, 6, 2021, 6), true},
		{"2021-12-31", p("2021-12-31", 2021, 12, 2021, 12), true},
		{"2021年6月", p("2021年6月", 2021, 6, 2021, 6), true},
		{"", Period{}, false},
		{"2021.13", Period{Text: "2021.13"}, false},
		{"2021.12-2021.1", Period{Text: "2021.12-2021.1"}, false},
		{"1-12月", Period{Text: "1-12月"}, false},
		{"12.5", Period{Text: "12.5"}, false},
		{"1850.1-1850.12", Period{Text: "1850.1-1850.12"}, false},
		{"2021.1-2021.12（一年）", Period{Text: "2021.1-2021.12（一年）"}, false},
		{"20211-20212", Period{Text: "20211-20212"}, false},
		{"2021.1.32", Period{Text: "2021.1.32"}, false},
		{"年底", Period{Text: "年底"}, false},
	}
	for _, tt := range tests {
		got, ok := ParsePeriod(tt.in)
		if ok != tt.ok {
			t.Errorf("ParsePeriod(%q) ok = %v, want %v", tt.in, ok, tt.ok)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParsePeriod(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseTargetAllocs(t *testing.T) {
	for _, s := range []string{"≥95%", "≤150元/人", "100%", "良好", "/", "2021.1-2021.12", "10月前", "不低于90%"} {
		n := testing.AllocsPerRun(100, func() { _ = ParseTarget(s) })
		max := 0.0
		if s == "2021.1-2021.12" || s == "10月前" {
			max = 1 // the Deadline pointer
		}
		if n > max {
			t.Errorf("ParseTarget(%q) allocates %v times, want ≤ %v", s, n, max)
		}
	}
	if n := testing.AllocsPerRun(100, func() {
		_ = NewIndicator("效益指标", "社会公众及服务对象满意度", "满意度", "90%", "")
	}); n != 0 {
		t.Errorf("NewIndicator of a satisfaction percentage allocates %v times", n)
	}
}

func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{"≥95%", "≤5万元以内", "各类培训8次；各类会议21次；调研9次。", "10月前", "2021.1-2021.12",
		"良好", "/", "44,926", "95%-100%", "１２台", "≥", "新联会5万；知联会5万", "2021年12月底前完成"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tg := ParseTarget(s)
		if tg.Text != s {
			t.Fatalf("Text %q, want the input %q verbatim", tg.Text, s)
		}
		switch tg.Kind {
		case TargetNumeric:
			if !tg.Value.IsSet() {
				t.Fatalf("numeric target %q without a value", s)
			}
			if back, err := ParseDecimal(tg.Value.String()); err != nil || back != tg.Value {
				t.Fatalf("value %q of %q does not re-parse: %v", tg.Value, s, err)
			}
		case TargetCompound:
			if len(tg.Parts) < 2 {
				t.Fatalf("compound %q with %d parts", s, len(tg.Parts))
			}
			for _, p := range tg.Parts {
				if p.Name == "" || p.Unit == "" || !p.Value.IsSet() {
					t.Fatalf("compound %q has an incomplete part %+v", s, p)
				}
			}
		case TargetUnreadable:
			if tg.Problem == "" {
				t.Fatalf("unreadable %q without a problem", s)
			}
		case TargetQualitative:
			if tg.Grade == "" || hasDigit(tg.Grade) {
				t.Fatalf("qualitative %q with grade %q", s, tg.Grade)
			}
		case TargetPeriod, TargetNotApplicable:
		default:
			t.Fatalf("kind %q for %q", tg.Kind, s)
		}
		if tg.Kind != TargetUnreadable && tg.Problem != "" {
			t.Fatalf("%s target %q with a problem", tg.Kind, s)
		}
		if utf8.ValidString(s) {
			b, err := json.Marshal(tg)
			if err != nil {
				t.Fatal(err)
			}
			var back Target
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("unmarshal %s: %v", b, err)
			}
			if !reflect.DeepEqual(tg, back) {
				t.Fatalf("JSON round trip of %q mismatch (-want +got):\n%s", s, cmp.Diff(tg, back, decimalCmp))
			}
		}
		in := NewIndicator("产出指标", "产出时效", "完成时间", s, "")
		if in.Target.Text != s {
			t.Fatalf("NewIndicator changed the text of %q", s)
		}
	})
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2021.1-2021.12", "2021年1月至12月", "2021-01-2021-12", "2021", "２０２１．１—２０２２．６", "2021.12-2021.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := ParsePeriod(s)
		if p.Text != s {
			t.Fatalf("Text %q, want %q", p.Text, s)
		}
		if !ok {
			if p.IsSet() {
				t.Fatalf("failed period %q has months %+v", s, p)
			}
			return
		}
		if p.FromMonth < 1 || p.FromMonth > 12 || p.ToMonth < 1 || p.ToMonth > 12 {
			t.Fatalf("%q: month out of range %+v", s, p)
		}
		if p.ToYear*12+p.ToMonth < p.FromYear*12+p.FromMonth {
			t.Fatalf("%q: ends before it starts %+v", s, p)
		}
		// The canonical form reads back to the same months.
		canon := p.String()
		q, ok := ParsePeriod(canon)
		if !ok || q.FromYear != p.FromYear || q.FromMonth != p.FromMonth || q.ToYear != p.ToYear || q.ToMonth != p.ToMonth {
			t.Fatalf("%q → %q → %+v, %v", s, canon, q, ok)
		}
	})
}

var sinkTarget Target

func BenchmarkParseTarget(b *testing.B) {
	// A mix like a real table: mostly bounds and percentages, some words and placeholders,
	// a few compound cells and periods.
	cells := []string{"≥95%", "100%", "≤5万元", "良好", "/", "无直接经济效益", "≤200元/人", "90%",
		"不低于90%", "12台", "2021.1-2021.12", "10月前", "各类培训8次；各类会议21次；调研9次；督查5次；宣传11次、联谊交友15次，其他20次。",
		"显著提升", "≥30个", "95%以上"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkTarget = ParseTarget(cells[i%len(cells)])
	}
}
