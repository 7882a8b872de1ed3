package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// testStageDeadlines: every stage (绩效目标, 绩效自评) has its own deadlines and
// exceptions (延期) in the one table: the nearest region's deadline of the stage applies,
// setting it again replaces it, an exception of one stage does not stretch the other's,
// the lists are per stage, and the plan's head and the late units see the targets' only.
func testStageDeadlines(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	p, tree := reviewPlan(t, s) // a plan of D1 for 2021
	day := func(d int) time.Time { return time.Date(2022, 3, d, 10, 0, 0, 0, time.UTC) }
	se, tg := jixiao.StageSelfEvaluation, jixiao.StageTargets
	for _, d := range []*jixiao.Deadline{
		{Stage: se, RegionID: tree["B"].ID, Year: 2021, Due: day(1), SetBy: "a"},
		{Stage: se, RegionID: tree["B"].ID, Year: 2021, Due: day(31), SetBy: "b"},
		{Stage: se, RegionID: tree["D1"].ID, Year: 2021, Due: day(15), SetBy: "c"},
		{RegionID: tree["B"].ID, Year: 2021, Due: day(2), SetBy: "targets"},
	} {
		must(t, s.SetDeadline(ctx, d))
	}
	for _, e := range []*jixiao.DeadlineException{
		{Stage: se, DepartmentID: tree["D1"].ID, Year: 2021, Until: day(20), GrantedBy: "r", Reason: "自评资料待审计"},
		{Stage: tg, DepartmentID: tree["D2"].ID, Year: 2021, Until: day(25), GrantedBy: "r", Reason: "机构改革"},
	} {
		must(t, s.GrantException(ctx, e))
	}
	got := map[string]string{}
	for _, stage := range []jixiao.Stage{tg, se} {
		for _, dept := range []string{"B", "D2", "D1-U1"} {
			for _, year := range []int{2021, 2022} {
				key := fmt.Sprintf("%s %s %d", stage, dept, year)
				v := "none"
				if d, err := s.StageDeadlineFor(ctx, stage, tree[dept].ID, year); err == nil {
					v = fmt.Sprintf("%s %s %s", d.Stage, d.Due.UTC().Format("01-02"), d.SetBy)
				} else if jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
					t.Fatal(err)
				}
				if e, err := s.StageExceptionFor(ctx, stage, tree[dept].ID, year); err == nil {
					v += fmt.Sprintf(", %s 延期至 %s", e.Stage, e.Until.UTC().Format("01-02"))
				} else if jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
					t.Fatal(err)
				}
				got[key] = v
			}
		}
	}
	want := map[string]string{
		"targets B 2021": "targets 03-02 targets", "targets D2 2021": "targets 03-02 targets, targets 延期至 03-25",
		"targets D1-U1 2021": "targets 03-02 targets",
		"selfeval B 2021":    "selfeval 03-31 b", "selfeval D2 2021": "selfeval 03-31 b",
		"selfeval D1-U1 2021": "selfeval 03-15 c, selfeval 延期至 03-20",
	}
	for _, k := range []string{"targets B", "targets D2", "targets D1-U1", "selfeval B", "selfeval D2", "selfeval D1-U1"} {
		want[k+" 2022"] = "none"
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("deadline and exception by stage (-want +got):\n%s", diff)
	}
	// The stageless methods are the targets'.
	if d, err := s.DeadlineFor(ctx, tree["D1-U1"].ID, 2021); err != nil || d.SetBy != "targets" {
		t.Errorf("DeadlineFor: %+v, %v; want the targets'", d, err)
	}
	if _, err := s.ExceptionFor(ctx, tree["D1-U1"].ID, 2021); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		t.Errorf("ExceptionFor of D1-U1: %v, want ENOTFOUND (its exception is the self-evaluation's)", err)
	}
	lists := map[string][]string{}
	for _, stage := range []jixiao.Stage{tg, se} {
		ds, err := s.StageDeadlines(ctx, stage, tree["B"].ID)
		must(t, err)
		for _, d := range ds {
			lists[string(stage)] = append(lists[string(stage)], fmt.Sprintf("%d %s", d.Year, d.SetBy))
		}
		es, err := s.StageExceptions(ctx, stage, tree["B"].ID, 2021)
		must(t, err)
		for _, e := range es {
			lists[string(stage)] = append(lists[string(stage)], "延期 "+e.Reason)
		}
	}
	ds, err := s.Deadlines(ctx, tree["B"].ID)
	must(t, err)
	for _, d := range ds {
		lists["Deadlines"] = append(lists["Deadlines"], fmt.Sprintf("%d %s", d.Year, d.SetBy))
	}
	wantLists := map[string][]string{"targets": {"2021 targets", "延期 机构改革"}, "selfeval": {"2021 b", "延期 自评资料待审计"}, "Deadlines": {"2021 targets"}}
	if diff := cmp.Diff(wantLists, lists); diff != "" {
		t.Errorf("lists by stage (-want +got):\n%s", diff)
	}
	// The plan's head (D1, 2021) carries the targets' deadline and no exception.
	h, err := s.PlanHead(ctx, p.ID)
	must(t, err)
	if h.Deadline == nil || h.Deadline.SetBy != "targets" || h.Deadline.Stage != tg || h.Exception != nil {
		t.Errorf("plan head: deadline %+v, exception %+v; want the targets' deadline and no exception", h.Deadline, h.Exception)
	}
	for _, bad := range []error{
		s.SetDeadline(ctx, &jixiao.Deadline{Stage: se, RegionID: tree["B"].ID, Year: 2021}),
		s.SetDeadline(ctx, &jixiao.Deadline{Stage: "nosuch", RegionID: tree["B"].ID, Year: 2021, Due: day(1)}),
		s.GrantException(ctx, &jixiao.DeadlineException{Stage: "nosuch", DepartmentID: tree["D1"].ID, Year: 2021, Until: day(1), Reason: "理由充分"}),
	} {
		if jixiao.ErrorCode(bad) != jixiao.EINVALID {
			t.Errorf("a deadline without due time or of an unknown stage: %v, want EINVALID", bad)
		}
	}
}
