package textdoc

import (
	"strconv"

	"jixiao"
)

// Cells reads the rows of cells of a document in the tab-celled text format, without
// interpreting them, as one Table whose cells are named by their lines (第12行): for the
// readers of other tables (self-evaluation, monitoring) that find their blocks by labels
// as this package does for targets.
func Cells(name string, data []byte) ([]Table, error) {
	if len(data) > MaxSize {
		return nil, jixiao.Errorf(jixiao.ETOOLARGE, "%s：文件超过 %d MB，无法作为文本表格读取。", name, MaxSize>>20)
	}
	r := &reader{name: name}
	s, err := r.decode(data)
	if err != nil {
		return nil, err
	}
	rows := tokenize(s)
	t := Table{Rows: make([]Row, len(rows))}
	for i, rw := range rows {
		cells := make([]Cell, len(rw.cells))
		for j, c := range rw.cells {
			cells[j] = Cell{Text: c.text, Where: "第" + strconv.Itoa(c.line) + "行"}
		}
		t.Rows[i] = Row{Cells: cells}
	}
	return []Table{t}, nil
}
