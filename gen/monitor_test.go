package gen

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao/monitor"
)

// TestMonitoringProblemsFound: the monitoring rules find every planted problem in the
// record it was planted in, and nothing in the records filled on schedule; about 5% of
// the plans carry each kind.
func TestMonitoringProblemsFound(t *testing.T) {
	rules, err := monitor.Lookup(monitor.DefaultRules)
	if err != nil {
		t.Fatal(err)
	}
	r := NewRegion(Options{Departments: 400, Seed: 7})
	count := map[MonitorProblem]int{}
	records := 0
	for i := range r.Len() {
		recs, planted := r.Monitoring(i, 7)
		records += len(recs)
		want := make([][]string, len(recs))
		for _, pp := range planted {
			want[pp.Record] = append(want[pp.Record], pp.Problem.Rule())
			count[pp.Problem]++
		}
		got := make([][]string, len(recs))
		for k, rec := range recs {
			for _, a := range rules.Check(rec) {
				if !slices.Contains(got[k], a.Rule) {
					got[k] = append(got[k], a.Rule)
				}
			}
			slices.Sort(got[k])
			slices.Sort(want[k])
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("plan %d: alerts mismatch (-planted +found):\n%s", i, diff)
		}
	}
	for _, m := range AllMonitorProblems {
		if n := count[m]; n < 5 || n > 45 { // 5% of 400 is 20
			t.Errorf("%s planted in %d plans of %d, want about 5%%", m, n, r.Len())
		}
	}
	t.Logf("%d plans, %d records, planted %v", r.Len(), records, count)
}

func TestMonitoringDeterministic(t *testing.T) {
	r := NewRegion(Options{Departments: 30, Seed: 3})
	a, pa := r.Monitoring(12, 7)
	b, pb := r.Monitoring(12, 7)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("records differ (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(pa, pb); diff != "" {
		t.Errorf("problems differ (-first +second):\n%s", diff)
	}
}
