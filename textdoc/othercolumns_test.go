package textdoc_test

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/textdoc"
)

// TestIndicatorOtherColumns: a second 指标值 column is kept beside the year's target
// under its own header — 黄石's 2021年实际实现值 (filled in here: the published table left
// it empty) and 江苏's 半年(程)指标值 — instead of being dropped.
func TestIndicatorOtherColumns(t *testing.T) {
	data, err := os.ReadFile("../testdata/published/hubei-2022-project-huangshi-dangxiao-pifu.txt")
	if err != nil {
		t.Fatal(err)
	}
	filled := strings.Replace(string(data), "主体班培训人次\n\t\n\t280人次", "主体班培训人次\n\t260人次\n\t280人次", 1)
	if filled == string(data) {
		t.Fatal("the 主体班培训人次 row is not where the test expects it")
	}
	p, err := textdoc.Read("huangshi.txt", []byte(filled))
	if err != nil {
		t.Fatal(err)
	}
	in := p.Projects[0].Indicators[0]
	if d := cmp.Diff([]jixiao.LabelValue{{Label: "2021年实际实现值", Value: "260人次"}}, in.Other); d != "" || in.Target.Text != "280人次" {
		t.Errorf("主体班培训人次: target %q, other mismatch (-want +got):\n%s", in.Target.Text, d)
	}
	if other := p.Projects[0].Indicators[1].Other; other != nil {
		t.Errorf("a row with the column empty keeps %v", other)
	}

	data, err = os.ReadFile("../testdata/published/jiangsu-2024-project-zhenjiang-saizhenzhu-cut.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err = textdoc.Read("jiangsu.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	var half []string
	for _, in := range p.Projects[0].Indicators {
		for _, o := range in.Other {
			half = append(half, o.Label+"="+o.Value)
		}
	}
	if len(half) == 0 || !strings.HasPrefix(half[0], "半年(程)指标值=") {
		t.Errorf("江苏's half-year targets: %q", half)
	}
}
