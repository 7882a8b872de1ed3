package jixiao

import "strings"

// Project is a spending line with its own target table (项目支出 and its
// 项目支出绩效目标表). The seed's 支出方向（子项） of a special fund is Hunan 2021's form of it
// (SpecialFund.Items); a project table that belongs to no fund stands in Plan.Projects.
// Fields a layout does not have stay empty.
type Project struct {
	Name       string      `json:"name"`                 // 项目名称 / 支出方向（子项）
	Code       string      `json:"code,omitempty"`       // 项目编码, when given
	Authority  string      `json:"authority,omitempty"`  // 主管部门 / 预算部门, as written (codes kept)
	Unit       string      `json:"unit,omitempty"`       // 实施单位 / 执行单位
	Amount     Amount      `json:"amount"`               // 年度资金总额 (项目金额), in 万元, exact
	Funds      []FundLine  `json:"funds,omitempty"`      // the money rows by source, as written
	Period     Period      `json:"period"`               // 实施期
	PeriodText string      `json:"periodText,omitempty"` // 实施期 as written, when the table gave one
	PeriodGoal string      `json:"periodGoal"`           // 实施期绩效目标 / 总体目标 / 中期目标
	AnnualGoal string      `json:"annualGoal"`           // 年度绩效目标
	Indicators []Indicator `json:"indicators"`

	// Other are labels of the table a Project has no field for (项目类型, 项目负责人, 立项依据,
	// …), with their values, as written.
	Other []LabelValue `json:"other,omitempty"`

	// Unread are rows of the table that no label or header explains, kept as written so
	// that nothing is dropped; the checks report each.
	Unread []UnreadRow `json:"unread,omitempty"`

	// Summary is what the item's row in the summary table said, kept when a document is
	// imported because real documents disagree with their own 附件3 tables. Tables that
	// jixiao produces derive the summary from the fields above; nil means "derived".
	Summary *FundItemSummary `json:"summary,omitempty"`
}

// FundItem is the seed's name for a Project grouped under a SpecialFund (支出方向（子项）).
type FundItem = Project

// FundSource says where a money row of a project table comes from.
type FundSource string

// Sources of a project's money.
const (
	FundTotal     FundSource = "total"     // 年度资金总额 / 资金总额 / 项目总金额
	FundFiscal    FundSource = "fiscal"    // 财政拨款 / 本级预算 / 财政资金
	FundUpper     FundSource = "upper"     // 上级资金 / 中央补助
	FundOther     FundSource = "other"     // 其他资金 / 自有资金
	FundCarryOver FundSource = "carryOver" // 上年结转
	FundPart      FundSource = "part"      // a finer line inside a source (一般公共预算, 政府性基金, …)
)

// FundLine is one money row of a project table: its label and the amount as written, and
// the amount read in 万元 (exact; converted from 元 where the table is in 元).
type FundLine struct {
	Source FundSource `json:"source"`
	Label  string     `json:"label"`
	Text   string     `json:"text"`
	Amount Amount     `json:"amount"`
}

// Fund returns the first money row of the given source, and whether there is one.
func (p *Project) Fund(s FundSource) (FundLine, bool) {
	for _, f := range p.Funds {
		if f.Source == s {
			return f, true
		}
	}
	return FundLine{}, false
}

// LabelValue is a label of a table and the value beside it, as written.
type LabelValue struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// UnreadRow is a row kept as written because it could not be read: its cells and where
// the row is (第12行, 表2 第3行).
type UnreadRow struct {
	Where string   `json:"where"`
	Cells []string `json:"cells"`
}

// Text is the row's cells joined for a message.
func (u UnreadRow) Text() string { return strings.Join(u.Cells, " | ") }

// AllProjects returns every project of the plan: those of its special funds, then those
// that stand alone.
func (p *Plan) AllProjects() []*Project {
	out := p.Items()
	for i := range p.Projects {
		out = append(out, &p.Projects[i])
	}
	return out
}

// WeightValue reads the indicator's 权重/分值 ("10", "10分"); ok is false when it has none
// or it is not a number.
func (in Indicator) WeightValue() (Decimal, bool) {
	s := strings.TrimSpace(in.Weight)
	s = strings.TrimSuffix(s, "分")
	if s == "" {
		return Decimal{}, false
	}
	d, err := ParseDecimal(strings.TrimSpace(s))
	if err != nil {
		return Decimal{}, false
	}
	return d, true
}

// ParseKind reads 指标值类型: 定量 or 定性 (and 定量指标, 定性指标); "" for anything else.
func ParseKind(s string) string {
	switch strings.TrimSuffix(strings.TrimSpace(s), "指标") {
	case "定量":
		return "定量"
	case "定性":
		return "定性"
	}
	return ""
}

// TargetText is the 指标值 the national layout's columns make: 指标性质 when it is an
// operator, then the value, then the unit unless the value already ends with it
// ("≥" "95" "%" → "≥95%"; "定性" "优" "" → "优").
func (w WrittenTarget) TargetText() string {
	op := strings.TrimSpace(w.Nature)
	switch op {
	case "≥", ">=", "≤", "<=", "=", ">", "<", "＝":
	default:
		op = ""
	}
	value := w.Value
	if value == "" {
		return value
	}
	if w.Unit != "" && !strings.HasSuffix(value, w.Unit) {
		value += w.Unit
	}
	return op + value
}

// Columns returns the indicator's 指标性质, 指标值 and 度量单位: as written when the table
// had those columns, else read from its Target (a numeric target without an operator is
// "="; a qualitative one is 定性).
func (in Indicator) Columns() (nature, value, unit string) {
	if w := in.Written; w != nil {
		return w.Nature, w.Value, w.Unit
	}
	t := in.Target
	switch t.Kind {
	case TargetNumeric:
		nature = string(t.Op)
		if nature == "" {
			nature = "="
		}
		return nature, t.Value.String(), t.Unit
	case TargetQualitative:
		return "定性", t.Text, ""
	}
	return "", strings.TrimSpace(t.Text), ""
}
