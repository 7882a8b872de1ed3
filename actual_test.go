package jixiao

import "testing"

func TestCompareActual(t *testing.T) {
	tests := []struct {
		target, actual   string
		comparable, met  bool
		numeric          bool
		actualInTargetUn string
	}{
		{"≥95%", "96%", true, true, true, "96"},
		{"≥95%", "96", true, true, true, "96"}, // no unit: the target's
		{"≥95%", "94.9%", true, false, true, "94.9"},
		{"≤5天", "5天", true, true, true, "5"},
		{"≤5天", "6天", true, false, true, "6"},
		{"<5天", "5天", true, false, true, "5"},
		{">5天", "6天", true, true, true, "6"},
		{"1个", "1个", true, true, true, "1"},
		{"1个", "2个", true, false, true, "2"},
		{"≤10万元", "120000元", true, false, true, "12"},
		{"≥30000元", "3万元", true, true, true, "30000"},
		{"≥100人", "3期", false, false, false, ""},
		{"≥95%", "达成预期指标", true, true, false, ""},
		{"≥95%", "未完成", true, false, false, ""},
		{"显著提升", "部分达成", true, false, false, ""},
		{"显著提升", "达成预期指标", true, true, false, ""},
		{"良好", "良好", true, true, false, ""},
		{"良好", "一般", false, false, false, ""},
		{"6月底前", "2021年5月", true, true, false, ""},
		{"6月底前", "2021年7月", true, false, false, ""},
		{"2021年12月底前", "2022年1月", true, false, false, ""},
		{"2021年12月底前", "按期完成", true, true, false, ""},
		{"≥95%", "", false, false, false, ""},
		{"≥95%", "/", false, false, false, ""},
	}
	for _, tt := range tests {
		c := CompareActual(ParseTarget(tt.target), ParseTarget(tt.actual))
		if c.Comparable != tt.comparable || c.Met != tt.met || c.Numeric != tt.numeric || c.Actual.String() != tt.actualInTargetUn {
			t.Errorf("CompareActual(%q, %q) = %+v", tt.target, tt.actual, c)
		}
		if !c.Comparable && c.Problem == "" {
			t.Errorf("CompareActual(%q, %q): no reason given", tt.target, tt.actual)
		}
	}
}

func TestParseDirection(t *testing.T) {
	for s, want := range map[string]Direction{"正向": DirectionPositive, "反向指标": DirectionNegative, "": DirectionNone} {
		if got, ok := ParseDirection(s); !ok || got != want {
			t.Errorf("ParseDirection(%q) = %q, %v", s, got, ok)
		}
	}
	if _, ok := ParseDirection("向上"); ok {
		t.Error("ParseDirection accepted 向上")
	}
	if DirectionOf(OpLE) != DirectionNegative || DirectionOf(OpGE) != DirectionPositive || DirectionOf(OpEQ) != DirectionNone {
		t.Error("DirectionOf")
	}
}
