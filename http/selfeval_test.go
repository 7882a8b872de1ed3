package http_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// approve takes a stored plan through the review to approval, through the store.
func approve(t *testing.T, s jixiao.ReviewStore, id int64) {
	t.Helper()
	ctx := context.Background()
	for _, st := range []struct {
		a    jixiao.Action
		role jixiao.Role
	}{{jixiao.ActSubmit, jixiao.RoleFiller}, {jixiao.ActUnitApprove, jixiao.RoleLeader}, {jixiao.ActApprove, jixiao.RoleReviewer}} {
		p, err := s.Plan(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		to, err := jixiao.NextStatus(p.Status, st.a, st.role, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Transition(ctx, &jixiao.TransitionRecord{PlanID: id, Version: p.Version, Action: st.a, From: p.Status, To: to, Actor: string(st.role)}, nil); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSelfEvalPages checks who may do what on self-evaluations, that a stale or
// malformed save is refused with the cell named, that a draft is not re-checked, and
// that the steps are audited.
func TestSelfEvalPages(t *testing.T) {
	f := newFixture(t)
	filler, filler2, leader, reviewer := f.login("filler"), f.login("filler2"), f.login("leader"), f.login("reviewer")
	demo := fmt.Sprintf("/plans/%d/selfeval", f.demo)

	// Not approved yet: nothing to open.
	if st, body := filler.post(demo, url.Values{"csrf": {filler.csrf()}}); st != 422 && st != 400 || !strings.Contains(body, "尚未经财政审核通过") {
		t.Fatalf("opening before approval: status %d\n%s", st, snippet(body))
	}
	approve(t, f.store, f.demo)
	if st, body := filler.post(demo, url.Values{"csrf": {filler.csrf()}}); st != 303 {
		t.Fatalf("open: status %d\n%s", st, snippet(body))
	}
	form := filler.form(demo+"/0", demo+"/0")
	version := form.Get("version")

	stale := cloneValues(form)
	stale.Set("version", "1")
	stale.Set("ia1", "100%")
	bad := cloneValues(form)
	bad.Set("iw2", "十二")
	type step struct {
		who    string
		path   string
		form   url.Values
		status int
		says   string
	}
	steps := []step{
		{"filler2", demo + "/0", nil, 403, "只能访问本单位"},
		{"leader", demo + "/0", cloneValues(form), 403, ""},
		{"reviewer", demo + "/0/recheck", url.Values{"indicator": {"1"}, "score": {"5"}, "reason": {"佐证不足"}}, 423, "只有单位已审核"},
		{"filler", demo + "/0", bad, 422, "第 3 行指标“工作及时完成率”的分值填写的“十二”不是数字"},
		{"filler", demo + "/0", cloneValues(form), 303, ""},
		{"filler", demo + "/0", stale, 409, "您读取的是第 1 版"},
		{"filler", demo + "/0/transition", url.Values{"action": {"submit"}, "version": {version}}, 303, ""}, // refused: stale, back to the page
	}
	clients := map[string]*client{"filler": filler, "filler2": filler2, "leader": leader, "reviewer": reviewer}
	var got, want []string
	for _, s := range steps {
		c := clients[s.who]
		if s.form == nil {
			s.form = url.Values{}
		}
		s.form.Set("csrf", c.csrf())
		st, body := c.post(s.path, s.form)
		got = append(got, fmt.Sprintf("%s %s %d %v", s.who, s.path, st, strings.Contains(unescape(body), s.says)))
		want = append(want, fmt.Sprintf("%s %s %d true", s.who, s.path, s.status))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
	// The other department's filler does not even read the records.
	if st, _ := filler2.get(demo + "/0"); st != 403 {
		t.Errorf("another department's filler reads the self-evaluation: status %d", st)
	}
	es := auditActions(t, f)
	for _, a := range []string{"selfeval_open", "selfeval_save"} {
		if !hasEntry(es, "filler", a, "ok") {
			t.Errorf("no audit entry %s by filler", a)
		}
	}
}
