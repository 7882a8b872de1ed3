package monitor_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/monitor"
)

func d(s string) jixiao.Decimal { return jixiao.MustDecimal(s) }

// money is a record with one 年度资金总额 row: budget, executed, at month asOf.
func money(asOf int, budget, executed string) *jixiao.MonitoringRecord {
	f := jixiao.FundProgress{FundExecution: jixiao.FundExecution{Name: "年度资金总额", Initial: d(budget), Executed: d(executed), Path: "第5行"}}
	return &jixiao.MonitoringRecord{Round: jixiao.MonitoringRound{Year: 2021, AsOf: asOf}, Funds: []jixiao.FundProgress{f}}
}

// indicator is a record with one indicator row.
func indicator(target, actual, forecast string, l jixiao.Likelihood, reason jixiao.DeviationReason) *jixiao.MonitoringRecord {
	in := jixiao.IndicatorProgress{
		Indicator: jixiao.NewIndicator("产出指标", "数量指标", "检测数量", target, ""),
		Actual:    jixiao.ParseTarget(actual), Forecast: jixiao.ParseTarget(forecast),
		Likelihood: l, Deviation: reason, Where: "第9行",
	}
	return &jixiao.MonitoringRecord{Round: jixiao.MonitoringRound{Year: 2021, AsOf: 7}, Indicators: []jixiao.IndicatorProgress{in}}
}

// remedied gives the record's indicator a 完善措施.
func remedied(r *jixiao.MonitoringRecord) *jixiao.MonitoringRecord {
	r.Indicators[0].Remedy = "加快进度"
	return r
}

// tableWide gives the record the table-wide 偏差原因 and 举措 (Hubei's layout).
func tableWide(r *jixiao.MonitoringRecord) *jixiao.MonitoringRecord {
	r.Deviation, r.Remedy = "资金下达较晚", "加快进度"
	return r
}

type got struct {
	Rule  string
	Level monitor.Level
	Path  string
}

func TestRules(t *testing.T) {
	national, err := monitor.Lookup("national-2019")
	if err != nil {
		t.Fatal(err)
	}
	hubei, err := monitor.Lookup("hubei-2020")
	if err != nil {
		t.Fatal(err)
	}
	none := jixiao.DeviationReason{}
	tests := []struct {
		name  string
		rules *monitor.Rules
		rec   *jixiao.MonitoringRecord
		want  []got
	}{
		// execution.behind: 序时进度 at 7月 is 58.33%.
		{"on schedule", national, money(7, "120", "60"), nil},
		{"9 points behind is not yet yellow", national, money(7, "100", "49.34"), nil},
		{"behind by more than 10 points: yellow", national, money(7, "100", "48"), []got{{"execution.behind", monitor.Yellow, "funds[0].executed"}}},
		{"behind by more than 20 points: red", national, money(7, "120", "30"), []got{{"execution.behind", monitor.Red, "funds[0].executed"}}},
		{"no month, no comparison with time", national, money(0, "120", "1"), nil},
		// execution.over
		{"executed exactly the budget", national, money(12, "50", "50"), nil},
		{"executed over the budget: red", national, money(12, "50", "50.01"), []got{{"execution.over", monitor.Red, "funds[0].executed"}}},
		// forecast.below-target, through CompareActual
		{"forecast meets the target", national, indicator("≥400份", "260份", "400份", jixiao.LikelihoodCertain, none), nil},
		{"forecast below the target", national, indicator("≥400份", "260份", "380", jixiao.LikelihoodCertain, none), []got{{"forecast.below-target", monitor.Yellow, "indicators[0].forecast"}}},
		{"forecast in another unit is not compared", national, indicator("≥400份", "260份", "380次", jixiao.LikelihoodCertain, none), nil},
		{"forecast deadline late", national, indicator("2021年11月底前", "", "2021年12月", jixiao.LikelihoodCertain, none), []got{{"forecast.below-target", monitor.Yellow, "indicators[0].forecast"}}},
		// likelihood.no-reason
		{"有可能 with a reason", national, remedied(indicator("≥10个", "2个", "", jixiao.LikelihoodPossible, jixiao.DeviationReason{Category: "经费保障", Text: "资金下达较晚"})), nil},
		{"有可能 without a reason", national, remedied(indicator("≥10个", "2个", "", jixiao.LikelihoodPossible, none)), []got{{"likelihood.no-reason", monitor.Yellow, "indicators[0].deviation"}}},
		{"a reason written for the whole table", national, tableWide(indicator("≥10个", "2个", "", jixiao.LikelihoodPossible, none)), nil},
		// likelihood.no-remedy
		{"有可能 without a remedy", national, indicator("≥10个", "2个", "", jixiao.LikelihoodPossible, jixiao.DeviationReason{Category: "经费保障"}), []got{{"likelihood.no-remedy", monitor.Yellow, "indicators[0].remedy"}}},
		// likelihood.impossible
		{"确定能", national, indicator("≥10个", "6个", "", jixiao.LikelihoodCertain, none), nil},
		{"完全不可能 is red even with a reason", national, remedied(indicator("≥10个", "2个", "", jixiao.LikelihoodImpossible, jixiao.DeviationReason{Text: "项目暂停"})), []got{{"likelihood.impossible", monitor.Red, "indicators[0].likelihood"}}},
		// deviation.category: the region's list
		{"a category of the national list", national, remedied(indicator("≥10个", "2个", "", jixiao.LikelihoodPossible, jixiao.DeviationReason{Category: "人员保障"})), nil},
		{"a national category under Hubei's rules", hubei, remedied(indicator("≥10个", "2个", "", jixiao.LikelihoodPossible, jixiao.DeviationReason{Category: "人员保障"})), []got{{"deviation.category", monitor.Yellow, "indicators[0].deviation.category"}}},
		{"Hubei's category under Hubei's rules", hubei, remedied(indicator("≥10个", "2个", "", jixiao.LikelihoodPossible, jixiao.DeviationReason{Category: "项目管理"})), nil},
		// actual.far-above: 1.5 × the target
		{"actual above but not far", national, indicator("≥24场", "35场", "", jixiao.LikelihoodCertain, none), nil},
		{"actual already 1.5× the target", national, indicator("≥24场", "36场", "", jixiao.LikelihoodCertain, none), []got{{"actual.far-above", monitor.Yellow, "indicators[0].actual"}}},
		{"a ceiling far under is not over-achievement", national, indicator("≤3000元", "9000元", "", jixiao.LikelihoodCertain, none), nil},
		{"元 against 万元 converts", national, indicator("≥2万元", "30000元", "", jixiao.LikelihoodCertain, none), []got{{"actual.far-above", monitor.Yellow, "indicators[0].actual"}}},
		// actual.unreadable: an actual or forecast that cannot be compared with its target
		{"an actual in the target's terms", national, indicator("≤220万元", "87.57万元", "", jixiao.LikelihoodCertain, none), nil},
		{"an actual in words", national, indicator("≤220万元", "按进度执行,已使用约40%", "", jixiao.LikelihoodCertain, none), []got{{"actual.unreadable", monitor.Yellow, "indicators[0].actual"}}},
		{"a forecast in words", national, indicator("≥10个", "6个", "预计约8个,视资金到位情况", jixiao.LikelihoodCertain, none), []got{{"actual.unreadable", monitor.Yellow, "indicators[0].forecast"}}},
		{"no target, prose is all there is", national, indicator("", "开展研究和宣传等工作,举办活动5场;成立研究中心", "", jixiao.LikelihoodCertain, none), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var g []got
			for _, a := range tt.rules.Check(tt.rec) {
				g = append(g, got{a.Rule, a.Level, a.Path})
				if a.Where == "" || a.Message == "" {
					t.Errorf("alert %+v lacks its place or message", a)
				}
			}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// The thresholds are data: a region may warn earlier.
func TestThresholdsAreData(t *testing.T) {
	rs, err := monitor.Parse([]byte(`{"id":"strict","rules":[{"id":"execution.behind","level":"yellow","points":"5"},{"id":"execution.behind","level":"red","points":"8"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var g []got
	for _, a := range rs.Check(money(7, "100", "50")) { // 58.33 − 50 = 8.33 points
		g = append(g, got{a.Rule, a.Level, a.Path})
	}
	if diff := cmp.Diff([]got{{"execution.behind", monitor.Red, "funds[0].executed"}}, g); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	for _, bad := range []string{
		`{"rules":[{"id":"execution.sideways","level":"red"}]}`,
		`{"rules":[{"id":"execution.over","level":"orange","percent":"100"}]}`,
		`{"rules":[{"id":"execution.behind","level":"red"}]}`,
		`{`,
	} {
		if _, err := monitor.Parse([]byte(bad)); jixiao.ErrorCode(err) != jixiao.EINVALID {
			t.Errorf("Parse(%s) err = %v, want EINVALID", bad, err)
		}
	}
	if _, err := monitor.Lookup("atlantis"); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		t.Errorf("Lookup(atlantis) err = %v, want ENOTFOUND", err)
	}
}

func TestTimeProgressAndRate(t *testing.T) {
	for _, tt := range []struct {
		month int
		want  string
	}{{6, "50.00"}, {7, "58.33"}, {8, "66.67"}, {12, "100.00"}} {
		if got := (jixiao.MonitoringRound{AsOf: tt.month}).TimeProgress().String(); got != tt.want {
			t.Errorf("TimeProgress(%d) = %s, want %s", tt.month, got, tt.want)
		}
	}
	f := jixiao.FundProgress{FundExecution: jixiao.FundExecution{Initial: d("220"), Executed: d("87.57")}}
	if got := f.ExecutionRate().String(); got != "39.80" {
		t.Errorf("ExecutionRate = %s, want 39.80", got)
	}
	f.Adjusted = d("100")
	if got := f.ExecutionRate().String(); got != "87.57" {
		t.Errorf("ExecutionRate against the adjusted budget = %s, want 87.57", got)
	}
}
