package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// The tables are built on the national layout (see selfeval/testdata for published
// ones): 9 (执行率 90%) + 27 (90 ÷ 100 × 30) + 20 + 30 + 10 = 96, 优.
func TestScoreCommand(t *testing.T) {
	code, stdout, stderr := runParseCmd(t, "score", "testdata/selfeval-ok.txt")
	if code != 0 {
		t.Fatalf("exit %d, want 0; stderr %q\n%s", code, stderr, stdout)
	}
	for _, want := range []string{"总分：计算 96.00（表中 96），等级：优", "实际完成值 90 ÷ 指标值 100 × 分值 30 = 27.00", "执行率 90.00%", "没有发现问题。"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}

	code, stdout, _ = runParseCmd(t, "score", "testdata/selfeval-noreason.txt")
	if code != 1 || !strings.Contains(stdout, "须填写偏差原因分析及改进措施。") || !strings.Contains(stdout, "三级指标“走访慰问人次” 偏差原因分析及改进措施") {
		t.Errorf("a shortfall without a reason: exit %d, want 1:\n%s", code, stdout)
	}

	code, stdout, stderr = runParseCmd(t, "score", "testdata/selfeval-ok.txt", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d; stderr %q", code, stderr)
	}
	var r struct {
		Total, Grade string
		WrittenTotal *string
		Execution    struct{ Rate, Score string }
		Indicators   []struct {
			Name, Weight, Target, Actual, Score string
			WrittenScore                        *string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	if r.Total != "96.00" || r.Grade != "优" || r.WrittenTotal == nil || *r.WrittenTotal != "96" || r.Execution.Rate != "90.00" || r.Execution.Score != "9.00" {
		t.Errorf("JSON %+v", r)
	}
	if len(r.Indicators) != 4 || r.Indicators[0].Name != "走访慰问人次" || r.Indicators[0].Score != "27.00" || r.Indicators[0].WrittenScore == nil || *r.Indicators[0].WrittenScore != "27" {
		t.Errorf("indicators %+v", r.Indicators)
	}

	if code, _, stderr := runParseCmd(t, "score", parseSeed); code != 2 || !strings.Contains(stderr, "未找到绩效自评表") {
		t.Errorf("a target table is not a self-evaluation: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := runParseCmd(t, "score", "testdata/selfeval-ok.txt", "--rule", "nope"); code != 2 || !strings.Contains(stderr, "评分规则") {
		t.Errorf("unknown rule: exit %d, stderr %q", code, stderr)
	}
}
