package jixiao_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// TestPlanJSONBackwardCompatible: a plan stored before projects existed (the seed as
// textdoc read it, with FundItem) decodes into the new model and encodes back to the
// same bytes, so stored revisions need no migration.
func TestPlanJSONBackwardCompatible(t *testing.T) {
	old, err := os.ReadFile("textdoc/testdata/seed.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var p jixiao.Plan
	if err := json.Unmarshal(old, &p); err != nil {
		t.Fatalf("old document does not decode: %v", err)
	}
	if len(p.Items()) == 0 || len(p.Projects) != 0 {
		t.Fatalf("items %d, projects %d", len(p.Items()), len(p.Projects))
	}
	got, err := json.MarshalIndent(&p, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(bytes.TrimSpace(old)), string(bytes.TrimSpace(got))); d != "" {
		t.Errorf("re-encoded old plan differs (-old +new):\n%s", d)
	}
}

// TestProjectJSON: the new fields survive a round trip.
func TestProjectJSON(t *testing.T) {
	want := jixiao.Plan{Department: "湘潭市环境卫生管理处", Year: 2023, Projects: []jixiao.Project{{
		Name: "雾炮车降尘抑尘服务", Code: "406-2020-YBXM", Authority: "湘潭市环境卫生管理处", Unit: "x",
		Amount: jixiao.MustDecimal("250"),
		Funds: []jixiao.FundLine{{Source: jixiao.FundTotal, Label: "年度本级预算金额", Text: "250万", Amount: jixiao.MustDecimal("250")},
			{Source: jixiao.FundUpper, Label: "该项目支出上级资金", Text: "0", Amount: jixiao.MustDecimal("0")}},
		PeriodText: "2023.07-2024.01",
		Indicators: []jixiao.Indicator{{Level1: "产出指标", Level2: "数量指标", Name: "出差人次", Target: jixiao.ParseTarget("=24人/次"),
			Weight: "4", Direction: jixiao.DirectionPositive, Kind: "定量", Standard: "计划标准", Explanation: "e", ScoringRule: "s",
			Written: &jixiao.WrittenTarget{Nature: "=", Value: "24", Unit: "人/次"}}},
		Unread: []jixiao.UnreadRow{{Where: "第3行", Cells: []string{"a", "b"}}},
	}}}
	b, err := json.Marshal(&want)
	if err != nil {
		t.Fatal(err)
	}
	var got jixiao.Plan
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got, cmp.Comparer(func(a, b jixiao.Decimal) bool { return a.String() == b.String() && a.IsSet() == b.IsSet() })); d != "" {
		t.Error(d)
	}
	if w, ok := got.Projects[0].Indicators[0].WeightValue(); !ok || w.String() != "4" {
		t.Errorf("weight %v %v", w, ok)
	}
}
