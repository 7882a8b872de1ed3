package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"jixiao"
)

// RunReview runs the conformance suite of the review workflow and the audit log.
// open returns a new, empty, migrated store for one subtest.
func RunReview(t *testing.T, open func(t *testing.T) jixiao.ReviewStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s jixiao.ReviewStore)
	}{
		{"Transitions", testTransitions},
		{"TransitionStale", testTransitionStale},
		{"ConcurrentTransitions", testConcurrentTransitions},
		{"Adjustment", testAdjustment},
		{"Comments", testComments},
		{"Deadlines", testDeadlines},
		{"Audit", testAudit},
		{"ConcurrentAudit", testConcurrentAudit},
		{"Messages", testMessages},
		{"PlanStates", testPlanStates},
		{"PlanYears", testPlanYears},
		{"MailAddresses", testMailAddresses},
		{"NodeTally", testNodeTally},
		{"LateUnits", testLateUnits},
		{"ImportDirectory", testImportDirectory},
		{"EditDepartment", testEditDepartment},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

// step performs one transition as the state machine allows it and returns the record.
func step(t *testing.T, s jixiao.ReviewStore, planID int64, version int, a jixiao.Action, role jixiao.Role, actor, reason string, ex []jixiao.Explanation) *jixiao.TransitionRecord {
	t.Helper()
	p, err := s.Plan(context.Background(), planID)
	must(t, err)
	to, err := jixiao.NextStatus(p.Status, a, role, reason)
	must(t, err)
	rec := &jixiao.TransitionRecord{PlanID: planID, Version: version, Action: a, From: p.Status, To: to, Actor: actor, Reason: reason}
	v, err := s.Transition(context.Background(), rec, ex)
	must(t, err)
	if v != version+1 || rec.Result != v {
		t.Fatalf("%s on version %d: new version %d (record %d), want %d", a, version, v, rec.Result, version+1)
	}
	if rec.Created.IsZero() {
		t.Errorf("%s: Created not set", a)
	}
	return rec
}

func reviewPlan(t *testing.T, s jixiao.ReviewStore) (*jixiao.Plan, map[string]*jixiao.Department) {
	t.Helper()
	tree := Tree(t, s)
	p := SamplePlan("D1", "区委统战部", 2021)
	must(t, s.CreatePlan(context.Background(), p, jixiao.SaveInfo{Author: "filler"}))
	return p, tree
}

// testTransitions walks a plan through the whole review, with a return on the way, and
// checks the records, the revisions, the explanations and the published list.
func testTransitions(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	p, _ := reviewPlan(t, s)
	st, err := s.ReviewState(ctx, p.ID)
	must(t, err)
	if st.ApprovedVersion != 0 || st.PublishedVersion != 0 || st.LastTransition != nil {
		t.Errorf("new plan: review state %+v, want empty", st)
	}
	ex := []jixiao.Explanation{
		{Rule: "wording", Path: "duties", Text: "原文如此，已核对"},
		{Rule: "decimals", Path: "budget.basic", Text: "按财政批复数填列"},
	}
	steps := []struct {
		a      jixiao.Action
		role   jixiao.Role
		actor  string
		reason string
		ex     []jixiao.Explanation
		want   jixiao.Status
	}{
		{jixiao.ActSubmit, jixiao.RoleFiller, "filler", "", ex, jixiao.Submitted},
		{jixiao.ActUnitApprove, jixiao.RoleLeader, "leader", "", nil, jixiao.UnitApproved},
		{jixiao.ActReturn, jixiao.RoleReviewer, "reviewer", "合计不平，请核对", nil, jixiao.Returned},
		{jixiao.ActSubmit, jixiao.RoleFiller, "filler", "", nil, jixiao.Submitted},
		{jixiao.ActUnitApprove, jixiao.RoleLeader, "leader", "", nil, jixiao.UnitApproved},
		{jixiao.ActApprove, jixiao.RoleReviewer, "reviewer", "", nil, jixiao.Approved},
		{jixiao.ActPublish, jixiao.RoleReviewer, "reviewer", "", nil, jixiao.Published},
	}
	version := p.Version
	var want []jixiao.TransitionRecord
	for _, sp := range steps {
		rec := step(t, s, p.ID, version, sp.a, sp.role, sp.actor, sp.reason, sp.ex)
		got, err := s.Plan(ctx, p.ID)
		must(t, err)
		if got.Status != sp.want || got.Version != version+1 {
			t.Fatalf("after %s: status %s version %d, want %s %d", sp.a, got.Status, got.Version, sp.want, version+1)
		}
		want = append(want, *rec)
		version++
	}
	got, err := s.Transitions(ctx, p.ID)
	must(t, err)
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(jixiao.TransitionRecord{}, "ID")); diff != "" {
		t.Errorf("transitions mismatch (-want +got):\n%s", diff)
	}
	for i := 1; i < len(got); i++ {
		if got[i].ID <= got[i-1].ID {
			t.Errorf("transition ids not increasing: %d then %d", got[i-1].ID, got[i].ID)
		}
	}
	// Each step is a revision of its own, saved by its actor with the action and reason.
	revs, err := s.Revisions(ctx, p.ID)
	must(t, err)
	if len(revs) != len(steps)+1 {
		t.Fatalf("%d revisions, want %d", len(revs), len(steps)+1)
	}
	if r := revs[3]; r.Author != "reviewer" || r.Reason != "财政退回：合计不平，请核对" {
		t.Errorf("revision of the return: %q %q", r.Author, r.Reason)
	}
	at, err := s.PlanAt(ctx, p.ID, 2)
	must(t, err)
	if at.Status != jixiao.Submitted {
		t.Errorf("version 2 has status %s, want submitted", at.Status)
	}
	gotEx, err := s.Explanations(ctx, p.ID, 1)
	must(t, err)
	wantEx := []jixiao.Explanation{
		{PlanID: p.ID, Version: 1, Rule: "decimals", Path: "budget.basic", Text: "按财政批复数填列"},
		{PlanID: p.ID, Version: 1, Rule: "wording", Path: "duties", Text: "原文如此，已核对"},
	}
	if diff := cmp.Diff(wantEx, gotEx); diff != "" {
		t.Errorf("explanations mismatch (-want +got):\n%s", diff)
	}
	if none, err := s.Explanations(ctx, p.ID, 4); err != nil || len(none) != 0 {
		t.Errorf("explanations of a submission without warnings: %v, %v", none, err)
	}
	st, err = s.ReviewState(ctx, p.ID)
	must(t, err)
	if st.ApprovedVersion != 8 || st.PublishedVersion != 8 || st.LastTransition == nil || st.LastTransition.Action != jixiao.ActPublish {
		t.Errorf("review state after publishing: %+v", st)
	}
	pub, err := s.PublishedPlans(ctx, 2021)
	must(t, err)
	if len(pub) != 1 || pub[0].PlanID != p.ID || pub[0].Version != 8 || pub[0].DepartmentCode != "D1" || pub[0].Published.IsZero() {
		t.Errorf("published plans: %+v", pub)
	}
	if pub, err := s.PublishedPlans(ctx, 2020); err != nil || len(pub) != 0 {
		t.Errorf("published plans of 2020: %+v, %v", pub, err)
	}
	if _, err := s.Transitions(ctx, p.ID+100); err != nil {
		t.Errorf("transitions of an unknown plan: %v, want an empty list", err)
	}
	_, err = s.ReviewState(ctx, p.ID+100)
	wantCode(t, err, jixiao.ENOTFOUND)
}

// testTransitionStale: a transition names the version and state it acted on; a stale one
// is refused with ECONFLICT and changes nothing.
func testTransitionStale(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	p, _ := reviewPlan(t, s)
	// A save after the page was read makes the page's version stale.
	p.Duties = "改过的职责"
	must(t, s.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: "filler"}))
	rec := &jixiao.TransitionRecord{PlanID: p.ID, Version: 1, Action: jixiao.ActSubmit, From: jixiao.Draft, To: jixiao.Submitted, Actor: "filler"}
	_, err := s.Transition(ctx, rec, nil)
	wantCode(t, err, jixiao.ECONFLICT)
	// The right version but a state that is no longer true.
	rec = &jixiao.TransitionRecord{PlanID: p.ID, Version: 2, Action: jixiao.ActUnitApprove, From: jixiao.Submitted, To: jixiao.UnitApproved, Actor: "leader"}
	_, err = s.Transition(ctx, rec, nil)
	wantCode(t, err, jixiao.ECONFLICT)
	rec = &jixiao.TransitionRecord{PlanID: p.ID + 100, Version: 1, Action: jixiao.ActSubmit, From: jixiao.Draft, To: jixiao.Submitted}
	_, err = s.Transition(ctx, rec, nil)
	wantCode(t, err, jixiao.ENOTFOUND)
	got, err := s.Plan(ctx, p.ID)
	must(t, err)
	if got.Version != 2 || got.Status != jixiao.Draft {
		t.Errorf("after refused transitions: version %d status %s, want 2 draft", got.Version, got.Status)
	}
	if trs, _ := s.Transitions(ctx, p.ID); len(trs) != 0 {
		t.Errorf("refused transitions were recorded: %+v", trs)
	}
}

// testConcurrentTransitions: eight servers approve the same version at once; exactly one
// succeeds, so a plan is never double-transitioned.
func testConcurrentTransitions(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	p, _ := reviewPlan(t, s)
	step(t, s, p.ID, 1, jixiao.ActSubmit, jixiao.RoleFiller, "filler", "", nil)
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := &jixiao.TransitionRecord{PlanID: p.ID, Version: 2, Action: jixiao.ActUnitApprove, From: jixiao.Submitted,
				To: jixiao.UnitApproved, Actor: fmt.Sprintf("leader%d", i)}
			if i%2 == 1 {
				rec.Action, rec.To, rec.Reason = jixiao.ActUnitReturn, jixiao.Returned, "请补充"
			}
			<-start
			_, errs[i] = s.Transition(ctx, rec, nil)
		}()
	}
	close(start)
	wg.Wait()
	wins := 0
	for i, err := range errs {
		switch jixiao.ErrorCode(err) {
		case "":
			wins++
		case jixiao.ECONFLICT:
		default:
			t.Errorf("transition %d: %v, want success or ECONFLICT", i, err)
		}
	}
	if wins != 1 {
		t.Fatalf("%d transitions of one version succeeded, want exactly 1", wins)
	}
	trs, err := s.Transitions(ctx, p.ID)
	must(t, err)
	if len(trs) != 2 {
		t.Errorf("%d transitions recorded, want 2", len(trs))
	}
	got, err := s.Plan(ctx, p.ID)
	must(t, err)
	if got.Version != 3 || got.Status != trs[1].To {
		t.Errorf("plan at version %d status %s; the recorded winner moved it to %s", got.Version, got.Status, trs[1].To)
	}
}

// testAdjustment: an adjustment reopens a published plan as a draft; the published
// version stays readable beside it until the adjustment is approved and published.
func testAdjustment(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	p, _ := reviewPlan(t, s)
	v := 1
	for _, sp := range []struct {
		a    jixiao.Action
		role jixiao.Role
	}{{jixiao.ActSubmit, jixiao.RoleFiller}, {jixiao.ActUnitApprove, jixiao.RoleLeader}, {jixiao.ActApprove, jixiao.RoleReviewer}, {jixiao.ActPublish, jixiao.RoleReviewer}} {
		step(t, s, p.ID, v, sp.a, sp.role, string(sp.role), "", nil)
		v++
	}
	step(t, s, p.ID, v, jixiao.ActAdjust, jixiao.RoleFiller, "filler", "年中追加预算", nil)
	v++
	cur, err := s.Plan(ctx, p.ID)
	must(t, err)
	if cur.Status != jixiao.Draft {
		t.Fatalf("adjustment: status %s, want draft", cur.Status)
	}
	cur.Duties = "调整后的职责"
	must(t, s.UpdatePlan(ctx, cur, jixiao.SaveInfo{Author: "filler"}))
	v++
	st, err := s.ReviewState(ctx, p.ID)
	must(t, err)
	if st.ApprovedVersion != 5 || st.PublishedVersion != 5 {
		t.Fatalf("during the adjustment: approved %d published %d, want 5 5", st.ApprovedVersion, st.PublishedVersion)
	}
	old, err := s.PlanAt(ctx, p.ID, st.PublishedVersion)
	must(t, err)
	if old.Duties == "调整后的职责" || old.Status != jixiao.Published {
		t.Errorf("the published version changed with the adjustment: %q %s", old.Duties, old.Status)
	}
	if pub, _ := s.PublishedPlans(ctx, 2021); len(pub) != 1 || pub[0].Version != 5 {
		t.Errorf("published list during the adjustment: %+v", pub)
	}
	for _, sp := range []struct {
		a    jixiao.Action
		role jixiao.Role
	}{{jixiao.ActSubmit, jixiao.RoleFiller}, {jixiao.ActUnitApprove, jixiao.RoleLeader}, {jixiao.ActApprove, jixiao.RoleReviewer}} {
		step(t, s, p.ID, v, sp.a, sp.role, string(sp.role), "", nil)
		v++
	}
	st, err = s.ReviewState(ctx, p.ID)
	must(t, err)
	if st.ApprovedVersion != v || st.PublishedVersion != 5 {
		t.Errorf("adjustment approved: approved %d published %d, want %d 5", st.ApprovedVersion, st.PublishedVersion, v)
	}
}

func testComments(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	p, _ := reviewPlan(t, s)
	q := SamplePlan("D2", "区教育局", 2021)
	must(t, s.CreatePlan(ctx, q, jixiao.SaveInfo{Author: "filler2"}))
	c := &jixiao.Comment{PlanID: p.ID, Path: "indicators[3].target", Author: "reviewer", Body: "指标值不可衡量，请量化"}
	must(t, s.AddComment(ctx, c))
	if c.ID == 0 || c.Created.IsZero() || c.Version != 1 {
		t.Fatalf("AddComment set ID %d Created %v Version %d", c.ID, c.Created, c.Version)
	}
	c2 := &jixiao.Comment{PlanID: p.ID, Path: "indicators[1]", Author: "reviewer", Body: "整行重复"}
	must(t, s.AddComment(ctx, c2))
	wantCode(t, s.AddComment(ctx, &jixiao.Comment{PlanID: p.ID, Path: "duties", Author: "reviewer", Body: "  "}), jixiao.EINVALID)
	wantCode(t, s.AddComment(ctx, &jixiao.Comment{PlanID: p.ID, Path: "", Author: "reviewer", Body: "意见"}), jixiao.EINVALID)
	wantCode(t, s.AddComment(ctx, &jixiao.Comment{PlanID: p.ID + 100, Path: "duties", Author: "reviewer", Body: "意见"}), jixiao.ENOTFOUND)
	// A comment is answered only through its own plan.
	wantCode(t, s.AnswerComment(ctx, q.ID, c.ID, "filler2", "不是我的"), jixiao.ENOTFOUND)
	must(t, s.AnswerComment(ctx, p.ID, c.ID, "filler", "已改为≥95%"))
	got, err := s.Comments(ctx, p.ID)
	must(t, err)
	if len(got) != 2 {
		t.Fatalf("%d comments, want 2", len(got))
	}
	a := got[0]
	if a.ID != c.ID || a.Path != c.Path || a.Body != c.Body || a.Author != "reviewer" || !a.Answered ||
		a.AnsweredBy != "filler" || a.Answer != "已改为≥95%" || a.AnsweredAt.IsZero() || !a.Created.Equal(c.Created) {
		t.Errorf("answered comment: %+v", a)
	}
	if b := got[1]; b.Answered || b.Answer != "" || !b.AnsweredAt.IsZero() {
		t.Errorf("unanswered comment: %+v", b)
	}
	if other, err := s.Comments(ctx, q.ID); err != nil || len(other) != 0 {
		t.Errorf("another plan's comments: %+v, %v", other, err)
	}
}

func testDeadlines(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	tree := Tree(t, s)
	due := time.Date(2021, 1, 31, 16, 0, 0, 0, time.UTC)
	_, err := s.DeadlineFor(ctx, tree["D1-U1"].ID, 2021)
	wantCode(t, err, jixiao.ENOTFOUND)
	d := &jixiao.Deadline{RegionID: tree["B"].ID, Year: 2021, Due: due.Add(-24 * time.Hour), SetBy: "reviewer"}
	must(t, s.SetDeadline(ctx, d))
	d.Due = due // a second setting replaces the first
	must(t, s.SetDeadline(ctx, d))
	must(t, s.SetDeadline(ctx, &jixiao.Deadline{RegionID: tree["B"].ID, Year: 2022, Due: due.AddDate(1, 0, 0), SetBy: "reviewer"}))
	wantCode(t, s.SetDeadline(ctx, &jixiao.Deadline{RegionID: tree["B"].ID, Year: 2023, SetBy: "reviewer"}), jixiao.EINVALID)
	for _, code := range []string{"B", "D1", "D1-U1", "D2"} {
		got, err := s.DeadlineFor(ctx, tree[code].ID, 2021)
		must(t, err)
		if !got.Due.Equal(due) || got.SetBy != "reviewer" || got.RegionID != tree["B"].ID || got.Set.IsZero() {
			t.Errorf("deadline for %s: %+v", code, got)
		}
	}
	// A region below the bureau may set its own, nearer deadline.
	must(t, s.SetDeadline(ctx, &jixiao.Deadline{RegionID: tree["D1"].ID, Year: 2021, Due: due.Add(-48 * time.Hour), SetBy: "d1"}))
	if got, err := s.DeadlineFor(ctx, tree["D1-U2"].ID, 2021); err != nil || got.SetBy != "d1" {
		t.Errorf("nearest deadline for D1-U2: %+v, %v", got, err)
	}
	if got, err := s.DeadlineFor(ctx, tree["D2"].ID, 2021); err != nil || got.SetBy != "reviewer" {
		t.Errorf("deadline for D2 (not under D1): %+v, %v", got, err)
	}
	ds, err := s.Deadlines(ctx, tree["B"].ID)
	must(t, err)
	if len(ds) != 2 || ds[0].Year != 2022 || ds[1].Year != 2021 {
		t.Errorf("deadlines of B: %+v", ds)
	}
	// What applies to a unit: each year's nearest, the bureau's where D1 set none.
	for code, want := range map[string][]string{"D1-U2": {"2022 reviewer", "2021 d1"}, "D2": {"2022 reviewer", "2021 reviewer"}, "B": {"2022 reviewer", "2021 reviewer"}} {
		ds, err := s.DeadlinesFor(ctx, tree[code].ID)
		must(t, err)
		var got []string
		for _, d := range ds {
			got = append(got, fmt.Sprintf("%d %s", d.Year, d.SetBy))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("deadlines for %s (-want +got):\n%s", code, diff)
		}
	}
	_, err = s.ExceptionFor(ctx, tree["D1"].ID, 2021)
	wantCode(t, err, jixiao.ENOTFOUND)
	ex := &jixiao.DeadlineException{DepartmentID: tree["D1"].ID, Year: 2021, Until: due.Add(72 * time.Hour), GrantedBy: "reviewer", Reason: "机构改革，资料待移交"}
	must(t, s.GrantException(ctx, ex))
	wantCode(t, s.GrantException(ctx, &jixiao.DeadlineException{DepartmentID: tree["D2"].ID, Year: 2021, Until: due, GrantedBy: "reviewer"}), jixiao.EINVALID)
	for _, code := range []string{"D1", "D1-U1"} {
		got, err := s.ExceptionFor(ctx, tree[code].ID, 2021)
		must(t, err)
		if got.DepartmentID != tree["D1"].ID || !got.Until.Equal(ex.Until) || got.GrantedBy != "reviewer" || got.Reason != ex.Reason || got.Granted.IsZero() {
			t.Errorf("exception for %s: %+v", code, got)
		}
	}
	_, err = s.ExceptionFor(ctx, tree["D2"].ID, 2021)
	wantCode(t, err, jixiao.ENOTFOUND)
	_, err = s.ExceptionFor(ctx, tree["D1"].ID, 2022)
	wantCode(t, err, jixiao.ENOTFOUND)
	list, err := s.Exceptions(ctx, tree["B"].ID, 2021)
	must(t, err)
	if len(list) != 1 || list[0].DepartmentID != tree["D1"].ID {
		t.Errorf("exceptions under B: %+v", list)
	}
	if list, err := s.Exceptions(ctx, tree["D2"].ID, 2021); err != nil || len(list) != 0 {
		t.Errorf("exceptions under D2: %+v, %v", list, err)
	}
	// DeadlineLock: locked after the deadline, open while the exception runs.
	got, _ := s.DeadlineFor(ctx, tree["D2"].ID, 2021)
	if l := jixiao.DeadlineLock(got, nil, due.Add(time.Minute)); !l.Locked {
		t.Error("a draft after the deadline is not locked")
	}
	if l := jixiao.DeadlineLock(got, ex, due.Add(time.Minute)); l.Locked {
		t.Errorf("a draft with a running exception is locked: %s", l.Reason)
	}
	if l := jixiao.DeadlineLock(got, ex, ex.Until.Add(time.Minute)); !l.Locked {
		t.Error("a draft after its exception ran out is not locked")
	}
}

// testAudit appends entries, reads them back with filters and paging, and verifies the
// chain.
func testAudit(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	if n, err := jixiao.VerifyAudit(ctx, s); err != nil || n != 0 {
		t.Fatalf("empty log: %d, %v", n, err)
	}
	base := time.Date(2021, 3, 1, 8, 0, 0, 123456789, time.UTC)
	var want []jixiao.AuditEntry
	for i := range 12 {
		e := &jixiao.AuditEntry{Time: base.Add(time.Duration(i) * time.Minute), Actor: []string{"filler", "reviewer", ""}[i%3],
			ActorID: int64(i % 3), Action: []string{"signin", "plan_update", "signin_failed", "submit"}[i%4],
			Object: fmt.Sprintf("plan:%d", i), Detail: "第" + fmt.Sprint(i) + "次 “引号” \n换行", Addr: "127.0.0.1", Outcome: "ok"}
		must(t, s.AppendAudit(ctx, e))
		if e.Seq != int64(i+1) || e.Hash == "" || e.Hash != e.ComputeHash() {
			t.Fatalf("entry %d: seq %d hash %q", i, e.Seq, e.Hash)
		}
		if i > 0 && e.PrevHash != want[i-1].Hash {
			t.Fatalf("entry %d does not chain to the one before", i)
		}
		want = append(want, *e)
	}
	if want[0].Time.Nanosecond() != 123456000 {
		t.Errorf("time kept as %v, want microseconds", want[0].Time)
	}
	var walked []jixiao.AuditEntry
	must(t, s.WalkAudit(ctx, func(e *jixiao.AuditEntry) error { walked = append(walked, *e); return nil }))
	if diff := cmp.Diff(want, walked); diff != "" {
		t.Errorf("walked entries mismatch (-want +got):\n%s", diff)
	}
	n, err := jixiao.VerifyAudit(ctx, s)
	if err != nil || n != 12 {
		t.Errorf("verify: %d, %v", n, err)
	}
	seq, hash, err := s.AuditHead(ctx)
	must(t, err)
	if seq != 12 || hash != want[11].Hash {
		t.Errorf("head %d %s", seq, hash)
	}
	page, total, err := s.AuditEntries(ctx, jixiao.AuditFilter{Limit: 5, Offset: 5})
	must(t, err)
	if total != 12 || len(page) != 5 || page[0].Seq != 7 || page[4].Seq != 3 {
		t.Errorf("page 2 of 5, newest first: total %d, %d entries, first %v", total, len(page), page)
	}
	got, total, err := s.AuditEntries(ctx, jixiao.AuditFilter{Actor: "reviewer"})
	must(t, err)
	if total != 4 || len(got) != 4 {
		t.Errorf("by actor: total %d, %d entries", total, len(got))
	}
	got, total, err = s.AuditEntries(ctx, jixiao.AuditFilter{Action: "signin_failed", Since: base.Add(3 * time.Minute), Until: base.Add(10 * time.Minute)})
	must(t, err)
	// signin_failed at i = 2, 6, 10; within [3, 10) minutes only i = 6.
	if total != 1 || len(got) != 1 || got[0].Seq != 7 {
		t.Errorf("by action and time: total %d, %+v", total, got)
	}
}

// testConcurrentAudit: many appenders at once still make one chain without gaps.
func testConcurrentAudit(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	const n = 40
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.AppendAudit(ctx, &jixiao.AuditEntry{Actor: fmt.Sprint("u", i), Action: "signin", Outcome: "ok"})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		must(t, err)
	}
	if got, err := jixiao.VerifyAudit(ctx, s); err != nil || got != n {
		t.Errorf("verify after %d concurrent appends: %d, %v", n, got, err)
	}
}
