package bench

import (
	"encoding/json"
	"fmt"

	"jixiao"
	"jixiao/monitor"
)

// benchMonitor computes the monitoring alerts (预警) of every record of a generated
// region at 截至7月底 — the department table's and every project's — on one core. Floor:
// decoding the same records from JSON (issue 15: goal ≤ 1×).
func benchMonitor(cfg *Config, sz Sizes) ([]Result, error) {
	reg := region(sz.Check)
	var recs []*jixiao.MonitoringRecord
	var docs [][]byte
	for i := range reg.Len() {
		rs, _ := reg.Monitoring(i, 7)
		for _, r := range rs {
			b, err := json.Marshal(r)
			if err != nil {
				return nil, err
			}
			recs, docs = append(recs, r), append(docs, b)
		}
	}
	rules, err := monitor.Lookup(monitor.DefaultRules)
	if err != nil {
		return nil, err
	}
	alerts := 0
	w, f, err := beside[jixiao.MonitoringRecord](sz.Rounds, docs, func() {
		alerts = 0
		for _, r := range recs {
			alerts += len(rules.Check(r))
		}
	})
	if err != nil {
		return nil, err
	}
	rt := ratio(w.CPU, f.CPU)
	return []Result{{
		Workload:   "monitor (monitor.Rules.Check)",
		Size:       fmt.Sprintf("%d units, %s records", reg.Len(), humanNumber(float64(len(recs)))),
		Time:       w.CPU,
		Clock:      "cpu, 1 core",
		Throughput: perSecond(len(recs), w.CPU, "records/s/core"),
		Floor:      "JSON decode of the same records",
		FloorTime:  f.CPU,
		Ratio:      rt,
		Goals:      []Goal{{Name: "ratio", Value: rt, Limit: 1, Max: true}},
		Note:       fmt.Sprintf("%d alerts", alerts),
	}}, nil
}
