package check

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"jixiao"
)

// atom is one number of an indicator table that may take part in a roll-up: a whole
// numeric indicator (part = -1) or one part of a compound cell (各类培训8次).
type atom struct {
	table, row, part int
	name             string // core name for matching: 各类培训 → 培训
	label            string // as written
	op               jixiao.Op
	value            jixiao.Decimal
	unit             string
	count            bool // a count (次, 个, 场 …), not money, a rate or a duration
	linked           bool
	links            []int // for department atoms: the item atoms that sum to it
}

// atomPath returns the path of an atom's cell, in the report's arena.
func (s *state) atomPath(a *atom) string {
	var buf [96]byte
	m := s.a.mark()
	s.a.bytes(s.appendAtomPath(buf[:0], a))
	return s.a.from(m)
}

func (s *state) appendAtomPath(b []byte, a *atom) []byte {
	b = s.tables[a.table].appendRowPath(b, a.row)
	b = append(b, ".target"...)
	if a.part >= 0 {
		b = append(b, ".parts["...)
		b = strconv.AppendInt(b, int64(a.part), 10)
		b = append(b, ']')
	}
	return b
}

// atomText writes an atom as the table wrote it: 各类培训 8次.
func (a *atom) text() string { return a.label + " " + string(a.op) + a.value.String() + a.unit }

// isCountUnit reports whether a unit counts things (次, 个, 场, 人次 …): not a percentage,
// not money, not a rate (元/人), not a duration.
func isCountUnit(u string) bool {
	// (% and / are ASCII: a byte search finds them exactly)
	if u == "" || strings.IndexByte(u, '%') >= 0 || strings.IndexByte(u, '/') >= 0 || strings.Contains(u, "元") {
		return false
	}
	switch u {
	case "天", "日", "月", "年", "小时", "分钟", "工作日", "周", "个月", "季度":
		return false
	}
	return true
}

// moneyMicros converts a money target to micros of 万元: 5万 and 5万元 → 5, 200元 → 0.02.
// ok is false for other units, including rates such as 元/人.
func moneyMicros(v jixiao.Decimal, unit string) (int64, bool) {
	switch unit {
	case "万元", "万":
		return v.Micros(), true
	case "元":
		return v.DivInt(10000).Micros(), true
	case "亿元", "亿":
		return v.MulInt(10000).Micros(), true
	case "千元":
		return v.DivInt(10).Micros(), true
	}
	return 0, false
}

var namePrefixes = []string{"各类", "各项", "各种", "开展", "组织", "举办", "召开", "参加", "完成"}
var nameSuffixes = []string{"活动", "工作", "次数", "场次", "数量", "数"}

// coreName strips the words that do not tell two counts apart: 各类培训 → 培训,
// 开展调研活动 → 调研. It does not allocate.
func coreName(s string) string {
	s = trimSpace(s)
	for _, p := range namePrefixes {
		if t := strings.TrimPrefix(s, p); t != s && t != "" {
			s = t
			break
		}
	}
	for _, p := range nameSuffixes {
		if t := strings.TrimSuffix(s, p); t != s && t != "" {
			s = t
			break
		}
	}
	return s
}

// similarity scores how alike two core names are: 100 equal, 60 one inside the other,
// up to 50 by shared pairs of characters (Dice), 0 unrelated.
func similarity(a, b string) int {
	if a == "" || b == "" {
		return 0
	}
	if a == b {
		return 100
	}
	if strings.Contains(a, b) || strings.Contains(b, a) {
		return 60
	}
	var ba [24][2]rune
	na := bigrams(a, &ba)
	var bb [24][2]rune
	nb := bigrams(b, &bb)
	if na == 0 || nb == 0 {
		return 0
	}
	common := 0
	var used [24]bool
	for i := 0; i < na; i++ {
		for j := 0; j < nb; j++ {
			if !used[j] && ba[i] == bb[j] {
				used[j] = true
				common++
				break
			}
		}
	}
	d := 100 * 2 * common / (na + nb)
	if d < 50 {
		return 0
	}
	return d / 2
}

func bigrams(s string, out *[24][2]rune) int {
	n := 0
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 && n < len(out) {
			out[n] = [2]rune{prev, r}
			n++
		}
		prev = r
	}
	return n
}

// collectAtoms gathers the numbers of every table. Only counts take part in the
// matching, so only theirs get a core name.
func (s *state) collectAtoms() {
	for ti := range s.tables {
		t := &s.tables[ti]
		for i := range t.inds {
			in := &t.inds[i]
			r := &t.rows[i]
			tg := &in.Target
			switch tg.Kind {
			case jixiao.TargetCompound:
				cost := r.cat().IsCost()
				for k := range tg.Parts {
					pt := &tg.Parts[k]
					a := s.newAtom(ti, i, k, pt.Name, pt.Op, pt.Value, pt.Unit)
					if a.count = !cost && isCountUnit(pt.Unit); a.count {
						a.name = coreName(pt.Name)
					}
				}
			case jixiao.TargetNumeric:
				c := r.cat()
				a := s.newAtom(ti, i, -1, in.Name, tg.Op, tg.Value, tg.Unit)
				if a.count = (c == jixiao.CategoryQuantity || c == jixiao.CategoryOutput) && isCountUnit(tg.Unit); a.count {
					a.name = coreName(in.Name)
				}
			}
		}
	}
}

// newAtom adds an atom to s.atoms and returns it. It is written field by field, in
// place, rather than copied in whole (see addTable).
func (s *state) newAtom(table, row, part int, label string, op jixiao.Op, value jixiao.Decimal, unit string) *atom {
	s.atoms = slices.Grow(s.atoms, 1)
	s.atoms = s.atoms[:len(s.atoms)+1]
	a := &s.atoms[len(s.atoms)-1]
	a.table, a.row, a.part = table, row, part
	a.name, a.label = "", label
	a.op, a.value, a.unit = op, value, unit
	a.count, a.linked, a.links = false, false, nil
	return a
}

type pair struct {
	d, a, score int
}

// checkRollups links the department's count indicators to the items' count indicators
// they sum (培训 8 = 6 + 2), checks each sum, and warns about counts that look like a
// roll-up but are linked to nothing. Links confirmed by a user (Plan.Links) replace the
// matching for the indicators they name.
func (s *state) checkRollups() {
	s.collectAtoms() // every table's numbers: cost.limit reads them too
	if len(s.tables) < 2 || projectsOnly(s.p) {
		// No department table: the first project is no sum of the others.
		return
	}
	atoms := s.atoms
	// the lists below are the state's scratch, reused from plan to plan
	dept, items := s.dept[:0], s.items[:0]
	for i := range atoms {
		if !atoms[i].count {
			continue
		}
		if atoms[i].table == 0 {
			dept = append(dept, i)
		} else {
			items = append(items, i)
		}
	}
	s.dept, s.items = dept, items
	confirmed := s.applyConfirmedLinks()
	// Proposed links: best-scoring pairs first; each department atom takes at most one
	// atom from each item table, each item atom goes to one department atom. So a
	// department atom links at most one atom per item table, and its links can be cut
	// from one array, room for one per item table each.
	per := len(s.tables) - 1
	if need := len(dept) * per; cap(s.linkBuf) < need {
		s.linkBuf = make([]int, need)
	}
	pairs := s.pairs[:0]
	for k, d := range dept {
		if atoms[d].linked {
			continue
		}
		if !confirmed[d] {
			atoms[d].links = s.linkBuf[k*per : k*per : (k+1)*per]
		}
		for _, a := range items {
			if atoms[a].linked || atoms[a].unit != atoms[d].unit {
				continue
			}
			if sc := similarity(atoms[d].name, atoms[a].name); sc > 0 {
				pairs = append(pairs, pair{d, a, sc})
			}
		}
	}
	s.pairs = pairs
	slices.SortStableFunc(pairs, func(a, b pair) int { return b.score - a.score })
	for _, pr := range pairs {
		d, a := &atoms[pr.d], &atoms[pr.a]
		if a.linked || (confirmed[pr.d]) {
			continue
		}
		taken := false
		for _, x := range d.links {
			if atoms[x].table == a.table {
				taken = true
				break
			}
		}
		if taken {
			continue
		}
		a.linked = true
		d.links = append(d.links, pr.a)
	}
	// the units of the counts on either side (a few: 次, 个, 人次 …)
	deptUnits, itemUnits := s.deptUnits[:0], s.itemUnits[:0]
	for _, d := range dept {
		if !slices.Contains(deptUnits, atoms[d].unit) {
			deptUnits = append(deptUnits, atoms[d].unit)
		}
	}
	for _, a := range items {
		if !slices.Contains(itemUnits, atoms[a].unit) {
			itemUnits = append(itemUnits, atoms[a].unit)
		}
	}
	s.deptUnits, s.itemUnits = deptUnits, itemUnits
	// the report's links and their item paths, each allocated once
	nlinks, nitems := 0, 0
	for _, d := range dept {
		if n := len(atoms[d].links); n > 0 {
			nlinks++
			nitems += n
		}
	}
	if nlinks > 0 {
		s.r.Links = slices.Grow(s.r.Links, nlinks)
		s.linkItems = make([]string, 0, nitems)
	}
	for _, d := range dept {
		da := &atoms[d]
		if len(da.links) == 0 {
			if slices.Contains(itemUnits, da.unit) {
				s.add("rollup.unlinked", Warning, s.atomPath(da), "部门指标“"+da.text()+"”在各子项中找不到对应的指标，无法核对它是否为各子项之和")
			}
			continue
		}
		da.linked = true
		slices.Sort(da.links)
		s.reportRollup(d, confirmed[d])
	}
	for _, a := range items {
		ia := &atoms[a]
		if !ia.linked && slices.Contains(deptUnits, ia.unit) {
			s.add("rollup.unlinked", Warning, s.atomPath(ia), s.tables[ia.table].label()+"的指标“"+ia.text()+"”没有计入部门整体表的任何指标")
		}
	}
}

func (s *state) reportRollup(d int, confirmed bool) {
	atoms := s.atoms
	da := &atoms[d]
	var sum jixiao.Decimal
	// the link's items are cut from s.linkItems, made for all the report's links
	n := len(s.linkItems)
	for _, x := range da.links {
		sum = sum.Add(atoms[x].value)
		s.linkItems = append(s.linkItems, s.atomPath(&atoms[x]))
	}
	link := jixiao.RollupLink{Department: s.atomPath(da), Confirmed: confirmed, Items: s.linkItems[n:len(s.linkItems):len(s.linkItems)]}
	s.r.Links = append(s.r.Links, link)
	// the sum: "a + b = s"
	m := s.a.mark()
	for k, x := range da.links {
		if k > 0 {
			s.a.str(" + ")
		}
		s.a.dec(atoms[x].value)
	}
	if len(da.links) > 1 {
		s.a.str(" = ")
		s.a.dec(sum)
	}
	if sum.Equal(da.value) {
		if len(da.links) == 1 {
			s.a.str(" = ")
			s.a.dec(da.value)
		}
		arith := s.a.from(m)
		f := s.add("rollup.count", Pass, link.Department, s.cat("部门指标“", da.label, "”", s.dec(da.value), da.unit, "等于各子项之和"))
		f.Arithmetic = arith
		return
	}
	arith := s.a.from(m)
	var names []string
	for _, x := range da.links {
		names = append(names, s.tables[atoms[x].table].label()+atoms[x].value.String()+atoms[x].unit)
	}
	f := s.add("rollup.count", Error, link.Department, "部门指标“"+da.label+"”为 "+da.value.String()+da.unit+"，但各子项合计 "+sum.String()+da.unit+"（"+strings.Join(names, "、")+"）")
	f.Arithmetic = arith + " ≠ " + da.value.String()
}

// applyConfirmedLinks applies the user's links: their atoms are linked as the user said
// and kept out of the matching. It returns the department atoms so linked.
func (s *state) applyConfirmedLinks() map[int]bool {
	if len(s.p.Links) == 0 {
		return nil
	}
	byPath := map[string]int{}
	for i := range s.atoms {
		var buf [96]byte
		byPath[string(s.appendAtomPath(buf[:0], &s.atoms[i]))] = i
	}
	out := map[int]bool{}
	for li, l := range s.p.Links {
		if !l.Confirmed {
			continue
		}
		lp := "links[" + strconv.Itoa(li) + "]"
		d, ok := byPath[l.Department]
		if !ok {
			s.add("rollup.link", Warning, lp, "已确认的汇总关系指向不存在的部门指标“"+l.Department+"”")
			continue
		}
		var idx []int
		bad := false
		for _, ip := range l.Items {
			a, ok := byPath[ip]
			if !ok || s.atoms[a].table == 0 {
				s.add("rollup.link", Warning, lp, "已确认的汇总关系指向不存在的子项指标“"+ip+"”")
				bad = true
				break
			}
			idx = append(idx, a)
		}
		if bad {
			continue
		}
		s.atoms[d].links = idx
		s.atoms[d].count = true
		for _, a := range idx {
			s.atoms[a].linked = true
		}
		out[d] = true
	}
	return out
}

// checkCosts checks the cost indicators (成本指标) in money: in each table they must not
// exceed the table's money (the item's 项目金额, the department's 资金总额), and the
// department's cost breakdown should add up to 项目支出 or 资金总额.
func (s *state) checkCosts() {
	atoms := s.atoms
	next := 0 // atoms are collected table by table: those of table ti start here
	for ti := range s.tables {
		t := &s.tables[ti]
		first := next
		for next < len(atoms) && atoms[next].table == ti {
			next++
		}
		var sum int64
		n := 0
		mk := s.a.mark() // the terms: "a + b + c"
		for i := first; i < next; i++ {
			a := &atoms[i]
			if !t.rows[a.row].cat().IsCost() && t.rows[a.row].gl1 != jixiao.CategoryCost {
				continue
			}
			if a.op == jixiao.OpGE || a.op == jixiao.OpGT {
				continue
			}
			m, ok := moneyMicros(a.value, a.unit)
			if !ok {
				continue
			}
			sum += m
			if n > 0 {
				s.a.str(" + ")
			}
			s.a.dec(jixiao.FromMicros(m, a.value.Places()))
			n++
		}
		if n == 0 {
			continue
		}
		total := jixiao.FromMicros(sum, 0)
		if n > 1 {
			s.a.str(" = ")
			s.a.fixed(total, placesOf(sum))
		}
		arith := s.a.from(mk)
		var limit jixiao.Amount
		what := ""
		if t.it == nil {
			limit, what = s.p.Budget.Total, "资金总额"
		} else {
			limit, what = t.it.Amount, "项目金额"
		}
		if limit.IsSet() && sum > limit.Micros() {
			f := s.add("cost.limit", Error, t.path(), t.label()+"的成本指标合计 "+total.StringFixed(placesOf(sum))+" 万元，超过"+what+" "+limit.String()+" 万元")
			f.Arithmetic = arith + " > " + limit.String()
		} else if limit.IsSet() && t.it != nil {
			f := s.add("cost.limit", Pass, s.tablePath(t), s.cat(s.tableLabel(t), "的成本指标不超过项目金额"))
			f.Arithmetic = s.cat(arith, " ≤ ", s.dec(limit))
		}
		if t.it != nil || n < 2 {
			continue
		}
		b := &s.p.Budget
		switch {
		case b.Project.IsSet() && sum == b.Project.Micros():
			s.add("rollup.cost", Pass, s.tablePath(t), "部门成本指标之和等于项目支出").Arithmetic = s.cat(arith, " = 项目支出 ", s.dec(b.Project))
		case b.Total.IsSet() && sum == b.Total.Micros():
			s.add("rollup.cost", Pass, s.tablePath(t), "部门成本指标之和等于资金总额").Arithmetic = s.cat(arith, " = 资金总额 ", s.dec(b.Total))
		default:
			s.add("rollup.cost", Warning, t.path(), "部门成本指标之和 "+total.StringFixed(placesOf(sum))+" 万元，既不等于项目支出 "+b.Project.String()+" 万元，也不等于资金总额 "+b.Total.String()+" 万元").Arithmetic = arith
		}
	}
}

// placesOf returns the fewest decimals that write micros exactly.
func placesOf(m int64) int {
	if m < 0 {
		m = -m
	}
	p := 6
	for p > 0 && m%10 == 0 {
		m /= 10
		p--
	}
	return p
}

var _ = utf8.RuneCountInString
