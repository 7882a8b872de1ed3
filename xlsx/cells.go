package xlsx

import (
	"jixiao/textdoc"
)

// Cells reads the cells of every sheet of a workbook, without interpreting them, as one
// Table per sheet: a merged range's text in its first cell and "" in the cells it covers
// (as a Word table's text has it), each cell named as Excel does (自评表!C7). It is for
// the readers of other tables (self-evaluation, monitoring) that find their blocks by
// labels; the limits of Read apply.
func Cells(name string, data []byte) ([]textdoc.Table, error) {
	f, sheets, err := openWorkbook(name, data)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []textdoc.Table
	for _, sh := range sheets {
		g, err := readGrid(name, f, sh)
		if err != nil {
			return nil, err
		}
		out = append(out, g.table())
	}
	return out, nil
}

// table is the grid's cells as a textdoc.Table (see Cells).
func (g *grid) table() textdoc.Table {
	{
		width := 0
		for _, cells := range g.cells {
			width = max(width, len(cells))
		}
		t := textdoc.Table{Rows: make([]textdoc.Row, len(g.cells))}
		for r, cells := range g.cells {
			row := make([]textdoc.Cell, 0, len(cells))
			for c := 0; c < len(cells); c++ {
				x := &cells[c]
				if x.cont && x.or == r {
					continue // covered by a range that spans columns: one cell, as in Word
				}
				row = append(row, textdoc.Cell{Text: g.own(r, c), Where: g.ref(r, c)})
				if !x.cont && x.spanEnd > c {
					c = x.spanEnd
				}
			}
			// Excel stops a row at its last value; a Word row has every cell. Pad, so
			// that a row's cells line up with its header's.
			for c := len(cells); c < width; c++ {
				row = append(row, textdoc.Cell{Where: g.ref(r, c)})
			}
			t.Rows[r] = textdoc.Row{Cells: row}
		}
		return t
	}
}
