package monitor_test

import (
	"encoding/json"
	"sync"
	"testing"

	"jixiao"
	"jixiao/gen"
	"jixiao/monitor"
)

// The region of issue 15's benchmark: 3,000 units, every table's record at 截至7月底.
var region struct {
	once  sync.Once
	recs  []*jixiao.MonitoringRecord
	blobs [][]byte
	rows  int
}

func regionRecords(b *testing.B) ([]*jixiao.MonitoringRecord, [][]byte, int) {
	b.Helper()
	region.once.Do(func() {
		r := gen.NewRegion(gen.Options{Departments: 3000, Seed: 1})
		for i := range r.Len() {
			recs, _ := r.Monitoring(i, 7)
			for _, rec := range recs {
				blob, err := json.Marshal(rec)
				if err != nil {
					panic(err)
				}
				region.recs = append(region.recs, rec)
				region.blobs = append(region.blobs, blob)
				region.rows += len(rec.Funds) + len(rec.Indicators)
			}
		}
	})
	return region.recs, region.blobs, region.rows
}

// BenchmarkMonitorRegion computes the alerts of every record of a 3,000-unit region;
// BenchmarkMonitorRegionJSON decodes the same records from JSON, the floor issue 15
// names (goal: alerts ≤ 1× of decoding). One op is the whole region.
//
//	go test -run '^$' -bench 'MonitorRegion' -benchtime 5x -cpu 1 ./monitor
func BenchmarkMonitorRegion(b *testing.B) {
	recs, _, rows := regionRecords(b)
	rules, err := monitor.Lookup(monitor.DefaultRules)
	if err != nil {
		b.Fatal(err)
	}
	alerts := 0
	b.ResetTimer()
	for range b.N {
		alerts = 0
		for _, rec := range recs {
			alerts += len(rules.Check(rec))
		}
	}
	b.ReportMetric(float64(len(recs)), "records/op")
	b.ReportMetric(float64(rows), "rows/op")
	b.ReportMetric(float64(alerts), "alerts/op")
}

func BenchmarkMonitorRegionJSON(b *testing.B) {
	recs, blobs, rows := regionRecords(b)
	b.ResetTimer()
	for range b.N {
		for _, blob := range blobs {
			var rec jixiao.MonitoringRecord
			if err := json.Unmarshal(blob, &rec); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(recs)), "records/op")
	b.ReportMetric(float64(rows), "rows/op")
}
