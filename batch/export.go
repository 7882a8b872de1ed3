package batch

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"jixiao"
	"jixiao/xlsx"
)

// workbook is one plan written as xlsx, waiting for its turn to be stored.
type workbook struct {
	name string
	data []byte
}

// Export writes every plan of f in s as an xlsx workbook, CODE-YEAR.xlsx, into the
// directory out or, when out ends in .zip, into that zip file. The plans are streamed
// and written by workers goroutines, each workbook into memory; the workbooks are then
// stored one at a time in the listing's order (Batch), so the files and the zip's entries
// are the same whatever the number of workers. It returns the number of workbooks and
// their total size in bytes.
func Export(ctx context.Context, s jixiao.PlanService, f jixiao.PlanFilter, out string, workers int) (n int, size int64, err error) {
	var zw *zip.Writer
	var zf *os.File
	if strings.HasSuffix(strings.ToLower(out), ".zip") {
		zf, err = os.Create(out)
		if err != nil {
			return 0, 0, fmt.Errorf("create %s: %w", out, err)
		}
		defer zf.Close()
		zw = zip.NewWriter(zf)
	} else if err := os.MkdirAll(out, 0o755); err != nil {
		return 0, 0, fmt.Errorf("create %s: %w", out, err)
	}
	n, err = Batch(ctx, s, f, workers, func(p *jixiao.Plan) (workbook, error) {
		var buf bytes.Buffer
		if err := xlsx.Write(&buf, p); err != nil {
			return workbook{}, fmt.Errorf("%s %d: %w", p.DepartmentCode, p.Year, err)
		}
		return workbook{name: fmt.Sprintf("%s-%d.xlsx", safeFileName(p.DepartmentCode), p.Year), data: buf.Bytes()}, nil
	}, func(wb workbook) error {
		size += int64(len(wb.data))
		if zw != nil {
			// xlsx files are already deflated: the zip stores them as they are.
			w, err := zw.CreateHeader(&zip.FileHeader{Name: wb.name, Method: zip.Store, Modified: time.Now()})
			if err != nil {
				return err
			}
			_, err = w.Write(wb.data)
			return err
		}
		if err := os.WriteFile(filepath.Join(out, wb.name), wb.data, 0o666); err != nil {
			return fmt.Errorf("create %s: %w", wb.name, err)
		}
		return nil
	})
	if err != nil {
		return n, size, err
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return n, size, fmt.Errorf("write %s: %w", out, err)
		}
		if err := zf.Close(); err != nil {
			return n, size, fmt.Errorf("write %s: %w", out, err)
		}
	}
	return n, size, nil
}

// safeFileName keeps a department code usable as a file name.
func safeFileName(s string) string {
	if s == "" {
		return "plan"
	}
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' {
			return '_'
		}
		return r
	}, s)
}
