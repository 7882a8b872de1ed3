package xlsx

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Sheet is one plain sheet of a workbook: a header row (bold, frozen) and rows of
// cells written as their Go values (strings as text, ints and float64s as numbers).
// The indicator library (指标库) and the finance bureau's views of it are exported as
// such sheets; they are read back with Cells.
type Sheet struct {
	Name   string
	Header []string
	Rows   [][]any
	Widths []float64 // column widths; 16 where not given
}

// WriteSheets writes the sheets, in order, to one workbook.
func WriteSheets(w io.Writer, sheets []Sheet) error {
	if len(sheets) == 0 {
		return fmt.Errorf("xlsx: no sheets")
	}
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true}})
	if err != nil {
		return err
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return fmt.Errorf("xlsx: sheet name %q: %w", s.Name, err)
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return fmt.Errorf("xlsx: sheet name %q: %w", s.Name, err)
		}
		hdr := make([]any, len(s.Header))
		for j, h := range s.Header {
			hdr[j] = h
		}
		if err := f.SetSheetRow(s.Name, "A1", &hdr); err != nil {
			return err
		}
		last, err := excelize.ColumnNumberToName(max(len(s.Header), 1))
		if err != nil {
			return err
		}
		if err := f.SetCellStyle(s.Name, "A1", last+"1", bold); err != nil {
			return err
		}
		for j, r := range s.Rows {
			row := r
			if err := f.SetSheetRow(s.Name, fmt.Sprintf("A%d", j+2), &row); err != nil {
				return err
			}
		}
		if err := f.SetPanes(s.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		for j := range s.Header {
			col, _ := excelize.ColumnNumberToName(j + 1)
			wd := 16.0
			if j < len(s.Widths) && s.Widths[j] > 0 {
				wd = s.Widths[j]
			}
			if err := f.SetColWidth(s.Name, col, col, wd); err != nil {
				return err
			}
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx: write workbook: %w", err)
	}
	return nil
}
