// Package docx reads the tables of a Word document (.docx) into a Plan. It streams
// word/document.xml with encoding/xml — tables, rows, cells, gridSpan, vMerge, and the
// paragraphs between tables (titles such as 2021年部门整体支出绩效目标表, 附件3) — into the
// tab-celled text of Word tables and reads that with textdoc, the same label-driven table
// reader as the seed's text, so a unit's own Word file imports like the seed does.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"jixiao"
	"jixiao/textdoc"
)

// Limits against zip bombs and huge documents: checked on the zip's directory before
// anything is expanded (archive/zip never reads past an entry's declared size).
const (
	MaxEntries       = 5000
	MaxUnzipped      = 256 << 20 // all entries, declared uncompressed sizes
	MaxDocumentXML   = 64 << 20  // word/document.xml
	MaxCells         = 200_000   // table cells in the document
	MaxCellsPerRow   = 256
	MaxNestingTables = 16
)

const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// Read reads the tables of a .docx held in memory; name is used in messages.
func Read(name string, data []byte) (*jixiao.Plan, error) {
	text, err := Text(name, data)
	if err != nil {
		return nil, err
	}
	return textdoc.Read(name, []byte(text))
}

// Text turns the document's body into the tab-celled text of Word tables: a paragraph
// outside tables is a row of one cell; each table row is a row of its cells (a cell that
// spans columns is one cell, as Word saves it); a cell that continues a vertical merge is
// an empty cell; the paragraphs of a cell are joined with newlines.
func Text(name string, data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", jixiao.Errorf(jixiao.EINVALID, "文件“%s”不是有效的 docx 文档（无法作为 zip 读取：%v）", name, err)
	}
	if len(zr.File) > MaxEntries {
		return "", jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”包含 %d 个部件，超过上限 %d，无法导入", name, len(zr.File), MaxEntries)
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
		return "", jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”解压后共 %d MB，超过上限 %d MB，无法导入", name, total>>20, MaxUnzipped>>20)
	}
	if doc == nil {
		return "", jixiao.Errorf(jixiao.EINVALID, "文件“%s”不是 docx 文档（缺少 word/document.xml）", name)
	}
	if doc.UncompressedSize64 > MaxDocumentXML {
		return "", jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”的正文解压后 %d MB，超过上限 %d MB，无法导入", name, doc.UncompressedSize64>>20, MaxDocumentXML>>20)
	}
	rc, err := doc.Open()
	if err != nil {
		return "", jixiao.Errorf(jixiao.EINVALID, "文件“%s”的正文无法打开：%v", name, err)
	}
	defer rc.Close()
	w := &walker{name: name}
	if err := w.walk(io.LimitReader(rc, MaxDocumentXML+1)); err != nil {
		return "", err
	}
	return w.out.String(), nil
}

// walker streams document.xml and writes the text format.
type walker struct {
	name  string
	out   strings.Builder
	cells int

	depth int      // table nesting; cells of nested tables become paragraphs of the outer cell
	row   []string // cells of the current outermost row
	cell  []string // paragraphs of the current cell
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
			return jixiao.Errorf(jixiao.EINVALID, "文件“%s”的正文（word/document.xml）不是有效的 XML：%v", w.name, err)
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
					return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”的表格嵌套超过 %d 层，无法导入", w.name, MaxNestingTables)
				}
			case "tr":
				if w.depth == 1 {
					w.row = w.row[:0]
				}
			case "tc":
				if w.depth == 1 {
					w.cell, w.vcont = w.cell[:0], false
					w.cells++
					if w.cells > MaxCells {
						return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”的表格超过 %d 个单元格，无法导入", w.name, MaxCells)
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
					w.para.WriteByte(' ')
				}
			case "br", "cr":
				if w.inPar {
					w.para.WriteByte('\n')
				}
			case "t":
				var s string
				if err := dec.DecodeElement(&s, &t); err != nil {
					return jixiao.Errorf(jixiao.EINVALID, "文件“%s”的正文不是有效的 XML：%v", w.name, err)
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
				text := strings.ReplaceAll(w.para.String(), "\t", " ")
				if w.depth == 0 {
					w.paragraph(text)
				} else {
					w.cell = append(w.cell, text)
				}
			case "tc":
				if w.depth == 1 {
					if len(w.row) >= MaxCellsPerRow {
						return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”的表格一行超过 %d 个单元格，无法导入", w.name, MaxCellsPerRow)
					}
					text := ""
					if !w.vcont {
						text = joinCell(w.cell)
					}
					w.row = append(w.row, text)
				}
			case "tr":
				if w.depth == 1 {
					w.writeRow(w.row)
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

// joinCell joins a cell's paragraphs with newlines, dropping empty ones: a blank line
// ends a row in the text format.
func joinCell(paras []string) string {
	var lines []string
	for _, p := range paras {
		for _, l := range strings.Split(p, "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, l)
			}
		}
	}
	return strings.Join(lines, "\n")
}

// paragraph writes a paragraph between tables as a row of one cell.
func (w *walker) paragraph(text string) {
	if t := joinCell([]string{text}); t != "" {
		w.writeRow([]string{t})
	}
}

func (w *walker) writeRow(cells []string) {
	if len(cells) == 0 {
		return
	}
	for _, c := range cells {
		w.out.WriteByte('\t')
		w.out.WriteString(c)
		w.out.WriteByte('\n')
	}
	w.out.WriteByte('\n')
}
