package score

import (
	"encoding/json"
	"fmt"
	"testing"

	"jixiao"
)

// records returns n self-evaluation tables like the generated region's: 12 indicators
// each, some missed, some qualitative, some judged.
func records(n int) []*Evaluation {
	out := make([]*Evaluation, n)
	for i := range out {
		e := evaluation()
		for k := 0; len(e.Indicators) < 12; k++ {
			in := e.Indicators[k%5]
			in.Path = fmt.Sprintf("indicators[%d]", len(e.Indicators))
			in.Actual = jixiao.ParseTarget(fmt.Sprintf("%d%%", 80+(i+k)%25))
			in.Target = jixiao.ParseTarget("≥95%")
			in.Reason = "部分对象未覆盖。"
			e.Indicators = append(e.Indicators, in)
		}
		for k := range e.Indicators { // 产出 50, 效益 30, 满意度 10 over 8, 2 and 2 rows
			e.Indicators[k].Weight = map[string]jixiao.Decimal{"产出指标": jixiao.MustDecimal("6.25"),
				"效益指标": jixiao.Int(15), "满意度指标": jixiao.Int(5)}[e.Indicators[k].Level1]
		}
		out[i] = e
	}
	return out
}

// BenchmarkScore scores self-evaluation tables; BenchmarkScoreFloorJSON decodes the same
// tables from JSON, the floor issue 16 names (goal: scoring ≤ 1× of decoding, and at least
// 1 M indicators a second on one core).
//
//	go test -run '^$' -bench 'Score' -cpu 1 ./score
func BenchmarkScore(b *testing.B) {
	recs := records(3000)
	r, _ := Lookup("")
	n := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e := recs[i%len(recs)]
		r.Score(e)
		n += len(e.Indicators)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "indicators/s")
}

func BenchmarkScoreFloorJSON(b *testing.B) {
	recs := records(3000)
	blobs := make([][]byte, len(recs))
	for i, e := range recs {
		blobs[i], _ = json.Marshal(e)
	}
	n := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var e Evaluation
		if err := json.Unmarshal(blobs[i%len(blobs)], &e); err != nil {
			b.Fatal(err)
		}
		n += len(e.Indicators)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "indicators/s")
}
