package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/library"
)

// testLibraryLearnSelfEval: learning from the store reads last year's actuals from the
// stored self-evaluations once they are approved (not while they are drafts), under the
// plan's unit, so that the unit's next plan is warned with the number.
func testLibraryLearnSelfEval(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	p := approvedPlan(t, s) // D1 区委统战部, 2021
	recs, err := s.OpenSelfEvaluations(ctx, p.ID, jixiao.SaveInfo{Author: "filler"})
	must(t, err)
	r := recs[0]
	const name = "统战成员满意度" // target 90%
	found := false
	for i := range r.Eval.Indicators {
		if r.Eval.Indicators[i].Name == name {
			r.Eval.Indicators[i].Actual = jixiao.ParseTarget("96%")
			found = true
		}
	}
	if !found {
		t.Fatalf("the sample plan has no indicator %s", name)
	}
	must(t, s.SaveSelfEvaluation(ctx, r, jixiao.SaveInfo{Author: "filler", Reason: "填写实际完成值"}))

	learn := func() *library.Library {
		t.Helper()
		l, err := library.Open(ctx, s)
		must(t, err)
		lr := l.NewLearner(library.LearnOptions{})
		must(t, lr.Store(ctx, s, jixiao.PlanFilter{}))
		must(t, library.SaveLearnt(ctx, s, l, lr, jixiao.SaveInfo{Author: "test"}))
		l, err = library.Open(ctx, s) // as the editors read it
		must(t, err)
		return l
	}
	next := SamplePlan("D1", "区委统战部", 2022)
	target := jixiao.ParseTarget("92%")

	// A draft self-evaluation is not evidence yet.
	if w := learn().CheckPlan(next, name, target); len(w) != 0 {
		t.Errorf("warnings from a draft self-evaluation: %+v", w)
	}
	for _, a := range []struct {
		a    jixiao.Action
		role jixiao.Role
	}{{jixiao.ActSubmit, jixiao.RoleFiller}, {jixiao.ActUnitApprove, jixiao.RoleLeader}, {jixiao.ActApprove, jixiao.RoleReviewer}} {
		seStep(t, s, r.ID, a.a, a.role, "")
	}
	l := learn()
	e := l.Entry(name)
	if e == nil || e.Stats == nil {
		t.Fatalf("no learnt entry for %s", name)
	}
	if diff := cmp.Diff(library.Distribution{N: 1, Median: 96, P25: 96, P75: 96}, e.Stats.Actuals); diff != "" || e.Stats.Evaluated != 1 || e.Stats.Failed != 0 {
		t.Errorf("entry's actuals (-want +got):\n%s (evaluated %d, failed %d)", diff, e.Stats.Evaluated, e.Stats.Failed)
	}
	var got []library.Warning
	for _, w := range l.CheckPlan(next, name, target) {
		w.Message = ""
		got = append(got, w)
	}
	want := []library.Warning{{Kind: library.WarnLastYear, Name: name, Target: 92, Unit: "%", Actual: 96, Year: 2021}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("next year's plan (-want +got):\n%s", diff)
	}
	// Another unit's plan is not compared with D1's actual.
	if w := l.CheckPlan(SamplePlan("D2", "区委宣传部", 2022), name, target); len(w) != 0 {
		t.Errorf("another unit warned: %+v", w)
	}
}
