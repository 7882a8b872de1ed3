package bench

import (
	"encoding/json"
	"fmt"

	"jixiao"
	"jixiao/gen/selfgen"
	"jixiao/score"
)

// benchScore scores every self-evaluation of a generated region (the department's table
// and one per fund item of each plan, filled in by gen/selfgen) by the national rule, on
// one core: score.FromRecord and Rule.Score, findings and arithmetic included. Floor:
// decoding the same records from JSON (goals ≤1× the floor, ≥1,000,000 indicators/s per
// core, issue 16).
func benchScore(cfg *Config, sz Sizes) ([]Result, error) {
	rule, err := score.Lookup("")
	if err != nil {
		return nil, err
	}
	reg := region(sz.Score)
	g := &selfgen.Generator{Region: reg, Rule: rule, Seed: 1}
	var recs []*jixiao.SelfEvaluation
	var docs [][]byte
	total := 0
	for i := 0; i < reg.Len(); i++ {
		evals, _ := g.Generate(i)
		for _, e := range evals {
			b, err := json.Marshal(e)
			if err != nil {
				return nil, err
			}
			recs, docs = append(recs, e), append(docs, b)
			total += len(e.Indicators)
		}
	}
	findings := 0
	w, f, err := beside[jixiao.SelfEvaluation](sz.Rounds, docs, func() {
		findings = 0
		for _, e := range recs {
			findings += len(rule.Score(score.FromRecord(e)).Findings)
		}
	})
	if err != nil {
		return nil, err
	}
	perCore := float64(total) / w.CPU.Seconds()
	rt := ratio(w.CPU, f.CPU)
	r := Result{
		Workload:   "score (score.Rule.Score)",
		Size:       fmt.Sprintf("%d units, %d self-evaluations, %s indicators", reg.Len(), len(recs), humanNumber(float64(total))),
		Time:       w.CPU,
		Clock:      "cpu, 1 core",
		Throughput: perSecond(total, w.CPU, "indicators/s/core"),
		Floor:      "JSON decode of the same records",
		FloorTime:  f.CPU,
		Ratio:      rt,
		Goals: []Goal{
			{Name: "indicators/s/core", Value: perCore, Limit: 1_000_000},
			{Name: "ratio", Value: rt, Limit: 1, Max: true},
		},
		Note: fmt.Sprintf("%d findings", findings),
	}
	return []Result{r}, nil
}
