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
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("xlsx: sheet name %q: %w", sheet, err)
	}
	last, err := excelize.ColumnNumberToName(max(len(header), 1))
	if err != nil {
		return err
	}
	if err := f.SetCellStr(sheet, "A1", title); err != nil {
		return err
	}
	if len(header) > 1 {
		if err := f.MergeCell(sheet, "A1", last+"1"); err != nil {
			return err
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	hdr := make([]any, len(header))
	for i, h := range header {
		hdr[i] = h
	}
	if err := f.SetSheetRow(sheet, "A2", &hdr); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", last+"2", bold); err != nil {
		return err
	}
	for i, r := range rows {
		row := r
		if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+3), &row); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i := range header {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, 16); err != nil {
			return err
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx: write %s: %w", sheet, err)
	}
	return nil
}
