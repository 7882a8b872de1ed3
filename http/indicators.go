package http

import (
	"html"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/check"
)

// indicatorRow is one 年度绩效指标 row of a form, as typed, with how its 指标值 was read.
type indicatorRow struct {
	Level1, Level2, Name, Target, Note string
	Understood                         string // the parsed form, in Chinese: "≥ 95 %"
	Kind                               string // the target's kind, for a CSS class
	Unreadable                         bool

	// Columns is set for a project table's row, whose 指标值 is typed in the national
	// layout's columns (指标性质 | 指标值 | 度量单位, then Target is made from them) beside
	// 权重, 指标方向, 指标值类型, 绩效标准, 指标解释 and 评(扣)分标准.
	Columns                                     bool
	Nature, Value, Unit, Weight, Direction      string
	ValueKind, Standard, Explanation, ScoreRule string
	// Other are the row's values under columns the form does not edit (Indicator.Other:
	// 江苏's 半年(程)指标值, …): shown read only and posted back so that a save keeps them.
	Other []jixiao.LabelValue
	// OtherCells are Other under the table's extra columns (projectColumns.Other), one
	// per column, empty where the row has no value; filled for the page.
	OtherCells []jixiao.LabelValue

	// Filled by prepareIndicators for the page, so that the template does no lookups:
	P          string        // the row's path, "indicators[3]"
	ID         string        // fieldID(P)
	Opt1, Opt2 template.HTML // the <option>s of the level selects
	// the <option>s of a project row's 指标性质, 指标方向 and 指标值类型 selects
	OptNature, OptDirection, OptKind template.HTML
	F                                rowFindings // the findings beside each cell
}

// rowFindings are the findings beside the cells of one indicator row.
type rowFindings struct{ Level1, Level2, Name, Target, Note []findingView }

// prepareIndicators fills in what the template shows of each row: its path and id, the
// options of its level selects, and the findings beside its cells.
func prepareIndicators(rows []indicatorRow, list string, lc levelChoices, fs *findingSet) {
	for i := range rows {
		r := &rows[i]
		r.P = list + "[" + strconv.Itoa(i) + "]"
		r.ID = fieldID(r.P)
		r.Opt1, r.Opt2 = options1(lc, r.Level1), options2(lc, r.Level2)
		if r.Columns {
			r.OptNature = choices(r.Nature, "≥", "≤", "=", "定性")
			r.OptDirection = choices(r.Direction, "正向", "反向")
			r.OptKind = choices(r.ValueKind, "定量", "定性")
		}
		r.F = rowFindings{Level1: fs.At(r.P + ".level1"), Level2: fs.At(r.P + ".level2"), Name: fs.At(r.P + ".name"),
			Target: fs.At(r.P + ".target"), Note: fs.At(r.P + ".note")}
	}
}

// options1 writes the <option>s of a 一级指标 select with v selected; a value the
// framework does not know is kept and marked.
func options1(fw levelChoices, v string) template.HTML {
	var b strings.Builder
	b.WriteString(`<option value="">（请选择）</option>`)
	if v != "" && !has1(fw, v) {
		option(&b, v, v+"（不在指标体系中）", true)
	}
	if fw != nil {
		for _, l1 := range fw.Level1 {
			option(&b, l1.Name, l1.Name, l1.Name == v)
		}
	}
	return template.HTML(b.String())
}

// options2 writes the <option>s of a 二级指标 select, grouped by 一级指标.
func options2(fw levelChoices, v string) template.HTML {
	var b strings.Builder
	b.WriteString(`<option value="">（请选择）</option>`)
	if v != "" && !has2(fw, v) {
		option(&b, v, v+"（不在指标体系中）", true)
	}
	if fw != nil {
		for _, l1 := range fw.Level1 {
			b.WriteString(`<optgroup label="` + html.EscapeString(l1.Name) + `">`)
			for _, l2 := range l1.Level2 {
				option(&b, l2.Name, l2.Name, l2.Name == v)
			}
			b.WriteString(`</optgroup>`)
		}
	}
	return template.HTML(b.String())
}

// choices writes the <option>s of a small select: empty, then the values, with v
// selected; a value written otherwise in an imported table (">", "正向指标") is kept.
func choices(v string, values ...string) template.HTML {
	var b strings.Builder
	option(&b, "", "（请选择）", v == "")
	known := false
	for _, x := range values {
		known = known || x == v
	}
	if v != "" && !known {
		option(&b, v, v, true)
	}
	for _, x := range values {
		option(&b, x, x, x == v)
	}
	return template.HTML(b.String())
}

func option(b *strings.Builder, value, label string, selected bool) {
	b.WriteString(`<option value="` + html.EscapeString(value) + `"`)
	if selected {
		b.WriteString(" selected")
	}
	b.WriteString(">" + html.EscapeString(label) + "</option>")
}

func indicatorRowOf(in jixiao.Indicator) indicatorRow {
	row := indicatorRow{Level1: in.Level1, Level2: in.Level2, Name: in.Name, Target: in.Target.Text, Note: in.Note}
	row.understand(in.Target)
	return row
}

// projectRowOf is a project table's indicator in the national columns.
func projectRowOf(in jixiao.Indicator) indicatorRow {
	row := indicatorRowOf(in)
	row.Columns = true
	row.Nature, row.Value, row.Unit = in.Columns()
	row.Weight, row.Direction, row.ValueKind = in.Weight, in.Direction.Label(), in.Kind
	row.Standard, row.Explanation, row.ScoreRule = in.Standard, in.Explanation, in.ScoringRule
	row.Other = in.Other
	return row
}

func projectRows(ins []jixiao.Indicator) []indicatorRow {
	rows := make([]indicatorRow, len(ins))
	for i, in := range ins {
		rows[i] = projectRowOf(in)
	}
	return rows
}

func indicatorRows(ins []jixiao.Indicator) []indicatorRow {
	rows := make([]indicatorRow, len(ins))
	for i, in := range ins {
		rows[i] = indicatorRowOf(in)
	}
	return rows
}

// postedIndicators reads the rows of the indicator list prefix ("indicators" or
// "specialFunds[0].items[1].indicators").
func postedIndicators(r *http.Request, list string) []indicatorRow {
	n := postedRows(r, list, "name")
	rows := make([]indicatorRow, n)
	for i := range rows {
		rows[i] = indicatorRow{
			Level1: cell(r, list, i, "level1"), Level2: cell(r, list, i, "level2"),
			Name: cell(r, list, i, "name"), Target: cell(r, list, i, "target"), Note: cell(r, list, i, "note"),
		}
		rows[i].understand(rows[i].indicator().Target)
	}
	return rows
}

// postedProjectIndicators reads the rows of a project table's indicator list, typed in
// the national columns.
func postedProjectIndicators(r *http.Request, list string) []indicatorRow {
	n := postedRows(r, list, "name")
	rows := make([]indicatorRow, n)
	for i := range rows {
		c := func(field string) string { return cell(r, list, i, field) }
		rows[i] = indicatorRow{Columns: true,
			Level1: c("level1"), Level2: c("level2"), Name: c("name"), Note: c("note"),
			Nature: c("nature"), Value: c("value"), Unit: c("unit"), Weight: c("weight"), Direction: c("direction"),
			ValueKind: c("kind"), Standard: c("standard"), Explanation: c("explanation"), ScoreRule: c("scoring"),
			Other: postedOther(r, list+"["+strconv.Itoa(i)+"]")}
		in := rows[i].indicator()
		rows[i].Target = in.Target.Text
		rows[i].understand(in.Target)
	}
	return rows
}

func (row indicatorRow) indicator() jixiao.Indicator {
	if !row.Columns {
		return jixiao.NewIndicator(row.Level1, row.Level2, row.Name, row.Target, row.Note)
	}
	w := &jixiao.WrittenTarget{Nature: row.Nature, Value: row.Value, Unit: row.Unit}
	in := jixiao.NewIndicator(row.Level1, row.Level2, row.Name, w.TargetText(), row.Note)
	if *w != (jixiao.WrittenTarget{}) {
		in.Written = w
	}
	in.Weight, in.Kind, in.Standard = row.Weight, row.ValueKind, row.Standard
	in.Explanation, in.ScoringRule = row.Explanation, row.ScoreRule
	in.Direction, _ = jixiao.ParseDirection(row.Direction)
	in.Other = row.Other
	return in
}

// postedOther reads back the values of a row's extra columns (otherLabel, otherValue in
// pairs, as the page writes them); an empty value is no value, as the readers keep it.
func postedOther(r *http.Request, row string) []jixiao.LabelValue {
	labels, values := r.PostForm[row+".otherLabel"], r.PostForm[row+".otherValue"]
	var out []jixiao.LabelValue
	for j := range min(len(labels), len(values)) {
		v := strings.TrimSpace(strings.ReplaceAll(values[j], "\r\n", "\n"))
		if v != "" {
			out = append(out, jixiao.LabelValue{Label: labels[j], Value: v})
		}
	}
	return out
}

// otherCells lays out the rows' Other values under the table's extra columns and returns
// the columns' headers.
func otherCells(rows []indicatorRow) []string {
	cols := jixiao.OtherColumns(indicatorsOf(rows))
	for i := range rows {
		rows[i].OtherCells = nil
		for j, v := range rows[i].indicator().OtherValues(cols) {
			rows[i].OtherCells = append(rows[i].OtherCells, jixiao.LabelValue{Label: cols[j], Value: v})
		}
	}
	return cols
}

// indicatorsOf turns rows into indicators. Every row is kept, an empty one too: a row
// just added is filled in next, and a row goes away only by its delete button.
func indicatorsOf(rows []indicatorRow) []jixiao.Indicator {
	out := make([]jixiao.Indicator, 0, len(rows))
	for _, row := range rows {
		out = append(out, row.indicator())
	}
	return out
}

func (row *indicatorRow) understand(t jixiao.Target) {
	row.Understood, row.Kind, row.Unreadable = understand(t)
}

// understand says in Chinese how a 指标值 was read: the operator, number and unit of a
// numeric target, the grade of a qualitative one, and so on.
func understand(t jixiao.Target) (text, kind string, unreadable bool) {
	kind = string(t.Kind)
	switch t.Kind {
	case jixiao.TargetNumeric:
		text = "数值：" + t.String()
		if t.OpImplied {
			text += "（满意度指标，百分比视为“不低于”）"
		}
	case jixiao.TargetQualitative:
		text = "定性：" + t.Grade
	case jixiao.TargetNotApplicable:
		if t.Text == "" {
			return "", kind, false
		}
		text = "不适用"
	case jixiao.TargetPeriod:
		text = "期限"
		if t.Deadline != nil {
			text += "：" + t.Deadline.String()
		}
	case jixiao.TargetCompound:
		text = "多项合一：" + t.String()
	case jixiao.TargetUnreadable:
		text, unreadable = "无法识别："+t.Problem, true
	}
	return text, kind, unreadable
}

// levelChoices is the framework whose 一级 and 二级 indicators the <select>s of the
// indicator rows offer; nil when the checks know no framework.
type levelChoices = *jixiao.Framework

// frameworkChoice is one framework a plan may follow.
type frameworkChoice struct{ ID, Name string }

// frameworks lists the frameworks the checks know, for the plan's framework <select>.
func frameworks() []frameworkChoice {
	var out []frameworkChoice
	for _, fw := range check.Default().Frameworks() {
		out = append(out, frameworkChoice{ID: fw.ID, Name: fw.Name})
	}
	return out
}

// frameworkName is the Chinese name of the framework id, the id itself when the checks
// know no such framework ("" for none).
func frameworkName(id string) string {
	if fw := check.Default().Framework(id); fw != nil && fw.Name != "" {
		return fw.Name
	}
	return id
}

// levelsOf returns the framework of the id, or the first framework when the plan names
// none the checks know.
// levelsFor are the levels an editor of the stored plan offers: those of framework (the
// plan's, or the one a posted form names) or, when none is named, of the framework the
// checks take for the plan's tables (an imported national table is checked against the
// national framework, and its editor offers the national levels, not the seed's).
func (s *Server) levelsFor(stored *jixiao.Plan, framework string) levelChoices {
	if framework == "" {
		framework = s.checkPlan(stored).Framework
	}
	return levelsOf(framework)
}

func levelsOf(id string) levelChoices {
	c := check.Default()
	if fw := c.Framework(id); fw != nil {
		return fw
	}
	if all := c.Frameworks(); len(all) > 0 {
		return all[0]
	}
	return nil
}

// has1 and has2 report whether a value is among the framework's choices, so that a value
// from an imported table that the framework does not name is still shown and kept.
func has1(fw levelChoices, v string) bool {
	if fw == nil {
		return false
	}
	for _, l1 := range fw.Level1 {
		if l1.Name == v {
			return true
		}
	}
	return false
}

func has2(fw levelChoices, v string) bool {
	if fw == nil {
		return false
	}
	for _, l1 := range fw.Level1 {
		for _, l2 := range l1.Level2 {
			if l2.Name == v {
				return true
			}
		}
	}
	return false
}
