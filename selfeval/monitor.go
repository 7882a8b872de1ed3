package selfeval

import (
	"regexp"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/textdoc"
)

// Monitoring tables (绩效监控表, 绩效运行监控表, 绩效目标执行监控表) are read by the same
// engine as self-evaluation tables: the budget block (年初预算数 / 1-6月执行数 / 全年预计执行数),
// the goals and the indicator block (指标值 / 半年度指标执行情况 / 全年预计完成值 / 完成目标可能性
// / 偏差原因 / 完善措施) are found by their labels; the columns a self-evaluation has not
// are kept in an extra beside each table and the two are put together here.

// DeviationCategories are the 偏差原因 categories recognised as column headers (one
// column per category, ticked): 财预〔2019〕136号's and Hubei's (鄂财绩发〔2020〕3号).
var DeviationCategories = []string{"经费保障", "制度保障", "人员保障", "硬件条件保障", "规划和目标设计", "投入保障", "项目管理", "其他"}

func isCategory(k string) bool {
	for _, c := range DeviationCategories {
		if k == c {
			return true
		}
	}
	return false
}

func hasCategories(r row) bool {
	n := 0
	for _, c := range r {
		if isCategory(c.key) {
			n++
		}
	}
	return n >= 2
}

// extra is what a monitoring table has beyond a self-evaluation, per table read.
type extra struct {
	asOf       int              // the month the figures run to (1-6月执行数: 6)
	forecasts  []jixiao.Decimal // 全年预计执行数, one per fund row
	indicators []indicatorExtra // one per indicator row
	deviation  string           // 偏差或不能完成目标原因分析, table-wide
	remedy     string           // 相关建议或举措 / 完善措施, table-wide
}

type indicatorExtra struct {
	forecast   string
	likelihood cell
	category   string
	reason     string
	remedy     string
}

var (
	monthsRe = regexp.MustCompile(`(\d{1,2})\s*[-－—~～至到]\s*(\d{1,2})\s*月`)
	asOfRe   = regexp.MustCompile(`截[至止]\s*(?:20\d\d年)?\s*(\d{1,2})\s*月`)
	halfRe   = regexp.MustCompile(`半年`)
)

// asOfMonth reads the month a column's figures run to: 1-6月执行数 → 6, 截至7月底 → 7,
// 半年度 → 6; 0 when the label says none.
func asOfMonth(k string) int {
	if m := monthsRe.FindStringSubmatch(k); m != nil {
		n, _ := strconv.Atoi(m[2])
		if n >= 1 && n <= 12 {
			return n
		}
	}
	if m := asOfRe.FindStringSubmatch(k); m != nil {
		n, _ := strconv.Atoi(m[1])
		if n >= 1 && n <= 12 {
			return n
		}
	}
	if halfRe.MatchString(k) && (strings.Contains(k, "执行") || strings.Contains(k, "完成")) {
		return 6
	}
	return 0
}

// ticks are what a category column holds when it is chosen.
var ticks = map[string]bool{"√": true, "✓": true, "✔": true, "☑": true, "■": true, "●": true, "是": true, "v": true, "V": true}

func (rd *reader) indicatorExtra(h row, cols []int, atCol func(int) cell) indicatorExtra {
	var x indicatorExtra
	for j, kind := range cols {
		c := atCol(j)
		if c.text == "" {
			continue
		}
		switch kind {
		case colForecast:
			x.forecast = c.text
		case colLikelihood:
			x.likelihood = c
		case colRemedy:
			x.remedy = c.text
		case colReason:
			x.reason = c.text
		case colCategory:
			if isCategory(h[j].key) { // one column per category: a tick or the reason itself
				x.category = h[j].key
				if !ticks[c.text] {
					x.reason = strings.TrimSpace(strings.Join([]string{x.reason, c.text}, " "))
				}
			} else {
				x.category = c.text
			}
		}
		if m := asOfMonth(h[j].key); m > 0 && kind == colActual {
			rd.x.asOf = m
		}
	}
	return x
}

// ReadMonitoring reads the monitoring table of a document: the first when it holds
// several (ReadAllMonitoring gives them all). name is the file's name, for messages; a
// figure or a 完成目标可能性 that cannot be read is an EINVALID error naming the cell.
func ReadMonitoring(name string, tables []textdoc.Table) (*jixiao.MonitoringRecord, error) {
	all, err := ReadAllMonitoring(name, tables)
	if err != nil {
		return nil, err
	}
	return all[0], nil
}

// ReadAllMonitoring reads every monitoring table of a document (one per project).
func ReadAllMonitoring(name string, tables []textdoc.Table) ([]*jixiao.MonitoringRecord, error) {
	rd := newReader(name, tables, true)
	if err := rd.read(); err != nil {
		return nil, err
	}
	out := make([]*jixiao.MonitoringRecord, len(rd.all))
	for i, e := range rd.all {
		r, err := rd.record(e, rd.ext[i])
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

// IsMonitoring reports whether the tables look like a monitoring table: a title with
// 监控表, or a 全年预计执行数 / 完成目标可能性 column beside the figures.
func IsMonitoring(tables []textdoc.Table) bool {
	for _, t := range tables {
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				k := key(c.Text)
				if len([]rune(k)) > 60 {
					continue
				}
				if strings.Contains(k, "监控表") || strings.Contains(k, "全年预计执行") || strings.Contains(k, "完成目标可能性") {
					return true
				}
			}
		}
	}
	return false
}

func (rd *reader) record(e *jixiao.SelfEvaluation, x *extra) (*jixiao.MonitoringRecord, error) {
	r := &jixiao.MonitoringRecord{
		Title: e.Title, Round: jixiao.MonitoringRound{Year: e.Year, AsOf: x.asOf},
		Project: e.Project, Code: e.Code, Department: e.Department, Unit: e.Unit,
		Goals: e.Goals, Deviation: x.deviation, Remedy: x.remedy,
		Funds:      make([]jixiao.FundProgress, len(e.Funds)),
		Indicators: make([]jixiao.IndicatorProgress, len(e.Indicators)),
	}
	for i, f := range e.Funds {
		r.Funds[i] = jixiao.FundProgress{FundExecution: f}
		if i < len(x.forecasts) {
			r.Funds[i].ForecastExecuted = x.forecasts[i]
		}
	}
	for i, in := range e.Indicators {
		p := jixiao.IndicatorProgress{Indicator: in.Indicator, Actual: in.Actual, Where: in.Where}
		p.Deviation.Text = in.Reason
		if i < len(x.indicators) {
			ix := x.indicators[i]
			p.Forecast = jixiao.ParseTarget(ix.forecast)
			l, ok := jixiao.ParseLikelihood(ix.likelihood.text)
			if !ok {
				return nil, rd.errorf(ix.likelihood, "指标“%s”的完成目标可能性“%s”应为确定能、有可能或完全不可能。", in.Name, ix.likelihood.text)
			}
			p.Likelihood = l
			p.Deviation = jixiao.DeviationReason{Category: ix.category, Text: ix.reason}
			p.Remedy = ix.remedy
		}
		r.Indicators[i] = p
	}
	return r, nil
}
