package xlsx

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// WriteTable writes one sheet: a title in the first row (merged over the columns), the
// header in the second (bold, frozen), then the rows. Cells are written as their Go
// values: strings as text, ints as numbers. It is the export of lists such as the
// finance bureau's status board (审核进度表); the one place besides Write that knows
// excelize.
func WriteTable(w io.Writer, sheet, title string, header []string, rows [][]any) error {
	return WriteSheets(w, []Sheet{{Name: sheet, Title: title, Header: header, Rows: rows}})
}

// Sheet is one plain sheet of WriteSheets: an optional title (merged over the columns),
// a header row (bold, frozen) and rows of cells written as their Go values (strings as
// text, ints and float64s as numbers). Widths are the columns' widths (16 where not
// given). The status board, the self-evaluation summary and the indicator library
// (read back with Cells) are written as such sheets.
type Sheet struct {
	Name, Title string
	Header      []string
	Rows        [][]any
	Widths      []float64
}

// WriteSheets writes the sheets, in order, to one workbook.
func WriteSheets(w io.Writer, sheets []Sheet) error {
	if len(sheets) == 0 {
		return fmt.Errorf("xlsx: no sheets")
	}
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
				return fmt.Errorf("xlsx: sheet name %q: %w", sh.Name, err)
			}
		} else if _, err := f.NewSheet(sh.Name); err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", sh.Name, err)
		}
		if err := writeSheet(f, sh); err != nil {
			return err
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx: write: %w", err)
	}
	return nil
}

func writeSheet(f *excelize.File, sh Sheet) error {
	last, err := excelize.ColumnNumberToName(max(len(sh.Header), 1))
	if err != nil {
		return err
	}
	hrow := 1 // the header's row: 2 under a title
	if sh.Title != "" {
		hrow = 2
		if err := f.SetCellStr(sh.Name, "A1", sh.Title); err != nil {
			return err
		}
		if len(sh.Header) > 1 {
			if err := f.MergeCell(sh.Name, "A1", last+"1"); err != nil {
				return err
			}
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true}})
	if err != nil {
		return err
	}
	hdr := make([]any, len(sh.Header))
	for i, h := range sh.Header {
		hdr[i] = h
	}
	if err := f.SetSheetRow(sh.Name, fmt.Sprintf("A%d", hrow), &hdr); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh.Name, "A1", fmt.Sprintf("%s%d", last, hrow), bold); err != nil {
		return err
	}
	for i, r := range sh.Rows {
		row := r
		if err := f.SetSheetRow(sh.Name, fmt.Sprintf("A%d", hrow+1+i), &row); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sh.Name, &excelize.Panes{Freeze: true, YSplit: hrow, TopLeftCell: fmt.Sprintf("A%d", hrow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i := range sh.Header {
		col, _ := excelize.ColumnNumberToName(i + 1)
		wd := 16.0
		if i < len(sh.Widths) && sh.Widths[i] > 0 {
			wd = sh.Widths[i]
		}
		if err := f.SetColWidth(sh.Name, col, col, wd); err != nil {
			return err
		}
	}
	return nil
}
