package storetest

import (
	"context"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"jixiao"
)

// testPlanYears: the years with plans in a subtree, latest first, each once, nothing
// from outside the subtree.
func testPlanYears(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	m := Tree(t, s)
	for _, p := range []struct {
		code string
		year int
	}{{"D1", 2021}, {"D1-U1", 2021}, {"D1-U2", 2019}, {"D2", 2024}} {
		must(t, s.CreatePlan(ctx, SamplePlan(p.code, m[p.code].Name, p.year), jixiao.SaveInfo{Author: "张三"}))
	}
	for _, tc := range []struct {
		root string
		want []int
	}{{"B", []int{2024, 2021, 2019}}, {"D1", []int{2021, 2019}}, {"D1-U1", []int{2021}}, {"D2", []int{2024}}} {
		got, err := s.PlanYears(ctx, m[tc.root].ID)
		must(t, err)
		if diff := gocmp.Diff(tc.want, got); diff != "" {
			t.Errorf("PlanYears(%s) (-want +got):\n%s", tc.root, diff)
		}
	}
	_, err := s.PlanYears(ctx, 999999)
	wantCode(t, err, jixiao.ENOTFOUND)
}
