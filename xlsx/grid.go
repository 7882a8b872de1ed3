package xlsx

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

// gcell is one cell of a sheet as read: its displayed text, and for the cells of a merged
// range other than the top-left one, where that top-left cell is (Excel keeps the value
// there only).
type gcell struct {
	v       string
	cont    bool // inside a merged range, not its top-left cell
	or, oc  int  // the top-left cell of the merged range (cont only)
	spanEnd int  // last column of the merged range (top-left cells; else its own column)
}

// grid is a sheet read into memory, with its file kept for raw values and formats.
type grid struct {
	f     *excelize.File
	sheet string
	cells [][]gcell
}

func readGrid(name string, f *excelize.File, sheet string) (*grid, error) {
	g := &grid{f: f, sheet: sheet}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”：无法读取工作表“%s”。", name, sheet)
	}
	defer rows.Close()
	for rows.Next() {
		if len(g.cells) >= MaxRows {
			return nil, jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”：工作表“%s”超过 %d 行，无法导入。", name, sheet, MaxRows)
		}
		cols, err := rows.Columns()
		if err != nil {
			return nil, jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”：无法读取工作表“%s”第 %d 行。", name, sheet, len(g.cells)+1)
		}
		if len(cols) > MaxCols {
			return nil, jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”：工作表“%s”第 %d 行超过 %d 列，无法导入。", name, sheet, len(g.cells)+1, MaxCols)
		}
		row := make([]gcell, len(cols))
		for i, v := range cols {
			row[i] = gcell{v: v, spanEnd: i}
		}
		g.cells = append(g.cells, row)
	}
	if err := rows.Error(); err != nil {
		return nil, jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”：无法读取工作表“%s”。", name, sheet)
	}
	merges, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return nil, jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”：无法读取工作表“%s”的合并单元格。", name, sheet)
	}
	// A merged range is clamped to the cells read: a range over the whole sheet must not
	// allocate the whole sheet.
	width := 0
	for _, row := range g.cells {
		width = max(width, len(row))
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 > len(g.cells) {
			continue
		}
		r2 = min(r2, len(g.cells))
		c2 = min(c2, width)
		if r2 < r1 || c2 < c1 {
			continue
		}
		g.ensure(r1-1, c2-1)
		g.cells[r1-1][c1-1].spanEnd = c2 - 1
		for r := r1 - 1; r < r2; r++ {
			g.ensure(r, c2-1)
			for c := c1 - 1; c < c2; c++ {
				if r == r1-1 && c == c1-1 {
					continue
				}
				g.cells[r][c] = gcell{cont: true, or: r1 - 1, oc: c1 - 1, spanEnd: c2 - 1}
			}
		}
	}
	return g, nil
}

func (g *grid) ensure(r, c int) {
	for len(g.cells[r]) <= c {
		g.cells[r] = append(g.cells[r], gcell{spanEnd: len(g.cells[r])})
	}
}

func (g *grid) at(r, c int) *gcell {
	if r < 0 || r >= len(g.cells) || c < 0 || c >= len(g.cells[r]) {
		return nil
	}
	return &g.cells[r][c]
}

// own is the text of the cell itself: "" inside a merged range.
func (g *grid) own(r, c int) string {
	if x := g.at(r, c); x != nil && !x.cont {
		return x.v
	}
	return ""
}

// text is the text the cell shows: a merged range's value for every cell of the range.
func (g *grid) text(r, c int) string {
	x := g.at(r, c)
	if x == nil {
		return ""
	}
	if x.cont {
		return g.own(x.or, x.oc)
	}
	return x.v
}

// origin is the cell holding the value shown at (r, c).
func (g *grid) origin(r, c int) (int, int) {
	if x := g.at(r, c); x != nil && x.cont {
		return x.or, x.oc
	}
	return r, c
}

// ref names a cell as Excel does, with its sheet: 汇总表!C7.
func (g *grid) ref(r, c int) string {
	name, _ := excelize.CoordinatesToCellName(c+1, r+1)
	s := g.sheet
	if strings.ContainsAny(s, " !'-()（）") {
		s = "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return s + "!" + name
}

func (g *grid) cellName(r, c int) string {
	name, _ := excelize.CoordinatesToCellName(c+1, r+1)
	return name
}

// norm removes every kind of white space, so that "年度重点       工作计划" matches 年度重点工作计划.
func norm(s string) string {
	if !strings.ContainsFunc(s, isSpace) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' }

// labelIs reports whether a cell's text is the label: equal once white space and a
// leading 其中： are removed, or the label followed by a bracket or a colon
// (项目金额（万元）, 资金总额：167.0104万元).
func labelIs(text, label string) bool {
	s := stripQizhong(norm(text))
	label = stripQizhong(norm(label))
	if s == label {
		return true
	}
	if !strings.HasPrefix(s, label) {
		return false
	}
	rest := s[len(label):]
	return strings.HasPrefix(rest, "（") || strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, ":")
}

func stripQizhong(s string) string {
	for _, p := range []string{"其中：", "其中:", "其中"} {
		if strings.HasPrefix(s, p) {
			return s[len(p):]
		}
	}
	return s
}

// afterColon returns what follows the first colon, trimmed; "" when there is none.
func afterColon(s string) (string, bool) {
	i := strings.IndexAny(s, ":：")
	if i < 0 {
		return "", false
	}
	_, size := firstRune(s[i:])
	return strings.TrimSpace(s[i+size:]), true
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// amount reads the money in cell (r, c). Numbers keep the decimals their number format
// shows (0.0000 → four places); text is read as written ("167.0104", "167.0104万元",
// "1,670,104元"). yuan says the table is in 元, so the value is divided by 10,000.
func (g *grid) amount(r, c int, yuan bool) (jixiao.Amount, error) {
	r, c = g.origin(r, c)
	text := strings.TrimSpace(g.own(r, c))
	if text == "" {
		return jixiao.Amount{}, nil
	}
	name := g.cellName(r, c)
	typ, _ := g.f.GetCellType(g.sheet, name)
	var d jixiao.Amount
	switch typ {
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		raw, err := g.f.GetCellValue(g.sheet, name, excelize.Options{RawCellValue: true})
		if err != nil {
			return d, jixiao.WrapError(err, jixiao.EINVALID, "%s：无法读取金额。", g.ref(r, c))
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 9e12 {
			return d, jixiao.Errorf(jixiao.EINVALID, "%s：金额“%s”不是有效的数值。", g.ref(r, c), raw)
		}
		micros := int64(math.Round(v * 1e6))
		places := minPlaces(micros)
		if p, ok := g.formatPlaces(name); ok {
			places = max(places, p)
		}
		d = jixiao.FromMicros(micros, places)
	default:
		s := norm(text)
		s = strings.TrimPrefix(strings.TrimPrefix(s, "¥"), "￥")
		switch {
		case strings.HasSuffix(s, "万元"):
			s, yuan = strings.TrimSuffix(s, "万元"), false
		case strings.HasSuffix(s, "万"):
			s, yuan = strings.TrimSuffix(s, "万"), false
		case strings.HasSuffix(s, "元"):
			s, yuan = strings.TrimSuffix(s, "元"), true
		}
		var err error
		d, err = jixiao.ParseDecimal(s)
		if err != nil {
			return d, jixiao.Errorf(jixiao.EINVALID, "%s：金额“%s”不是有效的数值。", g.ref(r, c), text)
		}
	}
	if yuan {
		d = d.DivInt(10000)
	}
	return d, nil
}

// minPlaces is the fewest decimals that write micros exactly.
func minPlaces(micros int64) int {
	p := jixiao.MaxPlaces
	for p > 0 && micros%10 == 0 {
		micros /= 10
		p--
	}
	return p
}

// formatPlaces returns the decimals the cell's number format shows ("0.0000" → 4).
func (g *grid) formatPlaces(name string) (int, bool) {
	id, err := g.f.GetCellStyle(g.sheet, name)
	if err != nil || id == 0 {
		return 0, false
	}
	st, err := g.f.GetStyle(id)
	if err != nil {
		return 0, false
	}
	if st.CustomNumFmt != nil {
		return numFmtPlaces(*st.CustomNumFmt)
	}
	switch st.NumFmt {
	case 1, 3, 37, 38:
		return 0, true
	case 2, 4, 39, 40:
		return 2, true
	}
	return 0, false
}

// numFmtPlaces counts the zeros after the point of a number format's first section.
func numFmtPlaces(nf string) (int, bool) {
	if i := strings.IndexByte(nf, ';'); i >= 0 {
		nf = nf[:i]
	}
	if !strings.ContainsAny(nf, "0#") || strings.ContainsAny(nf, "yYmMdDhHsS@%") {
		return 0, false
	}
	i := strings.IndexByte(nf, '.')
	if i < 0 {
		return 0, true
	}
	n := 0
	for _, ch := range nf[i+1:] {
		if ch != '0' {
			break
		}
		n++
	}
	return min(n, jixiao.MaxPlaces), true
}

// period reads a 项目实施期 cell: text as written, or an Excel date serial turned into a
// date (2021.12.31) that jixiao.ParsePeriod understands.
func (g *grid) period(r, c int) string {
	r, c = g.origin(r, c)
	text := strings.TrimSpace(g.own(r, c))
	if text == "" {
		return ""
	}
	name := g.cellName(r, c)
	typ, _ := g.f.GetCellType(g.sheet, name)
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber && typ != excelize.CellTypeDate {
		return g.own(r, c)
	}
	raw, err := g.f.GetCellValue(g.sheet, name, excelize.Options{RawCellValue: true})
	if err != nil {
		return text
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil {
		return raw
	}
	// 1955-01-01 … 2190-01-01 as serials; a plain 2021 or 2021.1 is a year (.month).
	if v > 20000 && v < 105000 {
		if t, err := excelize.ExcelDateToTime(v, false); err == nil {
			return strconv.Itoa(t.Year()) + "." + strconv.Itoa(int(t.Month())) + "." + strconv.Itoa(t.Day())
		}
	}
	return raw
}
