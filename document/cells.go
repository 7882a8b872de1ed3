package document

import (
	"bytes"

	"jixiao"
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
	if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return nil, jixiao.Errorf(jixiao.EINVALID, "文件“%s”是旧版 Office 格式（.doc/.xls），请在 Word 或 Excel 中另存为 .docx 或 .xlsx 后再读取。", name)
	}
	return nil, jixiao.Errorf(jixiao.EINVALID, "文件“%s”的格式无法识别：既不是文本表格，也不是 xlsx 或 docx。", name)
}
