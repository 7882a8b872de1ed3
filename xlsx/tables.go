package xlsx

import (
	"jixiao"
	"jixiao/textdoc"
)

// readAsTables reads the workbook's sheets as tables (Cells) with textdoc.ReadTables, the
// label-driven reader of the text and Word formats: it is how workbooks of the layouts
// this package's own reader does not know (项目支出绩效目标表 of the provinces, several
// projects in a sheet) are read. Cells are named as Excel names them (Sheet1!C7).
func readAsTables(name string, grids []*grid) (*jixiao.Plan, error) {
	var tables []textdoc.Table
	for _, g := range grids {
		tables = append(tables, g.table())
	}
	return textdoc.ReadTables(name, tables)
}

// onlyItems reports whether the tables found are all 附件3-like (segItem).
func onlyItems(segs []*segment) bool {
	for _, s := range segs {
		if s.kind != segItem {
			return false
		}
	}
	return true
}
