package xlsx

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"jixiao"
)

// Finding the tables of a sheet and the values of their labels, wherever people put them:
// segments from title to title, labels with their values inline after a colon or in the
// next non-empty cell, header rows, and the unit (元 or 万元) of a segment's amounts.

type segKind int

const (
	segDepartment segKind = iota + 1
	segSummary
	segItem
)

// segment is the rows of one table in a sheet: from its title to the next title.
type segment struct {
	g          *grid
	kind       segKind
	start, end int // rows [start, end)
	year       int
}

var yearRe = regexp.MustCompile(`((?:19|20|21)\d\d)\s*年`)

// titleKind says which table a cell's text is the title of.
func titleKind(s string) segKind {
	s = norm(s)
	if utf8.RuneCountInString(s) > 40 {
		return 0
	}
	switch {
	case strings.Contains(s, titleDepartment) || strings.Contains(s, "部门整体绩效目标表"):
		return segDepartment
	case strings.Contains(s, "专项资金") && strings.Contains(s, "汇总表"):
		return segSummary
	case strings.Contains(s, titleItem) || strings.Contains(s, "项目支出绩效目标表"):
		return segItem
	}
	return 0
}

func findSegments(g *grid) []*segment {
	var segs []*segment
	for r := range g.cells {
		for c := range g.cells[r] {
			t := g.own(r, c)
			if t == "" {
				continue
			}
			if k := titleKind(t); k != 0 {
				if n := len(segs); n > 0 {
					segs[n-1].end = r
				}
				s := &segment{g: g, kind: k, start: r, end: len(g.cells)}
				if m := yearRe.FindStringSubmatch(t); m != nil {
					s.year, _ = strconv.Atoi(m[1])
				}
				segs = append(segs, s)
				break
			}
		}
	}
	if len(segs) > 0 {
		return segs
	}
	// No title: tell the table by its labels.
	s := &segment{g: g, start: 0, end: len(g.cells)}
	switch {
	case s.find(labelFund) != nil:
		s.kind = segItem
	case s.find(labelDepartment) != nil || s.find(labelDuties) != nil:
		s.kind = segDepartment
	case s.find(labelNo) != nil && s.findPrefix("支出方向") != nil:
		s.kind = segSummary
	default:
		return nil
	}
	return []*segment{s}
}

type pos struct{ r, c int }

// find returns the first cell of the segment whose text is the label.
func (s *segment) find(label string) *pos {
	for r := s.start; r < s.end; r++ {
		for c := range s.g.cells[r] {
			if t := s.g.own(r, c); t != "" && labelIs(t, label) {
				return &pos{r, c}
			}
		}
	}
	return nil
}

// findPrefix returns the first cell whose text (without white space) starts with p.
func (s *segment) findPrefix(p string) *pos {
	for r := s.start; r < s.end; r++ {
		for c := range s.g.cells[r] {
			if t := s.g.own(r, c); t != "" && strings.HasPrefix(stripQizhong(norm(t)), p) {
				return &pos{r, c}
			}
		}
	}
	return nil
}

// knownLabels are the labels that are never a value: a label's value cell that holds one
// of them is empty.
var knownLabels = []string{labelDepartment, labelBudget, labelTotal, labelByIncome, labelBySpending,
	labelGeneral, labelGovFund, labelOther, labelBasic, labelProject, labelDuties, labelKeyTasks, labelGoal,
	labelIndicators, labelItemName, labelFund, labelAmount, labelPeriod, labelPeriodGoal, labelAnnualGoal}

func isKnownLabel(t string) bool {
	for _, l := range knownLabels {
		if labelIs(t, l) {
			return true
		}
	}
	return false
}

// valueRight returns the cell holding the value of the label at p: the first non-empty
// cell right of the label's merged range, or nil when there is none or it is another label.
func (s *segment) valueRight(p *pos) *pos {
	if p == nil {
		return nil
	}
	x := s.g.at(p.r, p.c)
	for c := x.spanEnd + 1; c < len(s.g.cells[p.r]); c++ {
		y := s.g.at(p.r, c)
		if y.cont {
			continue
		}
		if strings.TrimSpace(y.v) == "" {
			c = y.spanEnd
			continue
		}
		if isKnownLabel(y.v) {
			return nil
		}
		return &pos{p.r, c}
	}
	return nil
}

// textOf returns the value of a label: the text after a colon in the label's own cell
// (部门名称：…) or the value cell right of it.
func (s *segment) textOf(label string) string {
	p := s.find(label)
	if p == nil {
		return ""
	}
	if v := inline(s.g.own(p.r, p.c)); v != "" {
		return v
	}
	v := s.valueRight(p)
	if v == nil {
		return ""
	}
	return s.g.own(v.r, v.c)
}

// inline returns the value written in a label's own cell after its colon ("部门名称：X" →
// X); a leading 其中： is part of the label.
func inline(t string) string {
	t = strings.TrimSpace(t)
	for _, p := range []string{"其中：", "其中:"} {
		t = strings.TrimPrefix(t, p)
	}
	v, _ := afterColon(t)
	return v
}

// amountOf reads the amount of a label: inline after a colon (资金总额：167.0104万元) or in the
// value cell right of it.
func (s *segment) amountOf(label string, yuan bool) (jixiao.Amount, error) {
	p := s.find(label)
	if p == nil {
		return jixiao.Amount{}, nil
	}
	if v := inline(s.g.own(p.r, p.c)); v != "" {
		return parseAmountText(s.g, p, v, yuan)
	}
	v := s.valueRight(p)
	if v == nil {
		return jixiao.Amount{}, nil
	}
	return s.g.amount(v.r, v.c, yuan)
}

func parseAmountText(g *grid, p *pos, text string, yuan bool) (jixiao.Amount, error) {
	s := norm(text)
	switch {
	case strings.HasSuffix(s, "万元"):
		s, yuan = strings.TrimSuffix(s, "万元"), false
	case strings.HasSuffix(s, "元"):
		s, yuan = strings.TrimSuffix(s, "元"), true
	}
	d, err := jixiao.ParseDecimal(s)
	if err != nil {
		return d, jixiao.Errorf(jixiao.EINVALID, "%s：金额“%s”不是有效的数值。", g.ref(p.r, p.c), text)
	}
	if yuan {
		d = d.DivInt(10000)
	}
	return d, nil
}

// lineValue returns the text after a line label such as 填报单位 or 项目主管部门, without the
// label's own decorations: "填报单位（盖章）：X" and "填报单位：（盖章）X" both give X.
func (s *segment) lineValue(label string) (string, bool) {
	for r := s.start; r < s.end; r++ {
		for c := range s.g.cells[r] {
			t := s.g.own(r, c)
			if t == "" || !strings.HasPrefix(norm(t), label) {
				continue
			}
			rest := cutLabel(t, label)
			for {
				old := rest
				rest = strings.TrimLeft(rest, " \u3000")
				for _, p := range []string{"（盖章）", "(盖章)", "：", ":"} {
					rest = strings.TrimPrefix(rest, p)
				}
				if rest == old {
					break
				}
			}
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

// cutLabel returns t after the runes of label, which t starts with once white space is
// ignored.
func cutLabel(t, label string) string {
	want := []rune(label)
	for i, r := range t {
		if len(want) == 0 {
			return t[i:]
		}
		if isSpace(r) {
			continue
		}
		if r != want[0] {
			return t[i:]
		}
		want = want[1:]
	}
	return ""
}

// yuan reports whether the segment's amounts are in 元: its 金额单位 line says 元, or a
// label carries （元）.
func (s *segment) yuan() bool {
	if v, ok := s.lineValue("金额单位"); ok {
		return !strings.Contains(v, "万") && strings.Contains(v, "元")
	}
	for r := s.start; r < s.end; r++ {
		for c := range s.g.cells[r] {
			t := norm(s.g.own(r, c))
			if strings.HasSuffix(t, "（元）") || strings.HasSuffix(t, "(元)") {
				return true
			}
			if strings.HasSuffix(t, "（万元）") || strings.HasSuffix(t, "(万元)") {
				return false
			}
		}
	}
	return false
}

// header finds a table's header row: the first row holding every one of the labels
// (by prefix); it returns the row and each label's column.
func (s *segment) header(from int, labels ...string) (int, []int) {
	for r := max(from, s.start); r < s.end; r++ {
		cols := make([]int, len(labels))
		found := 0
		for i, l := range labels {
			cols[i] = -1
			for c := range s.g.cells[r] {
				if t := s.g.own(r, c); t != "" && strings.HasPrefix(norm(t), l) {
					cols[i] = c
					found++
					break
				}
			}
		}
		if found == len(labels) {
			return r, cols
		}
	}
	return -1, nil
}

// colIn is the column of row r whose text starts with label (by prefix), or -1.
func (s *segment) colIn(r int, label string) int {
	for c := range s.g.cells[r] {
		if t := s.g.own(r, c); t != "" && strings.HasPrefix(norm(t), label) {
			return c
		}
	}
	return -1
}

// rowEmpty reports whether the row has no text of its own in the given columns.
func (s *segment) rowEmpty(r int, cols []int) bool {
	for _, c := range cols {
		if c >= 0 && strings.TrimSpace(s.g.own(r, c)) != "" {
			return false
		}
	}
	return true
}

func (s *segment) cellText(r, c int) string {
	if c < 0 {
		return ""
	}
	return s.g.text(r, c)
}
