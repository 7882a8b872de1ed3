package textdoc

import (
	"strings"

	"jixiao"
)

const numColumns = int(colAnnualGoal) + 1

// header maps each column to its cell index in the rows, -1 when absent.
type header [numColumns]int

// Required columns of each kind of block.
var (
	needIndicator = []column{colName, colTarget}
	needTask      = []column{colTaskItem, colTaskObjective}
	needSummary   = []column{colFundItem, colAmount}
)

// findHeader reads the cells of rw from index from on as header labels of cols. ok says
// the row is a header with every needed column; unit is a money unit written in a header
// cell (金额（万元）).
func findHeader(rw row, cols []columnAlias, from int, need []column) (h header, ok bool, unit string) {
	for i := range h {
		h[i] = -1
	}
	found := 0
	for i := from; i < len(rw.cells); i++ {
		c, u := matchColumn(cols, rw.cells[i])
		if c == colNone || h[c] >= 0 {
			continue
		}
		h[c] = i
		found++
		if u != "" {
			unit = u
		}
	}
	if found == 0 {
		return h, false, ""
	}
	for _, c := range need {
		if h[c] < 0 {
			return h, false, unit
		}
	}
	// A header of indicators names a level too, so that a lone 绩效指标 cell is not one.
	if need[0] == colName && h[colLevel1] < 0 && h[colLevel2] < 0 {
		return h, false, unit
	}
	return h, true, unit
}

// missing lists the needed columns the header lacks, for messages.
func missing(h header, need []column) string {
	var out []string
	for _, c := range need {
		if h[c] < 0 {
			out = append(out, "“"+c.name()+"”")
		}
	}
	return strings.Join(out, "、")
}

// A block is a run of rows under a header: 年度绩效指标 or 年度重点工作计划.
type block struct {
	f          field  // fIndicators or fKeyTasks
	label      string // its label as the table writes it (年度主要任务), "" without one
	line       int    // line of its label, or of its header when it has none
	h          header
	hasHeader  bool
	headerLine int
	width      int // cells of the header row: data beyond it belongs to no column
	n          int // data rows read

	indicators []jixiao.Indicator
	tasks      []jixiao.KeyTask
	money      taskMoney // the 预算金额 columns of a task block (tasks.go)
}

// name is the block's label as the table writes it, else as the standard template does,
// for messages: a refusal inside the national form's 年度主要任务 says 年度主要任务.
func (b *block) name() string {
	if b.label != "" {
		return b.label
	}
	return b.f.name()
}

func (b *block) cols() ([]columnAlias, []column, string) {
	if b.f == fKeyTasks {
		return taskColumns, needTask, "事项、责任单位/科室、工作目标"
	}
	return indicatorColumns, needIndicator, "一级指标、二级指标、三级指标、指标值、备注"
}

// newBlock starts a block at the label in cell j of rw; its header is the rest of the row
// or, when the row has none, the next row.
func (r *reader) newBlock(f field, rw row, j int) (*block, error) {
	b := &block{f: f, line: rw.line, label: strings.TrimRight(norm(rw.cells[j].text), ":：")}
	cols, need, _ := b.cols()
	h, ok, _ := findHeader(rw, cols, j+1, need)
	if ok {
		b.setHeader(h, rw)
		return b, nil
	}
	for _, i := range h {
		if i >= 0 {
			return nil, r.errorf(rw.line, "“%s”的表头缺少%s列", b.name(), missing(h, need))
		}
	}
	return b, nil
}

func (b *block) setHeader(h header, rw row) {
	b.h, b.hasHeader, b.headerLine, b.width = h, true, rw.line, len(rw.cells)
}

// row reads one row of the block: its header when it has none yet, else a data row.
func (r *reader) blockRow(b *block, rw row) error {
	cols, need, names := b.cols()
	if !b.hasHeader {
		h, ok, _ := findHeader(rw, cols, 0, need)
		if ok {
			b.setHeader(h, rw)
			return nil
		}
		for _, i := range h {
			if i >= 0 {
				return r.errorf(rw.line, "“%s”的表头缺少%s列", b.name(), missing(h, need))
			}
		}
		return r.errorf(rw.line, "“%s”（%s）之后应是表头（%s），却是“%s”", b.name(), r.at(b.line), names, excerpt(rw))
	}
	if b.f == fKeyTasks && len(rw.cells) > b.width && b.h[colTaskAmount] >= 0 && b.h[colTaskAmount] == b.last() {
		// 预算金额 last, one cell over the columns of its sources (Word's gridSpan: the
		// header row has fewer cells than the rows under it).
		b.width = len(rw.cells)
	}
	for i := b.width; i < len(rw.cells); i++ {
		if rw.cells[i].text != "" {
			return r.errorf(rw.cells[i].line, "本行有%d列，多于“%s”表头（%s）的%d列，无法确定“%s”属于哪一列",
				len(rw.cells), b.name(), r.at(b.headerLine), b.width, clip(rw.cells[i].text))
		}
	}
	get := func(c column) string { return rw.cell(b.h[c]) }
	if b.f == fKeyTasks {
		b.taskRow(rw, get)
		return nil
	}
	l1, l2 := joinLines(get(colLevel1)), joinLines(get(colLevel2))
	name, target, note := get(colName), get(colTarget), get(colNote)
	if l1 == "" && l2 == "" && name == "" && target == "" && note == "" {
		return nil
	}
	if b.h[colNature] >= 0 || b.h[colUnit] >= 0 {
		target = nationalTarget(get(colNature), target, get(colUnit))
	}
	// 一级 and 二级 cells are merged down: an empty one repeats the row above.
	// A 一级 written on every row with the 二级 merged: the same.
	if len(b.indicators) > 0 {
		prev := b.indicators[len(b.indicators)-1]
		if l1 == "" || l1 == prev.Level1 {
			l1 = prev.Level1
			if l2 == "" {
				l2 = prev.Level2
			}
		}
	}
	b.indicators = append(b.indicators, jixiao.NewIndicator(l1, l2, name, target, note))
	b.n++
	return nil
}

// nationalTarget writes the 指标性质 | 指标值 | 度量单位 columns of the national template as
// one 指标值 (≥ 95 % → ≥95%); 定性 values stand alone.
func nationalTarget(nature, value, unit string) string {
	return jixiao.WrittenTarget{Nature: norm(nature), Value: value, Unit: unit}.TargetText()
}

// close checks that the block has a header and rows.
func (r *reader) closeBlock(b *block) error {
	_, _, names := b.cols()
	if !b.hasHeader {
		return r.errorf(b.line, "“%s”之后没有表头（%s）", b.name(), names)
	}
	if b.n == 0 {
		what := "指标行"
		if b.f == fKeyTasks {
			what = "工作计划行"
		}
		return r.errorf(b.headerLine, "“%s”的表头之后没有%s", b.name(), what)
	}
	return nil
}

// endsBlock reports whether rw is no longer part of a block of the table whose labels are
// ls: a footer (填报人：…), a label of the table in the row's first cell, or the header of
// the other kind of block.
func endsBlock(b *block, rw row, ls labelSet) bool {
	first := rw.firstNonEmpty()
	if first < 0 {
		return false
	}
	m := ls.match(rw.cells[first])
	if m.f == fIgnored && (m.hasValue || first == 0) {
		return true
	}
	if first == 0 && m.f != fNone && m.f != fIgnored && m.f != fSection {
		return true
	}
	if b.f == fIndicators {
		_, ok, _ := findHeader(rw, taskColumns, 0, needTask)
		return ok
	}
	_, ok, _ := findHeader(rw, indicatorColumns, 0, needIndicator)
	return ok
}

// excerpt shows a row in a message.
func excerpt(rw row) string {
	var parts []string
	for _, c := range rw.cells {
		if c.text != "" {
			parts = append(parts, clip(c.text))
		}
		if len(parts) == 4 {
			parts = append(parts, "…")
			break
		}
	}
	return strings.Join(parts, " | ")
}

// clip shortens a cell's text for a message.
func clip(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	n := 0
	for i := range s {
		if n == 20 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// last is the rightmost column the block's header maps.
func (b *block) last() int {
	m := -1
	for _, j := range b.h {
		m = max(m, j)
	}
	return m
}
