package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// testPlansAfter: walking the listing a page at a time with PlanFilter.After visits every
// plan once, in the order of the whole listing, and the total counts every match on
// every page.
func testPlansAfter(t *testing.T, s jixiao.Store) {
	ctx := context.Background()
	m := Tree(t, s)
	for _, code := range []string{"B", "D1", "D1-U1", "D1-U2", "D2"} {
		for _, year := range []int{2021, 2022} {
			must(t, s.CreatePlan(ctx, SamplePlan(code, m[code].Name, year), jixiao.SaveInfo{Author: "张三"}))
		}
	}
	for _, f := range []jixiao.PlanFilter{{}, {Department: "D1"}, {Year: 2022}} {
		all, total, err := s.Plans(ctx, f)
		must(t, err)
		var walked []int64
		page := f
		page.Limit = 3
		for range 10 {
			got, n, err := s.Plans(ctx, page)
			must(t, err)
			if n != total {
				t.Errorf("%+v: total %d on a page, want %d", f, n, total)
			}
			for _, p := range got {
				walked = append(walked, p.ID)
			}
			if len(got) < page.Limit {
				break
			}
			last := got[len(got)-1]
			page.After = &jixiao.PlanCursor{Year: last.Year, Code: last.DepartmentCode, ID: last.ID}
		}
		if _, n, err := s.Plans(ctx, jixiao.PlanFilter{Year: f.Year, Department: f.Department, Limit: 3, SkipTotal: true}); err != nil || n != -1 {
			t.Errorf("%+v with SkipTotal: total %d, %v; want -1", f, n, err)
		}
		var want []int64
		for _, p := range all {
			want = append(want, p.ID)
		}
		if diff := cmp.Diff(want, walked); diff != "" {
			t.Errorf("%+v: pages mismatch (-want +got):\n%s", f, diff)
		}
	}
}
