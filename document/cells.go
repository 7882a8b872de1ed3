package document

import (
	"jixiao/docx"
	"jixiao/textdoc"
	"jixiao/xlsx"
)

// Cells reads the tables of a document in any format jixiao knows as rows of cells,
// each cell named by its place (第12行, 表2 第3行第4列, 自评表!C7), for the readers of
// self-evaluation and monitoring tables.
func Cells(name string, data []byte) ([]textdoc.Table, error) {
	switch Detect(data) {
	case Text:
		return textdoc.Cells(name, data)
	case XLSX:
		return xlsx.Cells(name, data)
	case DOCX:
		return docx.Tables(name, data)
	}
	return nil, unreadable(name, data)
}
