package selfgen_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao/check"
	"jixiao/gen"
	"jixiao/gen/selfgen"
	"jixiao/score"
)

// TestProblemsAreFound scores every self-evaluation of a generated region: each planted
// problem is found by its rule in the plan's first table, and no table reports a problem
// of these kinds that was not planted; the written totals and grades of clean tables
// agree with the rule's.
func TestProblemsAreFound(t *testing.T) {
	rule, err := score.Lookup("")
	if err != nil {
		t.Fatal(err)
	}
	reg := gen.NewRegion(gen.Options{Departments: 300, Seed: 3})
	g := &selfgen.Generator{Region: reg, Rule: rule, Seed: 3}
	planted := map[selfgen.Problem]int{}
	tables, indicators := 0, 0
	for i := 0; i < reg.Len(); i++ {
		evals, problems := g.Generate(i)
		if len(evals) < 2 {
			t.Fatalf("plan %d: %d tables, want the department's and its items'", i, len(evals))
		}
		for k, e := range evals {
			tables++
			indicators += len(e.Indicators)
			res := rule.Score(score.FromRecord(e))
			got := map[string]bool{}
			for _, f := range res.Findings {
				if f.Severity != check.Info {
					got[f.Rule] = true
				}
			}
			want := map[string]bool{}
			if k == 0 {
				for _, p := range problems {
					want[p.Rule()] = true
					planted[p]++
				}
			}
			for _, p := range selfgen.AllProblems {
				if got[p.Rule()] != want[p.Rule()] {
					t.Errorf("plan %d table %d (%s): finding %s = %v, planted %v; findings %v", i, k, e.Project, p.Rule(), got[p.Rule()], want[p.Rule()], res.Findings)
				}
			}
			if len(want) == 0 {
				if diff := cmp.Diff(map[string]bool{}, got); diff != "" {
					t.Errorf("plan %d table %d: a clean table has findings (-want +got):\n%s", i, k, diff)
				}
				if !res.Complete || res.Grade != e.Grade {
					t.Errorf("plan %d table %d: complete %v, grade %q, written %q", i, k, res.Complete, res.Grade, e.Grade)
				}
			}
		}
	}
	for _, p := range selfgen.AllProblems {
		if planted[p] == 0 {
			t.Errorf("no plan of 300 has the problem %s", p)
		}
	}
	t.Logf("%d tables, %d indicators, planted %v", tables, indicators, planted)
}

// TestDeterministic: the same region and index give the same tables.
func TestDeterministic(t *testing.T) {
	rule, _ := score.Lookup("")
	reg := gen.NewRegion(gen.Options{Departments: 20, Seed: 9})
	a, pa := (&selfgen.Generator{Region: reg, Rule: rule, Seed: 9}).Generate(7)
	b, pb := (&selfgen.Generator{Region: reg, Rule: rule, Seed: 9}).Generate(7)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if diff := cmp.Diff(string(ja), string(jb)); diff != "" || !cmp.Equal(pa, pb) {
		t.Errorf("two runs differ:\n%s", diff)
	}
}
