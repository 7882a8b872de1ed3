package check

import (
	"encoding/json"
	"strconv"
	"testing"

	"jixiao"
)

func BenchmarkCheck(b *testing.B) {
	p := seedPlan(b)
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		c.Check(p, Options{})
	}
	b.ReportMetric(float64(p.IndicatorCount())*float64(b.N)/b.Elapsed().Seconds(), "indicators/s")
}

// region makes n plans from the seed with varied names, amounts and counts, as the plans
// of a region's departments; it returns them and their JSON encodings.
func region(b *testing.B, n int) ([]*jixiao.Plan, [][]byte, int) {
	b.Helper()
	seed := seedPlan(b)
	plans := make([]*jixiao.Plan, n)
	docs := make([][]byte, n)
	total := 0
	for k := range n {
		p := clonePlan(b, seed)
		p.Department += strconv.Itoa(k)
		d := jixiao.Int(int64(k % 7))
		p.Budget.Total = p.Budget.Total.Add(d)
		p.Budget.GeneralBudget = p.Budget.GeneralBudget.Add(d)
		if k%3 == 0 {
			it := &p.SpecialFunds[0].Items[k%3]
			it.Indicators[0] = jixiao.NewIndicator(it.Indicators[0].Level1, it.Indicators[0].Level2, it.Indicators[0].Name, "各类培训"+strconv.Itoa(k%9)+"次；各类会议3次；调研2次；督查2次；宣传2次，其他5次。", "")
		}
		plans[k] = p
		doc, err := json.Marshal(p)
		if err != nil {
			b.Fatal(err)
		}
		docs[k] = doc
		total += p.IndicatorCount()
	}
	return plans, docs, total
}

const regionSize = 3000

// BenchmarkCheckRegion checks a region's plans from memory; compare with
// BenchmarkDecodeRegion, the cost of reading the same plans from JSON.
func BenchmarkCheckRegion(b *testing.B) {
	plans, _, total := region(b, regionSize)
	c := Default()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range plans {
			c.Check(p, Options{})
		}
	}
	b.ReportMetric(float64(total)*float64(b.N)/b.Elapsed().Seconds(), "indicators/s")
}

func BenchmarkDecodeRegion(b *testing.B) {
	_, docs, total := region(b, regionSize)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			var p jixiao.Plan
			if err := json.Unmarshal(d, &p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(total)*float64(b.N)/b.Elapsed().Seconds(), "indicators/s")
}
