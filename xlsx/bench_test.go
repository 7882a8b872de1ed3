package xlsx

import (
	"io"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/gen"
)

// genPlans are n plans of a generated region (gen.Region, with its planted mistakes), the
// plans the benchmark exports.
func genPlans(b testing.TB, n int) []*jixiao.Plan {
	b.Helper()
	r := gen.NewRegion(gen.Options{Departments: n, Seed: 6})
	plans := make([]*jixiao.Plan, r.Len())
	for i := range plans {
		plans[i] = r.Plan(i)
	}
	return plans
}

// floorModels are the cells the floor writes: the laid-out sheets' values (merged
// ranges already left with their top-left value only, as Write leaves them), so that the
// floor writes the same sheets and the same values as Write, and nothing else.
func floorModels(b testing.TB, plans []*jixiao.Plan) [][]*sheet {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		b.Fatal(err)
	}
	models := make([][]*sheet, len(plans))
	for i, p := range plans {
		models[i] = planSheets(p, st)
		for _, sh := range models[i] {
			sh.clearMerged()
		}
	}
	return models
}

func BenchmarkExport3000(b *testing.B) { benchExport(b, 3000) }
func BenchmarkExport300(b *testing.B)  { benchExport(b, 300) }
func BenchmarkFloor3000(b *testing.B)  { benchFloor(b, 3000) }
func BenchmarkFloor300(b *testing.B)   { benchFloor(b, 300) }

// BenchmarkRatio3000 and BenchmarkRatio300 time Write and the floor side by side, in
// alternating rounds on this goroutine's CPU time (less noise from other processes on a
// shared machine than wall time), and report the median of the rounds' ratios.
func BenchmarkRatio3000(b *testing.B) { benchRatio(b, 3000, 3) }
func BenchmarkRatio300(b *testing.B)  { benchRatio(b, 300, 5) }

// benchExport writes each of n generated plans as a laid-out workbook.
func benchExport(b *testing.B, n int) {
	plans := genPlans(b, n)
	b.ReportAllocs()
	for b.Loop() {
		if err := exportAll(plans); err != nil {
			b.Fatal(err)
		}
	}
}

// benchFloor is the floor: excelize's StreamWriter writing the same cells (the same
// sheets, values and numbers) with no layout — no styles, merges, widths, heights or
// print setup.
func benchFloor(b *testing.B, n int) {
	models := floorModels(b, genPlans(b, n))
	b.ReportAllocs()
	for b.Loop() {
		if err := floorAll(models); err != nil {
			b.Fatal(err)
		}
	}
}

func benchRatio(b *testing.B, n, rounds int) {
	plans := genPlans(b, n)
	models := floorModels(b, plans)
	var ratios []float64
	var export, floor time.Duration
	for b.Loop() {
		for range rounds {
			e := cpuTime(b, func() error { return exportAll(plans) })
			f := cpuTime(b, func() error { return floorAll(models) })
			export += e
			floor += f
			ratios = append(ratios, float64(e)/float64(f))
		}
	}
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "ratio")
	b.ReportMetric(float64(export.Milliseconds())/float64(len(ratios)), "export-cpu-ms")
	b.ReportMetric(float64(floor.Milliseconds())/float64(len(ratios)), "floor-cpu-ms")
}

// cpuTime is the CPU time (user and system, the whole process: the garbage collector
// works for the code measured) that fn takes.
func cpuTime(b *testing.B, fn func() error) time.Duration {
	b.Helper()
	before := processCPU(b)
	if err := fn(); err != nil {
		b.Fatal(err)
	}
	return processCPU(b) - before
}

func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func exportAll(plans []*jixiao.Plan) error {
	for _, p := range plans {
		if err := Write(io.Discard, p); err != nil {
			return err
		}
	}
	return nil
}

func floorAll(models [][]*sheet) error {
	for _, sheets := range models {
		if err := floorWrite(io.Discard, sheets); err != nil {
			return err
		}
	}
	return nil
}

func floorWrite(w io.Writer, sheets []*sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				return err
			}
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
			if err := sw.SetRow("A"+strconv.Itoa(r+1), vals); err != nil {
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
