package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// testCommentSubjects: a comment on a self-evaluation cell is kept under its subject;
// the plan's own list and count (PlanHead.Comments) do not include it; it is answered
// like any comment; an unknown subject is refused.
func testCommentSubjects(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	p, _ := reviewPlan(t, s)
	se := jixiao.SelfEvalSubject(1)
	for _, c := range []*jixiao.Comment{
		{PlanID: p.ID, Path: "budget.basic", Author: "reviewer", Body: "基本支出请核对。"},
		{PlanID: p.ID, Subject: se, Version: 3, Path: "indicators[0].score", Author: "reviewer", Body: "得分偏高。"},
		{PlanID: p.ID, Subject: se, Version: 3, Path: "indicators[1].reason", Author: "reviewer", Body: "偏差原因过于笼统。"},
	} {
		must(t, s.AddComment(ctx, c))
	}
	list := func(subject string) []string {
		t.Helper()
		var cs []jixiao.Comment
		var err error
		if subject == "plan" {
			cs, err = s.Comments(ctx, p.ID)
		} else {
			cs, err = s.SubjectComments(ctx, p.ID, subject)
		}
		must(t, err)
		out := []string{}
		for _, c := range cs {
			out = append(out, c.Subject+" "+c.Path+" "+c.Body+" "+c.Answer)
		}
		return out
	}
	cs, err := s.SubjectComments(ctx, p.ID, se)
	must(t, err)
	n, err := s.AnswerCommentAt(ctx, p.ID, cs[0].ID, 0, "filler", "已按复核意见调整。")
	must(t, err)
	h, err := s.PlanHead(ctx, p.ID)
	must(t, err)
	got := map[string]any{"plan": list("plan"), se: list(se), "selfeval:0": list(jixiao.SelfEvalSubject(0)),
		"answers": n, "head count": h.Comments}
	want := map[string]any{
		"plan":       []string{" budget.basic 基本支出请核对。 "},
		se:           []string{"selfeval:1 indicators[0].score 得分偏高。 已按复核意见调整。", "selfeval:1 indicators[1].reason 偏差原因过于笼统。 "},
		"selfeval:0": []string{}, "answers": 1, "head count": 1,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("comments by subject (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"selfeval", "selfeval:-1", "selfeval:01", "monitoring:1"} {
		err := s.AddComment(ctx, &jixiao.Comment{PlanID: p.ID, Subject: bad, Path: "indicators[0].score", Author: "reviewer", Body: "x"})
		if jixiao.ErrorCode(err) != jixiao.EINVALID {
			t.Errorf("subject %q: %v, want EINVALID", bad, err)
		}
	}
}
