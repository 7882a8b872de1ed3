package check

import (
	"strconv"
	"strings"

	"jixiao"
)

// state is the scratch of one Check run, pooled so that checking many plans allocates
// little beyond the findings themselves.
type state struct {
	c  *Checker
	p  *jixiao.Plan
	r  *Report
	fw *Framework

	tables []table
	rows   []rowInfo // backing array of every table's rows

	atoms []atom // roll-up atoms (rollup.go)
	vm    packVM // rule pack evaluation (packs.go)

	diffBuf []int32 // the LCS table of text diffs (diff.go), kept below maxDiffBuf
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
	l1, l2         category // in the chosen framework (catUnknown when it does not know it)
	gl1, gl2       category // what the labels measure in any framework, or by key words
	parent         category // home 一级 of the 二级 in the chosen framework
	l2Known        bool     // the chosen framework knows the 二级 label
}

// cat returns what the row measures at its most specific level.
func (r *rowInfo) cat() category {
	if r.gl2 != catUnknown {
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
	n := p.IndicatorCount()
	if cap(s.rows) < n {
		s.rows = make([]rowInfo, 0, n)
	}
	s.addTable(-1, -1, nil, p.Indicators)
	for i := range p.SpecialFunds {
		for j := range p.SpecialFunds[i].Items {
			it := &p.SpecialFunds[i].Items[j]
			s.addTable(i, j, it, it.Indicators)
		}
	}
	return s
}

func (c *Checker) putState(s *state) {
	s.p, s.r, s.fw = nil, nil, nil
	for i := range s.tables {
		s.tables[i] = table{}
	}
	clear(s.rows[:cap(s.rows)])
	if cap(s.diffBuf) > maxDiffBuf {
		s.diffBuf = nil
	}
	c.pool.Put(s)
}

func (s *state) addTable(fund, item int, it *jixiao.FundItem, inds []jixiao.Indicator) {
	start := len(s.rows)
	c := s.c
	var l1, l2 string
	l1i, l2i := c.label(""), c.label("")
	for i := range inds {
		in := &inds[i]
		ri := rowInfo{}
		if t := trimSpace(in.Level1); t != "" {
			if t != l1 {
				l1i = c.label(t)
			}
			l1, ri.l1Written = t, true
			if l2 != "" {
				l2, l2i = "", c.label("") // a new 一级 group starts its 二级 afresh
			}
		}
		if t := trimSpace(in.Level2); t != "" {
			if t != l2 {
				l2i = c.label(t)
			}
			l2, ri.l2Written = t, true
		}
		ri.name, ri.target = trimSpace(in.Name), trimSpace(in.Target.Text)
		ri.l1Name, ri.l2Name = l1, l2
		ri.l1i, ri.l2i = l1i, l2i
		ri.gl1, ri.gl2 = l1i.gl1, l2i.gl2
		s.rows = append(s.rows, ri)
	}
	s.tables = append(s.tables, table{fund: fund, item: item, it: it, inds: inds, rows: s.rows[start:len(s.rows):len(s.rows)]})
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

// label names the table in Chinese.
func (t *table) label() string {
	if t.it == nil {
		return "部门整体支出绩效目标表"
	}
	return "附件3“" + t.it.Name + "”"
}

// chooseFramework picks the framework: the option, the plan's own, or the best fit of the
// layout.
func (s *state) chooseFramework(opts Options) {
	c := s.c
	if opts.Framework != "" {
		if fw := c.byID[opts.Framework]; fw != nil {
			s.setFramework(fw, SourceOption, "")
			return
		}
		s.add("framework.unknown", Warning, "framework", "未知的指标体系“"+opts.Framework+"”，已改为根据表格结构判断（可用："+strings.Join(c.FrameworkIDs(), "、")+"）")
	}
	if s.p.Framework != "" {
		if fw := c.byID[s.p.Framework]; fw != nil {
			s.setFramework(fw, SourcePlan, "")
			return
		}
		s.add("framework.unknown", Warning, "framework", "绩效目标申报所写的指标体系“"+s.p.Framework+"”未知，已改为根据表格结构判断")
	}
	best, bestScore := c.frameworks[0], -1
	for _, fw := range c.frameworks {
		score := 0
		for i := range s.rows {
			if fits(fw, &s.rows[i]) {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = fw, score
		}
	}
	s.setFramework(best, SourceLayout, s.layoutReason())
}

// fits reports whether the row's labels sit where the framework puts them.
func fits(fw *Framework, r *rowInfo) bool {
	l1 := r.l1i.level1In(fw)
	if l1 == catUnknown {
		return false
	}
	if r.l2Name == "" {
		return true
	}
	e, ok := r.l2i.level2In(fw)
	return ok && e.parent == l1
}

// layoutReason says where the plan puts 满意度 and 成本, the two things that tell the
// frameworks apart.
func (s *state) layoutReason() string {
	var satL1, satL2, costL1, costL2 bool
	for i := range s.rows {
		r := &s.rows[i]
		switch {
		case r.gl1 == catSatisfaction:
			satL1 = true
		case r.gl2 == catSatisfaction:
			satL2 = true
		}
		switch {
		case r.gl1 == catCost:
			costL1 = true
		case r.gl2.isCost():
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

func (s *state) setFramework(fw *Framework, source, reason string) {
	s.fw = fw
	s.r.Framework, s.r.FrameworkName, s.r.FrameworkSource, s.r.FrameworkReason = fw.ID, fw.Name, source, reason
}

// resolveRows reads each row's labels in the chosen framework.
func (s *state) resolveRows() {
	fw := s.fw
	for i := range s.rows {
		r := &s.rows[i]
		r.l1 = r.l1i.level1In(fw)
		if e, ok := r.l2i.level2In(fw); ok {
			r.l2, r.parent, r.l2Known = e.cat, e.parent, true
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
		var have [numCategories]bool
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
			if r.l1 == catUnknown {
				if r.l1Written {
					s.add("framework.level1", Warning, t.rowPath(i)+".level1", "一级指标“"+r.l1Name+"”不属于指标体系 "+fw.ID+"（一级指标应为："+fw.level1Names()+"）")
				}
				continue
			}
			if r.l2Name == "" || !r.l2Written {
				continue
			}
			switch {
			case !r.l2Known:
				s.add("framework.level2", Warning, t.rowPath(i)+".level2", "二级指标“"+r.l2Name+"”不属于指标体系 "+fw.ID+" 的“"+fw.l1Names[r.l1]+"”（可用："+fw.level2Names(r.l1)+"）")
			case r.parent != r.l1:
				s.add("framework.level2", Warning, t.rowPath(i)+".level2", "按指标体系 "+fw.ID+"，“"+r.l2Name+"”属于一级指标“"+fw.l1Names[r.parent]+"”，不应列在“"+r.l1Name+"”之下")
			}
		}
		for _, l1 := range fw.Level1 {
			c1, _ := parseCategory(l1.Category)
			if c1 == catSatisfaction {
				continue
			}
			if l1.Required && !have[c1] {
				s.add("framework.required", Warning, t.path(), t.label()+"缺少一级指标“"+l1.Name+"”")
				continue
			}
			for _, l2 := range l1.Level2 {
				c2, _ := parseCategory(l2.Category)
				if l2.Required && c2 != catSatisfaction && have[c1] && !have[c2] && !(c2.isCost() && hasAnyCost(&have)) {
					s.add("framework.required", Warning, t.path(), t.label()+"缺少二级指标“"+l2.Name+"”（"+l1.Name+"）")
				}
			}
		}
	}
}

func hasAnyCost(have *[numCategories]bool) bool {
	return have[catCost] || have[catCostEconomic] || have[catCostSocial] || have[catCostEcological]
}

func (fw *Framework) level1Names() string {
	names := make([]string, len(fw.Level1))
	for i, l := range fw.Level1 {
		names[i] = l.Name
	}
	return strings.Join(names, "、")
}

func (fw *Framework) level2Names(c1 category) string {
	var names []string
	for _, l := range fw.Level1 {
		if l.Category == c1.String() {
			for _, l2 := range l.Level2 {
				names = append(names, l2.Name)
			}
		}
	}
	return strings.Join(names, "、")
}
