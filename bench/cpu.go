package bench

import (
	"encoding/json"
	"fmt"

	"jixiao"
	"jixiao/batch"
	"jixiao/check"
	"jixiao/examples"
	"jixiao/gen"
	"jixiao/textdoc"
)

// benchParse reads the seed document Parse times with textdoc.Read. There is no writer
// of the text format, so the generated plans cannot be rendered to it; the seed is the
// one real document. Floor: decoding the same plan from JSON as many times.
func benchParse(cfg *Config, sz Sizes) ([]Result, error) {
	n := sz.Parse
	doc := examples.Shifeng
	p, err := textdoc.Read("seed.txt", doc)
	if err != nil {
		return nil, fmt.Errorf("parse seed: %w", err)
	}
	js, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	var w, f sample
	err = oneCore(func() error {
		var err error
		w, f, err = pair(sz.Rounds, true, func() error {
			for range n {
				if _, err := textdoc.Read("seed.txt", doc); err != nil {
					return err
				}
			}
			return nil
		}, func() error {
			for range n {
				var q jixiao.Plan
				if err := json.Unmarshal(js, &q); err != nil {
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
	ind := n * p.IndicatorCount()
	r := Result{
		Workload:   "parse (textdoc.Read)",
		Size:       fmt.Sprintf("%d × the seed (%d KB, %d indicators)", n, len(doc)/1024, p.IndicatorCount()),
		Time:       w.CPU,
		Clock:      "cpu, 1 core",
		Throughput: perSecond(n, w.CPU, "docs/s") + "; " + perSecond(ind, w.CPU, "indicators/s"),
		Floor:      "JSON decode of the same plan",
		FloorTime:  f.CPU,
		Ratio:      ratio(w.CPU, f.CPU),
		Note:       "no goal in the issues; reported for comparison",
	}
	return []Result{r}, nil
}

// region returns the first n plans of the generated region the benchmarks share.
func region(n int) *gen.Region {
	return batch.NewRegion(n, 2021)
}

// benchCheck checks Check generated plans from memory with the built-in checker, on one
// core. Floor: decoding the same plans from JSON.
func benchCheck(cfg *Config, sz Sizes) ([]Result, error) {
	reg := region(sz.Check)
	plans := make([]*jixiao.Plan, 0, reg.Len())
	docs := make([][]byte, 0, reg.Len())
	total := 0
	for _, p := range reg.Plans() {
		b, err := json.Marshal(p)
		if err != nil {
			return nil, err
		}
		plans, docs = append(plans, p), append(docs, b)
		total += p.IndicatorCount()
	}
	c := check.Default()
	findings := 0
	w, f, err := beside[jixiao.Plan](sz.Rounds, docs, func() {
		findings = 0
		for _, p := range plans {
			findings += len(c.Check(p, check.Options{}).Findings)
		}
	})
	if err != nil {
		return nil, err
	}
	perCore := float64(total) / w.CPU.Seconds()
	rt := ratio(w.CPU, f.CPU)
	r := Result{
		Workload:   "check (check.Check)",
		Size:       fmt.Sprintf("%d plans, %s indicators", len(plans), humanNumber(float64(total))),
		Time:       w.CPU,
		Clock:      "cpu, 1 core",
		Throughput: perSecond(total, w.CPU, "indicators/s/core"),
		Floor:      "JSON decode of the same plans",
		FloorTime:  f.CPU,
		Ratio:      rt,
		Goals: []Goal{
			{Name: "indicators/s/core", Value: perCore, Limit: 1_000_000},
			{Name: "ratio", Value: rt, Limit: 2, Max: true},
		},
		Note: fmt.Sprintf("%d findings", findings),
	}
	return []Result{r}, nil
}

// beside runs work and the floor of the per-core rows, JSON decode of the same records
// into T, alternately on one core (pair, oneCore), and returns both samples.
func beside[T any](rounds int, docs [][]byte, work func()) (w, f sample, err error) {
	err = oneCore(func() error {
		var err error
		w, f, err = pair(rounds, true, func() error { work(); return nil }, func() error {
			for _, d := range docs {
				var v T
				if err := json.Unmarshal(d, &v); err != nil {
					return err
				}
			}
			return nil
		})
		return err
	})
	return w, f, err
}
