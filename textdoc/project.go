package textdoc

import (
	"slices"
	"strings"

	"jixiao"
)

// projReader reads the project tables of one section: the 项目支出绩效目标表 of the national
// 一体化 layout and its provincial variants (testdata/published). It reads by labels, in
// any order and any cell, and by the indicator block's header labels; what it cannot
// place it keeps (Project.Other for labels it has no field for, Project.Unread for rows
// it cannot read) rather than dropping or refusing.
type projReader struct {
	r    *reader
	sec  *section
	unit unit // money unit of the table (单位:万元), changed by a label that carries one

	cur      *jixiao.Project
	done     []jixiao.Project
	rank     int    // rank of the money row that gave cur.Amount
	start    string // 项目开始日期
	end      string // 项目完成日期
	inBlock  bool
	cols     [numPCols]int
	extra    []extraCol // indicator columns the row keeps in Indicator.Other
	width    int
	colName  int // columnar tables (one project per row: 单位(专项)名称 | 资金总额 | …): -1 else
	colMoney int
	colGoal  int
	dept     string // 部门(单位)名称 of a department-wide table read here
	// deptLabels are the 部门名称 / 单位名称 rows of the current table: a department-wide
	// table's own, or, when the table names a project, its 主管部门 and 实施单位.
	deptLabels []jixiao.LabelValue
	orphan     []jixiao.LabelValue // 部门名称 / 单位名称 rows no project took
	nameLabel  string              // the label that named the current project (项目名称), normalised
	// midCol and yearCol are the columns of a multi-year total and the year's total that
	// stand side by side in one row (财预〔2015〕88号: 中期资金总额 | … | 年度资金总额), -1
	// else; midLabel is the multi-year total's label. The money rows under the multi-year
	// total are its own, not the year's sources.
	midCol, yearCol int
	midLabel        string
	// list are the project columns of a list of projects one indicator a row (projlist.go);
	// listGroup is the department of its total row, listLast the unit cells carried down.
	list      []listCol
	listGroup string
	listLast  map[int]string
	duties    string // 部门(单位)职责
	tasks     []jixiao.KeyTask
	taskCols  []int // 年度履职目标 block: columns of 部门职能, 年度目标任务, 支出项目名称, 预算金额; nil outside
	// firstName is the 三级 column of the first of two column sets (laterSet), -1 else: a
	// row filled there only has no indicator of the year.
	firstName int
}

// readProject reads one section of project tables into r.projects.
func (r *reader) readProject(sec *section) error {
	pr := &projReader{r: r, sec: sec, unit: projectUnit(sec), colName: -1, colMoney: -1, colGoal: -1}
	pr.begin()
	rows := sec.rows
	for i := 0; i < len(rows); i++ {
		rw := mergeSplit(rows[i])
		if rw.empty() {
			continue
		}
		if pr.taskRow(rw) {
			continue
		}
		if pr.header(rw, rows, &i) {
			continue
		}
		if pr.inBlock {
			if pr.blockRow(rw) {
				continue
			}
			pr.inBlock = false
		}
		i += pr.labelRow(rw, rows, i)
	}
	pr.finish()
	if pr.dept != "" && len(pr.done) == 1 && pr.done[0].Name == "" && r.dept == nil && r.plan.Department == "" {
		// A department-wide table (整体绩效目标表) in a project-like layout: its labels and
		// indicators are the plan's.
		d := pr.done[0]
		r.plan.Department, r.plan.Duties, r.plan.Goal = pr.dept, pr.duties, d.AnnualGoal
		r.plan.Indicators = d.Indicators
		r.plan.Year = sec.year
		r.plan.KeyTasks = pr.tasks
		r.deptOther = append(deptBudget(&r.plan, d), unreadOther(d.Unread)...)
		return nil
	}
	if len(pr.orphan) > 0 {
		// 部门名称 / 单位名称 after the last project, or of a table with nothing else:
		// kept as written, with the last project or the plan.
		if n := len(pr.done); n > 0 && (pr.done[n-1].Name != "" || len(pr.done[n-1].Indicators) > 0) {
			pr.done[n-1].Other = append(pr.done[n-1].Other, pr.orphan...)
		} else {
			r.deptOther = append(r.deptOther, pr.orphan...)
		}
	}
	for _, p := range pr.done {
		if p.Name == "" && len(p.Indicators) == 0 && len(p.Funds) == 0 {
			if len(p.Unread) > 0 || len(p.Other) > 0 {
				return r.errorf(sec.line, "%s中找不到项目名称和绩效指标：无法识别为项目支出绩效目标表", sec.name())
			}
			continue
		}
		r.projects = append(r.projects, projectAt{p: p, year: sec.year, line: sec.line})
	}
	return nil
}

// projectAt is a project read, with the year and line of its table.
type projectAt struct {
	p    jixiao.Project
	year int
	line int
}

func (pr *projReader) begin() {
	pr.cur = &jixiao.Project{Indicators: []jixiao.Indicator{}}
	pr.rank, pr.start, pr.end = -1, "", ""
	pr.midCol, pr.yearCol, pr.midLabel = -1, -1, ""
}

// finish closes the current project.
func (pr *projReader) finish() {
	p := pr.cur
	if p.Name != "" || len(p.Indicators) > 0 || len(p.Funds) > 0 {
		// 单位名称 alone (no 部门名称 beside it) names the unit that files the table: the
		// project's 主管部门 when the table gives none.
		alone := !slices.ContainsFunc(pr.deptLabels, func(lv jixiao.LabelValue) bool { return !strings.HasPrefix(norm(lv.Label), "单位") })
		for _, lv := range pr.deptLabels {
			placeDept(p, lv, alone)
		}
	} else {
		pr.orphan = append(pr.orphan, pr.deptLabels...) // rows of no project: kept (readProject)
	}
	pr.deptLabels = nil
	if p.PeriodText != "" && !p.Period.IsSet() && (pr.start != "" || pr.end != "") {
		// 实施期限 | 02 经常性项目 beside 计划开始日期 | 2021: the dates are the period.
		p.Other = append(p.Other, jixiao.LabelValue{Label: "实施期限", Value: p.PeriodText})
		p.PeriodText = ""
	}
	if p.PeriodText == "" && (pr.start != "" || pr.end != "") {
		p.PeriodText = pr.start + "-" + pr.end
		p.Period, _ = jixiao.ParsePeriod(p.PeriodText)
	}
	if !p.Amount.IsSet() {
		// No total row: the sources are the total (年度本级预算金额 250万 | 上级资金 0).
		var sum jixiao.Amount
		for _, f := range p.Funds {
			if f.Source != jixiao.FundPart && f.Amount.IsSet() {
				sum = sum.Add(f.Amount)
			}
		}
		p.Amount = sum
	}
	// 一级 labelled in the middle of its merged cells: the rows above with the same
	// 二级 and no 一级 take it.
	ins := p.Indicators
	for k := range ins {
		if ins[k].Level1 == "" {
			continue
		}
		for j := k - 1; j >= 0 && ins[j].Level1 == "" && ins[j].Level2 == ins[k].Level2; j-- {
			ins[j].Level1 = ins[k].Level1
		}
		break
	}
	pr.done = append(pr.done, *p)
	pr.begin()
}

// projectUnit is the money unit a table declares (单位:万元, 金额单位:元); 万元 when none.
func projectUnit(sec *section) unit {
	for _, rw := range sec.rows {
		for _, c := range rw.cells {
			if i := strings.LastIndex(c.key, "单位:"); i >= 0 {
				if u, ok := parseUnit(c.key[i+len("单位:"):]); ok {
					return u
				}
			}
		}
	}
	return unitWan
}

// mergeSplit joins a label split over two cells by the source's layout (经济效益 | 指标,
// 一级 | 指标, 主管部门 | 及编码, 项目起 | 止时间) and splits a cell of several "label:value"
// lines (资金总额: 250 / 一、预算资金:250 / 二、自有资金:0) into one cell a line.
func mergeSplit(rw row) row {
	var out []cell
	changed := false
	for i := 0; i < len(rw.cells); i++ {
		c := rw.cells[i]
		if parts := labelLines(c); parts != nil {
			out = append(out, parts...)
			changed = true
			continue
		}
		if i+1 < len(rw.cells) && c.text != "" && rw.cells[i+1].text != "" && len(c.text) < 40 {
			next := rw.cells[i+1]
			joined := c.text + next.text
			jc := cell{text: joined, line: c.line}
			jc.key, jc.cut = labelKey(joined)
			split := next.text == "指标" && !strings.HasSuffix(c.key, "指标")
			if !split {
				m := matchProject(jc)
				split = m.l.f != pNone && len(m.l.key) > len(matchProject(c).l.key) && !m.hasValue
			}
			if split {
				out = append(out, jc)
				// Keep the row as wide as written: the next cell becomes empty at the end.
				i++
				changed = true
				continue
			}
		}
		out = append(out, c)
	}
	if !changed {
		return rw
	}
	return row{cells: out, line: rw.line}
}

// labelLines splits a cell whose every line is a label with its value; nil otherwise.
func labelLines(c cell) []cell {
	if strings.IndexByte(c.text, '\n') < 0 || len(c.text) > 400 {
		return nil
	}
	var out []cell
	for l := range strings.SplitSeq(c.text, "\n") {
		lc := cell{text: l, line: c.line}
		lc.key, lc.cut = labelKey(l)
		if m := matchProject(lc); m.l.f == pNone || !m.hasValue {
			return nil
		}
		out = append(out, lc)
	}
	return out
}

// extraCol is a column of an indicator block that no Indicator field holds (a second
// 指标值 column: 半年(程)指标值, 2021年实际实现值), kept in Indicator.Other by its header.
type extraCol struct {
	at    int
	label string
	of    pcol // the column it is a second of: a level or name is kept only where it differs; -1 for none
}

// headText is a header cell's text on one line (headers are often split over lines).
func headText(s string) string { return strings.Join(strings.Fields(s), "") }

// header reads an indicator block's header row (一级指标 | 二级指标 | 三级指标 | 指标值 …),
// and the sub-header row below it when it has one (2021年实际实现值 | 预期2022年实现值).
func (pr *projReader) header(rw row, rows []row, i *int) bool {
	var cols [numPCols]int
	var pref [numPCols]int
	for k := range cols {
		cols[k] = -1
	}
	var extra []extraCol
	for j, c := range rw.cells {
		col, ok := headColumn(c)
		if !ok {
			continue
		}
		if p := preferred(c.key); cols[col] < 0 || p > pref[col] {
			if cols[col] >= 0 {
				extra = append(extra, extraCol{cols[col], headText(rw.cells[cols[col]].text), col})
			}
			cols[col], pref[col] = j, p
		} else {
			extra = append(extra, extraCol{j, headText(c.text), col})
		}
	}
	below := 0
	if cols[cLevel1] < 0 && cols[cLevel2] < 0 && cols[cTarget] >= 0 && rows != nil && *i+1 < len(rows) {
		// A header over two rows (大庆: 指标名称 | 上年度实际水平 | 本年度计划水平 over
		// 二级指标 | 三级指标): the levels and the name from the row below.
		for j, c := range rows[*i+1].cells {
			if col, ok := headColumn(c); ok && (col == cLevel1 || col == cLevel2 || col == cName) {
				cols[col], below = j, 1
			}
		}
	}
	if j := cols[cLevel1]; j >= 0 && cols[cLevel2] < 0 && j+1 < len(rw.cells) && rw.cells[j+1].text == "" && !slices.Contains(cols[:], j+1) {
		// One header over the 一级 and 二级 columns (评价内容 | | 绩效内容: 投入 | 时效目标).
		cols[cLevel2] = j + 1
	}
	if j := cols[cLevel1]; j >= 0 && rw.cells[j].key == "指标类型" && cols[cKind] < 0 && kindValues(rows, *i, j) {
		// 指标类型 over 定量/定性 is the 指标值类型 column (浙江's 项目库 form has it over
		// 产出指标/效益指标: the 一级).
		cols[cKind], cols[cLevel1] = j, -1
	}
	flat := cols[cName] >= 0 && cols[cTarget] >= 0 && (cols[cNature] >= 0 || cols[cUnit] >= 0 || cols[cWeight] >= 0)
	if cols[cLevel1] < 0 && cols[cLevel2] < 0 && !flat || cols[cName] < 0 && cols[cTarget] < 0 {
		// A header names the levels, or (a flat list of indicators) a name, a value and
		// how it is measured or weighed.
		return false
	}
	cols, extra, pr.firstName = laterSet(rw, cols, pref, extra)
	if cols[cName] < 0 {
		// 鄂州: 一级指标 holds 数量指标 and 二级指标 the indicator.
		cols[cName], cols[cLevel2], cols[cLevel1] = cols[cLevel2], cols[cLevel1], -1
	}
	// A header no Indicator field answers to (核查方式, a column a user added) is kept too.
	for j, c := range rw.cells {
		if _, ok := headColumn(c); !ok && headText(c.text) != "" && !slices.Contains(cols[:], j) {
			extra = append(extra, extraCol{j, headText(c.text), -1})
		}
	}
	pr.list, extra = listColumns(rw, extra)
	pr.cols, pr.width, pr.inBlock, pr.extra = cols, len(rw.cells), true, extra
	*i += below
	if rows != nil && *i+1 < len(rows) {
		sub := rows[*i+1]
		if sub.cell(cols[cLevel1]) == "" && sub.cell(cols[cLevel2]) == "" && sub.cell(cols[cName]) == "" {
			isSub := false
			var values []extraCol
			for j, c := range sub.cells {
				if strings.Contains(c.key, "实现值") || strings.Contains(c.key, "指标值") {
					isSub = true
					values = append(values, extraCol{j, headText(c.text), cTarget})
					if preferred(c.key) == 2 {
						pr.cols[cTarget] = j
					}
				}
			}
			// The sub-header's other value columns (2021年实际实现值) are kept beside the
			// target, under their own header.
			for _, v := range values {
				if v.at != pr.cols[cTarget] && !slices.ContainsFunc(pr.extra, func(e extraCol) bool { return e.at == v.at }) {
					pr.extra = append(pr.extra, v)
				}
			}
			if isSub {
				pr.extra = slices.DeleteFunc(pr.extra, func(e extraCol) bool { return e.at == pr.cols[cTarget] })
			}
			if isSub {
				*i++
			}
		}
	}
	return true
}

// blockRow reads a row of the indicator block; false when the row ends the block.
func (pr *projReader) blockRow(rw row) bool {
	first := rw.firstNonEmpty()
	if m := matchProject(rw.cells[first]); m.l.f == pFooter || m.l.f == pName && first < pr.at(cLevel2) ||
		m.l.f != pNone && m.l.f != pIndicators && m.l.f != pGroup && first < pr.leftmost() {
		// A footer, the next project's name, or a label left of the indicator columns
		// (浙江's 最近年度绩效评价情况 under the block): the block has ended.
		return false
	}
	if pr.colName >= 0 && rw.cell(pr.colName) != "" {
		pr.columnarProject(rw)
		return true
	}
	if pr.list != nil && pr.listRow(rw) {
		return true
	}
	if pr.firstName >= 0 && rw.cell(pr.cols[cName]) == "" && rw.cell(pr.cols[cTarget]) == "" && rw.cell(pr.firstName) != "" {
		// Filled in the medium-term set only (or cut before the year's cells): no
		// indicator of the year; the row is kept as it is, with a finding.
		pr.unread(rw)
		return true
	}
	get := func(c pcol) string { return rw.cell(pr.cols[c]) }
	l1, l2 := joinLines(get(cLevel1)), joinLines(get(cLevel2))
	name, value := get(cName), get(cTarget)
	nature, dir, unitText := get(cNature), get(cDirection), get(cUnit)
	mapped := 0
	for _, j := range pr.cols {
		if j >= 0 && rw.cell(j) != "" {
			mapped++
		}
	}
	if mapped == 0 {
		pr.unread(rw)
		return true
	}
	// 指标性质 holding 正向 and 指标方向 holding =: the headers are swapped (乌海).
	if _, ok := jixiao.ParseDirection(nature); ok && nature != "" && opCell(dir) {
		nature, dir = dir, nature
	}
	if placeholders[norm(unitText)] {
		unitText = ""
	}
	target := value
	var written *jixiao.WrittenTarget
	if pr.cols[cNature] >= 0 || pr.cols[cUnit] >= 0 {
		written = &jixiao.WrittenTarget{Nature: nature, Value: value, Unit: unitText}
		target = nationalTarget(nature, value, unitText)
	}
	if pr.cols[cLevel2] < 0 && l2 == "" && categoryName(name) {
		// A form with no 二级 column whose name column holds the 二级 (浙江's 项目库:
		// 指标类型 | 指标名称 over 产出指标 | 数量指标): the row is that 二级, named as written.
		l2 = name
	}
	ins := pr.cur.Indicators
	if len(ins) > 0 {
		prev := ins[len(ins)-1]
		if l1 == "" || l1 == prev.Level1 || prev.Level1 == "" {
			// An empty 一级 or 二级 repeats the row above (merged cells); a 一级 written in
			// the middle of its merge (黄石) does not end the 二级 above it.
			if l1 == "" {
				l1 = prev.Level1
			}
			if l2 == "" {
				l2 = prev.Level2
			}
		}
	}
	in := jixiao.NewIndicator(l1, l2, name, target, get(cNote))
	in.Written = written
	in.Weight = get(cWeight)
	in.Direction, _ = jixiao.ParseDirection(dir)
	in.Kind = get(cKind)
	in.Standard = get(cStandard)
	in.Explanation = get(cExplanation)
	in.ScoringRule = get(cScoring)
	for _, e := range pr.extra {
		if v := rw.cell(e.at); v != "" && (e.of == cTarget || e.of < 0 || v != rw.cell(pr.cols[e.of])) {
			in.Other = append(in.Other, jixiao.LabelValue{Label: e.label, Value: v})
		}
	}
	pr.cur.Indicators = append(pr.cur.Indicators, in)
	for j := pr.width; j < len(rw.cells); j++ {
		if rw.cells[j].text != "" {
			pr.unread(rw) // more cells than the header: kept whole as well
			break
		}
	}
	return true
}

// leftmost is the block's first column of 一级, 二级 or 三级 (1<<30 when none is set): a
// cell left of it is outside the indicator columns.
func (pr *projReader) leftmost() int {
	return min(pr.at(cLevel1), pr.at(cLevel2), pr.at(cName))
}

func (pr *projReader) at(c pcol) int {
	if j := pr.cols[c]; j >= 0 {
		return j
	}
	return 1 << 30
}

// opCell reports whether a cell holds only an operator (≥ ≤ = > <, in any form).
func opCell(s string) bool {
	switch norm(s) {
	case "≥", ">=", "≧", "≤", "<=", "≦", "=", "＝", "﹦", "═", ">", "<":
		return true
	}
	return false
}

// columnarProject starts the project of a row of a columnar table (湘西: 单位代码 |
// 单位(专项)名称 | 资金总额 | 实施期绩效目标 | 绩效指标…). A row with no indicators after it
// before the next is the unit the projects below belong to.
func (pr *projReader) columnarProject(rw row) {
	c := pr.cur
	unitName := ""
	if c.Name != "" && len(c.Indicators) == 0 {
		unitName = c.Name
		pr.cur.Name, pr.cur.Funds, pr.cur.Amount, pr.cur.PeriodGoal = "", nil, jixiao.Amount{}, ""
	} else if c.Name != "" {
		unitName = c.Unit
		pr.finish()
	}
	pr.cur.Unit = unitName
	pr.cur.Name = joinLines(rw.cell(pr.colName))
	if pr.colMoney >= 0 {
		pr.money(plabel{source: jixiao.FundTotal, rank: 3}, "资金总额", rw.cell(pr.colMoney), pr.unit)
	}
	if pr.colGoal >= 0 {
		pr.cur.PeriodGoal = rw.cell(pr.colGoal)
	}
	for j, c := range rw.cells {
		if c.text != "" && j != pr.colName && j != pr.colMoney && j != pr.colGoal {
			pr.cur.Other = append(pr.cur.Other, jixiao.LabelValue{Label: "第" + itoa(j+1) + "列", Value: c.text})
		}
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// unread keeps a row that could not be read.
func (pr *projReader) unread(rw row) {
	u := jixiao.UnreadRow{Where: pr.r.at(rw.line)}
	for _, c := range rw.cells {
		u.Cells = append(u.Cells, c.text)
	}
	for len(u.Cells) > 0 && u.Cells[len(u.Cells)-1] == "" {
		u.Cells = u.Cells[:len(u.Cells)-1]
	}
	pr.cur.Unread = append(pr.cur.Unread, u)
}

// columnar reports whether a row heads a table of one project per row: a name and an
// pairs keeps a row of labels the reader does not know, with their values, in
// Project.Other: 项目审批 | 《…》, 组织实施单位 | 甘肃省文物局 | 监督管理单位 | 嘉峪关文旅局, or one
// money keeps one money row as written and reads its amount in 万元, exactly; a figure
// projectPlan is the plan of a document of project tables only: the department is the
// first project's 主管部门 (or 实施单位), the year its table's (title, "(2020年度)") or the

// taskHeads are the header labels of a department-wide table's 年度履职目标 block, in the
// order of taskCols.
var taskHeads = [][]string{{"部门职能", "职能"}, {"年度目标任务", "目标任务", "工作任务"}, {"支出项目名称", "项目名称"}, {"预算金额"}}

// taskRow reads the 年度履职目标 block of a department-wide table (福建: 年度履职目标 |
// 部门职能 | 年度目标任务 | 支出项目名称 | 预算金额(万元), then a row per task with its first
// cell empty) into KeyTasks. It reports whether it took the row.
func (pr *projReader) taskRow(rw row) bool {
	if pr.dept == "" {
		return false
	}
	first := rw.firstNonEmpty()
	if k := norm(rw.cells[first].text); strings.Contains(k, "履职目标") || strings.Contains(k, "重点工作") {
		cols := []int{-1, -1, -1, -1}
		for j := first + 1; j < len(rw.cells); j++ {
			n := norm(rw.cells[j].text)
			for c, names := range taskHeads {
				for _, h := range names {
					if cols[c] < 0 && strings.HasPrefix(n, h) {
						cols[c] = j
					}
				}
			}
		}
		if cols[0] >= 0 && cols[1] >= 0 {
			pr.taskCols = cols
			return true
		}
		return false
	}
	if pr.taskCols == nil {
		return false
	}
	if first < pr.taskCols[0] && rw.cells[first].text != "" {
		pr.taskCols = nil // a label in the first column ends the block
		return false
	}
	get := func(c int) string { return rw.cell(pr.taskCols[c]) }
	pr.tasks = append(pr.tasks, jixiao.KeyTask{Item: get(0), Objective: get(1), Spending: get(2), SpendingAmount: get(3)})
	return true
}

// deptBudget moves a department-wide table's money rows read by labels into the plan's
// Budget (资金总额, 项目支出, 基本支出) and its 部门预算编码 into DepartmentCode, and returns
// the labels left over.
func deptBudget(p *jixiao.Plan, d jixiao.Project) []jixiao.LabelValue {
	if f, ok := d.Fund(jixiao.FundTotal); ok {
		p.Budget.Total = f.Amount
	} else if d.Amount.IsSet() {
		p.Budget.Total = d.Amount
	}
	var rest []jixiao.LabelValue
	for _, o := range d.Other {
		k := norm(o.Label)
		a, err := jixiao.ParseDecimal(strings.TrimSpace(o.Value))
		switch {
		case k == "项目支出" && err == nil && !p.Budget.Project.IsSet():
			p.Budget.Project = a
		case k == "基本支出" && err == nil && !p.Budget.Basic.IsSet():
			p.Budget.Basic = a
		case strings.HasSuffix(k, "编码") && p.DepartmentCode == "" && o.Value != "":
			p.DepartmentCode = strings.TrimSpace(o.Value)
		case strings.Contains(k, "预算安排") && strings.TrimSpace(o.Value) == "":
			// the heading of the money rows (年度预算安排（万元）), read above
		default:
			rest = append(rest, o)
		}
	}
	return rest
}
