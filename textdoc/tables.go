package textdoc

import (
	"strings"

	"jixiao"
)

// Table is one table of a document whose tables are already known as tables (a Word
// file's w:tbl), for ReadTables. A paragraph between tables — a title such as
// 2021年部门整体支出绩效目标表, or 附件3 — goes in as a table of one row of one cell.
type Table struct {
	Rows []Row
}

// Row is one row of a Table.
type Row struct {
	Cells []Cell
}

// Cell is one cell of a Row: its text, with its paragraphs joined by "\n" as written
// (empty paragraphs and tabs inside a line are kept), and where it is in the document,
// for messages ("表2 第3行第4列"). A cell that spans columns is one cell; a cell that
// continues a vertical merge is an empty cell, as in the text format.
type Cell struct {
	Text  string
	Where string
}

// ReadTables reads a plan from tables, by the same label-driven reader as Read: the
// tables are found by their titles, the values by the labels beside them and the columns
// by their header labels. Errors are *jixiao.Error (EINVALID; ETOOLARGE when the text
// is over MaxSize) and name the file and the cell by its Where.
func ReadTables(name string, tables []Table) (*jixiao.Plan, error) {
	r := &reader{name: name}
	var rows []row
	size := 0
	for _, t := range tables {
		for _, tr := range t.Rows {
			if len(tr.Cells) == 0 {
				continue
			}
			rw := row{cells: make([]cell, len(tr.Cells))}
			for i, tc := range tr.Cells {
				size += len(tc.Text)
				if size > MaxSize {
					return nil, jixiao.Errorf(jixiao.ETOOLARGE, "%s：表格文字超过 %d MB，无法读取。", name, MaxSize>>20)
				}
				// The reader's "line" of a cell is its place in r.where, from 1, so that
				// its messages name the cell as the caller does.
				r.where = append(r.where, tc.Where)
				c := cell{text: tableCellText(tc.Text), line: len(r.where)}
				c.key, c.cut = labelKey(c.text)
				rw.cells[i] = c
			}
			rw.line = rw.cells[0].line
			rows = append(rows, rw)
		}
	}
	return r.read(rows)
}

// tableCellText is a cell's text as the reader takes it: white space around the cell and
// around each of its lines trimmed (as in the text format), blank lines at its ends
// dropped, and blank lines inside kept (paragraphs stay apart).
func tableCellText(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if strings.IndexByte(s, '\n') < 0 {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}
