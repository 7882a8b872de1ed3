package jixiao

import "encoding/json"

// TargetKind says which form a 指标值 takes.
type TargetKind string

// The forms of a 指标值.
const (
	TargetNumeric       TargetKind = "numeric"       // operator, number, unit: ≥95%, ≤5万元, 1个, 12台
	TargetQualitative   TargetKind = "qualitative"   // 良好, 优, 达标, 显著提升 (free text, kept as Grade)
	TargetNotApplicable TargetKind = "notApplicable" // /, —, empty, 无直接经济效益
	TargetPeriod        TargetKind = "period"        // a period or deadline: 2021.1-2021.12, 10月前, 6月底前, 按季度
	TargetCompound      TargetKind = "compound"      // several counts in one cell: 各类培训8次；各类会议21次；…
	TargetUnreadable    TargetKind = "unreadable"    // kept verbatim and flagged
)

// Op is the comparison of a numeric target.
type Op string

// Operators, always stored in their mathematical (full-width) form.
const (
	OpNone Op = ""
	OpGE   Op = "≥"
	OpLE   Op = "≤"
	OpEQ   Op = "="
	OpGT   Op = ">"
	OpLT   Op = "<"
)

// Target is a 指标值: the text as written, always kept, and what it was read as.
type Target struct {
	Text string     `json:"text"`
	Kind TargetKind `json:"kind"`

	// Numeric: Op may be empty (an exact figure: 100%, 1个); OpImplied is set when the
	// operator was not written but follows from the indicator (a bare percentage of
	// satisfaction means ≥).
	Op        Op      `json:"op,omitempty"`
	OpImplied bool    `json:"opImplied,omitempty"`
	Value     Decimal `json:"value"` // omitted from JSON when empty (see MarshalJSON)
	Unit      string  `json:"unit,omitempty"`

	Grade    string       `json:"grade,omitempty"`    // qualitative value
	Deadline *Period      `json:"deadline,omitempty"` // period targets that could be read into months
	Parts    []TargetPart `json:"parts,omitempty"`    // compound targets

	Problem string `json:"problem,omitempty"` // why an unreadable target could not be read (Chinese)
}

// targetJSON is Target as written to JSON: Value is left out when empty. (Decimal's
// IsZero means "set and zero", so the omitzero tag would drop a target of 0 and keep an
// empty one.)
type targetJSON struct {
	Text      string       `json:"text"`
	Kind      TargetKind   `json:"kind"`
	Op        Op           `json:"op,omitempty"`
	OpImplied bool         `json:"opImplied,omitempty"`
	Value     *Decimal     `json:"value,omitempty"`
	Unit      string       `json:"unit,omitempty"`
	Grade     string       `json:"grade,omitempty"`
	Deadline  *Period      `json:"deadline,omitempty"`
	Parts     []TargetPart `json:"parts,omitempty"`
	Problem   string       `json:"problem,omitempty"`
}

// MarshalJSON writes the target with its value only when it has one.
func (t Target) MarshalJSON() ([]byte, error) {
	j := targetJSON{Text: t.Text, Kind: t.Kind, Op: t.Op, OpImplied: t.OpImplied, Unit: t.Unit,
		Grade: t.Grade, Deadline: t.Deadline, Parts: t.Parts, Problem: t.Problem}
	if t.Value.IsSet() {
		j.Value = &t.Value
	}
	return json.Marshal(j)
}

// TargetPart is one count of a compound target: 各类培训8次 → Name 各类培训, Value 8, Unit 次.
type TargetPart struct {
	Text  string  `json:"text"`
	Name  string  `json:"name"`
	Op    Op      `json:"op,omitempty"`
	Value Decimal `json:"value"`
	Unit  string  `json:"unit"`
}

// IsQuantitative reports whether the target states a number (numeric or compound).
func (t Target) IsQuantitative() bool {
	return t.Kind == TargetNumeric || t.Kind == TargetCompound
}

// EffectiveOp returns the operator the target means: the written one, or = for an exact
// figure.
func (t Target) EffectiveOp() Op {
	if t.Op == OpNone {
		return OpEQ
	}
	return t.Op
}

// String writes the parsed form: "≥ 95 %", "= 1 个", "良好", "/".
func (t Target) String() string {
	switch t.Kind {
	case TargetNumeric:
		s := string(t.EffectiveOp()) + " " + t.Value.String()
		if t.Unit != "" {
			s += " " + t.Unit
		}
		return s
	case TargetQualitative:
		return t.Grade
	case TargetCompound:
		s := ""
		for i, p := range t.Parts {
			if i > 0 {
				s += "；"
			}
			s += p.Name + " " + string(p.effectiveOp()) + " " + p.Value.String() + " " + p.Unit
		}
		return s
	}
	return t.Text
}

func (p TargetPart) effectiveOp() Op {
	if p.Op == OpNone {
		return OpEQ
	}
	return p.Op
}

// NewIndicator builds an indicator row, reading its target with ParseTarget and then
// the readings that depend on the row:
//   - a bare percentage under a satisfaction indicator (满意度) means "at least":
//     90% → ≥ 90 %, with OpImplied set;
//   - under a 时效 二级指标 a bare number that is an Excel serial date leaked from a
//     spreadsheet (44,926 → 2022-12-31) or a year.month (2022.12) is a deadline: Kind
//     period, Deadline from January to that month, Deadline.Text the date read.
func NewIndicator(level1, level2, name, target, note string) Indicator {
	in := Indicator{Level1: level1, Level2: level2, Name: name, Note: note}
	in.Target = ParseTarget(target)
	in.applyContext()
	return in
}

// IsSatisfaction reports whether the indicator measures satisfaction (满意度), at level 1
// or 2, whatever the framework calls it.
func (in Indicator) IsSatisfaction() bool {
	return containsStr(in.Level1, "满意") || containsStr(in.Level2, "满意")
}
