package library

import (
	"fmt"

	"jixiao"
)

// Warning is the evidence that a target stands apart: the numbers, not a verdict.
type Warning struct {
	Kind    string  `json:"kind"` // "range" or "lastYear"
	Name    string  `json:"name"`
	Target  float64 `json:"target"`
	Unit    string  `json:"unit,omitempty"`
	P25     float64 `json:"p25,omitempty"`
	P75     float64 `json:"p75,omitempty"`
	Median  float64 `json:"median,omitempty"`
	Units   int     `json:"units,omitempty"`  // targets the range comes from
	Actual  float64 `json:"actual,omitempty"` // last year's actual
	Year    int     `json:"year,omitempty"`   // of the actual
	Message string  `json:"message"`          // Chinese, with the numbers
}

// Warning kinds.
const (
	WarnRange    = "range"
	WarnLastYear = "lastYear"
)

// minRangeUnits is how many units must use an indicator before its range is evidence.
const minRangeUnits = 5

// Check returns the warnings for a target typed for the indicator name in a plan of
// department (code or name, as the self-evaluations were learnt under): a target far
// outside the range of similar units (beyond 1.5 interquartile ranges from the
// quartiles, or half the median when all agree), or below last year's actual (above
// it for a ≤ indicator such as a cost).
func (l *Library) Check(department, name string, t jixiao.Target) []Warning {
	return l.CheckSized(department, "", name, t)
}

// CheckSized is Check comparing with units of the same size class (SizeOf of the
// plan's budget) when at least 5 of them give a target, else with all units.
func (l *Library) CheckSized(department, size, name string, t jixiao.Target) []Warning {
	if t.Kind != jixiao.TargetNumeric || !t.Value.IsSet() {
		return nil
	}
	key := l.Key(name)
	e := l.byKey[key]
	v := t.Value.Float64()
	var out []Warning
	if e != nil && e.Stats != nil && e.Stats.Uses >= minRangeUnits && e.Stats.Targets.N >= minRangeUnits && t.Unit == e.Unit {
		d, similar := e.Stats.Targets, "同类单位"
		if sd, ok := e.Stats.BySize[size]; ok && sd.N >= minRangeUnits {
			d, similar = sd, "同规模（"+size+"）单位"
		}
		spread := 1.5 * (d.P75 - d.P25)
		if spread == 0 {
			spread = 0.5 * abs(d.Median)
		}
		if v < d.P25-spread || v > d.P75+spread {
			out = append(out, Warning{Kind: WarnRange, Name: name, Target: v, Unit: t.Unit, P25: d.P25, P75: d.P75, Median: d.Median, Units: d.N,
				Message: fmt.Sprintf("“%s”的指标值 %s%s 远离%s的常见范围 %s–%s%s（中位数 %s，%d 个指标值）。",
					name, num(v), t.Unit, similar, num(d.P25), num(d.P75), t.Unit, num(d.Median), d.N)})
		}
	}
	if a, ok := l.Actuals[actualKey(department, key)]; ok && (a.Unit == t.Unit || a.Unit == "") {
		op := t.EffectiveOp()
		lower := op == jixiao.OpLE || op == jixiao.OpLT
		if (!lower && v < a.Value) || (lower && v > a.Value) {
			word := "低于"
			if lower {
				word = "高于"
			}
			out = append(out, Warning{Kind: WarnLastYear, Name: name, Target: v, Unit: t.Unit, Actual: a.Value, Year: a.Year,
				Message: fmt.Sprintf("“%s”的指标值 %s%s %s%d年的实际完成值 %s%s。", name, num(v), t.Unit, word, a.Year, num(a.Value), t.Unit)})
		}
	}
	return out
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// CheckPlan is CheckSized for an indicator of plan p: the unit's size from its budget,
// last year's actual found under the department's code or, as self-evaluation tables
// name it, its name.
func (l *Library) CheckPlan(p *jixiao.Plan, name string, t jixiao.Target) []Warning {
	dept := p.DepartmentCode
	if _, ok := l.Actuals[actualKey(dept, l.Key(name))]; !ok || dept == "" {
		dept = p.Department
	}
	return l.CheckSized(dept, SizeOf(p.Budget.Total), name, t)
}

// actualKey is the key of Library.Actuals: the department and the indicator's key,
// joined by U+001F (not NUL, which PostgreSQL's jsonb refuses).
func actualKey(department, key string) string { return department + "\x1f" + key }
