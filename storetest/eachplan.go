package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// testEachPlan holds EachPlan to Plans + Plan: for every filter the same plans, equal
// field by field, in the same order; fn's error and ctx's cancellation stop it.
func testEachPlan(t *testing.T, s jixiao.Store) {
	ctx := context.Background()
	m := Tree(t, s)
	add := func(code string, year int, status jixiao.Status, saves int) {
		p := SamplePlan(code, m[code].Name, year)
		p.Status = status
		must(t, s.CreatePlan(ctx, p, jixiao.SaveInfo{Author: "张三"}))
		for i := range saves {
			p.KeyTasks[0].Item = p.KeyTasks[0].Item + "（修改）"
			p.Indicators = p.Indicators[:len(p.Indicators)-1-i]
			must(t, s.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: "李四"}))
		}
	}
	add("D1", 2021, jixiao.Draft, 0)
	add("D1", 2022, jixiao.Submitted, 2)
	add("D1-U1", 2021, jixiao.Approved, 1)
	add("D1-U2", 2021, jixiao.Draft, 0)
	add("D2", 2021, jixiao.Published, 0)
	add("B", 2022, jixiao.Draft, 0)
	// A department's code changed after its plan was saved: the plan comes back with the
	// code as it is now, as Plan gives it.
	d2 := *m["D2"]
	d2.Code = "D2-NEW"
	must(t, s.UpdateDepartment(ctx, &d2))

	each := func(t *testing.T, f jixiao.PlanFilter) []*jixiao.Plan {
		t.Helper()
		var got []*jixiao.Plan
		n, err := s.EachPlan(ctx, f, func(p *jixiao.Plan) error {
			// fn may use the store while the plans stream.
			if _, err := s.Plan(ctx, p.ID); err != nil {
				return err
			}
			got = append(got, p)
			return nil
		})
		must(t, err)
		if n != len(got) {
			t.Errorf("EachPlan(%+v) = %d, called fn %d times", f, n, len(got))
		}
		return got
	}
	for _, tt := range []struct {
		name string
		f    jixiao.PlanFilter
		n    int
	}{
		{"all", jixiao.PlanFilter{}, 6},
		{"year", jixiao.PlanFilter{Year: 2021}, 4},
		{"subtree by code", jixiao.PlanFilter{Department: "D1", Year: 2021}, 3},
		{"subtree by id", jixiao.PlanFilter{DepartmentID: m["D1"].ID}, 4},
		{"status", jixiao.PlanFilter{Status: jixiao.Draft}, 3},
		{"query name", jixiao.PlanFilter{Query: "侨联"}, 1},
		{"query code", jixiao.PlanFilter{Query: "d1-u"}, 2},
		{"query new code", jixiao.PlanFilter{Query: "d2-new"}, 1},
		{"query wildcard is literal", jixiao.PlanFilter{Query: "%"}, 0},
		{"limit offset", jixiao.PlanFilter{Limit: 2, Offset: 1}, 2},
		{"limit", jixiao.PlanFilter{Limit: 4}, 4},
		{"offset only", jixiao.PlanFilter{Offset: 5}, 1},
		{"offset past the end", jixiao.PlanFilter{Offset: 6}, 0},
		{"year, subtree, status, query, page", jixiao.PlanFilter{Year: 2021, Department: "D1", Status: jixiao.Draft, Query: "D1", Limit: 5, Offset: 1}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			list, _, err := s.Plans(ctx, tt.f)
			must(t, err)
			var want []*jixiao.Plan
			for _, sum := range list {
				p, err := s.Plan(ctx, sum.ID)
				must(t, err)
				want = append(want, p)
			}
			got := each(t, tt.f)
			if len(got) != tt.n {
				t.Errorf("EachPlan(%+v) gave %d plans, want %d", tt.f, len(got), tt.n)
			}
			if diff := cmp.Diff(want, got, ExactDecimal); diff != "" {
				t.Errorf("EachPlan(%+v) differs from Plans + Plan (-want +got):\n%s", tt.f, diff)
			}
		})
	}
	if got := each(t, jixiao.PlanFilter{Department: "D2-NEW"}); len(got) != 1 || got[0].DepartmentCode != "D2-NEW" {
		t.Errorf("plan of the renamed department: %d plans, code %q", len(got), codeOf(got))
	}

	_, err := s.EachPlan(ctx, jixiao.PlanFilter{Department: "NOPE"}, func(*jixiao.Plan) error { return nil })
	wantCode(t, err, jixiao.ENOTFOUND)

	// fn's error stops it and comes back as it is.
	stop := errors.New("stop")
	calls := 0
	n, err := s.EachPlan(ctx, jixiao.PlanFilter{}, func(*jixiao.Plan) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})
	if err != stop || n != 2 || calls != 3 {
		t.Errorf("stopped by fn: n %d, %d calls, error %v; want 2, 3, %v", n, calls, err, stop)
	}

	// Cancelling ctx stops it with ctx's error.
	cctx, cancel := context.WithCancel(ctx)
	calls = 0
	n, err = s.EachPlan(cctx, jixiao.PlanFilter{}, func(*jixiao.Plan) error {
		calls++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls != 1 || n != 1 {
		t.Errorf("cancelled in fn: n %d, %d calls, error %v; want 1, 1, context.Canceled", n, calls, err)
	}
	calls = 0
	n, err = s.EachPlan(cctx, jixiao.PlanFilter{}, func(*jixiao.Plan) error { calls++; return nil })
	if !errors.Is(err, context.Canceled) || calls != 0 || n != 0 {
		t.Errorf("cancelled before: n %d, %d calls, error %v; want 0, 0, context.Canceled", n, calls, err)
	}

	// The store works on after a stopped stream (PostgreSQL drops the connection).
	for range 3 {
		if got := each(t, jixiao.PlanFilter{Year: 2022}); len(got) != 2 {
			t.Errorf("after the stopped streams: %d plans of 2022, want 2", len(got))
		}
	}
}

func codeOf(ps []*jixiao.Plan) string {
	if len(ps) == 0 {
		return ""
	}
	return ps[0].DepartmentCode
}
