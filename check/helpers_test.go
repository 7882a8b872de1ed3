package check

import (
	"encoding/json"
	"os"
	"testing"

	"jixiao"
)

// seedPlan returns the seed (examples/shifeng-tongzhanbu-2021.txt) as a Plan, built from
// testdata/seed-plan.json: the cells of the seed as written, with targets and periods read
// by the domain's own parsers. It stands in for textdoc.Read, and the reader's output is
// checked against the same expectations (TestSeedFromText).
func seedPlan(tb testing.TB) *jixiao.Plan {
	tb.Helper()
	b, err := os.ReadFile("testdata/seed-plan.json")
	if err != nil {
		tb.Fatal(err)
	}
	return planFromJSON(tb, b)
}

// planFromJSON decodes a plan whose targets and periods are given as text only.
func planFromJSON(tb testing.TB, b []byte) *jixiao.Plan {
	tb.Helper()
	p := new(jixiao.Plan)
	if err := json.Unmarshal(b, p); err != nil {
		tb.Fatal(err)
	}
	reparse := func(in []jixiao.Indicator) {
		for i := range in {
			x := in[i]
			in[i] = jixiao.NewIndicator(x.Level1, x.Level2, x.Name, x.Target.Text, x.Note)
		}
	}
	reparse(p.Indicators)
	for i := range p.SpecialFunds {
		for j := range p.SpecialFunds[i].Items {
			it := &p.SpecialFunds[i].Items[j]
			if pd, ok := jixiao.ParsePeriod(it.Period.Text); ok {
				it.Period = pd
			}
			reparse(it.Indicators)
		}
	}
	return p
}

// clonePlan deep-copies a plan through JSON, keeping parsed targets.
func clonePlan(tb testing.TB, p *jixiao.Plan) *jixiao.Plan {
	tb.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		tb.Fatal(err)
	}
	q := new(jixiao.Plan)
	if err := json.Unmarshal(b, q); err != nil {
		tb.Fatal(err)
	}
	return q
}
