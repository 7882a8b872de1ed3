package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"

	"jixiao"
)

// Limits on what Read accepts. A plan's workbook is well under a megabyte; these leave
// room for large real files while a zip bomb or a sheet of a million rows is refused
// before it is expanded, with ETOOLARGE and a Chinese message.
const (
	MaxEntries      = 5000      // files inside the zip
	MaxUnzipped     = 256 << 20 // sum of the declared uncompressed sizes
	MaxPartUnzipped = 64 << 20  // one file inside the zip (a worksheet's XML)
	MaxRows         = 10000     // rows of one sheet, counting empty ones
	MaxCols         = 128       // columns of one row
	MaxSheets       = 500       // sheets of one workbook
	// MaxMerges is the most merged ranges one worksheet may declare. excelize compares
	// every merged range with every other one when it reads them (GetMergeCells), so
	// their number, not the file's size, bounds the time: 8,000 merges in a 43 KB file
	// took 2 s, 64,000 would take minutes. The official tables have a few dozen a sheet.
	MaxMerges = 3000
)

// checkZip inspects the zip's directory before excelize opens it: archive/zip refuses to
// read more than an entry's declared size, so the declared sizes bound what can expand.
func checkZip(name string, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”不是有效的 xlsx 工作簿（无法作为 zip 读取）。", name)
	}
	if len(zr.File) > MaxEntries {
		return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”包含 %d 个部件，超过上限 %d，无法导入。", name, len(zr.File), MaxEntries)
	}
	var total uint64
	hasWorkbook := false
	for _, f := range zr.File {
		if f.UncompressedSize64 > MaxPartUnzipped {
			return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”中的部件“%s”解压后 %d MB，超过上限 %d MB，无法导入。", name, f.Name, f.UncompressedSize64>>20, MaxPartUnzipped>>20)
		}
		total += f.UncompressedSize64
		if f.Name == "xl/workbook.xml" {
			hasWorkbook = true
		}
	}
	if total > MaxUnzipped {
		return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”解压后共 %d MB，超过上限 %d MB，无法导入。", name, total>>20, MaxUnzipped>>20)
	}
	if !hasWorkbook {
		return jixiao.Errorf(jixiao.EINVALID, "文件“%s”不是 xlsx 工作簿（缺少 xl/workbook.xml）。", name)
	}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”不是有效的 xlsx 工作簿（部件“%s”无法打开）。", name, f.Name)
		}
		n, err := countMerges(rc)
		rc.Close()
		if err != nil {
			return jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”不是有效的 xlsx 工作簿（部件“%s”无法解压）。", name, f.Name)
		}
		if n > MaxMerges {
			return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”的工作表部件“%s”有 %d 个合并单元格，超过上限 %d，无法导入。", name, f.Name, n, MaxMerges)
		}
	}
	return nil
}

// countMerges counts the mergeCell elements of a worksheet's XML (any namespace prefix)
// in one streaming pass, without parsing it: start tags <mergeCell or <x:mergeCell, not
// end tags and not the container mergeCells. Text cannot hold a raw "<", so only markup
// counts.
func countMerges(r io.Reader) (int, error) {
	const (
		tok      = "mergeCell"
		lookback = 32 // room for a namespace prefix before the name
	)
	buf := make([]byte, 64<<10)
	n, carry, from := 0, 0, 0
	for {
		m, err := r.Read(buf[carry:])
		data := buf[:carry+m]
		for i := from; ; {
			k := bytes.Index(data[i:], []byte(tok))
			if k < 0 {
				break
			}
			start := i + k
			end := start + len(tok)
			if end >= len(data) {
				break // the next byte decides; the tail is kept below
			}
			if data[end] != 's' && isStartTag(data[:start]) {
				n++
			}
			i = end
		}
		// Keep the tail: a name cut at the chunk's end is found whole next time, with the
		// bytes before it; names starting before len(data)-len(tok) are done.
		carry = min(len(data), len(tok)+lookback)
		from = max(0, carry-len(tok))
		copy(buf, data[len(data)-carry:])
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// isStartTag reports whether the bytes before an element name open a start tag: "<", or
// "<prefix:" with a short prefix.
func isStartTag(before []byte) bool {
	j := len(before) - 1
	if j >= 0 && before[j] == ':' {
		for j--; j >= 0 && len(before)-j < 32 && before[j] != '<' && before[j] != '/' && before[j] != ' ' && before[j] != '>'; j-- {
		}
	}
	return j >= 0 && before[j] == '<'
}
