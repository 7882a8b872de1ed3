package render

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"jixiao"
	"jixiao/score"
)

func TestSelfEvaluationHTML(t *testing.T) {
	d := jixiao.MustDecimal
	rec := &jixiao.SelfEvaluation{Title: "项目支出绩效自评表", Year: 2022, Project: "义务教育营养改善计划专项资金",
		Funds: []jixiao.FundExecution{{Name: "年度资金总额", Adjusted: d("10"), Executed: d("9.5"), Score: d("9.5")}},
		Goals: []jixiao.GoalOutcome{{Expected: "改善学生体质<script>", Actual: "已改善"}},
		Indicators: []jixiao.IndicatorOutcome{
			{Indicator: jixiao.NewIndicator("产出指标", "数量指标", "学生受资助人数", "≥735人次", ""), Actual: jixiao.ParseTarget("735"), Weight: d("45"), Score: d("40")},
			{Indicator: jixiao.NewIndicator("产出指标", "数量指标", "覆盖率", "≥100%", ""), Actual: jixiao.ParseTarget("100%"), Weight: d("5"), Score: d("5")},
			{Indicator: jixiao.NewIndicator("效益指标", "社会效益指标", "政策知晓率", "≥90%", ""), Actual: jixiao.ParseTarget("95%"), Weight: d("30"), Score: d("30")},
			{Indicator: jixiao.NewIndicator("满意度指标", "服务对象满意度指标", "学生满意度", "≥95%", ""), Actual: jixiao.ParseTarget("96%"), Weight: d("10"), Score: d("10")},
		}}
	r, _ := score.Lookup("")
	res := r.Score(score.FromRecord(rec))
	var b bytes.Buffer
	if err := SelfEvaluationHTML(&b, "", []SelfEvaluation{{Record: rec, Result: res}}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"项目支出绩效自评表", "（2022年度）", "45.00<span class=\"jx-diff\">（表中 40）</span>", "99.50", "表中得分为 40", "&lt;script&gt;"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	// The 一级 cell of the two 产出 rows is one cell spanning two rows; 二级 too.
	var spans []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "td" {
			for _, a := range n.Attr {
				if a.Key == "rowspan" && n.FirstChild != nil {
					spans = append(spans, n.FirstChild.Data+":"+a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if strings.Join(spans, ",") != "产出指标:2,数量指标:2" {
		t.Errorf("rowspans %v", spans)
	}
	if err := SelfEvaluationHTML(&b, "", nil); jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Errorf("no tables: %v", err)
	}
}
