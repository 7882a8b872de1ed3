package check

import (
	"slices"
	"strconv"
	"strings"

	"jixiao"
)

// state is the scratch of one Check run, pooled so that checking many plans allocates
// little beyond the findings themselves.
type state struct {
	c     *Checker
	p     *jixiao.Plan
	r     *Report
	fw    *jixiao.Framework
	fwIdx int // fw's index in the checker's frameworks (labelInfo)

	tables []table
	rows   []rowInfo // backing array of every table's rows

	// state.label's cache, kept from plan to plan: it maps label texts to the checker's
	// own labelInfo
	labels  [1 << labelBits]recentLabel
	nlabels int

	atoms   []atom  // roll-up atoms (rollup.go)
	vm      packVM  // rule pack evaluation (packs.go)
	a       arena   // the text of the report's findings (arena.go)
	diffBuf []int32 // the LCS table of text diffs (diff.go), kept below maxDiffBuf

	amounts    []jixiao.Amount // checkFunds' scratch
	everywhere []*rowInfo      // checkBoilerplate's scratch

	// checkRollups' scratch
	dept, items          []int // the count atoms of the department's table, of the items'
	pairs                []pair
	linkBuf              []int // backing of the department atoms' links
	deptUnits, itemUnits []string
	// the item paths of the report's links, made once per report (not scratch: the
	// report's own, dropped by putState)
	linkItems []string

	// checkWording's scratch
	words  wordScan
	hits   []typoHit
	vfirst [][2]variantHit
	quoted []quote
}

const labelBits = 6

type recentLabel struct {
	name string
	li   *labelInfo
}

// maxDiffBuf is the largest LCS table a pooled state keeps (1 MB).
const maxDiffBuf = 1 << 18

// table is one 年度绩效指标 table: the department's (item == nil) or an item's 附件3.
type table struct {
	fund, item int
	it         *jixiao.FundItem
	inds       []jixiao.Indicator
	rows       []rowInfo
}

// rowInfo is what one indicator row measures. Level labels are filled down from the rows
// above, because merged cells leave them empty in later rows.
type rowInfo struct {
	name, target   string // 三级指标 and 指标值 without surrounding white space
	l1Name, l2Name string
	l1Written      bool // the 一级 label is written on this row (first of its group)
	l2Written      bool // the 二级 label is written on this row
	l1i, l2i       *labelInfo
	l1, l2         jixiao.Category // in the chosen framework (CategoryUnknown when it does not know it)
	gl1, gl2       jixiao.Category // what the labels measure in any framework, or by key words
	parent         jixiao.Category // home 一级 of the 二级 in the chosen framework
	l2Known        bool            // the chosen framework knows the 二级 label
}

// cat returns what the row measures at its most specific level.
func (r *rowInfo) cat() jixiao.Category {
	if r.gl2 != jixiao.CategoryUnknown {
		return r.gl2
	}
	return r.gl1
}

func (c *Checker) newState(p *jixiao.Plan) *state {
	s, _ := c.pool.Get().(*state)
	if s == nil {
		s = &state{c: c}
	}
	s.p = p
	s.tables = s.tables[:0]
	s.rows = s.rows[:0]
	s.atoms = s.atoms[:0]
	n := indicatorCount(p)
	if cap(s.rows) < n {
		s.rows = make([]rowInfo, 0, n)
	}
	if !projectsOnly(p) {
		s.addTable(-1, -1, nil, p.Indicators)
	}
	for i := range p.SpecialFunds {
		for j := range p.SpecialFunds[i].Items {
			it := &p.SpecialFunds[i].Items[j]
			s.addTable(i, j, it, it.Indicators)
		}
	}
	for k := range p.Projects {
		pr := &p.Projects[k]
		s.addTable(projectFund, k, pr, pr.Indicators)
	}
	return s
}

// indicatorCount is p.IndicatorCount() without copying every fund and item.
func indicatorCount(p *jixiao.Plan) int {
	n := len(p.Indicators)
	for i := range p.SpecialFunds {
		for j := range p.SpecialFunds[i].Items {
			n += len(p.SpecialFunds[i].Items[j].Indicators)
		}
	}
	for k := range p.Projects {
		n += len(p.Projects[k].Indicators)
	}
	return n
}

// putState drops what the state holds of the plan and the report (so that the pool
// keeps neither alive) and returns it to the pool. The scratch lists are cleared up to
// their length only: what lies past it was cleared when it was last used.
func (c *Checker) putState(s *state) {
	s.p, s.r, s.fw = nil, nil, nil
	for i := range s.tables {
		s.tables[i] = table{}
	}
	clear(s.rows)
	clear(s.vfirst) // they point into the plan
	clear(s.quoted)
	clear(s.deptUnits)
	clear(s.itemUnits)
	clear(s.everywhere)
	s.linkItems = nil
	if cap(s.diffBuf) > maxDiffBuf {
		s.diffBuf = nil
	}
	c.pool.Put(s)
}

func (s *state) addTable(fund, item int, it *jixiao.FundItem, inds []jixiao.Indicator) {
	start := len(s.rows)
	c := s.c
	var l1, l2 string
	l1i, l2i := c.noLabel, c.noLabel
	for i := range inds {
		in := &inds[i]
		var l1Written, l2Written bool
		if t := trimSpace(in.Level1); t != "" {
			if t != l1 {
				l1i = s.label(t)
			}
			l1, l1Written = t, true
			if l2 != "" {
				l2, l2i = "", c.noLabel // a new 一级 group starts its 二级 afresh
			}
		}
		if t := trimSpace(in.Level2); t != "" {
			if t != l2 {
				l2i = s.label(t)
			}
			l2, l2Written = t, true
		}
		// The row is written in place, field by field, rather than copied in whole: a
		// copy of a struct with pointers goes through the runtime's bulk write barrier
		// while the collector runs. newState made room for every row.
		if len(s.rows) == cap(s.rows) {
			s.rows = slices.Grow(s.rows, len(inds)-i)
		}
		s.rows = s.rows[:len(s.rows)+1]
		ri := &s.rows[len(s.rows)-1]
		ri.name, ri.target = trimSpace(in.Name), trimSpace(in.Target.Text)
		ri.l1Name, ri.l2Name = l1, l2
		ri.l1Written, ri.l2Written = l1Written, l2Written
		ri.l1i, ri.l2i = l1i, l2i
		ri.gl1, ri.gl2 = l1i.gl1, l2i.gl2
		ri.l1, ri.l2, ri.parent, ri.l2Known = jixiao.CategoryUnknown, jixiao.CategoryUnknown, jixiao.CategoryUnknown, false
	}
	s.tables = append(s.tables, table{fund: fund, item: item, it: it, inds: inds, rows: s.rows[start:len(s.rows):len(s.rows)]})
}

// label returns c.label(name), from the labels looked up before if it is there. A
// plan's tables use the same dozen or two labels, and comparing a label with one or two
// others costs less than normalising and hashing it for the checker's map
// (Checker.label). The cache is an open-addressed table hashed on the label's length
// and first and last bytes (the first character tells 数量指标 from 质量指标, the last
// 产出数量 from 产出质量); it is emptied when three quarters full.
func (s *state) label(name string) *labelInfo {
	if name == "" {
		return s.c.noLabel
	}
	h := len(name)
	for k := range min(len(name), 3) {
		h = h*31 + int(name[k])
	}
	for k := max(len(name)-3, 0); k < len(name); k++ {
		h = h*31 + int(name[k])
	}
	const mask = len(s.labels) - 1
	for i := int(uint32(h) * 0x9E3779B1 >> (32 - labelBits)); ; i = (i + 1) & mask {
		e := &s.labels[i]
		if e.li == nil {
			if s.nlabels >= len(s.labels)*3/4 {
				clear(s.labels[:])
				s.nlabels = 0
				return s.label(name)
			}
			e.name, e.li = name, s.c.label(name)
			s.nlabels++
			return e.li
		}
		if e.name == name {
			return e.li
		}
	}
}

// tablePath is the path of a table's indicator list.
func (t *table) path() string {
	if t.it == nil {
		return "indicators"
	}
	return itemPath(t.fund, t.item) + ".indicators"
}

// rowPath is the path of one indicator row.
func (t *table) rowPath(i int) string {
	var buf [80]byte
	return string(t.appendRowPath(buf[:0], i))
}

func (t *table) appendRowPath(b []byte, i int) []byte {
	if t.it != nil {
		b = appendItemPath(b, t.fund, t.item)
		b = append(b, '.')
	}
	b = append(b, "indicators["...)
	b = strconv.AppendInt(b, int64(i), 10)
	return append(b, ']')
}

// projectPlace names project k (from 0) by its place, 第2个项目: how a project whose
// 项目名称 is not filled in yet (a new table of the web form) is named, rather than 项目“”.
func projectPlace(k int) string { return "第" + strconv.Itoa(k+1) + "个项目" }

// placeMark starts a name that stands for a place (projectPlace), not a name as written:
// expand writes it without the quotes a message puts around a name.
const placeMark = "\x00"

// messageName is the table's name as a message's {name} writes it: the project's or item's
// name as written, or the place of a project that has none yet (marked with placeMark).
func (t *table) messageName() string {
	if t.it == nil {
		return "部门整体支出绩效目标表"
	}
	if t.fund == projectFund && strings.TrimSpace(t.it.Name) == "" {
		return placeMark + projectPlace(t.item)
	}
	return t.it.Name
}

// label names the table in Chinese.
func (t *table) label() string {
	if t.it == nil {
		return "部门整体支出绩效目标表"
	}
	if t.fund == projectFund {
		if strings.TrimSpace(t.it.Name) == "" {
			return projectPlace(t.item)
		}
		return "项目“" + t.it.Name + "”"
	}
	return "附件3“" + t.it.Name + "”"
}

// tableLabel returns t.label() in the report's arena.
func (s *state) tableLabel(t *table) string {
	if t.it == nil {
		return "部门整体支出绩效目标表"
	}
	if t.fund == projectFund {
		if strings.TrimSpace(t.it.Name) == "" {
			return projectPlace(t.item)
		}
		return s.cat("项目“", t.it.Name, "”")
	}
	return s.cat("附件3“", t.it.Name, "”")
}

// chooseFramework picks the framework: the option, the plan's own, or the best fit of the
// layout.
func (s *state) chooseFramework(opts Options) {
	c := s.c
	if opts.Framework != "" {
		if i, ok := c.index(opts.Framework); ok {
			s.setFramework(i, SourceOption, "")
			return
		}
		s.add("framework.unknown", Warning, "framework", "未知的指标体系“"+opts.Framework+"”，已改为根据表格结构判断（可用："+strings.Join(c.FrameworkIDs(), "、")+"）")
	}
	if s.p.Framework != "" {
		if i, ok := c.index(s.p.Framework); ok {
			s.setFramework(i, SourcePlan, "")
			return
		}
		s.add("framework.unknown", Warning, "framework", "绩效目标申报所写的指标体系“"+s.p.Framework+"”未知，已改为根据表格结构判断")
	}
	// On a tie, a plan of project tables only (no department table, no special funds: a
	// province's 项目支出绩效目标表) goes by the national framework, its forms' source; a
	// plan in the seed's forms by the first, hunan-2021.
	tieBreak := -1
	if len(s.p.Projects) > 0 && len(s.p.SpecialFunds) == 0 && len(s.p.Indicators) == 0 {
		tieBreak, _ = c.index("national-2021")
	}
	best, bestScore := 0, -1
	for fw := range c.frameworks {
		score := 0
		for i := range s.rows {
			if fits(fw, &s.rows[i]) {
				score++
			}
		}
		if score > bestScore || score == bestScore && fw == tieBreak {
			best, bestScore = fw, score
		}
	}
	s.setFramework(best, SourceLayout, s.layoutReason())
}

// fits reports whether the row's labels sit where the checker's framework fw puts them.
func fits(fw int, r *rowInfo) bool {
	l1 := r.l1i.level1In(fw)
	if l1 == jixiao.CategoryUnknown {
		return false
	}
	if r.l2Name == "" {
		return true
	}
	e, ok := r.l2i.level2In(fw)
	return ok && e.Parent == l1
}

// layoutReason says where the plan puts 满意度 and 成本, the two things that tell the
// frameworks apart.
func (s *state) layoutReason() string {
	var satL1, satL2, costL1, costL2 bool
	for i := range s.rows {
		r := &s.rows[i]
		switch {
		case r.gl1 == jixiao.CategorySatisfaction:
			satL1 = true
		case r.gl2 == jixiao.CategorySatisfaction:
			satL2 = true
		}
		switch {
		case r.gl1 == jixiao.CategoryCost:
			costL1 = true
		case r.gl2.IsCost():
			costL2 = true
		}
	}
	var parts []string
	switch {
	case satL1:
		parts = append(parts, "满意度指标为单独的一级指标")
	case satL2:
		parts = append(parts, "满意度列在效益指标之下")
	default:
		parts = append(parts, "没有满意度指标")
	}
	switch {
	case costL1:
		parts = append(parts, "成本指标为单独的一级指标")
	case costL2:
		parts = append(parts, "成本列在产出指标之下")
	}
	return "根据表格结构判断：" + strings.Join(parts, "，")
}

func (s *state) setFramework(i int, source, reason string) {
	fw := s.c.frameworks[i]
	s.fw, s.fwIdx = fw, i
	s.r.Framework, s.r.FrameworkName, s.r.FrameworkSource, s.r.FrameworkReason = fw.ID, fw.Name, source, reason
}

// resolveRows reads each row's labels in the chosen framework.
func (s *state) resolveRows() {
	fw := s.fwIdx
	for i := range s.rows {
		r := &s.rows[i]
		r.l1 = r.l1i.level1In(fw)
		if e, ok := r.l2i.level2In(fw); ok {
			r.l2, r.parent, r.l2Known = e.Category, e.Parent, true
		}
	}
}

// checkFramework checks every row's 一级/二级 against the framework, and that each table
// has the framework's required indicators. Satisfaction is left to the quality rule
// indicator.satisfaction-missing so that it is reported once.
func (s *state) checkFramework() {
	fw := s.fw
	for ti := range s.tables {
		t := &s.tables[ti]
		var have [jixiao.NumCategories]bool
		for i := range t.rows {
			r := &t.rows[i]
			have[r.gl1] = true
			have[r.gl2] = true
			if r.l2Known {
				have[r.parent] = true
			}
			if r.l1Name == "" {
				if i == 0 || t.rows[i-1].l1Name != "" {
					s.add("framework.level1", Warning, t.rowPath(i)+".level1", t.label()+"第"+strconv.Itoa(i+1)+"行没有一级指标")
				}
				continue
			}
			if r.l1 == jixiao.CategoryUnknown {
				if r.l1Written {
					s.add("framework.level1", Warning, t.rowPath(i)+".level1", "一级指标“"+r.l1Name+"”不属于指标体系 "+fw.ID+"（一级指标应为："+fw.Level1Names()+"）")
				}
				continue
			}
			if r.l2Name == "" || !r.l2Written {
				continue
			}
			switch {
			case !r.l2Known:
				s.add("framework.level2", Warning, t.rowPath(i)+".level2", "二级指标“"+r.l2Name+"”不属于指标体系 "+fw.ID+" 的“"+fw.Level1Name(r.l1)+"”（可用："+fw.Level2Names(r.l1)+"）")
			case r.parent != r.l1:
				s.add("framework.level2", Warning, t.rowPath(i)+".level2", "按指标体系 "+fw.ID+"，“"+r.l2Name+"”属于一级指标“"+fw.Level1Name(r.parent)+"”，不应列在“"+r.l1Name+"”之下")
			}
		}
		for k, l1 := range fw.Level1 {
			c1 := fw.Level1Cat(k)
			if c1 == jixiao.CategorySatisfaction {
				continue
			}
			if l1.Required && !have[c1] {
				s.add("framework.required", Warning, t.path(), t.label()+"缺少一级指标“"+l1.Name+"”")
				continue
			}
			for j, l2 := range l1.Level2 {
				c2 := fw.Level2Cat(k, j)
				if l2.Required && c2 != jixiao.CategorySatisfaction && have[c1] && !have[c2] && !(c2.IsCost() && hasAnyCost(&have)) {
					s.add("framework.required", Warning, t.path(), t.label()+"缺少二级指标“"+l2.Name+"”（"+l1.Name+"）")
				}
			}
		}
	}
}

func hasAnyCost(have *[jixiao.NumCategories]bool) bool {
	return have[jixiao.CategoryCost] || have[jixiao.CategoryCostEconomic] || have[jixiao.CategoryCostSocial] || have[jixiao.CategoryCostEcological]
}
