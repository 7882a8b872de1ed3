package jixiao

import (
	"fmt"
	"math/big"
	"strings"
)

// Mid-year monitoring (绩效运行监控, 财预〔2019〕136号): during the year a unit reports,
// at a cut-off (截至7月底), how far each approved table has spent its money and met its
// targets. The record is built on the self-evaluation's model: money rows are
// FundExecution (Executed is 截至本期执行数), actuals are Targets read by ParseTarget and
// compared with CompareActual, so a figure is read one way in both stages.

// MonitoringRound is a 监控轮次: a year and the month the figures run to (AsOf, 截至月份).
type MonitoringRound struct {
	Year int `json:"year"`
	AsOf int `json:"asOf"` // 1–12: 截至7月底 is 7
}

// String is the round as the tables write it: 2021年截至7月底.
func (r MonitoringRound) String() string {
	if r.Year == 0 {
		return fmt.Sprintf("截至%d月底", r.AsOf)
	}
	return fmt.Sprintf("%d年截至%d月底", r.Year, r.AsOf)
}

// TimeProgress is the 序时进度 in percent: months elapsed ÷ 12, exact to 0.01
// (截至7月底 is 58.33).
func (r MonitoringRound) TimeProgress() Decimal {
	m := min(max(r.AsOf, 0), 12)
	return Percent(NewDecimal(int64(m), 0), NewDecimal(12, 0))
}

// Percent returns a ÷ b × 100, rounded half-up to 2 places, exact (no floats). An
// empty or zero b gives an empty Decimal.
func Percent(a, b Decimal) Decimal {
	if b.micros == 0 || !a.set {
		return Decimal{}
	}
	// a/b×100 with 2 places: round(a×10000 / b) hundredths; in int64 when it fits.
	if x, y := a.micros, b.micros; x > -900_000_000_000_000 && x < 900_000_000_000_000 {
		x *= 10000
		neg := (x < 0) != (y < 0)
		if x < 0 {
			x = -x
		}
		if y < 0 {
			y = -y
		}
		q, rem := x/y, x%y
		if rem >= y-rem {
			q++
		}
		if neg {
			q = -q
		}
		return FromMicros(q*10000, 2)
	}
	n := new(big.Int).Mul(big.NewInt(a.micros), big.NewInt(10000))
	d := big.NewInt(b.micros)
	neg := n.Sign()*d.Sign() < 0
	n.Abs(n)
	d.Abs(d)
	q, rem := new(big.Int).QuoRem(n, d, new(big.Int))
	if rem.Lsh(rem, 1).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	v := q.Int64()
	if neg {
		v = -v
	}
	return FromMicros(v*10000, 2)
}

// Likelihood is 完成目标可能性: whether the year's target will be met.
type Likelihood string

// Likelihoods. Hubei writes 不可能 for 完全不可能.
const (
	LikelihoodNone       Likelihood = ""
	LikelihoodCertain    Likelihood = "certain"    // 确定能
	LikelihoodPossible   Likelihood = "possible"   // 有可能
	LikelihoodImpossible Likelihood = "impossible" // 完全不可能 / 不可能
)

// Label is the Chinese name of the likelihood.
func (l Likelihood) Label() string {
	switch l {
	case LikelihoodCertain:
		return "确定能"
	case LikelihoodPossible:
		return "有可能"
	case LikelihoodImpossible:
		return "完全不可能"
	}
	return ""
}

// ParseLikelihood reads 确定能 / 有可能 / 完全不可能 (不可能) as tables write them, with a
// ticked box (√确定能) or the English names; ok is false for anything else.
func ParseLikelihood(s string) (Likelihood, bool) {
	k := strings.NewReplacer(" ", "", "\u3000", "", "√", "", "☑", "", "■", "", "✓", "").Replace(strings.TrimSpace(s))
	switch {
	case k == "":
		return LikelihoodNone, true
	case strings.Contains(k, "不可能") || strings.Contains(k, "不能") || k == "impossible":
		return LikelihoodImpossible, true
	case strings.Contains(k, "有可能") || k == "可能" || k == "possible":
		return LikelihoodPossible, true
	case strings.Contains(k, "确定能") || k == "能" || k == "确定" || k == "certain":
		return LikelihoodCertain, true
	}
	return LikelihoodNone, false
}

// DeviationReason is a 偏差原因: a category from the region's list (经费保障, 制度保障,
// 人员保障, 硬件条件保障, 其他; Hubei 规划和目标设计, 投入保障, 制度保障, 项目管理) and the text.
type DeviationReason struct {
	Category string `json:"category,omitempty"`
	Text     string `json:"text,omitempty"`
}

// IsZero reports whether no reason was given.
func (r DeviationReason) IsZero() bool {
	return strings.TrimSpace(r.Category) == "" && strings.TrimSpace(r.Text) == ""
}

// FundProgress is one money row of a monitoring table: the self-evaluation's row
// (Executed is 截至本期执行数, Rate the 执行率 as written) and 全年预计执行数.
type FundProgress struct {
	FundExecution
	ForecastExecuted Decimal `json:"forecastExecuted"` // 全年预计执行数
}

// Budget is the row's 全年预算数: the adjusted budget, or the initial one when no
// adjustment is written.
func (f FundProgress) Budget() Decimal {
	if f.Adjusted.IsSet() {
		return f.Adjusted
	}
	return f.Initial
}

// ForecastBalance is 预计结转结余: 全年预算数 − 全年预计执行数; empty when either is.
func (f FundProgress) ForecastBalance() Decimal {
	if !f.ForecastExecuted.IsSet() || !f.Budget().IsSet() {
		return Decimal{}
	}
	return f.Budget().Sub(f.ForecastExecuted)
}

// ExecutionRate is 执行率 in percent: 截至本期执行数 ÷ 全年预算数; empty without a budget.
func (f FundProgress) ExecutionRate() Decimal { return Percent(f.Executed, f.Budget()) }

// IndicatorProgress is an indicator row of a monitoring table: the approved indicator
// and target (read-only), 截至本期实际完成值, 全年预计完成值, 完成目标可能性, and when not
// 确定能 the 偏差原因 and 完善措施.
type IndicatorProgress struct {
	Indicator
	Actual     Target          `json:"actual"`   // 截至本期实际完成值
	Forecast   Target          `json:"forecast"` // 全年预计完成值
	Likelihood Likelihood      `json:"likelihood,omitempty"`
	Deviation  DeviationReason `json:"deviation"`
	Remedy     string          `json:"remedy,omitempty"` // 完善措施 / 纠偏措施 / 相关建议或举措
	Where      string          `json:"-"`                // the row in the file, for messages
}

// MonitoringRecord is one 绩效监控表: the department table's (部门整体) or a project's
// (项目支出绩效监控表), for one round.
type MonitoringRecord struct {
	Title      string          `json:"title,omitempty"` // as written, e.g. 项目支出绩效监控表
	Round      MonitoringRound `json:"round"`
	PlanID     int64           `json:"planId,omitempty"`
	Table      string          `json:"table,omitempty"` // "department" or the item's path, specialFunds[0].items[1]
	Project    string          `json:"project,omitempty"`
	Code       string          `json:"code,omitempty"`
	Department string          `json:"department,omitempty"`
	Unit       string          `json:"unit,omitempty"`

	Funds      []FundProgress      `json:"funds"`
	Goals      []GoalOutcome       `json:"goals,omitempty"`
	Indicators []IndicatorProgress `json:"indicators"`

	Deviation string `json:"deviation,omitempty"` // 偏差或不能完成目标原因分析, table-wide
	Remedy    string `json:"remedy,omitempty"`    // 相关建议或举措 / 完善措施, table-wide
}

// NewMonitoringRecords makes the empty monitoring records of an approved plan for a
// round: the department table first (its budget as 年度资金总额 and the sources), then one
// per fund item (project), with the indicators and targets copied for reading only and
// everything to fill left empty.
func NewMonitoringRecords(p *Plan, round MonitoringRound) []*MonitoringRecord {
	if round.Year == 0 {
		round.Year = p.Year
	}
	dept := &MonitoringRecord{
		Title: "部门整体支出绩效监控表", Round: round, PlanID: p.ID, Table: "department",
		Department: p.Department,
	}
	for _, f := range []struct {
		name string
		a    Amount
	}{{"年度资金总额", p.Budget.Total}, {"一般公共预算拨款", p.Budget.GeneralBudget}, {"政府性基金拨款", p.Budget.GovFund}, {"其他资金", p.Budget.OtherFunds}} {
		if f.a.IsSet() || f.name == "年度资金总额" {
			dept.Funds = append(dept.Funds, FundProgress{FundExecution: FundExecution{Name: f.name, Initial: f.a}})
		}
	}
	dept.Indicators = progressRows(p.Indicators, "indicators")
	out := []*MonitoringRecord{dept}
	type located struct {
		path string
		it   *Project
	}
	var projects []located
	for i, sf := range p.SpecialFunds {
		for j := range sf.Items {
			projects = append(projects, located{fmt.Sprintf("specialFunds[%d].items[%d]", i, j), &sf.Items[j]})
		}
	}
	for k := range p.Projects { // project tables with no fund grouping
		projects = append(projects, located{fmt.Sprintf("projects[%d]", k), &p.Projects[k]})
	}
	for _, pr := range projects {
		{
			path, it := pr.path, pr.it
			r := &MonitoringRecord{
				Title: "项目支出绩效监控表", Round: round, PlanID: p.ID, Table: path,
				Project: it.Name, Department: p.Department,
				Funds:      []FundProgress{{FundExecution: FundExecution{Name: "年度资金总额", Initial: it.Amount}}},
				Indicators: progressRows(it.Indicators, path+".indicators"),
			}
			if it.AnnualGoal != "" {
				r.Goals = []GoalOutcome{{Expected: it.AnnualGoal}}
			}
			out = append(out, r)
		}
	}
	return out
}

func progressRows(ins []Indicator, path string) []IndicatorProgress {
	out := make([]IndicatorProgress, len(ins))
	for k, in := range ins {
		out[k] = IndicatorProgress{Indicator: in, Where: fmt.Sprintf("%s[%d]", path, k)}
	}
	return out
}
