package storetest

import (
	"context"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// RunSelfEval runs the conformance suite of stored self-evaluations (绩效自评): made from
// the approved plan, saved under a version check, through the workflow, with the
// finance bureau's re-checks. open returns a new, empty, migrated store.
func RunSelfEval(t *testing.T, open func(t *testing.T) jixiao.ReviewStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s jixiao.ReviewStore)
	}{
		{"Open", testSelfEvalOpen},
		{"Save", testSelfEvalSave},
		{"Workflow", testSelfEvalWorkflow},
		{"ConcurrentSaves", testSelfEvalRace},
		{"Tally", testSelfEvalTally},
		{"OfYear", testSelfEvalOfYear},
		{"ScoreRule", testScoreRule},
		{"Deadline", testStageDeadlines},
		{"CommentSubjects", testCommentSubjects},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

// approvedPlan stores the sample plan and takes it through the review to approval.
func approvedPlan(t *testing.T, s jixiao.ReviewStore) *jixiao.Plan {
	t.Helper()
	p, _ := reviewPlan(t, s)
	return approvedPlanOf(t, s, p)
}

func testSelfEvalOpen(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	p, _ := reviewPlan(t, s)
	_, err := s.OpenSelfEvaluations(ctx, p.ID, jixiao.SaveInfo{Author: "filler"})
	wantCode(t, err, jixiao.EINVALID) // not approved yet
	_, err = s.OpenSelfEvaluations(ctx, 999999, jixiao.SaveInfo{Author: "filler"})
	wantCode(t, err, jixiao.ENOTFOUND)

	p = approvedPlanOf(t, s, p)
	recs, err := s.OpenSelfEvaluations(ctx, p.ID, jixiao.SaveInfo{Author: "filler"})
	must(t, err)
	want := jixiao.SelfEvaluationsOf(p)
	if len(recs) != len(want) || len(want) != 1+len(p.Items()) {
		t.Fatalf("%d records, want %d (department table and %d items)", len(recs), len(want), len(p.Items()))
	}
	for i, r := range recs {
		if r.Table != i || r.Status != jixiao.Draft || r.Version != 1 || r.PlanID != p.ID || r.PlanVersion != p.Version || r.Year != p.Year {
			t.Errorf("record %d: table %d status %s version %d plan %d/%d year %d", i, r.Table, r.Status, r.Version, r.PlanID, r.PlanVersion, r.Year)
		}
		if diff := cmp.Diff(want[i], r.Eval); diff != "" {
			t.Errorf("record %d (-want +got):\n%s", i, diff)
		}
	}
	if recs[0].Eval.Funds[0].Initial.String() != "167.0104" || len(recs[0].Eval.Indicators) != len(p.Indicators) {
		t.Errorf("department table: funds %+v, %d indicators", recs[0].Eval.Funds[0], len(recs[0].Eval.Indicators))
	}
	// Opening again (here: concurrently) makes nothing new.
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, errs[i] = s.OpenSelfEvaluations(ctx, p.ID, jixiao.SaveInfo{Author: "filler"})
		}(i)
	}
	wg.Wait()
	for _, err := range errs {
		must(t, err)
	}
	again, err := s.SelfEvaluations(ctx, p.ID)
	must(t, err)
	if diff := cmp.Diff(recs, again); diff != "" {
		t.Errorf("opened again (-first +again):\n%s", diff)
	}
}

// approvedPlanOf takes a stored draft plan through the review to approval.
func approvedPlanOf(t *testing.T, s jixiao.ReviewStore, p *jixiao.Plan) *jixiao.Plan {
	t.Helper()
	v := p.Version
	for _, a := range []struct {
		a    jixiao.Action
		role jixiao.Role
	}{{jixiao.ActSubmit, jixiao.RoleFiller}, {jixiao.ActUnitApprove, jixiao.RoleLeader}, {jixiao.ActApprove, jixiao.RoleReviewer}} {
		step(t, s, p.ID, v, a.a, a.role, string(a.role), "", nil)
		v++
	}
	got, err := s.Plan(context.Background(), p.ID)
	must(t, err)
	return got
}

func openFirst(t *testing.T, s jixiao.ReviewStore) *jixiao.SelfEvalRecord {
	t.Helper()
	p := approvedPlan(t, s)
	recs, err := s.OpenSelfEvaluations(context.Background(), p.ID, jixiao.SaveInfo{Author: "filler"})
	must(t, err)
	return recs[0]
}

func testSelfEvalSave(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	r := openFirst(t, s)
	r.Eval.Funds[0].Executed = jixiao.MustDecimal("150.5")
	r.Eval.Indicators[1].Actual = jixiao.ParseTarget("95%")
	r.Eval.Indicators[1].Reason = "部分工作顺延至次年"
	r.Eval.Problems = "个别工作未按期完成。"
	must(t, s.SaveSelfEvaluation(ctx, r, jixiao.SaveInfo{Author: "filler", Reason: "填写实际完成值"}))
	if r.Version != 2 {
		t.Fatalf("version after save %d, want 2", r.Version)
	}
	got, err := s.SelfEvaluationRecord(ctx, r.ID)
	must(t, err)
	if diff := cmp.Diff(r.Eval, got.Eval); diff != "" {
		t.Errorf("saved (-want +got):\n%s", diff)
	}
	if got.UpdatedBy != "filler" || got.Version != 2 {
		t.Errorf("updated by %q version %d", got.UpdatedBy, got.Version)
	}
	// A save read at version 1 is refused and changes nothing.
	stale := *got
	stale.Version = 1
	stale.Eval.Problems = "覆盖"
	wantCode(t, s.SaveSelfEvaluation(ctx, &stale, jixiao.SaveInfo{Author: "other"}), jixiao.ECONFLICT)
	// Targets are the approved plan's.
	changed := *got
	changed.Eval.Indicators = append([]jixiao.IndicatorOutcome(nil), got.Eval.Indicators...)
	changed.Eval.Indicators[1].Target = jixiao.ParseTarget("90%")
	wantCode(t, s.SaveSelfEvaluation(ctx, &changed, jixiao.SaveInfo{Author: "filler"}), jixiao.EINVALID)

	revs, err := s.SelfEvaluationRevisions(ctx, r.ID)
	wantVersions(t, revs, err, []int{1, 2}, "填写实际完成值")
	first, err := s.SelfEvaluationAt(ctx, r.ID, 1)
	must(t, err)
	if first.Eval.Indicators[1].Actual.Text != "" || first.Version != 1 {
		t.Errorf("version 1 has actual %q (version %d)", first.Eval.Indicators[1].Actual.Text, first.Version)
	}
	_, err = s.SelfEvaluationAt(ctx, r.ID, 9)
	wantCode(t, err, jixiao.ENOTFOUND)
	_, err = s.SelfEvaluationRecord(ctx, 999999)
	wantCode(t, err, jixiao.ENOTFOUND)
}

func seStep(t *testing.T, s jixiao.ReviewStore, id int64, a jixiao.Action, role jixiao.Role, reason string) *jixiao.SelfEvalStep {
	t.Helper()
	r, err := s.SelfEvaluationRecord(context.Background(), id)
	must(t, err)
	to, err := jixiao.NextStatus(r.Status, a, role, reason)
	must(t, err)
	st := &jixiao.SelfEvalStep{RecordID: id, Version: r.Version, Action: a, From: r.Status, To: to, Actor: string(role), Reason: reason}
	v, err := s.TransitionSelfEvaluation(context.Background(), st)
	must(t, err)
	if v != r.Version+1 || st.Result != v || st.Created.IsZero() {
		t.Fatalf("%s: version %d result %d created %v, want %d", a, v, st.Result, st.Created, r.Version+1)
	}
	return st
}

func testSelfEvalWorkflow(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	r := openFirst(t, s)
	rs := &jixiao.ReviewScore{RecordID: r.ID, Indicator: 1, Score: jixiao.MustDecimal("8"), Reason: "佐证材料不足", By: "reviewer"}
	wantCode(t, s.AddReviewScore(ctx, rs), jixiao.ELOCKED) // a draft is not re-checked

	var want []jixiao.SelfEvalStep
	want = append(want, *seStep(t, s, r.ID, jixiao.ActSubmit, jixiao.RoleFiller, ""))
	r2, err := s.SelfEvaluationRecord(ctx, r.ID)
	must(t, err)
	wantCode(t, s.SaveSelfEvaluation(ctx, r2, jixiao.SaveInfo{Author: "filler"}), jixiao.ELOCKED) // submitted: read-only
	want = append(want, *seStep(t, s, r.ID, jixiao.ActUnitReturn, jixiao.RoleLeader, "偏差原因写得不具体"))
	r2, err = s.SelfEvaluationRecord(ctx, r.ID)
	must(t, err)
	must(t, s.SaveSelfEvaluation(ctx, r2, jixiao.SaveInfo{Author: "filler"})) // returned: editable again
	want = append(want, *seStep(t, s, r.ID, jixiao.ActSubmit, jixiao.RoleFiller, ""))
	want = append(want, *seStep(t, s, r.ID, jixiao.ActUnitApprove, jixiao.RoleLeader, ""))

	must(t, s.AddReviewScore(ctx, rs))
	rs2 := &jixiao.ReviewScore{RecordID: r.ID, Indicator: 1, Score: jixiao.MustDecimal("7.5"), Reason: "再次核对后调减", By: "reviewer"}
	must(t, s.AddReviewScore(ctx, rs2))
	wantCode(t, s.AddReviewScore(ctx, &jixiao.ReviewScore{RecordID: r.ID, Indicator: 99, Score: jixiao.Int(1), Reason: "理由充分", By: "reviewer"}), jixiao.EINVALID)
	wantCode(t, s.AddReviewScore(ctx, &jixiao.ReviewScore{RecordID: r.ID, Indicator: 0, Score: jixiao.Int(1), Reason: "", By: "reviewer"}), jixiao.EINVALID)
	scores, err := s.ReviewScores(ctx, r.ID)
	must(t, err)
	if diff := cmp.Diff([]jixiao.ReviewScore{*rs, *rs2}, scores); diff != "" {
		t.Errorf("review scores (-want +got):\n%s", diff)
	}
	if got := jixiao.LatestReviewScores(scores)[1].Score.String(); got != "7.5" {
		t.Errorf("latest review score %s, want 7.5", got)
	}
	want = append(want, *seStep(t, s, r.ID, jixiao.ActApprove, jixiao.RoleReviewer, ""))
	wantCode(t, s.AddReviewScore(ctx, rs), jixiao.ELOCKED) // approved: re-check closed
	want = append(want, *seStep(t, s, r.ID, jixiao.ActPublish, jixiao.RoleReviewer, ""))

	got, err := s.SelfEvaluationSteps(ctx, r.ID)
	must(t, err)
	if diff := cmp.Diff(want, got, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".ID" }, cmp.Ignore())); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
	final, err := s.SelfEvaluationRecord(ctx, r.ID)
	must(t, err)
	if final.Status != jixiao.Published || final.Version != 8 {
		t.Errorf("final status %s version %d, want published 8", final.Status, final.Version)
	}
	// A step on a stale version is refused.
	_, err = s.TransitionSelfEvaluation(ctx, &jixiao.SelfEvalStep{RecordID: r.ID, Version: 3, Action: jixiao.ActPublish,
		From: jixiao.Approved, To: jixiao.Published, Actor: "reviewer"})
	wantCode(t, err, jixiao.ECONFLICT)
}

// testSelfEvalRace: 32 saves read at the same version; exactly one wins, the rest get
// ECONFLICT, and one revision is added.
func testSelfEvalRace(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	r := openFirst(t, s)
	raceSaves(t, 32, func(i int) error {
		c := *r
		c.Eval.Problems = "第 " + string(rune('A'+i%26)) + " 位"
		return s.SaveSelfEvaluation(ctx, &c, jixiao.SaveInfo{Author: "filler"})
	})
	revs, err := s.SelfEvaluationRevisions(ctx, r.ID)
	wantVersions(t, revs, err, []int{1, 2}, "")
}

// testSelfEvalTally: the dashboard's counts follow the saved grade and total: a draft
// without a total, then 92.5 分 优 (band 9), by state.
func testSelfEvalTally(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	p := approvedPlan(t, s)
	recs, err := s.OpenSelfEvaluations(ctx, p.ID, jixiao.SaveInfo{Author: "filler"})
	must(t, err)
	d, err := s.DepartmentByCode(ctx, "B")
	must(t, err)
	_, err = s.SelfEvalTally(ctx, 999999, p.Year)
	wantCode(t, err, jixiao.ENOTFOUND)
	got, err := s.SelfEvalTally(ctx, d.ID, p.Year)
	must(t, err)
	if diff := cmp.Diff([]jixiao.SelfEvalCount{{Status: jixiao.Draft, Band: -1, N: len(recs)}}, got); diff != "" {
		t.Errorf("tally of new self-evaluations (-want +got):\n%s", diff)
	}
	r := recs[0]
	r.Eval.WrittenTotal, r.Eval.Grade = jixiao.MustDecimal("92.5"), "优"
	must(t, s.SaveSelfEvaluation(ctx, r, jixiao.SaveInfo{Author: "filler"}))
	got, err = s.SelfEvalTally(ctx, d.ID, p.Year)
	must(t, err)
	want := []jixiao.SelfEvalCount{{Status: jixiao.Draft, Grade: "优", Band: 9, N: 1}}
	if len(recs) > 1 {
		want = append([]jixiao.SelfEvalCount{{Status: jixiao.Draft, Band: -1, N: len(recs) - 1}}, want...)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tally after a scored save (-want +got):\n%s", diff)
	}
	got, err = s.SelfEvalTally(ctx, d.ID, p.Year+1)
	must(t, err)
	if len(got) != 0 {
		t.Errorf("another year: %+v", got)
	}
}
