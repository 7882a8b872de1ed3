package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"jixiao"
	"jixiao/monitor"
)

func TestMonitoringHTML(t *testing.T) {
	d := jixiao.MustDecimal
	rec := &jixiao.MonitoringRecord{Title: "项目支出绩效监控表", Round: jixiao.MonitoringRound{Year: 2021, AsOf: 7},
		Project: "农村饮水安全水质监测<script>",
		Funds: []jixiao.FundProgress{{FundExecution: jixiao.FundExecution{Name: "年度资金总额", Initial: d("120"), Executed: d("30")}, ForecastExecuted: d("118")},
			{FundExecution: jixiao.FundExecution{Name: "财政拨款", Initial: d("100"), Executed: d("30")}}},
		Indicators: []jixiao.IndicatorProgress{
			{Indicator: jixiao.NewIndicator("产出指标", "数量指标", "水样检测数量", "≥400份", ""), Actual: jixiao.ParseTarget("260份"), Forecast: jixiao.ParseTarget("380份"), Likelihood: jixiao.LikelihoodPossible},
			{Indicator: jixiao.NewIndicator("产出指标", "数量指标", "检测项目数", "≥42项", ""), Actual: jixiao.ParseTarget("42项"), Forecast: jixiao.ParseTarget("42项"), Likelihood: jixiao.LikelihoodCertain},
			{Indicator: jixiao.NewIndicator("效益指标", "社会效益指标", "知晓率", "≥80%", ""), Actual: jixiao.ParseTarget("85%"), Forecast: jixiao.ParseTarget("90%"), Likelihood: jixiao.LikelihoodCertain},
		}}
	rules, err := monitor.Lookup(monitor.DefaultRules)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := MonitoringHTML(&b, "", []Monitoring{{Record: rec, Alerts: rules.Check(rec)}}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"项目支出绩效监控表", "2021年截至7月底，序时进度 58.33%", "红色预警</span>", "25.00%", "&lt;script&gt;",
		"红色预警：截至7月底执行率 25.00%，低于序时进度 58.33% 超过 20 个百分点。"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	// The cells the alerts point at carry their level, and nothing else does.
	var marked []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "td" {
			for _, a := range n.Attr {
				if a.Key == "class" && (strings.Contains(a.Val, "jx-red") || strings.Contains(a.Val, "jx-yellow")) {
					text := ""
					if n.FirstChild != nil {
						text = n.FirstChild.Data
					}
					level := "yellow"
					if strings.Contains(a.Val, "jx-red") {
						level = "red"
					}
					marked = append(marked, level+":"+text)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	want := []string{"red:30", "yellow:380份", "yellow:", "yellow:"} // executed; forecast; no reason; no remedy
	if diff := cmp.Diff(want, marked); diff != "" {
		t.Errorf("marked cells mismatch (-want +got):\n%s", diff)
	}
	if err := MonitoringHTML(&b, "", nil); jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Errorf("no tables: err = %v, want EINVALID", err)
	}
}
