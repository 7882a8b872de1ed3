package bench

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/xlsx"
)

// workbookCells is what a workbook holds, without layout: its sheets' names and the
// rows of cell values, as the floor writes them.
type workbookCells struct {
	sheets []string
	rows   [][][]any
}

// readCells reads back the cells xlsx.Write wrote, so that the floor writes exactly
// the same values (numbers as numbers) into the same sheets.
func readCells(b []byte) (*workbookCells, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	wc := &workbookCells{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		out := make([][]any, len(rows))
		for i, row := range rows {
			cells := make([]any, len(row))
			for j, v := range row {
				if v == "" {
					cells[j] = nil
				} else if x, err := strconv.ParseFloat(v, 64); err == nil {
					cells[j] = x
				} else {
					cells[j] = v
				}
			}
			out[i] = cells
		}
		wc.sheets = append(wc.sheets, sh)
		wc.rows = append(wc.rows, out)
	}
	return wc, nil
}

// writeBare writes the cells with excelize's StreamWriter: no styles, merges, widths
// or print setup. It is the floor of the xlsx export.
func writeBare(w io.Writer, wc *workbookCells) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range wc.sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		for r, row := range wc.rows[i] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.SetRow(cell, row); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// countWriter counts the bytes written to it.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// benchXLSX exports XLSX generated plans with xlsx.Write, one workbook each, on one core.
// Floor: the same cells written with the StreamWriter and nothing else.
func benchXLSX(cfg *Config, sz Sizes) ([]Result, error) {
	reg := region(sz.XLSX)
	plans := make([]*jixiao.Plan, 0, reg.Len())
	cells := make([]*workbookCells, 0, reg.Len())
	nCells := 0
	for _, p := range reg.Plans() {
		var b bytes.Buffer
		if err := xlsx.Write(&b, p); err != nil {
			return nil, fmt.Errorf("export plan %s: %w", p.DepartmentCode, err)
		}
		wc, err := readCells(b.Bytes())
		if err != nil {
			return nil, fmt.Errorf("read back plan %s: %w", p.DepartmentCode, err)
		}
		for _, sh := range wc.rows {
			for _, row := range sh {
				for _, v := range row {
					if v != nil {
						nCells++
					}
				}
			}
		}
		plans, cells = append(plans, p), append(cells, wc)
	}
	var out, floorOut countWriter
	var w, f sample
	err := oneCore(func() error {
		var err error
		w, f, err = pair(sz.Rounds, true, func() error {
			out = countWriter{}
			for _, p := range plans {
				if err := xlsx.Write(&out, p); err != nil {
					return err
				}
			}
			return nil
		}, func() error {
			floorOut = countWriter{}
			for _, wc := range cells {
				if err := writeBare(&floorOut, wc); err != nil {
					return err
				}
			}
			return nil
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	rt := ratio(w.CPU, f.CPU)
	r := Result{
		Workload:   "xlsx export (xlsx.Write)",
		Size:       fmt.Sprintf("%d plans, %s cells", len(plans), humanNumber(float64(nCells))),
		Time:       w.CPU,
		Clock:      "cpu, 1 core",
		Throughput: perSecond(len(plans), w.CPU, "plans/s/core"),
		Floor:      "excelize StreamWriter, same cells, no layout",
		FloorTime:  f.CPU,
		Ratio:      rt,
		Goals:      []Goal{{Name: "ratio", Value: rt, Limit: 1.5, Max: true}},
		Note:       fmt.Sprintf("%d KB written (floor %d KB)", out.n/1024, floorOut.n/1024),
	}
	return []Result{r}, nil
}
