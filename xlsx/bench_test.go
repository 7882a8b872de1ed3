package xlsx

import (
	"fmt"
	"io"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

// benchPlans are the 3,000 plans of the export benchmark: perturbed seed plans (gen.Region
// where available gives the same shape).
func benchPlans(b *testing.B) []*jixiao.Plan {
	b.Helper()
	seed := seedPlan(b)
	plans := make([]*jixiao.Plan, 3000)
	for i := range plans {
		plans[i] = variant(seed, i)
	}
	return plans
}

// BenchmarkExport3000 writes each of 3,000 plans as a laid-out workbook.
func BenchmarkExport3000(b *testing.B) {
	plans := benchPlans(b)
	b.ResetTimer()
	for b.Loop() {
		for _, p := range plans {
			if err := Write(io.Discard, p); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkFloor3000 is the floor: excelize's StreamWriter writing the same cells (the
// same sheets, values and numbers) with no layout — no styles, merges, widths, heights or
// print setup.
func BenchmarkFloor3000(b *testing.B) {
	plans := benchPlans(b)
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err != nil {
		b.Fatal(err)
	}
	models := make([][]*sheet, len(plans))
	for i, p := range plans {
		models[i] = planSheets(p, st)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, sheets := range models {
			if err := floorWrite(io.Discard, sheets); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func floorWrite(w io.Writer, sheets []*sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			f.SetSheetName("Sheet1", sh.name)
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(sh.name)
		if err != nil {
			return err
		}
		vals := make([]any, len(sh.widths))
		for r, row := range sh.rows {
			for c, x := range row {
				vals[c] = x.v
			}
			if err := sw.SetRow(fmt.Sprintf("A%d", r+1), vals); err != nil {
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
