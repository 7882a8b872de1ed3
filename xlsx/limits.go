package xlsx

import (
	"archive/zip"
	"bytes"

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
)

// checkZip inspects the zip's directory before excelize opens it: archive/zip refuses to
// read more than an entry's declared size, so the declared sizes bound what can expand.
func checkZip(name string, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return jixiao.Errorf(jixiao.EINVALID, "文件“%s”不是有效的 xlsx 工作簿（无法作为 zip 读取：%v）", name, err)
	}
	if len(zr.File) > MaxEntries {
		return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”包含 %d 个部件，超过上限 %d，无法导入", name, len(zr.File), MaxEntries)
	}
	var total uint64
	hasWorkbook := false
	for _, f := range zr.File {
		if f.UncompressedSize64 > MaxPartUnzipped {
			return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”中的部件“%s”解压后 %d MB，超过上限 %d MB，无法导入", name, f.Name, f.UncompressedSize64>>20, MaxPartUnzipped>>20)
		}
		total += f.UncompressedSize64
		if f.Name == "xl/workbook.xml" {
			hasWorkbook = true
		}
	}
	if total > MaxUnzipped {
		return jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”解压后共 %d MB，超过上限 %d MB，无法导入", name, total>>20, MaxUnzipped>>20)
	}
	if !hasWorkbook {
		return jixiao.Errorf(jixiao.EINVALID, "文件“%s”不是 xlsx 工作簿（缺少 xl/workbook.xml）", name)
	}
	return nil
}
