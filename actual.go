package jixiao

import "strings"

// The actual-value model, shared by mid-year monitoring (截至本期实际完成值, 全年预计完成值)
// and the year-end self-evaluation (实际完成值): an actual is typed like a target and read
// by the same parser (ParseTarget), usually without an operator ("96%", "12次", "良好",
// "2021年11月"), and CompareActual says how it stands against the indicator's target.
// Monitoring warns with it, scoring scores with it; neither keeps a second parser.

// Comparison is how an actual value (实际完成值) stands against its target (指标值).
type Comparison struct {
	// Comparable is set when the two could be compared: numbers in the same unit (after
	// converting 元 and 万元), a deadline and a date, or a qualitative actual that says
	// plainly whether the target was met.
	Comparable bool
	// Met reports whether the actual meets the target; meaningful when Comparable.
	Met bool
	// Numeric is set when both are numbers; Target and Actual are then in the target's
	// unit, exact.
	Numeric bool
	Target  Decimal
	Actual  Decimal
	// Op is the target's operator as it compares (≥, ≤, =, >, <).
	Op Op
	// Problem says, in Chinese, why the two could not be compared.
	Problem string
}

// CompareActual compares an actual value with its target. Units must agree: an actual
// written without a unit takes the target's, 元 and 万元 are converted exactly, and any
// other difference makes the pair not comparable (a reason is given, nothing guessed).
func CompareActual(target, actual Target) Comparison {
	switch {
	case actual.Kind == TargetNotApplicable || strings.TrimSpace(actual.Text) == "":
		return Comparison{Problem: "未填写实际完成值。"}
	case target.Kind == TargetNumeric && actual.Kind == TargetNumeric:
		return compareNumbers(target, actual)
	case target.Kind == TargetNumeric && actual.Kind == TargetQualitative:
		if met, ok := qualitativeMet(actual.Grade, ""); ok {
			return Comparison{Comparable: true, Met: met, Op: target.EffectiveOp()}
		}
		return Comparison{Problem: "指标值是数值，实际完成值“" + actual.Text + "”不是数值，无法比较。"}
	case target.Kind == TargetPeriod:
		return comparePeriod(target, actual)
	case target.Kind == TargetQualitative:
		grade := actual.Grade
		if actual.Kind != TargetQualitative {
			grade = actual.Text
		}
		if met, ok := qualitativeMet(grade, target.Grade); ok {
			return Comparison{Comparable: true, Met: met}
		}
		return Comparison{Problem: "定性指标的实际完成值“" + actual.Text + "”未说明是否达成，须由评价人判断。"}
	}
	if met, ok := qualitativeMet(actual.Text, ""); ok {
		return Comparison{Comparable: true, Met: met}
	}
	return Comparison{Problem: "指标值“" + target.Text + "”与实际完成值“" + actual.Text + "”无法自动比较，须由评价人判断。"}
}

func compareNumbers(target, actual Target) Comparison {
	c := Comparison{Numeric: true, Op: target.EffectiveOp(), Target: target.Value}
	a, ok := convertUnit(actual.Value, actual.Unit, target.Unit)
	if !ok {
		c.Numeric = false
		c.Problem = "实际完成值的单位“" + actual.Unit + "”与指标值的单位“" + target.Unit + "”不同，无法比较。"
		return c
	}
	c.Actual, c.Comparable = a, true
	cmp := a.Cmp(target.Value)
	switch c.Op {
	case OpGE:
		c.Met = cmp >= 0
	case OpGT:
		c.Met = cmp > 0
	case OpLE:
		c.Met = cmp <= 0
	case OpLT:
		c.Met = cmp < 0
	default:
		c.Met = cmp == 0
	}
	return c
}

// convertUnit returns v, written in unit from, in unit to: the same value when the units
// agree or from is empty, ×10000 or ÷10000 between 万元 and 元; ok is false otherwise.
func convertUnit(v Decimal, from, to string) (Decimal, bool) {
	from, to = normActualUnit(from), normActualUnit(to)
	switch {
	case from == "" || from == to:
		return v, true
	case from == "元" && to == "万元":
		d := v.DivInt(10000) // 120000元 is 12万元, not 12.0000
		places := d.Places()
		for places > 0 && d.Micros()%pow10[MaxPlaces-places+1] == 0 {
			places--
		}
		return FromMicros(d.Micros(), places), true
	case from == "万元" && to == "元":
		return v.MulInt(10000), true
	}
	return Decimal{}, false
}

func normActualUnit(u string) string {
	u = strings.TrimSpace(u)
	if a, ok := unitAliases[u]; ok {
		return a
	}
	switch u {
	case "％":
		return "%"
	}
	return u
}

// comparePeriod compares a deadline (6月底前, 2021年10月前) with the date it was done: met
// when the actual's last month is no later than the deadline's.
func comparePeriod(target, actual Target) Comparison {
	if met, ok := qualitativeMet(actual.Text, ""); ok {
		return Comparison{Comparable: true, Met: met}
	}
	if target.Deadline == nil || target.Deadline.ToMonth == 0 {
		return Comparison{Problem: "时限指标“" + target.Text + "”没有可比较的月份，须由评价人判断。"}
	}
	var done *Period
	if actual.Deadline != nil && actual.Deadline.ToMonth > 0 {
		done = actual.Deadline
	} else if p, ok := ParsePeriod(actual.Text); ok {
		done = &p
	}
	if done == nil {
		return Comparison{Problem: "实际完成时间“" + actual.Text + "”无法读作日期，须由评价人判断。"}
	}
	ty, tm := target.Deadline.ToYear, target.Deadline.ToMonth
	dy, dm := done.ToYear, done.ToMonth
	if ty == 0 || dy == 0 { // a month without a year: compare months within the year
		return Comparison{Comparable: true, Met: dm <= tm}
	}
	return Comparison{Comparable: true, Met: dy < ty || dy == ty && dm <= tm}
}

// Words that say plainly whether a target was met, as real self-evaluation tables write
// them (达成预期指标, 已完成, 未完成, 部分完成). The negative words are checked first: 未完成
// contains 完成.
var (
	unmetWords = []string{"未完成", "未达成", "未达到", "没有完成", "未按期", "不达标", "未达标", "部分完成", "部分达成", "基本完成", "不合格", "不满意", "滞后", "延期", "逾期"}
	metWords   = []string{"达成预期", "达到预期", "达成年度", "达成目标", "已达成", "已完成", "全部完成", "按期完成", "按时完成", "完成", "达成", "达到", "达标", "合格", "已实现", "实现"}
)

// qualitativeMet reads a qualitative actual: ok is false when the text does not say.
// An actual equal to the target's own grade (良好 for 良好) is met.
func qualitativeMet(text, targetGrade string) (met, ok bool) {
	s := strings.TrimSpace(text)
	if s == "" {
		return false, false
	}
	if targetGrade != "" && s == strings.TrimSpace(targetGrade) {
		return true, true
	}
	for _, w := range unmetWords {
		if strings.Contains(s, w) {
			return false, true
		}
	}
	for _, w := range metWords {
		if strings.Contains(s, w) {
			return true, true
		}
	}
	if s == "是" || s == "有" {
		return true, true
	}
	if s == "否" || s == "无" {
		return false, true
	}
	return false, false
}

// Direction is an indicator's 指标方向: whether more is better (正向) or less (反向).
type Direction string

// Directions. Empty means "as the operator says": ≥ and > are 正向, ≤ and < 反向.
const (
	DirectionNone     Direction = ""
	DirectionPositive Direction = "positive" // 正向
	DirectionNegative Direction = "negative" // 反向
)

// Label is the Chinese name of the direction.
func (d Direction) Label() string {
	switch d {
	case DirectionPositive:
		return "正向"
	case DirectionNegative:
		return "反向"
	}
	return ""
}

// ParseDirection reads 正向/反向 (and the English names); ok is false for anything else.
func ParseDirection(s string) (Direction, bool) {
	switch strings.TrimSpace(s) {
	case "正向", "正向指标", "positive":
		return DirectionPositive, true
	case "反向", "反向指标", "逆向", "negative":
		return DirectionNegative, true
	case "":
		return DirectionNone, true
	}
	return DirectionNone, false
}

// DirectionOf returns the direction an operator implies.
func DirectionOf(op Op) Direction {
	switch op {
	case OpGE, OpGT:
		return DirectionPositive
	case OpLE, OpLT:
		return DirectionNegative
	}
	return DirectionNone
}
