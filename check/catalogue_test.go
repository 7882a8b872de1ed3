package check

import (
	"testing"

	"jixiao/gen"
)

// TestRulesCatalogue: the catalogue (jixiao rules, the rules page) names every rule once,
// each with a severity, a title and an explanation, and every rule a report uses is in it
// with its explanation on the finding, on the seed and on a generated region with many
// planted mistakes, under both frameworks.
func TestRulesCatalogue(t *testing.T) {
	c := Default()
	byID := map[string]RuleInfo{}
	for _, ri := range c.Rules() {
		if _, dup := byID[ri.ID]; dup {
			t.Errorf("rule %s listed twice", ri.ID)
		}
		byID[ri.ID] = ri
		switch ri.Severity {
		case Error, Warning, Info:
		default:
			t.Errorf("rule %s: severity %q", ri.ID, ri.Severity)
		}
		if ri.ID == "" || ri.Title == "" || ri.Explanation == "" || ri.Source == "" {
			t.Errorf("rule %+v lacks id, title, explanation or source", ri)
		}
	}
	seen := map[string]bool{}
	checkReport := func(r *Report) {
		for _, list := range [][]Finding{r.Findings, r.Passes} {
			for _, f := range list {
				seen[f.Rule] = true
				if _, ok := byID[f.Rule]; !ok {
					t.Errorf("finding of rule %s, which the catalogue lacks", f.Rule)
				}
				if f.Explanation == "" {
					t.Errorf("%s %s at %s without explanation", f.Severity, f.Rule, f.Path)
				}
			}
		}
	}
	seed := seedPlan(t)
	region := gen.NewRegion(gen.Options{Departments: 200, Seed: 3, MistakeRate: 0.3})
	for _, fw := range []string{"hunan-2021", "national-2021"} {
		checkReport(c.Check(seed, Options{Framework: fw}))
		for _, p := range region.Plans() {
			checkReport(c.Check(p, Options{Framework: fw}))
		}
	}
	if len(seen) < 20 {
		t.Errorf("only %d rules seen: %v", len(seen), seen)
	}
}
