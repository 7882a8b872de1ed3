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

// Sheet is one sheet of WriteSheets: a title, a header and the rows.
type Sheet struct {
	Name, Title string
	Header      []string
	Rows        [][]any
}

// WriteSheets writes a workbook of sheets laid out as WriteTable's (the finance bureau's
// self-evaluation summary: 单位得分, 低分单位, 未达成指标).
func WriteSheets(w io.Writer, sheets []Sheet) error {
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
		if err := writeSheet(f, sh.Name, sh.Title, sh.Header, sh.Rows); err != nil {
			return err
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx: write: %w", err)
	}
	return nil
}

func writeSheet(f *excelize.File, sheet, title string, header []string, rows [][]any) error {
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
	return nil
}
