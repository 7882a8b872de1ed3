// Package document reads a performance target document in any format jixiao knows — the
// tab-celled text of Word tables (the seed's format), xlsx workbooks and docx documents —
// choosing the reader from the content, never from the file name.
package document

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"strings"

	"jixiao"
	"jixiao/docx"
	"jixiao/textdoc"
	"jixiao/xlsx"
)

// MaxSize is the largest document accepted (read into memory whole).
const MaxSize = 64 << 20

// Format is a document format.
type Format string

// Formats.
const (
	Text    Format = "text"
	XLSX    Format = "xlsx"
	DOCX    Format = "docx"
	Unknown Format = ""
)

// Detect tells the format from the content: a zip container is xlsx when it holds
// xl/workbook.xml and docx when it holds word/document.xml (its directory is read with
// archive/zip, so a file name inside a stored entry does not fool it); anything that is
// neither a zip nor an old OLE2 Office file is text.
func Detect(data []byte) Format {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return zipFormat(data)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return Unknown
	}
	return Text
}

func zipFormat(data []byte) Format {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Unknown
	}
	var xl, word bool
	for _, f := range zr.File {
		switch name := strings.TrimPrefix(f.Name, "/"); name {
		case "xl/workbook.xml":
			xl = true
		case "word/document.xml":
			word = true
		}
	}
	switch {
	case xl:
		return XLSX
	case word:
		return DOCX
	}
	return Unknown
}

// ReadFile reads the document at path.
func ReadFile(path string) (*jixiao.Plan, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, jixiao.WrapError(err, jixiao.EINVALID, "无法打开文件“%s”。", path)
	}
	defer f.Close()
	return Read(path, f)
}

// Read reads a document; name is used in messages only.
func Read(name string, r io.Reader) (*jixiao.Plan, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, jixiao.WrapError(err, jixiao.EINVALID, "读取文件“%s”失败。", name)
	}
	if len(data) > MaxSize {
		return nil, jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”超过 %d MB，无法导入。", name, MaxSize>>20)
	}
	return ReadBytes(name, data)
}

// Options are what a caller knows of a document that the document may not say.
type Options struct {
	// Year is the budget year of a table that states none anywhere (a 项目绩效目标表
	// attached to a notice that names the year): used only then, never over a year the
	// document states.
	Year int
}

// ReadFileWith reads the document at path with opt.
func ReadFileWith(path string, opt Options) (*jixiao.Plan, error) {
	p, err := ReadFile(path)
	return withOptions(p, err, opt)
}

// ReadBytesWith reads a document held in memory with opt.
func ReadBytesWith(name string, data []byte, opt Options) (*jixiao.Plan, error) {
	p, err := ReadBytes(name, data)
	return withOptions(p, err, opt)
}

// withOptions completes a reading that lacked only the year, when opt gives one, and
// otherwise says how the year can be given.
func withOptions(p *jixiao.Plan, err error, opt Options) (*jixiao.Plan, error) {
	ny := textdoc.NoYear(err)
	if ny == nil {
		return p, err
	}
	if opt.Year != 0 {
		if opt.Year < 2000 || opt.Year > 2100 {
			return nil, jixiao.Errorf(jixiao.EINVALID, "指定的预算年度“%d”无效：应为 2000 至 2100 之间的年份。", opt.Year)
		}
		ny.Plan.Year = opt.Year
		return ny.Plan, nil
	}
	return nil, jixiao.Errorf(jixiao.EINVALID, "%s表中确实没有年度时，请另行指定预算年度（命令行用 --year 参数，网页导入时填写“预算年度”）。", jixiao.ErrorMessage(err))
}

// ReadBytes reads a document held in memory.
func ReadBytes(name string, data []byte) (*jixiao.Plan, error) {
	switch Detect(data) {
	case Text:
		return textdoc.Read(name, data)
	case XLSX:
		return xlsx.Read(name, data)
	case DOCX:
		return docx.Read(name, data)
	}
	return nil, unreadable(name, data)
}

// unreadable is the error for a file Detect found to be no format jixiao reads.
func unreadable(name string, data []byte) error {
	if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return jixiao.Errorf(jixiao.EINVALID, "文件“%s”是旧版 Office 格式（.doc/.xls），请在 Word 或 Excel 中另存为 .docx 或 .xlsx 后再导入。", name)
	}
	if bytes.HasPrefix(data, []byte("PK")) {
		return jixiao.Errorf(jixiao.EINVALID, "文件“%s”是 zip 压缩包，但既不是 xlsx 工作簿也不是 docx 文档。", name)
	}
	return jixiao.Errorf(jixiao.EINVALID, "文件“%s”的格式无法识别：既不是文本表格，也不是 xlsx 或 docx。", name)
}
