package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// testSelfEvalOfYear: the records of a year, of every department or of a subtree, by
// department code and table; other years and other subtrees left out.
func testSelfEvalOfYear(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	p, tree := reviewPlan(t, s) // D1, 2021
	approvedPlanOf(t, s, p)
	for _, pl := range []*jixiao.Plan{SamplePlan("D2", "区教育局", 2021), SamplePlan("D1-U1", "区工商联", 2021), SamplePlan("D2", "区教育局", 2022)} {
		must(t, s.CreatePlan(ctx, pl, jixiao.SaveInfo{Author: "filler"}))
		approvedPlanOf(t, s, pl)
	}
	plans, _, err := s.Plans(ctx, jixiao.PlanFilter{})
	must(t, err)
	for _, pl := range plans {
		_, err := s.OpenSelfEvaluations(ctx, pl.ID, jixiao.SaveInfo{Author: "filler"})
		must(t, err)
	}
	list := func(year int, dept int64) []string {
		t.Helper()
		recs, err := s.SelfEvaluationsOfYear(ctx, year, dept)
		must(t, err)
		out := []string{}
		for _, r := range recs {
			out = append(out, fmt.Sprintf("%s %d/%d", r.Eval.Department, r.Year, r.Table))
		}
		return out
	}
	tables := func(name string, year int) []string {
		var out []string
		for i := range len(SamplePlan("X", name, year).Items()) + 1 {
			out = append(out, fmt.Sprintf("%s %d/%d", name, year, i))
		}
		return out
	}
	cat := func(l ...[]string) []string {
		var out []string
		for _, x := range l {
			out = append(out, x...)
		}
		return out
	}
	for _, tc := range []struct {
		year int
		dept int64
		want []string
	}{
		{2021, 0, cat(tables("区委统战部", 2021), tables("区工商联", 2021), tables("区教育局", 2021))},
		{2021, tree["D1"].ID, cat(tables("区委统战部", 2021), tables("区工商联", 2021))},
		{2022, 0, tables("区教育局", 2022)},
		{2023, 0, []string{}},
	} {
		if diff := cmp.Diff(tc.want, list(tc.year, tc.dept)); diff != "" {
			t.Errorf("SelfEvaluationsOfYear(%d, %d) (-want +got):\n%s", tc.year, tc.dept, diff)
		}
	}
	if _, err := s.SelfEvaluationsOfYear(ctx, 2021, 999999); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		t.Errorf("an unknown department: %v, want ENOTFOUND", err)
	}
}
