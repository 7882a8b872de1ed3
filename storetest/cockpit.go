package storetest

import (
	"cmp"
	"context"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"jixiao"
)

// testPlanStates: the states of a year's plans in a subtree are the listing's, and
// nothing of another year or outside the subtree.
func testPlanStates(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	m := Tree(t, s)
	add := func(code string, year int, status jixiao.Status, saves int) {
		p := SamplePlan(code, m[code].Name, year)
		p.Status = status
		must(t, s.CreatePlan(ctx, p, jixiao.SaveInfo{Author: "张三"}))
		for range saves {
			must(t, s.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: "李四"}))
		}
	}
	add("D1", 2022, jixiao.Submitted, 2)
	add("D1-U1", 2022, jixiao.Approved, 1)
	add("D1-U2", 2021, jixiao.Draft, 0)
	add("D2", 2022, jixiao.Published, 0)
	for _, tc := range []struct {
		root string
		year int
	}{{"B", 2022}, {"D1", 2022}, {"D1", 2021}, {"D2", 2021}} {
		got, err := s.PlanStates(ctx, m[tc.root].ID, tc.year)
		must(t, err)
		ps, _, err := s.Plans(ctx, jixiao.PlanFilter{DepartmentID: m[tc.root].ID, Year: tc.year})
		must(t, err)
		want := []jixiao.PlanState{}
		for _, p := range ps {
			want = append(want, jixiao.PlanState{ID: p.ID, DepartmentID: p.DepartmentID, Status: p.Status, Version: p.Version,
				Updated: p.Updated, UpdatedBy: p.UpdatedBy})
		}
		byID := func(a, b jixiao.PlanState) int { return cmp.Compare(a.ID, b.ID) }
		slices.SortFunc(got, byID)
		slices.SortFunc(want, byID)
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Errorf("PlanStates(%s, %d) (-listing +states):\n%s", tc.root, tc.year, diff)
		}
	}
	if n, _ := s.PlanStates(ctx, m["B"].ID, 2022); len(n) != 3 {
		t.Errorf("PlanStates(B, 2022): %d plans, want 3", len(n))
	}
	_, err := s.PlanStates(ctx, 999999, 2022)
	wantCode(t, err, jixiao.ENOTFOUND)
}
