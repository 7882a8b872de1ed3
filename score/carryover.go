package score

import (
	"strconv"
	"strings"
	"unicode"

	"jixiao"
	"jixiao/check"
)

// Carried is an indicator of next year's plan that last year's self-evaluation also
// scored (结果应用): the new target beside last year's target, actual and score.
type Carried struct {
	Path       string         `json:"path"`  // the new indicator in the plan: indicators[3], specialFunds[0].items[1].indicators[2]
	Table      string         `json:"table"` // the fund item's name; empty for the department table
	Name       string         `json:"name"`
	Target     string         `json:"target"`     // next year's target
	LastTarget string         `json:"lastTarget"` // last year's 年度指标值
	LastActual string         `json:"lastActual"` // last year's 实际完成值
	LastWeight jixiao.Decimal `json:"lastWeight"`
	LastScore  jixiao.Decimal `json:"lastScore"` // as last year's rule computes it; empty when left to the evaluator and not given
	// Backwards is set when the new target asks for less than last year achieved: 正向
	// below last year's actual, 反向 above it (绩效改进: targets should not go backwards).
	Backwards bool `json:"backwards,omitempty"`
	// Direction is the new target's, when it could be compared: 正向 or 反向.
	Direction jixiao.Direction `json:"direction,omitempty"`
}

// CarriedOver matches next year's indicators with last year's self-evaluations — by table
// (the department's, or a fund item of the same name) and by the indicator's name,
// compared without spaces, punctuation or the difference of full- and half-width forms —
// and returns, for each match, last year's target, actual and score, with the rule's
// score computed afresh (the unit's own where the rule leaves it to the evaluator).
func (r *Rule) CarriedOver(next *jixiao.Plan, last []*jixiao.SelfEvaluation) []Carried {
	type prior struct {
		in    *jixiao.IndicatorOutcome
		score jixiao.Decimal
	}
	byKey := map[string]prior{}
	for _, se := range last {
		res := r.Score(FromRecord(se))
		for k := range se.Indicators {
			in := &se.Indicators[k]
			key := Normalize(se.Project) + "\x00" + Normalize(in.Name)
			if _, dup := byKey[key]; !dup {
				byKey[key] = prior{in: in, score: res.Indicators[k].Score}
			}
		}
	}
	var out []Carried
	match := func(path, table string, ins []jixiao.Indicator) {
		for k := range ins {
			in := &ins[k]
			p, ok := byKey[Normalize(table)+"\x00"+Normalize(in.Name)]
			if !ok {
				continue
			}
			c := Carried{Path: path + "indicators[" + strconv.Itoa(k) + "]", Table: table, Name: in.Name, Target: in.Target.Text,
				LastTarget: p.in.Target.Text, LastActual: p.in.Actual.Text, LastWeight: p.in.Weight, LastScore: p.score}
			c.Backwards, c.Direction = backwards(in, p.in.Actual)
			out = append(out, c)
		}
	}
	match("", "", next.Indicators)
	for i, sf := range next.SpecialFunds {
		for j := range sf.Items {
			it := &sf.Items[j]
			match("specialFunds["+strconv.Itoa(i)+"].items["+strconv.Itoa(j)+"].", it.Name, it.Indicators)
		}
	}
	for k := range next.Projects {
		it := &next.Projects[k]
		match("projects["+strconv.Itoa(k)+"].", it.Name, it.Indicators)
	}
	return out
}

// backwards reports a new target that asks for less than last year's actual.
func backwards(in *jixiao.Indicator, lastActual jixiao.Target) (bool, jixiao.Direction) {
	c := jixiao.CompareActual(in.Target, lastActual)
	if !c.Comparable || !c.Numeric {
		return false, jixiao.DirectionNone
	}
	dir := direction(c, impliedDirection(&Indicator{Name: in.Name, Target: in.Target}))
	switch dir {
	case jixiao.DirectionPositive:
		return c.Target.Cmp(c.Actual) < 0, dir
	case jixiao.DirectionNegative:
		return c.Target.Cmp(c.Actual) > 0, dir
	}
	return false, dir
}

// Backwards returns a warning for each indicator of next year's plan whose target asks
// for less than last year's self-evaluation recorded as achieved (rule
// results.target-backwards), with the figures, for jixiao check --last-year and the web.
func (r *Rule) Backwards(next *jixiao.Plan, last []*jixiao.SelfEvaluation) []check.Finding {
	var out []check.Finding
	for _, c := range r.CarriedOver(next, last) {
		if !c.Backwards {
			continue
		}
		score := "未计分"
		if c.LastScore.IsSet() {
			score = c.LastScore.String() + "（分值 " + c.LastWeight.String() + "）"
		}
		than := "低于"
		if c.Direction == jixiao.DirectionNegative {
			than = "高于" // 反向: a larger cap asks for less
		}
		out = append(out, check.Finding{Rule: "results.target-backwards", Severity: check.Warning, Path: c.Path + ".target",
			Message: "“" + c.Name + "”的指标值“" + c.Target + "”" + than + "上年实际完成值“" + c.LastActual + "”（上年指标值“" +
				c.LastTarget + "”，得分 " + score + "）：绩效目标不应比上年已达到的水平倒退，请调高指标值或说明理由。"})
	}
	return out
}

// Normalize is the form in which indicator and project names are matched across years:
// no white space or punctuation, full-width letters and digits as half-width, lower case.
func Normalize(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= 0xFF01 && c <= 0xFF5E {
			c -= 0xFEE0
		}
		if unicode.IsSpace(c) || unicode.IsPunct(c) || c == '\u3000' {
			continue
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}
