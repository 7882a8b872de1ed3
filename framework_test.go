package jixiao

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const testFramework = `{"kind":"framework","id":"t","name":"测试指标体系","level1":[
	{"name":"产出指标","category":"output","required":true,"level2":[
		{"name":"数量指标","category":"quantity","aliases":["产出数量"]},
		{"name":"成本指标","category":"cost"}]},
	{"name":"效益指标","category":"effect","aliases":["效益"],"level2":[
		{"name":"社会效益指标","category":"social"}]},
	{"name":"满意度指标","category":"satisfaction","level2":[
		{"name":"服务对象满意度指标","category":"satisfaction"}]}]}`

// TestFrameworkLookups reads a framework the way check loads its data files and looks its
// labels up by name, alias and the folded forms tables use (a trailing 指标, spaces).
func TestFrameworkLookups(t *testing.T) {
	var fw Framework
	if err := json.Unmarshal([]byte(testFramework), &fw); err != nil {
		t.Fatal(err)
	}
	if err := fw.Prepare(); err != nil {
		t.Fatal(err)
	}
	type got struct {
		L1       Category
		L2       Level2Entry
		L2Known  bool
		L1Name   string
		Level2Of string
	}
	tests := []struct {
		l1, l2 string
		want   got
	}{
		{"产出指标", "数量指标", got{CategoryOutput, Level2Entry{CategoryQuantity, CategoryOutput, "数量指标"}, true, "产出指标", "数量指标、成本指标"}},
		{" 产出 ", "产出数量", got{CategoryOutput, Level2Entry{CategoryQuantity, CategoryOutput, "数量指标"}, true, "产出指标", "数量指标、成本指标"}},
		{"效益", "社会效益", got{CategoryEffect, Level2Entry{CategorySocial, CategoryEffect, "社会效益指标"}, true, "效益指标", "社会效益指标"}},
		{"成本指标", "经济成本指标", got{CategoryUnknown, Level2Entry{}, false, "", ""}},
	}
	for _, tt := range tests {
		var g got
		g.L1 = fw.LookupLevel1(tt.l1)
		g.L2, g.L2Known = fw.LookupLevel2(tt.l2)
		g.L1Name, g.Level2Of = fw.Level1Name(g.L1), fw.Level2Names(g.L1)
		if diff := cmp.Diff(tt.want, g); diff != "" {
			t.Errorf("%s / %s mismatch (-want +got):\n%s", tt.l1, tt.l2, diff)
		}
	}
	if got, want := fw.Level1Names(), "产出指标、效益指标、满意度指标"; got != want {
		t.Errorf("Level1Names = %q, want %q", got, want)
	}
	if got := fw.Level2Cat(0, 1); got != CategoryCost || !got.IsCost() || got.Label() != "成本指标" {
		t.Errorf("Level2Cat(0, 1) = %v (%s)", got, got.Label())
	}
}

// TestFrameworkPrepareErrors: a framework file an operator got wrong is refused.
func TestFrameworkPrepareErrors(t *testing.T) {
	for name, js := range map[string]string{
		"no id":            `{"name":"x","level1":[{"name":"产出","category":"output"}]}`,
		"no level1":        `{"id":"x","name":"x"}`,
		"unknown category": `{"id":"x","name":"x","level1":[{"name":"产出","category":"nonsense"}]}`,
		"level2 under two": `{"id":"x","name":"x","level1":[{"name":"产出","category":"output","level2":[{"name":"成本","category":"cost"}]},{"name":"效益","category":"effect","level2":[{"name":"成本","category":"cost"}]}]}`,
	} {
		var fw Framework
		if err := json.Unmarshal([]byte(js), &fw); err != nil {
			t.Fatal(err)
		}
		if err := fw.Prepare(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestNormLabelFillHint: a template's fill-in hint after a 二级指标 (宁夏 2022:
// 数量指标（必填硬性指标）) does not hide the label from the framework; other parentheses stay.
func TestNormLabelFillHint(t *testing.T) {
	for in, want := range map[string]string{
		"数量指标(必填硬性指标)": "数量",
		"经济效益指标（选填）":   "经济效益",
		"质量指标 (必填)":    "质量",
		"产出数量":         "产出数量",
		"社会效益指标(其他)":   "社会效益指标(其他)",
	} {
		if got := NormLabel(in); got != want {
			t.Errorf("NormLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
