// Package docx reads the tables of a Word document (.docx) into a Plan. It streams
// word/document.xml with encoding/xml — tables, rows, cells, gridSpan, vMerge, and the
// paragraphs between tables (titles such as 2021年部门整体支出绩效目标表, 附件3) — into
// textdoc tables and reads them with textdoc.ReadTables, the same label-driven table
// reader as the seed's text, so a unit's own Word file imports like the seed does. The
// tables go in as tables, not through the text format, so a cell keeps its empty
// paragraphs and tabs, and messages name the cell (表2 第3行第4列).
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/textdoc"
)

// Limits against zip bombs and huge documents: the sizes are checked on the zip's
// directory before anything is expanded (archive/zip never reads past an entry's declared
// size), the rest while word/document.xml streams, so a document over a limit is refused
// before what it would build is built. Only word/document.xml is ever expanded. A plan's
// document holds tens of kilobytes of text and a few thousand cells; the limits keep the
// memory one document can take under about 60 MB (TestBombs).
const (
	MaxEntries       = 5000
	MaxUnzipped      = 256 << 20 // all entries, declared uncompressed sizes
	MaxDocumentXML   = 16 << 20  // word/document.xml
	MaxText          = 4 << 20   // bytes of text in the document's paragraphs and cells
	MaxCells         = 50_000    // table cells in the document
	MaxCellsPerRow   = 256
	MaxNestingTables = 16
)

const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// Read reads the tables of a .docx held in memory; name is used in messages, which name
// the cell too (表2 第3行第4列).
func Read(name string, data []byte) (*jixiao.Plan, error) {
	tables, err := Tables(name, data)
	if err != nil {
		return nil, err
	}
	return textdoc.ReadTables(name, tables)
}

// Tables reads the document's body as textdoc tables: each outermost table (w:tbl) with
// its rows and cells (a cell that spans columns is one cell, as Word saves it; a cell that
// continues a vertical merge is an empty cell; the paragraphs of a cell are joined with
// newlines, empty ones and tabs kept), and each paragraph outside tables as a table of one
// cell. Tables nested in a cell become paragraphs of that cell.
func Tables(name string, data []byte) ([]textdoc.Table, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”不是有效的 docx 文档（无法作为 zip 读取）。", name)
	}
	if len(zr.File) > MaxEntries {
		return nil, jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”包含 %d 个部件，超过上限 %d，无法导入。", name, len(zr.File), MaxEntries)
	}
	var total uint64
	var doc *zip.File
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.Name == "word/document.xml" {
			doc = f
		}
	}
	if total > MaxUnzipped {
		return nil, jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”解压后共 %d MB，超过上限 %d MB，无法导入。", name, total>>20, MaxUnzipped>>20)
	}
	if doc == nil {
		return nil, jixiao.Errorf(jixiao.EINVALID, "文件“%s”不是 docx 文档（缺少 word/document.xml）。", name)
	}
	if doc.UncompressedSize64 > MaxDocumentXML {
		return nil, jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”的正文解压后 %d MB，超过上限 %d MB，无法导入。", name, doc.UncompressedSize64>>20, MaxDocumentXML>>20)
	}
	rc, err := doc.Open()
	if err != nil {
		return nil, jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”的正文无法打开。", name)
	}
	defer rc.Close()
	w := &walker{name: name}
	if err := w.walk(io.LimitReader(rc, MaxDocumentXML+1)); err != nil {
		return nil, err
	}
	return w.tables, nil
}

// Text writes the document's tables in the tab-celled text format of Word tables (what
// Word saves as text, the seed's format): a paragraph outside tables is a row of one
// cell, a blank line ends a row. The format cannot hold an empty line inside a cell, so
// those are dropped, and tabs inside a cell become spaces. Read does not go through it;
// it is for looking at what was read.
func Text(name string, data []byte) (string, error) {
	tables, err := Tables(name, data)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, t := range tables {
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				b.WriteByte('\t')
				b.WriteString(joinCell(strings.ReplaceAll(c.Text, "\t", " ")))
				b.WriteByte('\n')
			}
			b.WriteByte('\n')
		}
	}
	return b.String(), nil
}

// walker streams document.xml into tables.
type walker struct {
	name   string
	tables []textdoc.Table
	cells  int
	text   int // bytes of text so far, against MaxText
	ntbl   int // outermost tables so far: 表N in messages

	depth int            // table nesting; cells of nested tables become paragraphs of the outer cell
	table *textdoc.Table // the current outermost table
	row   []textdoc.Cell // cells of the current outermost row
	col   int            // grid column (from 1) of the current cell
	span  int            // grid columns the current cell spans (w:gridSpan)
	cell  []string       // paragraphs of the current cell
	para  strings.Builder
	inPar bool
	vcont bool // the current cell continues a vertical merge
}

func (w *walker) walk(r io.Reader) error {
	dec := xml.NewDecoder(r)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”的正文（word/document.xml）不是有效的 XML。", w.name)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != wordNS {
				continue
			}
			switch t.Name.Local {
			case "tbl":
				w.depth++
				if w.depth > MaxNestingTables {
					return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”的表格嵌套超过 %d 层，无法导入。", w.name, MaxNestingTables)
				}
				if w.depth == 1 {
					w.ntbl++
					w.tables = append(w.tables, textdoc.Table{})
					w.table = &w.tables[len(w.tables)-1]
				}
			case "tr":
				if w.depth == 1 {
					w.row, w.col, w.span = nil, 1, 0
				}
			case "tc":
				if w.depth == 1 {
					w.col += w.span
					w.cell, w.vcont, w.span = w.cell[:0], false, 1
					w.cells++
					if w.cells > MaxCells {
						return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”的表格超过 %d 个单元格，无法导入。", w.name, MaxCells)
					}
				}
			case "gridSpan":
				if w.depth == 1 {
					if n, err := strconv.Atoi(attr(t, "val")); err == nil && n > 1 && n <= MaxCellsPerRow {
						w.span = n
					}
				}
			case "vMerge":
				if w.depth == 1 && attr(t, "val") != "restart" {
					w.vcont = true
				}
			case "p":
				w.inPar = true
				w.para.Reset()
			case "tab":
				if w.inPar {
					w.para.WriteByte('\t')
				}
			case "br", "cr":
				if w.inPar {
					w.para.WriteByte('\n')
				}
			case "t":
				var s string
				if err := dec.DecodeElement(&s, &t); err != nil {
					return jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”的正文不是有效的 XML。", w.name)
				}
				if w.text += len(s); w.text > MaxText {
					return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”的文字超过 %d MB 的上限，无法导入。", w.name, MaxText>>20)
				}
				w.para.WriteString(s)
			}
		case xml.EndElement:
			if t.Name.Space != wordNS {
				continue
			}
			switch t.Name.Local {
			case "p":
				w.inPar = false
				if w.depth == 0 {
					w.paragraph(w.para.String())
				} else {
					w.cell = append(w.cell, w.para.String())
				}
			case "tc":
				if w.depth == 1 {
					if len(w.row) >= MaxCellsPerRow {
						return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”的表格一行超过 %d 个单元格，无法导入。", w.name, MaxCellsPerRow)
					}
					text := ""
					if !w.vcont {
						text = strings.Join(w.cell, "\n")
					}
					w.row = append(w.row, textdoc.Cell{Text: text,
						Where: fmt.Sprintf("表%d 第%d行第%d列", w.ntbl, len(w.table.Rows)+1, w.col)})
				}
			case "tr":
				if w.depth == 1 && len(w.row) > 0 {
					w.table.Rows = append(w.table.Rows, textdoc.Row{Cells: w.row})
				}
			case "tbl":
				w.depth--
			}
		}
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// joinCell writes a cell's text for the text format, dropping empty lines: a blank
// line ends a row there.
func joinCell(text string) string {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// paragraph keeps a non-empty paragraph between tables as a table of one cell, named by
// the table it follows (表2之后的段落“附件3”), which is how a reader finds it in Word.
func (w *walker) paragraph(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	where := fmt.Sprintf("第一个表格之前的段落“%s”", clip(text))
	if w.ntbl > 0 {
		where = fmt.Sprintf("表%d之后的段落“%s”", w.ntbl, clip(text))
	}
	w.tables = append(w.tables, textdoc.Table{Rows: []textdoc.Row{{Cells: []textdoc.Cell{{Text: text, Where: where}}}}})
}

// clip shortens a paragraph for a message.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 16 {
		return string(r[:16]) + "…"
	}
	return s
}
