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

func (s *state) atomPath(a *atom) string {
	var buf [96]byte
	b := s.tables[a.table].appendRowPath(buf[:0], a.row)
	b = append(b, ".target"...)
	if a.part >= 0 {
		b = append(b, ".parts["...)
		b = strconv.AppendInt(b, int64(a.part), 10)
		b = append(b, ']')
	}
	return string(b)
}

// atomText writes an atom as the table wrote it: 各类培训 8次.
func (a *atom) text() string { return a.label + " " + string(a.op) + a.value.String() + a.unit }

// isCountUnit reports whether a unit counts things (次, 个, 场, 人次 …): not a percentage,
// not money, not a rate (元/人), not a duration.
func isCountUnit(u string) bool {
	if u == "" || strings.ContainsAny(u, "%/") || strings.Contains(u, "元") {
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

// collectAtoms gathers the numbers of every table.
func (s *state) collectAtoms() {
	for ti := range s.tables {
		t := &s.tables[ti]
		for i := range t.inds {
			in := &t.inds[i]
			r := &t.rows[i]
			tg := &in.Target
			switch tg.Kind {
			case jixiao.TargetCompound:
				for k := range tg.Parts {
					pt := &tg.Parts[k]
					s.atoms = append(s.atoms, atom{table: ti, row: i, part: k, name: coreName(pt.Name), label: pt.Name,
						op: pt.Op, value: pt.Value, unit: pt.Unit, count: isCountUnit(pt.Unit) && !r.cat().isCost()})
				}
			case jixiao.TargetNumeric:
				c := r.cat()
				s.atoms = append(s.atoms, atom{table: ti, row: i, part: -1, name: coreName(in.Name), label: in.Name,
					op: tg.Op, value: tg.Value, unit: tg.Unit, count: isCountUnit(tg.Unit) && (c == catQuantity || c == catOutput)})
			}
		}
	}
}

type pair struct {
	d, a, score int
}

// checkRollups links the department's count indicators to the items' count indicators
// they sum (培训 8 = 6 + 2), checks each sum, and warns about counts that look like a
// roll-up but are linked to nothing. Links confirmed by a user (Plan.Links) replace the
// matching for the indicators they name.
func (s *state) checkRollups() {
	s.collectAtoms()
	if len(s.tables) < 2 {
		return
	}
	atoms := s.atoms
	var dept, items []int
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
	confirmed := s.applyConfirmedLinks()
	// Proposed links: best-scoring pairs first; each department atom takes at most one
	// atom from each item table, each item atom goes to one department atom.
	var pairs []pair
	for _, d := range dept {
		if atoms[d].linked {
			continue
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
	var deptUnits, itemUnits []string
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
	var b strings.Builder
	link := jixiao.RollupLink{Department: s.atomPath(da), Confirmed: confirmed, Items: make([]string, 0, len(da.links))}
	for k, x := range da.links {
		if k > 0 {
			b.WriteString(" + ")
		}
		b.WriteString(atoms[x].value.String())
		sum = sum.Add(atoms[x].value)
		link.Items = append(link.Items, s.atomPath(&atoms[x]))
	}
	s.r.Links = append(s.r.Links, link)
	if len(da.links) > 1 {
		b.WriteString(" = ")
		b.WriteString(sum.String())
	}
	if sum.Equal(da.value) {
		f := s.add("rollup.count", Pass, link.Department, "部门指标“"+da.label+"”"+da.value.String()+da.unit+"等于各子项之和")
		f.Arithmetic = b.String()
		if len(da.links) == 1 {
			f.Arithmetic += " = " + da.value.String()
		}
		return
	}
	var names []string
	for _, x := range da.links {
		names = append(names, s.tables[atoms[x].table].label()+atoms[x].value.String()+atoms[x].unit)
	}
	f := s.add("rollup.count", Error, link.Department, "部门指标“"+da.label+"”为 "+da.value.String()+da.unit+"，但各子项合计 "+sum.String()+da.unit+"（"+strings.Join(names, "、")+"）")
	f.Arithmetic = b.String() + " ≠ " + da.value.String()
}

// applyConfirmedLinks applies the user's links: their atoms are linked as the user said
// and kept out of the matching. It returns the department atoms so linked.
func (s *state) applyConfirmedLinks() map[int]bool {
	if len(s.p.Links) == 0 {
		return nil
	}
	byPath := map[string]int{}
	for i := range s.atoms {
		byPath[s.atomPath(&s.atoms[i])] = i
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
	for ti := range s.tables {
		t := &s.tables[ti]
		var sum int64
		var terms []string
		n := 0
		for i := range s.atoms {
			a := &s.atoms[i]
			if a.table != ti || !t.rows[a.row].cat().isCost() && t.rows[a.row].gl1 != catCost {
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
			n++
			terms = append(terms, jixiao.FromMicros(m, a.value.Places()).String())
		}
		if n == 0 {
			continue
		}
		total := jixiao.FromMicros(sum, 0)
		arith := strings.Join(terms, " + ")
		if n > 1 {
			arith += " = " + total.StringFixed(placesOf(sum))
		}
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
			f := s.add("cost.limit", Pass, t.path(), t.label()+"的成本指标不超过项目金额")
			f.Arithmetic = arith + " ≤ " + limit.String()
		}
		if t.it != nil || n < 2 {
			continue
		}
		b := &s.p.Budget
		switch {
		case b.Project.IsSet() && sum == b.Project.Micros():
			s.add("rollup.cost", Pass, t.path(), "部门成本指标之和等于项目支出").Arithmetic = arith + " = 项目支出 " + b.Project.String()
		case b.Total.IsSet() && sum == b.Total.Micros():
			s.add("rollup.cost", Pass, t.path(), "部门成本指标之和等于资金总额").Arithmetic = arith + " = 资金总额 " + b.Total.String()
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
