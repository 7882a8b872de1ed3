// Package xlsx writes a Plan as an Excel workbook laid out like the official tables
// (部门整体支出绩效目标表, 专项资金预算绩效目标汇总表 and one 附件3 专项资金支出方向绩效目标表 per
// fund item), reads such workbooks back — its own and those people made themselves — and
// writes an empty fill-in template with drop-down lists. It is the only package that
// imports the xlsx library (excelize).
package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Sheet and table names, as on the official tables.
const (
	sheetDepartment = "部门整体"
	sheetSummary    = "汇总表"

	titleDepartment = "部门整体支出绩效目标表"
	titleSummary    = "专项资金预算绩效目标汇总表"
	titleItem       = "专项资金支出方向绩效目标表"
)

// fontFamily is set on every style: LibreOffice and WPS otherwise pick a Japanese CJK face.
const fontFamily = "宋体"

// charsetGB2312 is the font charset of Simplified Chinese (GB2312), which tells Excel and
// LibreOffice to use the SC glyph forms.
var charsetGB2312 = 134

// styles are the cell styles of a workbook: ids into its xl/styles.xml.
type styles struct {
	title, info, infoRight, head, text, center int
	num                                        [7]int // amounts by decimal places
}

// The styles part is the same in every workbook Write makes, so it is built once per
// process (newStyles on a scratch file) and its bytes given to each new file: creating the
// 13 styles anew cost about a twentieth of an export (each NewStyle searches and extends
// the style sheet), and marshalling the style sheet on save as much again.
var (
	styleCache struct {
		once sync.Once
		st   styles
		xml  []byte
		err  error
	}
)

// stylesPath is where a workbook keeps its style sheet.
const stylesPath = "xl/styles.xml"

// cachedStyles gives the new file f the prebuilt style sheet and returns its style ids.
// excelize keeps a parsed style sheet in f.Styles and writes it out on save when it is
// set; clearing it makes the save keep the part's bytes as they are, and any excelize
// call that needs the styles later parses those bytes again, so the ids stay right.
func cachedStyles(f *excelize.File) (*styles, error) {
	c := &styleCache
	c.once.Do(func() {
		scratch := excelize.NewFile()
		defer scratch.Close()
		var st *styles
		if st, c.err = newStyles(scratch); c.err != nil {
			return
		}
		c.st = *st
		c.xml, c.err = partBytes(scratch, stylesPath)
	})
	if c.err != nil {
		return nil, c.err
	}
	f.Pkg.Store(stylesPath, c.xml)
	f.Styles = nil
	st := c.st
	return &st, nil
}

// partBytes saves f and returns one part of the saved package.
func partBytes(f *excelize.File, path string) ([]byte, error) {
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("save scratch workbook: %w", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return nil, fmt.Errorf("reopen scratch workbook: %w", err)
	}
	rc, err := zr.Open(path)
	if err != nil {
		return nil, fmt.Errorf("scratch workbook: %w", err)
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1},
		{Type: "bottom", Color: "000000", Style: 1},
	}
	font := func(size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: fontFamily, Size: size, Bold: bold, Charset: &charsetGB2312}
	}
	var s styles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.title = mk(&excelize.Style{Font: font(16, true), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	s.info = mk(&excelize.Style{Font: font(11, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}})
	s.infoRight = mk(&excelize.Style{Font: font(11, false), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	s.head = mk(&excelize.Style{Font: font(11, true), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	s.text = mk(&excelize.Style{Font: font(11, false), Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}})
	s.center = mk(&excelize.Style{Font: font(11, false), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	for p := range s.num {
		nf := "0"
		if p > 0 {
			nf += "." + strings.Repeat("0", p)
		}
		s.num[p] = mk(&excelize.Style{Font: font(11, false), Border: border, CustomNumFmt: &nf,
			Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	}
	if err != nil {
		return nil, fmt.Errorf("xlsx styles: %w", err)
	}
	return &s, nil
}

// bare reports whether cells of the style show nothing when empty (no border or fill):
// such cells need not be written at all.
func (s *styles) bare(id int) bool {
	return id == s.title || id == s.info || id == s.infoRight
}

// cell is one cell of a laid-out sheet: a value (string, float64 or nil) and its style.
type cell struct {
	v any
	s int
}

// sheet is a laid-out table before it is streamed into the workbook.
type sheet struct {
	name       string
	widths     []float64
	rows       [][]cell
	heights    []float64
	merges     [][2]string // top-left, bottom-right
	titleRows  int         // rows repeated on every printed page
	validation []*excelize.DataValidation
	st         *styles // the styles of the cells, when known: empty bare cells are left out
}

func newSheet(name string, widths ...float64) *sheet {
	return &sheet{name: name, widths: widths}
}

// add appends a row of cells (missing cells take the style of the last given one) and
// returns its 0-based index.
func (sh *sheet) add(cells ...cell) int {
	row := make([]cell, len(sh.widths))
	for i := range row {
		if i < len(cells) {
			row[i] = cells[i]
		} else if len(cells) > 0 {
			row[i] = cell{s: cells[len(cells)-1].s}
		}
	}
	sh.rows = append(sh.rows, row)
	sh.heights = append(sh.heights, 0)
	return len(sh.rows) - 1
}

// merge merges rows r1..r2 and columns c1..c2 (0-based, inclusive); a one-cell range is
// ignored. Every cell of the range keeps its own style so that the borders show.
func (sh *sheet) merge(r1, c1, r2, c2 int) {
	if r1 == r2 && c1 == c2 {
		return
	}
	a, _ := excelize.CoordinatesToCellName(c1+1, r1+1)
	b, _ := excelize.CoordinatesToCellName(c2+1, r2+1)
	sh.merges = append(sh.merges, [2]string{a, b})
}

// fit sets the height of row r so that text of the cell at column c, spread over columns
// c..c2, shows whole: Excel does not grow rows of merged or wrapped cells by itself.
func (sh *sheet) fit(r, c, c2 int, text string) {
	w := 0.0
	for i := c; i <= c2; i++ {
		w += sh.widths[i]
	}
	lines := textLines(text, w)
	h := math.Max(15, float64(lines)*14.5+3)
	if h > 409 { // Excel's maximum row height
		h = 409
	}
	if h > sh.heights[r] {
		sh.heights[r] = h
	}
}

// textLines estimates how many lines text takes in a column width (in Excel's character
// units, about one Latin digit): a CJK character takes two units.
func textLines(text string, width float64) int {
	avail := math.Max(width-1.5, 2)
	n := 0
	for _, line := range strings.Split(text, "\n") {
		units := 0.0
		for _, r := range line {
			if r >= 0x2E80 || (r >= 0x2010 && r <= 0x201F) || r == '\u3000' {
				units += 2.1
			} else if utf8.RuneLen(r) > 0 {
				units += 1.1
			}
		}
		n += max(1, int(math.Ceil(units/avail)))
	}
	return n
}

// stream writes the laid-out sheet into f with a StreamWriter (the fastest route: rows go
// straight to the zip, merges and styles ride along).
func (sh *sheet) stream(f *excelize.File, first bool) error {
	if first {
		if err := f.SetSheetName("Sheet1", sh.name); err != nil {
			return fmt.Errorf("rename sheet: %w", err)
		}
	} else if _, err := f.NewSheet(sh.name); err != nil {
		return fmt.Errorf("new sheet %q: %w", sh.name, err)
	}
	// sheetPr and the page setup must be set before the stream writer starts: it writes
	// the worksheet's leading elements when it is created.
	t := true
	if err := f.SetSheetProps(sh.name, &excelize.SheetPropsOptions{FitToPage: &t}); err != nil {
		return fmt.Errorf("sheet props: %w", err)
	}
	a4, portrait, one, zero := 9, "portrait", 1, 0
	if err := f.SetPageLayout(sh.name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &portrait, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return fmt.Errorf("page layout: %w", err)
	}
	lr, tb, hf := 0.5, 0.75, 0.3
	if err := f.SetPageMargins(sh.name, &excelize.PageLayoutMarginsOptions{Left: &lr, Right: &lr, Top: &tb, Bottom: &tb, Header: &hf, Footer: &hf}); err != nil {
		return fmt.Errorf("page margins: %w", err)
	}
	for _, dv := range sh.validation {
		if err := f.AddDataValidation(sh.name, dv); err != nil {
			return fmt.Errorf("data validation: %w", err)
		}
	}
	sw, err := f.NewStreamWriter(sh.name)
	if err != nil {
		return fmt.Errorf("stream %q: %w", sh.name, err)
	}
	for i, w := range sh.widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return fmt.Errorf("col width: %w", err)
		}
	}
	sh.clearMerged()
	// One row of cells reused for every row, passed by pointer: a Cell value put in an
	// interface would be copied to the heap, once per cell.
	vals := make([]any, len(sh.widths))
	cells := make([]excelize.Cell, len(sh.widths))
	var height [1]excelize.RowOpts
	for r, row := range sh.rows {
		for i, c := range row {
			if c.v == nil && sh.st != nil && sh.st.bare(c.s) {
				vals[i] = nil // the rest of a title or 金额单位 line: nothing to show
				continue
			}
			cells[i] = excelize.Cell{StyleID: c.s, Value: c.v}
			vals[i] = &cells[i]
		}
		opts := height[:0]
		if sh.heights[r] > 0 {
			height[0] = excelize.RowOpts{Height: sh.heights[r]}
			opts = height[:]
		}
		if err := sw.SetRow("A"+strconv.Itoa(r+1), vals, opts...); err != nil {
			return fmt.Errorf("row %d: %w", r+1, err)
		}
	}
	for _, m := range sh.merges {
		if err := sw.MergeCell(m[0], m[1]); err != nil {
			return fmt.Errorf("merge %s:%s: %w", m[0], m[1], err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("flush %q: %w", sh.name, err)
	}
	if sh.titleRows > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("'%s'!$1:$%d", strings.ReplaceAll(sh.name, "'", "''"), sh.titleRows),
			Scope:    sh.name,
		}); err != nil {
			return fmt.Errorf("print titles: %w", err)
		}
	}
	return nil
}

// clearMerged leaves the value of a merged range in its top-left cell only, as Excel keeps
// it (other readers drop the rest).
func (sh *sheet) clearMerged() {
	for _, m := range sh.merges {
		c1, r1, _ := excelize.CellNameToCoordinates(m[0])
		c2, r2, _ := excelize.CellNameToCoordinates(m[1])
		for r := r1 - 1; r < r2; r++ {
			for c := c1 - 1; c < c2; c++ {
				if r != r1-1 || c != c1-1 {
					sh.rows[r][c].v = nil
				}
			}
		}
	}
}

// sheetNames makes unique, valid sheet names (at most 31 characters, none of : \ / ? * [ ],
// unique regardless of case) for the fund item tables.
type sheetNames map[string]bool

func (used sheetNames) name(want string) string {
	clean := strings.Map(func(r rune) rune {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']', '：':
			return '_'
		case '\n', '\r', '\t':
			return ' '
		}
		return r
	}, strings.TrimSpace(want))
	clean = strings.Trim(clean, "'")
	if clean == "" {
		clean = "附件3"
	}
	clean = truncRunes(clean, 31)
	for i := 1; ; i++ {
		cand := clean
		if i > 1 {
			suffix := fmt.Sprintf("(%d)", i)
			cand = truncRunes(clean, 31-len(suffix)) + suffix
		}
		if key := strings.ToLower(cand); !used[key] {
			used[key] = true
			return cand
		}
	}
}

func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}
