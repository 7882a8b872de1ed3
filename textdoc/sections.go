package textdoc

import (
	"slices"
	"strings"
	"unicode/utf8"

	"jixiao"
)

// reader holds what has been read so far.
type reader struct {
	name      string
	firstLine int      // first line with content
	where     []string // ReadTables: where each cell is, by its line (from 1); nil for text

	plan jixiao.Plan
	dept *section

	summary      *section
	authority    string // 项目主管部门 of the summary table
	totalLine    int    // line of the 合计 row, 0 when none
	groups       []group
	summaryItems []summaryItem
	items        []itemTable
	projects     []projectAt // project tables (项目支出绩效目标表)
	deptOther    []jixiao.LabelValue
}

// group is a group row of the summary table (一 业务性专项经费 30).
type group struct {
	name   string
	amount jixiao.Amount
	line   int
}

// summaryItem is an item row of the summary table.
type summaryItem struct {
	group int // index in groups, -1 before any group row
	no    string
	name  string
	line  int
	sum   jixiao.FundItemSummary
}

// itemTable is one 附件3 table.
type itemTable struct {
	line      int
	authority string
	fund      string // 所属专项
	item      jixiao.FundItem
}

// A kv is a value label read from a row, with its value.
type kv struct {
	m         labelMatch
	value     string
	line      int // line of the value
	labelLine int
}

// readLabels reads the label cells of rows[i] with their values: written in the label's
// cell after a colon (资金总额：167.0104万元), in the next cell (项目金额 | 5), or — when a row
// holds only labels — in the cell below in the next row (then skip is 1). A block label
// (年度绩效指标) ends the row: blockAt is its cell, or -1.
func (r *reader) readLabels(ls labelSet, rows []row, i int) (kvs []kv, blockAt int, blockF field, matched bool, skip int) {
	rw := rows[i]
	blockAt = -1
	ms := make([]labelMatch, len(rw.cells))
	for j, c := range rw.cells {
		ms[j] = ls.match(c)
		matched = matched || ms[j].f != fNone
	}
	if !matched {
		return nil, -1, fNone, false, 0
	}
	labelsOnly, needsBelow := true, false
	for j, c := range rw.cells {
		if c.text == "" {
			continue
		}
		if ms[j].f == fNone {
			labelsOnly = false
			break
		}
		if ms[j].f.hasValue() && !ms[j].hasValue && (j+1 >= len(rw.cells) || ms[j+1].f != fNone) {
			needsBelow = true
		}
	}
	var below *row
	if labelsOnly && needsBelow && i+1 < len(rows) && !rows[i+1].empty() && !hasLabel(rows[i+1], ls) {
		below, skip = &rows[i+1], 1
	}
	for j := 0; j < len(rw.cells); j++ {
		m := ms[j]
		switch {
		case m.f == fNone:
			continue
		case m.f == fKeyTasks || m.f == fIndicators:
			return kvs, j, m.f, true, skip
		case !m.f.hasValue():
			continue
		}
		v := kv{m: m, line: rw.cells[j].line, labelLine: rw.cells[j].line}
		switch {
		case m.hasValue:
			v.value = m.value
			// A value that runs on into cells of its own (项目主管部门：（盖章）中共株 | 株洲市…).
			if k := j + 1; !m.f.isAmount() && k < len(rw.cells) && ms[k].f == fNone && rw.cells[k].text != "" {
				parts := []string{v.value}
				for ; k < len(rw.cells) && ms[k].f == fNone && rw.cells[k].text != ""; k++ {
					parts = append(parts, rw.cells[k].text)
				}
				v.value, j = strings.Join(parts, "\n"), k-1
			}
		case j+1 < len(rw.cells) && ms[j+1].f == fNone:
			v.value, v.line = rw.cells[j+1].text, rw.cells[j+1].line
			j++
		case below != nil && j < len(below.cells):
			v.value, v.line = below.cells[j].text, below.cells[j].line
		}
		kvs = append(kvs, v)
	}
	return kvs, blockAt, fNone, true, skip
}

func hasLabel(rw row, ls labelSet) bool {
	for _, c := range rw.cells {
		if ls.isLabel(c) {
			return true
		}
	}
	return false
}

// sectionUnit finds the money unit a table declares: 金额单位：元, or a label annotated
// with it (年度预算申请（万元）). Tables that say nothing are in 万元.
func (r *reader) sectionUnit(sec *section, ls labelSet) (unit, error) {
	for _, rw := range sec.rows {
		for j, c := range rw.cells {
			m := ls.match(c)
			if m.unit != "" {
				u, _ := parseUnit(m.unit)
				return u, nil
			}
			if m.f != fUnit {
				continue
			}
			v := m.value
			if !m.hasValue {
				v = rw.cell(j + 1)
			}
			if u, ok := parseUnit(v); ok {
				return u, nil
			}
			if strings.HasPrefix(norm(c.text), "金额单位") {
				return unit{}, r.errorf(c.line, "无法识别的金额单位“%s”：应为万元或元", v)
			}
		}
	}
	return unitWan, nil
}

// unknownRow rejects a row of three or more cells that no label or header explains:
// it is data whose header is missing or unknown, and dropping it would leave a partial
// plan. Shorter rows (a stamp, a note, a page mark) are skipped.
func (r *reader) unknownRow(sec *section, rw row) error {
	if rw.nonEmpty() < 3 {
		return nil
	}
	return r.errorf(rw.line, "%s中无法识别的行“%s”：找不到它所属的表头或标签（如缺少“年度绩效指标”表头）", sec.name(), excerpt(rw))
}

// seenOnce records a value label and rejects one written twice in a table.
func (r *reader) seenOnce(seen map[field]int, f field, line int) error {
	if prev, ok := seen[f]; ok {
		return r.errorf(line, "“%s”在同一张表中出现了两次（另见%s）", f.name(), r.at(prev))
	}
	seen[f] = line
	return nil
}

// readDept reads 部门整体支出绩效目标表.
func (r *reader) readDept(sec *section) error {
	if r.dept != nil {
		return r.errorf(sec.line, "文件中有第二张“部门整体支出绩效目标表”（第一张在%s）", r.at(r.dept.line))
	}
	r.dept = sec
	u, err := r.sectionUnit(sec, deptLabels)
	if err != nil {
		return err
	}
	p := &r.plan
	seen := map[field]int{}
	var blk *block
	duties := false
	var dutyParts []string // 部门职责概述 and the rows that continue it
	closeBlk := func() error {
		if err := r.closeBlock(blk); err != nil {
			return err
		}
		if err := r.seenOnce(seen, blk.f, blk.line); err != nil {
			return err
		}
		if blk.f == fKeyTasks {
			p.KeyTasks = blk.tasks
			if err := r.taskTotals(blk, u, seen); err != nil {
				return err
			}
		} else {
			p.Indicators = blk.indicators
		}
		blk = nil
		return nil
	}
	rows := sec.rows
	for i := 0; i < len(rows); i++ {
		rw := rows[i]
		if rw.empty() {
			continue
		}
		if blk != nil {
			if !endsBlock(blk, rw, deptLabels) {
				if err := r.blockRow(blk, rw); err != nil {
					return err
				}
				continue
			}
			if err := closeBlk(); err != nil {
				return err
			}
		}
		if h, f, ok := blockHeader(rw); ok {
			blk = &block{f: f, line: rw.line}
			blk.setHeader(h, rw)
			continue
		}
		if duties {
			if !hasLabel(rw, deptLabels) {
				for _, c := range rw.cells {
					if c.text != "" {
						dutyParts = append(dutyParts, c.text)
					}
				}
				continue
			}
			duties = false
		}
		if y := yearRow(rw); y > 0 {
			// "(2023年度)" under the title (the national form).
			if sec.year == 0 {
				sec.year = y
			}
			continue
		}
		kvs, at, bf, matched, skip := r.readLabels(deptLabels, rows, i)
		for _, v := range kvs {
			if v.m.f == fUnit {
				continue
			}
			if err := r.seenOnce(seen, v.m.f, v.labelLine); err != nil {
				return err
			}
			amt := budgetAmount(&p.Budget, v.m.f)
			switch v.m.f {
			case fSubmitter:
				p.Submitter = stripSeal(joinLines(v.value))
			case fDepartment:
				p.Department = stripSeal(joinLines(v.value))
			case fDeptCode:
				p.DepartmentCode = joinLines(v.value)
			case fDuties:
				dutyParts, duties = append(dutyParts, v.value), true
			case fGoal:
				p.Goal = v.value
			}
			if amt != nil {
				if *amt, err = r.parseAmount(v.value, u, v.line); err != nil {
					return err
				}
			}
		}
		if at >= 0 {
			if blk, err = r.newBlock(bf, rw, at); err != nil {
				return err
			}
		}
		i += skip
		if !matched {
			if err := r.unknownRow(sec, rw); err != nil {
				return err
			}
		}
	}
	if blk != nil {
		if err := closeBlk(); err != nil {
			return err
		}
	}
	p.Duties = strings.Join(slices.DeleteFunc(dutyParts, func(s string) bool { return s == "" }), "\n")
	if _, ok := seen[fTotal]; !ok {
		return r.errorf(sec.line, "%s中没有“资金总额”", sec.name())
	}
	if _, ok := seen[fIndicators]; !ok {
		return r.errorf(sec.line, "%s中没有“年度绩效指标”表（表头：一级指标、二级指标、三级指标、指标值、备注）", sec.name())
	}
	return nil
}

// blockHeader reports whether rw is the header of a block written without its label.
func blockHeader(rw row) (header, field, bool) {
	if h, ok, _ := findHeader(rw, indicatorColumns, 0, needIndicator); ok {
		return h, fIndicators, true
	}
	if h, ok, _ := findHeader(rw, taskColumns, 0, needTask); ok {
		return h, fKeyTasks, true
	}
	return header{}, fNone, false
}

// readSummary reads 专项资金预算绩效目标汇总表: its labels, its header and its 合计, group
// (一 业务性专项经费) and item (1 民主党派基层建设经费) rows.
func (r *reader) readSummary(sec *section) error {
	if r.summary != nil {
		return r.errorf(sec.line, "文件中有第二张“专项资金预算绩效目标汇总表”（第一张在%s）", r.at(r.summary.line))
	}
	r.summary = sec
	u, err := r.sectionUnit(sec, summaryLabels)
	if err != nil {
		return err
	}
	var (
		h          header
		hasHeader  bool
		headerLine int
		width      int
		n          int
	)
	seen := map[field]int{}
	rows := sec.rows
	for i := 0; i < len(rows); i++ {
		rw := rows[i]
		if rw.empty() {
			continue
		}
		if !hasHeader {
			hh, ok, hu := findHeader(rw, summaryColumns, 0, needSummary)
			if ok {
				h, hasHeader, headerLine, width = hh, true, rw.line, len(rw.cells)
				if hu != "" {
					u, _ = parseUnit(hu)
				}
				continue
			}
			kvs, _, _, matched, skip := r.readLabels(summaryLabels, rows, i)
			for _, v := range kvs {
				if v.m.f == fAuthority {
					if err := r.seenOnce(seen, v.m.f, v.labelLine); err != nil {
						return err
					}
					r.authority = stripSeal(v.value)
				}
			}
			i += skip
			if !matched {
				if err := r.unknownRow(sec, rw); err != nil {
					return err
				}
			}
			continue
		}
		if m := summaryLabels.match(rw.cells[rw.firstNonEmpty()]); m.f == fIgnored {
			continue // a footer: 填报人：…
		}
		for j := width; j < len(rw.cells); j++ {
			if rw.cells[j].text != "" {
				return r.errorf(rw.cells[j].line, "本行有%d列，多于汇总表表头（%s）的%d列，无法确定“%s”属于哪一列",
					len(rw.cells), r.at(headerLine), width, clip(rw.cells[j].text))
			}
		}
		no := strings.TrimSpace(rw.cell(h[colNo]))
		name := joinLines(rw.cell(h[colFundItem]))
		amtCell := rw.cells[min(h[colAmount], len(rw.cells)-1)]
		amount := jixiao.Amount{}
		if h[colAmount] < len(rw.cells) {
			if amount, err = r.parseAmount(amtCell.text, u, amtCell.line); err != nil {
				return err
			}
		}
		n++
		switch {
		case isTotal(name) || isTotal(no):
			if r.totalLine != 0 {
				return r.errorf(rw.line, "汇总表有两行“合计”（另见%s）", r.at(r.totalLine))
			}
			r.totalLine = rw.line
			r.plan.FundsTotal = amount
		case isChineseNumeral(no):
			if name == "" {
				return r.errorf(rw.line, "汇总表第“%s”组没有专项名称", no)
			}
			r.groups = append(r.groups, group{name: name, amount: amount, line: rw.line})
		case name != "":
			r.summaryItems = append(r.summaryItems, summaryItem{
				group: len(r.groups) - 1, no: no, name: name, line: rw.line,
				sum: jixiao.FundItemSummary{
					No: no, Amount: amount,
					PeriodGoal: rw.cell(h[colPeriodGoal]), AnnualGoal: rw.cell(h[colAnnualGoal]),
				},
			})
		default:
			return r.errorf(rw.line, "汇总表的这一行没有“支出方向（子项）”名称：“%s”", excerpt(rw))
		}
	}
	if !hasHeader {
		return r.errorf(sec.line, "%s中没有表头（序号、支出方向（子项）、金额、实施期绩效目标、年度绩效目标）", sec.name())
	}
	if n == 0 {
		return r.errorf(headerLine, "%s的表头之后没有数据行", sec.name())
	}
	return nil
}

// isTotal reports whether a cell is a 合计 row's mark.
func isTotal(s string) bool {
	switch norm(s) {
	case "合计", "总计", "合计金额", "总计金额", "小计":
		return true
	}
	return false
}

// isChineseNumeral reports whether 序号 is a group number: 一, 二、, （三）, 十一.
func isChineseNumeral(s string) bool {
	s = strings.Trim(norm(s), "()、.．")
	if s == "" {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("一二三四五六七八九十百零〇", r) {
			return false
		}
	}
	return true
}

// readItem reads one 附件3 专项资金支出方向绩效目标表.
func (r *reader) readItem(sec *section) error {
	u, err := r.sectionUnit(sec, itemLabels)
	if err != nil {
		return err
	}
	t := itemTable{line: sec.line, item: jixiao.FundItem{Indicators: []jixiao.Indicator{}}}
	seen := map[field]int{}
	var blk *block
	closeBlk := func() error {
		if err := r.closeBlock(blk); err != nil {
			return err
		}
		if err := r.seenOnce(seen, fIndicators, blk.line); err != nil {
			return err
		}
		t.item.Indicators = blk.indicators
		blk = nil
		return nil
	}
	rows := sec.rows
	for i := 0; i < len(rows); i++ {
		rw := rows[i]
		if rw.empty() {
			continue
		}
		if blk != nil {
			if !endsBlock(blk, rw, itemLabels) {
				if err := r.blockRow(blk, rw); err != nil {
					return err
				}
				continue
			}
			if err := closeBlk(); err != nil {
				return err
			}
		}
		if h, ok, _ := findHeader(rw, indicatorColumns, 0, needIndicator); ok {
			blk = &block{f: fIndicators, line: rw.line}
			blk.setHeader(h, rw)
			continue
		}
		kvs, at, bf, matched, skip := r.readLabels(itemLabels, rows, i)
		for _, v := range kvs {
			if v.m.f == fUnit {
				continue
			}
			if err := r.seenOnce(seen, v.m.f, v.labelLine); err != nil {
				return err
			}
			switch v.m.f {
			case fAuthority:
				t.authority = stripSeal(v.value)
			case fItemName:
				t.item.Name = joinLines(v.value)
			case fFundName:
				t.fund = joinLines(v.value)
			case fItemAmount:
				if t.item.Amount, err = r.parseAmount(v.value, u, v.line); err != nil {
					return err
				}
			case fPeriod:
				t.item.Period, _ = jixiao.ParsePeriod(joinLines(v.value))
			case fPeriodGoal:
				t.item.PeriodGoal = v.value
			case fAnnualGoal:
				t.item.AnnualGoal = v.value
			}
		}
		if at >= 0 {
			if blk, err = r.newBlock(bf, rw, at); err != nil {
				return err
			}
		}
		i += skip
		if !matched {
			if err := r.unknownRow(sec, rw); err != nil {
				return err
			}
		}
	}
	if blk != nil {
		if err := closeBlk(); err != nil {
			return err
		}
	}
	if t.item.Name == "" {
		return r.errorf(sec.line, "%s中没有“支出方向（子项）”（项目名称）", sec.name())
	}
	if _, ok := seen[fIndicators]; !ok {
		return r.errorf(sec.line, "%s（%s）中没有“年度绩效指标”表（表头：一级指标、二级指标、三级指标、指标值、备注）", sec.name(), t.item.Name)
	}
	r.items = append(r.items, t)
	return nil
}

// stripSeal drops the stamp mark before a unit's name: （盖章）中共… → 中共….
func stripSeal(s string) string {
	s = strings.TrimSpace(s)
	for _, mark := range []string{"（盖章）", "(盖章)", "（公章）", "(公章)", "（签章）", "(签章)", "（章）", "(章)"} {
		if strings.HasPrefix(s, mark) {
			return strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(s[len(mark):]), ":："))
		}
	}
	return s
}

// yearRow is the year of a row that holds only a budget year, as "(2023年度)" under a
// title does, or 0.
func yearRow(rw row) int {
	if rw.nonEmpty() != 1 {
		return 0
	}
	c := rw.cells[rw.firstNonEmpty()]
	if y := findYear(c.key); y > 0 && utf8.RuneCountInString(c.key) <= 14 && strings.Contains(c.key, "年度") && !strings.ContainsAny(c.key, ":：") {
		return y
	}
	return 0
}

// budgetAmount is the amount of the budget a label of the department table fills, or nil.
func budgetAmount(b *jixiao.Budget, f field) *jixiao.Amount {
	switch f {
	case fTotal:
		return &b.Total
	case fGeneral:
		return &b.GeneralBudget
	case fGovFund:
		return &b.GovFund
	case fOther:
		return &b.OtherFunds
	case fBasic:
		return &b.Basic
	case fProject:
		return &b.Project
	}
	return nil
}
