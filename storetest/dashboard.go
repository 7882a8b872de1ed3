package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// dashTree: the storetest tree with a third department D3 and its two units, plans for
// D1 (submitted), D2 (draft), D3-U1 (returned); D1's units are filed for by D1.
func dashTree(t *testing.T, s jixiao.ReviewStore) map[string]*jixiao.Department {
	t.Helper()
	ctx := context.Background()
	m := Tree(t, s)
	for _, d := range []*jixiao.Department{
		{Code: "D3", Name: "区卫健局", ParentID: m["B"].ID, Kind: jixiao.KindDepartment},
		{Code: "D3-U1", Name: "区人民医院", Kind: jixiao.KindUnit},
		{Code: "D3-U2", Name: "区疾控中心", Kind: jixiao.KindUnit},
	} {
		if d.ParentID == 0 {
			d.ParentID = m["D3"].ID
		}
		must(t, s.CreateDepartment(ctx, d))
		m[d.Code] = d
	}
	plan := func(code string, to ...jixiao.Status) {
		p := SamplePlan(code, m[code].Name, 2024)
		must(t, s.CreatePlan(ctx, p, jixiao.SaveInfo{Author: "filler"}))
		from, v := jixiao.Draft, p.Version
		acts := map[jixiao.Status]jixiao.Action{jixiao.Submitted: jixiao.ActSubmit, jixiao.Returned: jixiao.ActUnitReturn}
		for _, st := range to {
			rec := &jixiao.TransitionRecord{PlanID: p.ID, Version: v, Action: acts[st], From: from, To: st, Actor: "x", Reason: "理由"}
			var err error
			v, err = s.Transition(ctx, rec, nil)
			must(t, err)
			from = st
		}
	}
	plan("D1", jixiao.Submitted)
	plan("D2")
	plan("D3-U1", jixiao.Submitted, jixiao.Returned)
	return m
}

func testNodeTally(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	m := dashTree(t, s)
	all := jixiao.ChildPage{}
	_, err := s.NodeTally(ctx, m["D3-U2"].ID+100, 2024, all)
	wantCode(t, err, jixiao.ENOTFOUND)
	got, err := s.NodeTally(ctx, m["B"].ID, 2024, all)
	must(t, err)
	sc := func(st jixiao.Status, byParent bool, n int) jixiao.StateCount {
		return jixiao.StateCount{Status: st, ByParent: byParent, N: n}
	}
	child := func(code string, leaf bool, plan bool, counts ...jixiao.StateCount) jixiao.NodeChild {
		c := jixiao.NodeChild{Department: *m[code], Leaf: leaf, Counts: counts}
		if plan {
			p, err := s.PlanByDepartmentYear(ctx, m[code].ID, 2024)
			must(t, err)
			c.PlanID = p.ID
		}
		return c
	}
	want := &jixiao.NodeTally{Node: *m["B"], Ancestors: []jixiao.Department{}, ChildCount: 3,
		Total: []jixiao.StateCount{sc("", false, 2), sc("", true, 2), sc(jixiao.Draft, false, 1), sc(jixiao.Returned, false, 1), sc(jixiao.Submitted, false, 1)},
		Children: []jixiao.NodeChild{
			child("D1", false, true, sc("", true, 2), sc(jixiao.Submitted, false, 1)),
			child("D2", true, true, sc(jixiao.Draft, false, 1)),
			child("D3", false, false, sc("", false, 2), sc(jixiao.Returned, false, 1)),
		}}
	sortCounts(got)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("tally of the root mismatch (-want +got):\n%s", d)
	}
	// A page of children, from the end of the code order.
	got, err = s.NodeTally(ctx, m["B"].ID, 2024, jixiao.ChildPage{Limit: 2, Desc: true})
	must(t, err)
	sortCounts(got)
	want.Children = []jixiao.NodeChild{want.Children[2], want.Children[1]}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("the last two children of the root mismatch (-want +got):\n%s", d)
	}
	got, err = s.NodeTally(ctx, m["D3"].ID, 2024, all)
	must(t, err)
	sortCounts(got)
	want = &jixiao.NodeTally{Node: *m["D3"], Ancestors: []jixiao.Department{*m["B"]}, Self: []jixiao.StateCount{sc("", false, 1)},
		ChildCount: 2, Total: []jixiao.StateCount{sc("", false, 2), sc(jixiao.Returned, false, 1)},
		Children: []jixiao.NodeChild{child("D3-U1", true, true, sc(jixiao.Returned, false, 1)), child("D3-U2", true, false, sc("", false, 1))}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("tally of D3 mismatch (-want +got):\n%s", d)
	}
	// Another year: every unit not started.
	got, err = s.NodeTally(ctx, m["D1"].ID, 2023, all)
	must(t, err)
	sortCounts(got)
	want = &jixiao.NodeTally{Node: *m["D1"], Ancestors: []jixiao.Department{*m["B"]}, Self: []jixiao.StateCount{sc("", false, 1)},
		ChildCount: 2, Total: []jixiao.StateCount{sc("", false, 3)},
		Children: []jixiao.NodeChild{child("D1-U1", true, false, sc("", false, 1)), child("D1-U2", true, false, sc("", false, 1))}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("tally of D1 in 2023 mismatch (-want +got):\n%s", d)
	}
	// The counts follow a move (D3-U1 and its returned plan under D1, where it is no
	// longer counted by D3), a new unit (filed for by D1, which has a plan), a submission
	// and a department turned into a bureau (its plan no longer counted).
	u1 := *m["D3-U1"]
	u1.ParentID = m["D1"].ID
	must(t, s.UpdateDepartment(ctx, &u1))
	must(t, s.CreateDepartment(ctx, &jixiao.Department{Code: "D1-U3", Name: "区台联", ParentID: m["D1"].ID, Kind: jixiao.KindUnit}))
	p2, err := s.PlanByDepartmentYear(ctx, m["D2"].ID, 2024)
	must(t, err)
	_, err = s.Transition(ctx, &jixiao.TransitionRecord{PlanID: p2.ID, Version: p2.Version, Action: jixiao.ActSubmit, From: jixiao.Draft, To: jixiao.Submitted, Actor: "x"}, nil)
	must(t, err)
	got, err = s.NodeTally(ctx, m["B"].ID, 2024, all)
	must(t, err)
	sortCounts(got)
	totals := map[string][]jixiao.StateCount{"B": got.Total}
	for _, c := range got.Children {
		totals[c.Department.Code] = c.Counts
	}
	wantTotals := map[string][]jixiao.StateCount{
		"B":  {sc("", false, 2), sc("", true, 3), sc(jixiao.Returned, false, 1), sc(jixiao.Submitted, false, 2)},
		"D1": {sc("", true, 3), sc(jixiao.Returned, false, 1), sc(jixiao.Submitted, false, 1)},
		"D2": {sc(jixiao.Submitted, false, 1)},
		"D3": {sc("", false, 2)},
	}
	if d := cmp.Diff(wantTotals, totals); d != "" {
		t.Errorf("tallies after a move, a new unit and a submission mismatch (-want +got):\n%s", d)
	}
	d2 := *m["D2"]
	d2.Kind = jixiao.KindBureau
	must(t, s.UpdateDepartment(ctx, &d2))
	got, err = s.NodeTally(ctx, m["B"].ID, 2024, all)
	must(t, err)
	sortCounts(got)
	if d := cmp.Diff([]jixiao.StateCount{sc("", false, 2), sc("", true, 3), sc(jixiao.Returned, false, 1), sc(jixiao.Submitted, false, 1)}, got.Total); d != "" || got.ChildCount != 3 {
		t.Errorf("tallies after D2 became a bureau (%d children) mismatch (-want +got):\n%s", got.ChildCount, d)
	}
}

// sortCounts puts each child's counts in a fixed order (the query groups in none).
func sortCounts(t *jixiao.NodeTally) {
	less := func(a, b jixiao.StateCount) int {
		if a.Status != b.Status {
			if a.Status < b.Status {
				return -1
			}
			return 1
		}
		if a.ByParent == b.ByParent {
			return 0
		}
		if a.ByParent {
			return 1
		}
		return -1
	}
	slices.SortFunc(t.Self, less)
	slices.SortFunc(t.Total, less)
	for i := range t.Children {
		slices.SortFunc(t.Children[i].Counts, less)
	}
}

func testLateUnits(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	m := dashTree(t, s)
	due := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	until := time.Date(2024, 3, 10, 10, 0, 0, 0, time.UTC)
	must(t, s.SetDeadline(ctx, &jixiao.Deadline{RegionID: m["B"].ID, Year: 2024, Due: due, SetBy: "审核员", Set: due.Add(-time.Hour)}))
	must(t, s.GrantException(ctx, &jixiao.DeadlineException{DepartmentID: m["D3"].ID, Year: 2024, Until: until,
		GrantedBy: "审核员", Reason: "医院改制", Granted: due}))
	type line struct {
		Code     string
		Path     int
		Plan     bool
		Status   jixiao.Status
		Due      time.Time
		Extended bool
	}
	late := func(node string, year int, now time.Time) []line {
		t.Helper()
		got, err := s.LateUnits(ctx, m[node].ID, year, now)
		must(t, err)
		lines := []line{}
		for _, u := range got {
			if u.Path[len(u.Path)-1] != u.Department.ID || u.Path[0] != m["B"].ID {
				t.Errorf("%s: path %v does not run from the root to the unit", u.Department.Code, u.Path)
			}
			lines = append(lines, line{u.Department.Code, len(u.Path), u.PlanID != 0, u.Status, u.Due.UTC(), u.Extended})
		}
		return lines
	}
	for _, tc := range []struct {
		name string
		node string
		year int
		now  time.Time
		want []line
	}{
		{"before the deadline", "B", 2024, due.Add(-time.Minute), []line{}},
		{"between the deadline and the exception's end", "B", 2024, due.Add(time.Minute), []line{{"D2", 2, true, jixiao.Draft, due, false}}},
		{"after the exception's end", "B", 2024, until.Add(time.Minute), []line{
			{"D2", 2, true, jixiao.Draft, due, false},
			{"D3", 2, false, "", until, true},
			{"D3-U1", 3, true, jixiao.Returned, until, true},
			{"D3-U2", 3, false, "", until, true},
		}},
		{"a subtree", "D3", 2024, until.Add(time.Minute), []line{
			{"D3", 2, false, "", until, true},
			{"D3-U1", 3, true, jixiao.Returned, until, true},
			{"D3-U2", 3, false, "", until, true},
		}},
		{"a year without a deadline", "D1", 2023, until.Add(time.Minute), []line{}},
	} {
		if d := cmp.Diff(tc.want, late(tc.node, tc.year, tc.now)); d != "" {
			t.Errorf("%s: late units mismatch (-want +got):\n%s", tc.name, d)
		}
	}
	must(t, s.SetDeadline(ctx, &jixiao.Deadline{RegionID: m["B"].ID, Year: 2023, Due: due, SetBy: "审核员", Set: due.Add(-time.Hour)}))
	want := []line{{"D1", 2, false, "", due, false}, {"D1-U1", 3, false, "", due, false}, {"D1-U2", 3, false, "", due, false}}
	if d := cmp.Diff(want, late("D1", 2023, until)); d != "" {
		t.Errorf("units of a year not started: late units mismatch (-want +got):\n%s", d)
	}
}
