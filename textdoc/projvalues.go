package textdoc

import (
	"strings"
	"unicode/utf8"

	"jixiao"
)

// labelsUnder reports whether the row below a row of labels holds labels itself under
// them: the row above is a section's heading (年度绩效目标 over *年度绩效总目标 | …, 江西),
// not labels over their values.
func labelsUnder(ms []pmatch, below row) bool {
	for j, m := range ms {
		if m.l.f != pNone && j < len(below.cells) && matchProject(below.cells[j]).l.f != pNone {
			return true
		}
	}
	return false
}

// labelRow reads a row of labels and values; it returns 1 when it also read the row below
// (a row of labels whose values stand under them: 总体目标 | 年度目标 / … | …).
func (pr *projReader) labelRow(rw row, rows []row, i int) int {
	ms := make([]pmatch, len(rw.cells))
	any, labelsOnly, goals := false, true, false
	for j, c := range rw.cells {
		ms[j] = matchProject(c)
		if ms[j].l.f != pNone {
			any = true
		}
		if c.text != "" && (ms[j].l.f == pNone || ms[j].hasValue) {
			if !unitCell(c) {
				labelsOnly = false
			}
		}
		goals = goals || ms[j].l.f == pPeriodGoal || ms[j].l.f == pAnnualGoal
	}
	if !any {
		if rw.nonEmpty() == 1 {
			c := rw.cells[rw.firstNonEmpty()]
			if y := findYear(c.key); y > 0 && utf8.RuneCountInString(c.key) <= 14 {
				if pr.sec.year == 0 {
					pr.sec.year = y
				}
				return 0
			}
			if u, ok := parseUnit(strings.Trim(c.key, "()")); ok {
				pr.unit = u
				return 0
			}
		}
		if pr.pairs(rw) {
			return 0
		}
		pr.unread(rw)
		return 0
	}
	if columnar(rw, ms) {
		// A columnar table: the labels head columns of one project per row.
		for j, m := range ms {
			switch m.l.f {
			case pName:
				pr.colName = j
			case pMoney:
				pr.colMoney = j
			case pPeriodGoal, pAnnualGoal:
				pr.colGoal = j
			}
		}
		if pr.colMoney >= 0 {
			return 0
		}
		pr.colName = -1
	}
	if labelsOnly && goals && i+1 < len(rows) && !isProjectHeader(rows[i+1]) && !labelsUnder(ms, mergeSplit(rows[i+1])) {
		below := mergeSplit(rows[i+1])
		for j, m := range ms {
			if v := below.cell(j); v != "" && m.l.f != pNone {
				pr.set(m, rw.cells[j].text, v)
			}
		}
		return 1
	}
	pr.sides(rw, ms)
	var other []string // cells no label took, in order
	for j := 0; j < len(rw.cells); j++ {
		c, m := rw.cells[j], ms[j]
		if m.l.f == pNone {
			if c.text != "" {
				if unitCell(c) {
					pr.unit, _ = parseUnit(strings.Trim(c.key, "()"))
				} else {
					other = append(other, c.text)
				}
			}
			continue
		}
		switch m.l.f {
		case pGroup, pIndicators:
			if m.unit != "" {
				pr.unit, _ = parseUnit(m.unit)
			}
			continue
		}
		if j+1 < len(rw.cells) && rw.cells[j+1].key == c.key && !m.hasValue {
			// A label repeated in the next cell (政府性基金预算资金 | 政府性基金预算资金 | 0.00).
			continue
		}
		v := m.value
		if !m.hasValue && m.l.f == pOther && j+1 < len(rw.cells) && ms[j+1].l.f != pNone {
			// A value that reads as a label: 资金性质 | 一般公共预算.
			v = rw.cells[j+1].text
			j++
		} else if !m.hasValue {
			// The value is in the cells up to the next label: for money the last figure
			// there (一般公共预算资金 | 经费拨款 | 14,064,994.80), else the first text.
			var run []string
			k := j + 1
			for ; k < len(rw.cells) && ms[k].l.f == pNone; k++ {
				if t := rw.cells[k].text; t != "" && !unitCell(rw.cells[k]) {
					run = append(run, t)
				}
			}
			if len(run) > 0 {
				pick := 0
				if m.l.f == pMoney {
					// The first figure: 经费拨款 | 14,064,994.80, or 65 | 财政资金科目代码 | 21305.
					for x := range run {
						if firstIsDigit(run[x]) {
							pick = x
							break
						}
					}
				}
				v = run[pick]
				for x, t := range run {
					if x != pick && !dashes(t) {
						other = append(other, t)
					}
				}
			}
			j = k - 1
		}
		if m.l.f == pFooter {
			pr.cur.Other = append(pr.cur.Other, jixiao.LabelValue{Label: c.text, Value: v})
			continue
		}
		if m.l.f == pMoney && pr.midSide(j) && !(m.l.source == jixiao.FundTotal && m.l.rank == 0) {
			// A source of the multi-year total, beside the year's: kept as written.
			label := strings.TrimRight(strings.TrimSpace(pr.midLabel), ":：") + " " + c.text
			pr.cur.Other = append(pr.cur.Other, jixiao.LabelValue{Label: label, Value: v})
			continue
		}
		pr.set(m, c.text, v)
	}
	for k := 0; k+1 < len(other); k += 2 {
		pr.cur.Other = append(pr.cur.Other, jixiao.LabelValue{Label: other[k], Value: other[k+1]})
	}
	if len(other)%2 == 1 {
		pr.cur.Other = append(pr.cur.Other, jixiao.LabelValue{Label: other[len(other)-1]})
	}
	return 0
}

// amount label with no values, the other cells short labels (单位代码).
func columnar(rw row, ms []pmatch) bool {
	name, money := false, false
	for j, m := range ms {
		switch {
		case m.hasValue:
			return false
		case m.l.f == pName:
			name = true
		case m.l.f == pMoney:
			money = true
		case m.l.f == pNone && utf8.RuneCountInString(rw.cells[j].text) > 8:
			return false
		}
	}
	return name && money && rw.nonEmpty() >= 4
}

// cell 项目责任人:邹光辉. A row that does not look like that is not taken.
func (pr *projReader) pairs(rw row) bool {
	var cells []string
	for _, c := range rw.cells {
		if c.text != "" {
			cells = append(cells, c.text)
		}
	}
	if len(cells) == 1 {
		k, v, ok := strings.Cut(cells[0], ":")
		if !ok {
			k, v, ok = strings.Cut(cells[0], "：")
		}
		if !ok && looksLabel(cells[0]) {
			k, v, ok = cells[0], "", true // 项目实施计划, with nothing beside it
		}
		if !ok || !looksLabel(k) {
			return false
		}
		pr.cur.Other = append(pr.cur.Other, jixiao.LabelValue{Label: strings.TrimSpace(k), Value: strings.TrimSpace(v)})
		return true
	}
	// Labels sit in the row's first cell and every other cell after it.
	first, last := rw.firstNonEmpty(), len(rw.cells)-1
	for last > first && rw.cells[last].text == "" {
		last-- // a workbook's row is as wide as its widest: the empty cells at its end
	}
	var lv []jixiao.LabelValue
	for j := first; j <= last; j += 2 {
		k := rw.cells[j].text
		if !looksLabel(k) {
			return false
		}
		lv = append(lv, jixiao.LabelValue{Label: k, Value: rw.cell(j + 1)})
	}
	pr.cur.Other = append(pr.cur.Other, lv...)
	return true
}

// looksLabel reports whether a cell reads as a label: short words, not a figure.
func looksLabel(s string) bool {
	n := norm(s)
	return n != "" && utf8.RuneCountInString(n) <= 16 && !firstIsDigit(n) && !strings.ContainsAny(n, "。;,")
}

// unitCell reports whether a cell only says the money unit: (万元), 单位:万元.
func unitCell(c cell) bool {
	_, ok := parseUnit(strings.Trim(c.key, "()"))
	return ok
}

func firstIsDigit(s string) bool {
	s = norm(s)
	return s != "" && (isDigit(s[0]) || s[0] == '-' && len(s) > 1 && isDigit(s[1]))
}

// set stores the value of one label.
func (pr *projReader) set(m pmatch, label, v string) {
	p := pr.cur
	switch m.l.f {
	case pDept, pAuthority, pUnit, pCode:
		if len(p.Indicators) > 0 {
			// Who a project is, written after a project's indicators: the next table has
			// begun (its 部门名称 before its 项目名称).
			pr.finish()
			p = pr.cur
		}
	}
	switch m.l.f {
	case pName:
		if p.Name != "" && len(p.Indicators) == 0 && norm(label) != pr.nameLabel {
			// A second name of the same project (专项资金名称 under 项目名称): kept as written.
			p.Other = append(p.Other, jixiao.LabelValue{Label: label, Value: v})
			return
		}
		if p.Name != "" || len(p.Indicators) > 0 {
			pr.finish()
			p = pr.cur
		}
		p.Name, pr.nameLabel = joinLines(v), norm(label)
	case pCode:
		p.Code = v
	case pAuthority:
		if p.Authority == "" {
			p.Authority = stripSeal(joinLines(v))
			return
		}
		p.Other = append(p.Other, jixiao.LabelValue{Label: label, Value: v})
	case pUnit:
		if p.Unit == "" {
			p.Unit = stripSeal(joinLines(v))
			return
		}
		p.Other = append(p.Other, jixiao.LabelValue{Label: label, Value: v})
	case pMoney:
		if t := norm(v); t != "" && !placeholders[t] && !strings.ContainsAny(t, "0123456789") {
			// A money label over a word, not a figure (预算数 | 执行数: the heads of a money
			// table's columns): kept as written.
			p.Other = append(p.Other, jixiao.LabelValue{Label: label, Value: v})
			return
		}
		u := pr.unit
		if m.unit != "" {
			u, _ = parseUnit(m.unit)
		}
		pr.money(m.l, label, v, u)
	case pPeriod:
		if p.PeriodText != "" {
			p.Other = append(p.Other, jixiao.LabelValue{Label: label, Value: v})
			return
		}
		p.PeriodText = v
		p.Period, _ = jixiao.ParsePeriod(joinLines(v))
	case pStart:
		pr.start = v
	case pEnd:
		pr.end = v
	case pPeriodGoal:
		if p.PeriodGoal == "" {
			p.PeriodGoal = v
			return
		}
		p.Other = append(p.Other, jixiao.LabelValue{Label: label, Value: v})
	case pDept:
		pr.dept = joinLines(v)
		pr.deptLabels = append(pr.deptLabels, jixiao.LabelValue{Label: label, Value: v})
	case pDuties:
		pr.duties = v
	case pAnnualGoal:
		if p.AnnualGoal == "" {
			p.AnnualGoal = v
			return
		}
		p.Other = append(p.Other, jixiao.LabelValue{Label: label, Value: v})
	default:
		p.Other = append(p.Other, jixiao.LabelValue{Label: label, Value: v})
	}
}

// followed by words (854万(高标准农田建设400万元,…)) is read by its leading figure.
func (pr *projReader) money(l plabel, label, v string, u unit) {
	p := pr.cur
	a, err := pr.r.parseAmount(v, u, 0)
	if err != nil {
		a = jixiao.Amount{}
		if lead := leadingAmount(v); lead != "" {
			a, _ = pr.r.parseAmount(lead, u, 0)
		}
	}
	src := l.source
	if src != jixiao.FundTotal && src != jixiao.FundPart {
		if _, ok := p.Fund(src); ok {
			src = jixiao.FundPart
		}
	}
	p.Funds = append(p.Funds, jixiao.FundLine{Source: src, Label: label, Text: v, Amount: a})
	if l.source == jixiao.FundTotal && l.rank > pr.rank && a.IsSet() && l.rank > 0 {
		p.Amount, pr.rank = a, l.rank
	}
}

// leadingAmount is the figure a cell starts with, with its unit: "854万(…)" → "854万".
func leadingAmount(s string) string {
	s = norm(s)
	i := 0
	for i < len(s) && (isDigit(s[i]) || s[i] == '.' || s[i] == ',') {
		i++
	}
	if i == 0 {
		return ""
	}
	for _, u := range []string{"万元", "万", "元"} {
		if strings.HasPrefix(s[i:], u) {
			return s[:i+len(u)]
		}
	}
	return s[:i]
}

// isProjectHeader reports whether a row is the header of a project table's indicator block.
func isProjectHeader(rw row) bool {
	var pr projReader
	i := 0
	return pr.header(mergeSplit(rw), nil, &i)
}

// namesFund reports whether a table names its 所属专项, as the seed's 附件3 does.
func namesFund(sec *section) bool {
	for _, rw := range sec.rows {
		for _, c := range rw.cells {
			if itemLabels.match(c).f == fFundName {
				return true
			}
		}
	}
	return false
}

// first year of its period.
func (r *reader) projectPlan() (*jixiao.Plan, error) {
	p := &r.plan
	for _, pa := range r.projects {
		p.Projects = append(p.Projects, pa.p)
		if p.Year == 0 {
			p.Year = pa.year
		}
	}
	for i := 0; p.Year == 0 && i < len(p.Projects); i++ {
		pr := p.Projects[i]
		p.Year = pr.Period.FromYear
		if p.Year == 0 {
			p.Year = firstYear(pr.PeriodText)
		}
		if p.Year == 0 {
			p.Year = findYear(norm(pr.Name))
		}
	}
	for i := 0; p.Department == "" && i < len(p.Projects); i++ {
		p.Department = p.Projects[i].Authority
		if p.Department == "" {
			p.Department = p.Projects[i].Unit
		}
	}
	if p.KeyTasks == nil {
		p.KeyTasks = []jixiao.KeyTask{}
	}
	if p.Indicators == nil {
		p.Indicators = []jixiao.Indicator{}
	}
	p.Other = r.deptOther
	p.SpecialFunds = []jixiao.SpecialFund{}
	if p.Year == 0 {
		return nil, &NoYearError{Plan: p, err: r.errorf(r.firstLine, "项目支出绩效目标表的标题、年度行和实施期中都没有预算年度（应如“2023年项目支出绩效目标表”或“(2023年度)”）")}
	}
	return p, nil
}

// firstYear is the first four-digit year (1990–2200) written in s: 2021 of "2021-2023",
// 2020 of "202001-202012".
func firstYear(s string) int {
	for i := 0; i+4 <= len(s); i++ {
		if !isDigit(s[i]) || i > 0 && isDigit(s[i-1]) {
			continue
		}
		if allDigits(s[i : i+4]) {
			y := int(s[i]-'0')*1000 + int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0')
			if y >= 1990 && y <= 2200 {
				return y
			}
		}
	}
	return 0
}

// unreadOther keeps unread rows of a department-wide table as labels without values.
func unreadOther(us []jixiao.UnreadRow) []jixiao.LabelValue {
	var out []jixiao.LabelValue
	for _, u := range us {
		if len(u.Cells) > 0 {
			out = append(out, jixiao.LabelValue{Label: u.Cells[0], Value: strings.Join(u.Cells[1:], " | ")})
		}
	}
	return out
}

// placeDept files a 部门名称 or 单位名称 row of a table that names a project (河南's
// 市级部门预算项目绩效目标表: 部门名称 | 濮阳市档案馆, 单位名称 | 濮阳市档案馆): the
// department is the project's 主管部门, the unit its 实施单位 — or, when the table has no
// 部门名称 (unitAlone), its 主管部门 — each unless the table gives that already; anything
// else is kept in Other as written.
func placeDept(p *jixiao.Project, lv jixiao.LabelValue, unitAlone bool) {
	v := stripSeal(joinLines(lv.Value))
	k := norm(lv.Label)
	switch {
	case v == "":
	case strings.HasPrefix(k, "单位") && unitAlone && p.Authority == "":
		p.Authority = v
		return
	case strings.HasPrefix(k, "单位") && p.Unit == "":
		p.Unit = v
		return
	case !strings.HasPrefix(k, "单位") && p.Authority == "":
		p.Authority = v
		return
	}
	p.Other = append(p.Other, lv)
}

// sides notes a row that holds a multi-year total and the year's total side by side
// (中期资金总额: | 300 | 年度资金总额: | 100): the columns of the money rows under each.
func (pr *projReader) sides(rw row, ms []pmatch) {
	mid, year := -1, -1
	for j, m := range ms {
		if m.l.f != pMoney || m.l.source != jixiao.FundTotal {
			continue
		}
		if m.l.rank == 0 && mid < 0 {
			mid = j
		} else if m.l.rank > 0 && year < 0 {
			year = j
		}
	}
	if mid >= 0 && year >= 0 {
		pr.midCol, pr.yearCol, pr.midLabel = mid, year, rw.cells[mid].text
	}
}

// midSide reports whether column j lies under the multi-year total of a row that had
// both totals side by side.
func (pr *projReader) midSide(j int) bool {
	switch {
	case pr.midCol < 0:
		return false
	case pr.midCol < pr.yearCol:
		return j < pr.yearCol
	default:
		return j >= pr.midCol
	}
}

// dashes reports whether a cell holds only dashes (——, -—): a money row's mark for "no
// figure" in a column of other years (大庆's 上年度预算安排 | 上年度实际执行 | 本年度申请金额).
func dashes(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.Trim(s, "-—－–") == ""
}
