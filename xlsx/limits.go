package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"

	"jixiao"
)

// Limits on what Read accepts. A plan's workbook is well under a megabyte, with a few
// thousand cells; these leave room for large real files while a zip bomb is refused
// before excelize expands it, with ETOOLARGE and a Chinese message naming the limit.
//
// The limits are on what a workbook makes excelize build, not only on the zip: excelize
// keeps every part in memory and turns the shared strings and the cells into Go values
// of a few hundred bytes each, so 3.5 million tiny shared strings (59 MiB of XML in a
// 176 KB file) took a server to 1.4 GB, and four parts of 60 MiB to 700 MB. With the
// limits below the worst workbook read stays under about 100 MB (measured in
// TestBombs), and the server reads at most a few uploads at a time (http's import gate).
const (
	MaxEntries      = 5000     // files inside the zip
	MaxUnzipped     = 16 << 20 // bytes of all parts together, as they expand (not only as declared)
	MaxPartUnzipped = 8 << 20  // bytes of one part (a worksheet's XML)
	MaxRows         = 10000    // rows of one sheet, counting empty ones
	MaxCols         = 128      // columns of one row
	MaxSheets       = 500      // sheets of one workbook
	// MaxCells is the most cells (c elements) of all sheets together: 50,000 is ten
	// times a region's largest plan (a department table and thirty 附件3 tables of about
	// 30 rows and 8 columns each).
	MaxCells = 50_000
	// MaxSharedStrings is the most entries of the shared-string table (si elements).
	// Excel writes each distinct text once, so a workbook has fewer than it has cells.
	MaxSharedStrings = 50_000
	// MaxMerges is the most merged ranges one worksheet may declare. excelize compares
	// every merged range with every other one when it reads them (GetMergeCells), so
	// their number, not the file's size, bounds the time: 8,000 merges in a 43 KB file
	// took 2 s, 64,000 would take minutes. The official tables have a few dozen a sheet.
	MaxMerges = 3000
)

// checkZip inspects the workbook before excelize opens it. The zip's directory is
// checked first (entries, declared sizes); then every part is expanded once, streaming,
// and its bytes counted as they come (a part that lies about its size is caught too)
// while its start tags are counted: the shared strings, and each sheet's rows, cells and
// merged ranges. The first limit passed stops the reading at once, before anything big is
// built.
func checkZip(name string, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”不是有效的 xlsx 工作簿（无法作为 zip 读取）。", name)
	}
	if len(zr.File) > MaxEntries {
		return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”包含 %d 个部件，超过上限 %d 个，无法导入。", name, len(zr.File), MaxEntries)
	}
	var declared uint64
	hasWorkbook := false
	for _, f := range zr.File {
		if f.UncompressedSize64 > MaxPartUnzipped {
			return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”中的部件“%s”解压后 %d MB，超过每个部件 %d MB 的上限，无法导入。", name, f.Name, f.UncompressedSize64>>20, MaxPartUnzipped>>20)
		}
		declared += f.UncompressedSize64
		if f.Name == "xl/workbook.xml" {
			hasWorkbook = true
		}
	}
	if declared > MaxUnzipped {
		return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”解压后共 %d MB，超过 %d MB 的上限，无法导入。", name, declared>>20, MaxUnzipped>>20)
	}
	if !hasWorkbook {
		return jixiao.Errorf(jixiao.EINVALID, "文件“%s”不是 xlsx 工作簿（缺少 xl/workbook.xml）。", name)
	}
	var total int64
	cells := 0
	for _, f := range zr.File {
		sheet := strings.HasPrefix(f.Name, "xl/worksheets/") && strings.HasSuffix(f.Name, ".xml")
		shared := f.Name == "xl/sharedStrings.xml"
		rows, merges, strs := 0, 0, 0
		var limit error
		tag := func(t []byte) error {
			switch {
			case shared && string(t) == "si":
				if strs++; strs > MaxSharedStrings {
					limit = jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”的共享字符串超过 %d 个的上限，无法导入。", name, MaxSharedStrings)
				}
			case sheet && string(t) == "c":
				if cells++; cells > MaxCells {
					limit = jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”的单元格超过 %d 个的上限（工作表部件“%s”），无法导入。", name, MaxCells, f.Name)
				}
			case sheet && string(t) == "row":
				if rows++; rows > MaxRows {
					limit = jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”的工作表部件“%s”超过 %d 行的上限，无法导入。", name, f.Name, MaxRows)
				}
			case sheet && string(t) == "mergeCell":
				if merges++; merges > MaxMerges {
					limit = jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”的工作表部件“%s”有超过 %d 个合并单元格，超过上限，无法导入。", name, f.Name, MaxMerges)
				}
			}
			return limit
		}
		rc, err := f.Open()
		if err != nil {
			return jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”不是有效的 xlsx 工作簿（部件“%s”无法打开）。", name, f.Name)
		}
		room := min(MaxPartUnzipped, MaxUnzipped-total)
		n, err := scanTags(io.LimitReader(rc, room+1), tag)
		rc.Close()
		total += n
		switch {
		case limit != nil:
			return limit
		case err != nil:
			return jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”不是有效的 xlsx 工作簿（部件“%s”无法解压）。", name, f.Name)
		case n > MaxPartUnzipped:
			return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”中的部件“%s”解压后超过每个部件 %d MB 的上限，无法导入。", name, f.Name, MaxPartUnzipped>>20)
		case total > MaxUnzipped:
			return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”解压后超过 %d MB 的上限，无法导入。", name, MaxUnzipped>>20)
		}
	}
	return nil
}

// countMerges counts the mergeCell start tags of a worksheet's XML (any namespace
// prefix), not end tags and not the container mergeCells.
func countMerges(r io.Reader) (int, error) {
	n := 0
	_, err := scanTags(r, func(t []byte) error {
		if string(t) == "mergeCell" {
			n++
		}
		return nil
	})
	return n, err
}

// scanTags reads r to its end in one streaming pass, without parsing it, and calls tag
// with the local name (the prefix dropped) of every start tag: <name or <prefix:name,
// not </, <? or <!. Text cannot hold a raw "<", so only markup is seen; a "<" inside a
// comment may count too, which only makes a limit stricter. It returns the bytes read
// and stops at tag's first error.
func scanTags(r io.Reader, tag func(name []byte) error) (int64, error) {
	const maxName = 64 // a longer name is cut: no tag we count is that long
	buf := make([]byte, 64<<10)
	var total int64
	carry := 0
	for {
		m, err := r.Read(buf[carry:])
		total += int64(m)
		data := buf[:carry+m]
		end := err != nil
		i := 0
		for i < len(data) {
			k := bytes.IndexByte(data[i:], '<')
			if k < 0 {
				i = len(data)
				break
			}
			start := i + k
			j := start + 1
			for j < len(data) && j-start <= maxName && !nameEnd(data[j]) {
				j++
			}
			if j == len(data) && !end && j-start <= maxName {
				i = start // the name may go on in the next chunk: keep it
				break
			}
			if name := data[start+1 : j]; len(name) > 0 && name[0] != '/' && name[0] != '?' && name[0] != '!' {
				if c := bytes.LastIndexByte(name, ':'); c >= 0 {
					name = name[c+1:]
				}
				if terr := tag(name); terr != nil {
					return total, terr
				}
			}
			i = j
		}
		carry = copy(buf, data[i:])
		if errors.Is(err, io.EOF) {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

func nameEnd(b byte) bool {
	return b == ' ' || b == '>' || b == '/' || b == '\t' || b == '\n' || b == '\r'
}
