package check

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"jixiao"
	"jixiao/gen"
)

// Benchmarks of issue 7 and 8: check a generated region from memory, reported as
// indicators checked per second, beside the cost of decoding the same plans from JSON
// (the floor: checking should cost no more than 2× reading). Run them on one core:
//
//	go test -run '^$' -bench . -benchmem -cpu 1 -count 6 ./check/
//
// BenchmarkCheckBenchRegion checks the plans `jixiao bench` checks; profile it with
//
//	go test -run '^$' -bench CheckBenchRegion -benchtime 40x -cpu 1 -cpuprofile cpu.out ./check/
//	go tool pprof -top -cum -focus 'Checker..Check' cpu.out
//
// The machine may be shared, so besides wall-clock figures each benchmark reports the
// process's CPU time (cpu-ns/op, indicators/cpu-s): the cost of the work itself, not of
// waiting for a core.

func BenchmarkCheck(b *testing.B) {
	p := seedPlan(b)
	c := Default()
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		c.Check(p, Options{})
	}
	reportRate(b, cpu, p.IndicatorCount())
}

// regionSize is the region of issue 7's benchmark: 3,000 generated plans.
const regionSize = 3000

var (
	regionOnce  sync.Once
	regionPlans []*jixiao.Plan
	regionDocs  [][]byte
	regionInds  int
)

// region returns the plans of a generated region (gen, default mistake rate), their JSON
// encodings and the number of indicators in them, made once per test binary.
func region(b *testing.B) ([]*jixiao.Plan, [][]byte, int) {
	b.Helper()
	regionOnce.Do(func() {
		r := gen.NewRegion(gen.Options{Departments: regionSize, Seed: 1})
		for _, p := range r.Plans() {
			doc, err := json.Marshal(p)
			if err != nil {
				panic(err)
			}
			regionPlans = append(regionPlans, p)
			regionDocs = append(regionDocs, doc)
			regionInds += p.IndicatorCount()
		}
	})
	if len(regionPlans) == 0 {
		b.Fatal("empty region")
	}
	return regionPlans, regionDocs, regionInds
}

// BenchmarkCheckRegion checks a region's plans from memory, one Check per plan.
func BenchmarkCheckRegion(b *testing.B) {
	plans, _, total := region(b)
	c := Default()
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		for _, p := range plans {
			c.Check(p, Options{})
		}
	}
	reportRate(b, cpu, total)
}

// benchRegionPlans are the plans of `jixiao bench`'s check row (bench.NewRegion: seed 8,
// budget year 2021), made here through gen because package bench imports check.
var (
	benchRegionOnce  sync.Once
	benchRegionPlans []*jixiao.Plan
	benchRegionInds  int
)

// BenchmarkCheckBenchRegion checks the plans `jixiao bench` checks at full size (3,000),
// one Check per plan, so that its figures can be set beside the command's.
func BenchmarkCheckBenchRegion(b *testing.B) {
	benchRegionOnce.Do(func() {
		r := gen.NewRegion(gen.Options{Departments: regionSize, Year: 2021, Seed: 8})
		for _, p := range r.Plans() {
			benchRegionPlans = append(benchRegionPlans, p)
			benchRegionInds += p.IndicatorCount()
		}
	})
	c := Default()
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		for _, p := range benchRegionPlans {
			c.Check(p, Options{})
		}
	}
	reportRate(b, cpu, benchRegionInds)
}

// BenchmarkDecodeRegion decodes the same plans from JSON: the floor of the check.
func BenchmarkDecodeRegion(b *testing.B) {
	_, docs, total := region(b)
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		decodeAll(b, docs)
	}
	reportRate(b, cpu, total)
}

func decodeAll(b *testing.B, docs [][]byte) {
	for _, d := range docs {
		var p jixiao.Plan
		if err := json.Unmarshal(d, &p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckVsDecode checks and decodes the region alternately in one run, so that
// both see the same machine, and reports the ratio check/decode (goal ≤ 2) by CPU time and
// by wall-clock time.
func BenchmarkCheckVsDecode(b *testing.B) {
	plans, docs, total := region(b)
	c := Default()
	var checkCPU, decodeCPU, checkWall, decodeWall time.Duration
	for b.Loop() {
		cpu, t := startCPU(), time.Now()
		for _, p := range plans {
			c.Check(p, Options{})
		}
		checkCPU += cpu.elapsed()
		checkWall += time.Since(t)
		cpu, t = startCPU(), time.Now()
		decodeAll(b, docs)
		decodeCPU += cpu.elapsed()
		decodeWall += time.Since(t)
	}
	n := float64(b.N)
	b.ReportMetric(float64(checkWall.Nanoseconds())/n/float64(len(plans)), "check-ns/plan")
	b.ReportMetric(float64(decodeWall.Nanoseconds())/n/float64(len(plans)), "decode-ns/plan")
	b.ReportMetric(float64(checkWall)/float64(decodeWall), "wall-ratio")
	if decodeCPU > 0 {
		b.ReportMetric(float64(checkCPU)/float64(decodeCPU), "cpu-ratio")
		b.ReportMetric(float64(total)*n/checkCPU.Seconds(), "check-indicators/cpu-s")
	}
}

// reportRate reports indicators checked (or decoded) per second, by wall-clock and by CPU
// time, and the CPU time per operation.
func reportRate(b *testing.B, cpu cpuClock, indicators int) {
	b.Helper()
	n := float64(b.N)
	b.ReportMetric(float64(indicators)*n/b.Elapsed().Seconds(), "indicators/s")
	if d := cpu.elapsed(); d > 0 {
		b.ReportMetric(float64(d.Nanoseconds())/n, "cpu-ns/op")
		b.ReportMetric(float64(indicators)*n/d.Seconds(), "indicators/cpu-s")
	}
}
