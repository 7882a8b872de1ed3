package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// RunHead runs the conformance suite of HeadService: the head of a plan follows every
// change that a server caching by (plan, version) must notice — saves, workflow steps,
// comments and their answers, deadlines, exceptions, a renamed department — and the
// session with its user comes back in one call, or ENOTFOUND.
func RunHead(t *testing.T, open func(t *testing.T) jixiao.ReviewStore) {
	t.Run("PlanHead", func(t *testing.T) { testPlanHead(t, open(t)) })
	t.Run("SessionUser", func(t *testing.T) { testSessionUser(t, open(t)) })
}

func testPlanHead(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	p, tree := reviewPlan(t, s) // of D1, version 1
	_, err := s.PlanHead(ctx, p.ID+1000)
	wantCode(t, err, jixiao.ENOTFOUND)

	head := func() *jixiao.PlanHead {
		t.Helper()
		h, err := s.PlanHead(ctx, p.ID)
		must(t, err)
		return h
	}
	sums, _, err := s.Plans(ctx, jixiao.PlanFilter{})
	must(t, err)
	d1 := tree["D1"]
	want := &jixiao.PlanHead{ID: p.ID, Version: 1, Status: jixiao.Draft, Updated: sums[0].Updated, Year: 2021,
		Department: *d1, Ancestors: []int64{tree["B"].ID, d1.ID}}
	if diff := cmp.Diff(want, head()); diff != "" {
		t.Fatalf("head of a new plan (-want +got):\n%s", diff)
	}

	// A save: the version moves, and with it Updated.
	cur, err := s.Plan(ctx, p.ID)
	must(t, err)
	cur.Duties += "（修改）"
	must(t, s.UpdatePlan(ctx, cur, jixiao.SaveInfo{Author: "filler"}))
	h := head()
	if h.Version != 2 || h.Status != jixiao.Draft || !h.Updated.After(want.Updated) && !h.Updated.Equal(want.Updated) {
		t.Errorf("after a save: %+v", h)
	}

	// Workflow steps: version and status; approval and publication.
	step(t, s, p.ID, 2, jixiao.ActSubmit, jixiao.RoleFiller, "filler", "", nil)
	if h := head(); h.Version != 3 || h.Status != jixiao.Submitted {
		t.Errorf("after submit: version %d status %s", h.Version, h.Status)
	}
	step(t, s, p.ID, 3, jixiao.ActUnitApprove, jixiao.RoleLeader, "leader", "", nil)
	step(t, s, p.ID, 4, jixiao.ActApprove, jixiao.RoleReviewer, "reviewer", "", nil)
	h = head()
	rs, err := s.ReviewState(ctx, p.ID)
	must(t, err)
	if h.Version != 5 || h.Status != jixiao.Approved || h.ApprovedVersion != rs.ApprovedVersion || h.ApprovedVersion != 5 || h.PublishedVersion != 0 {
		t.Errorf("after approval: %+v, review state %+v", h, rs)
	}
	step(t, s, p.ID, 5, jixiao.ActPublish, jixiao.RoleReviewer, "reviewer", "", nil)
	if h := head(); h.PublishedVersion != 6 || h.ApprovedVersion != 6 {
		t.Errorf("after publication: %+v", h)
	}

	// Comments count; answering keeps the count (the page reads them when there are any).
	c := &jixiao.Comment{PlanID: p.ID, Version: 6, Path: "budget.total", Author: "reviewer", Body: "请核实"}
	must(t, s.AddComment(ctx, c))
	must(t, s.AddComment(ctx, &jixiao.Comment{PlanID: p.ID, Version: 6, Path: "duties", Author: "reviewer", Body: "请补充"}))
	if h := head(); h.Comments != 2 || h.Version != 6 {
		t.Errorf("after two comments: comments %d version %d", h.Comments, h.Version)
	}

	// Deadlines and exceptions: the nearest at or above the department, as DeadlineFor
	// and ExceptionFor.
	if h := head(); h.Deadline != nil || h.Exception != nil {
		t.Errorf("deadline %+v exception %+v before any was set", h.Deadline, h.Exception)
	}
	due := time.Date(2021, 1, 31, 16, 0, 0, 0, time.UTC)
	must(t, s.SetDeadline(ctx, &jixiao.Deadline{RegionID: tree["B"].ID, Year: 2021, Due: due, SetBy: "reviewer"}))
	must(t, s.SetDeadline(ctx, &jixiao.Deadline{RegionID: tree["B"].ID, Year: 2022, Due: due.AddDate(1, 0, 0), SetBy: "reviewer"}))
	sameDeadline := func(what string) {
		t.Helper()
		h := head()
		wd, err := s.DeadlineFor(ctx, d1.ID, 2021)
		must(t, err)
		if diff := cmp.Diff(wd, h.Deadline); diff != "" {
			t.Errorf("%s: deadline differs from DeadlineFor (-want +got):\n%s", what, diff)
		}
		we, err := s.ExceptionFor(ctx, d1.ID, 2021)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			we = nil
		} else {
			must(t, err)
		}
		if diff := cmp.Diff(we, h.Exception); diff != "" {
			t.Errorf("%s: exception differs from ExceptionFor (-want +got):\n%s", what, diff)
		}
	}
	sameDeadline("the bureau's deadline")
	must(t, s.SetDeadline(ctx, &jixiao.Deadline{RegionID: d1.ID, Year: 2021, Due: due.Add(-48 * time.Hour), SetBy: "d1"}))
	sameDeadline("the department's own deadline")
	if h := head(); h.Deadline == nil || h.Deadline.SetBy != "d1" {
		t.Errorf("nearest deadline: %+v", h.Deadline)
	}
	must(t, s.GrantException(ctx, &jixiao.DeadlineException{DepartmentID: d1.ID, Year: 2021, Until: due.Add(72 * time.Hour), GrantedBy: "reviewer", Reason: "机构改革"}))
	sameDeadline("an exception")
	if h := head(); h.Exception == nil || h.Exception.Reason != "机构改革" {
		t.Errorf("exception: %+v", h.Exception)
	}

	// A unit's plan: three ancestors; the department's deadline applies from above.
	u := SamplePlan("D1-U1", "区工商联", 2021)
	must(t, s.CreatePlan(ctx, u, jixiao.SaveInfo{Author: "filler"}))
	hu, err := s.PlanHead(ctx, u.ID)
	must(t, err)
	if diff := cmp.Diff([]int64{tree["B"].ID, d1.ID, tree["D1-U1"].ID}, hu.Ancestors); diff != "" {
		t.Errorf("ancestors of a unit's plan (-want +got):\n%s", diff)
	}
	if hu.Deadline == nil || hu.Deadline.RegionID != d1.ID || hu.Exception == nil || hu.Exception.DepartmentID != d1.ID || hu.Comments != 0 {
		t.Errorf("unit's head: deadline %+v exception %+v comments %d", hu.Deadline, hu.Exception, hu.Comments)
	}

	// The department renamed: the head shows it as it is now, at the same version.
	d1.Name, d1.Code = "区委统战部（新）", "D1N"
	must(t, s.UpdateDepartment(ctx, d1))
	if h := head(); h.Department.Name != d1.Name || h.Department.Code != "D1N" || h.Version != 6 {
		t.Errorf("after renaming the department: %+v", h.Department)
	}
}

func testSessionUser(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	tree := Tree(t, s)
	u := &jixiao.User{Username: "zhangsan", Name: "张三", Role: jixiao.RoleFiller, DepartmentID: tree["D1"].ID,
		PasswordHash: "h", PasswordChanged: time.Now().Add(-time.Hour)}
	must(t, s.CreateUser(ctx, u))
	now := time.Now()
	live := &jixiao.Session{ID: "s-live", UserID: u.ID, CSRF: "c1", Created: now, LastSeen: now, Expires: now.Add(time.Hour)}
	must(t, s.CreateSession(ctx, live))
	gs, gu, err := s.SessionUser(ctx, "s-live")
	must(t, err)
	ws, err := s.Session(ctx, "s-live")
	must(t, err)
	wu, err := s.User(ctx, u.ID)
	must(t, err)
	if diff := cmp.Diff(ws, gs); diff != "" {
		t.Errorf("session differs from Session (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wu, gu); diff != "" {
		t.Errorf("user differs from User (-want +got):\n%s", diff)
	}
	// The user as it is now: disabling shows at once.
	wu.Disabled = true
	must(t, s.UpdateUser(ctx, wu))
	if _, gu, err := s.SessionUser(ctx, "s-live"); err != nil || !gu.Disabled {
		t.Errorf("after disabling: %+v, %v", gu, err)
	}
	must(t, s.CreateSession(ctx, &jixiao.Session{ID: "s-old", UserID: u.ID, CSRF: "c2", Created: now.Add(-2 * time.Hour), Expires: now.Add(-time.Minute)}))
	_, _, err = s.SessionUser(ctx, "s-old")
	wantCode(t, err, jixiao.ENOTFOUND)
	_, _, err = s.SessionUser(ctx, "nope")
	wantCode(t, err, jixiao.ENOTFOUND)
	must(t, s.DeleteSession(ctx, "s-live"))
	_, _, err = s.SessionUser(ctx, "s-live")
	wantCode(t, err, jixiao.ENOTFOUND)
}
