package http_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// submitWith fills in the submit page's form with text(key) for every warning and
// posts it; it returns the explanations it wrote by field name.
func (c *client) submitWith(id int64, text func(key string) string) (map[string]string, int, string) {
	c.t.Helper()
	st, body := c.get(fmt.Sprintf("/plans/%d/submit", id))
	if st != 200 {
		c.t.Fatalf("submit page: %d\n%s", st, snippet(body))
	}
	v := formValues(c.t, body, fmt.Sprintf("/plans/%d/transition", id))
	wrote := map[string]string{}
	for k := range v {
		if strings.HasPrefix(k, "ex:") {
			v.Set(k, text(k))
			wrote[k] = text(k)
		}
	}
	st, body = c.post(fmt.Sprintf("/plans/%d/transition", id), v)
	return wrote, st, body
}

// explanationBoxes reads the explanation boxes of the submit page.
func explanationBoxes(t *testing.T, body string, id int64) map[string]string {
	t.Helper()
	got := map[string]string{}
	for k, vs := range formValues(t, body, fmt.Sprintf("/plans/%d/transition", id)) {
		if strings.HasPrefix(k, "ex:") {
			got[k] = vs[0]
		}
	}
	return got
}

// TestSubmitKeepsExplanationsAfterReturn: after the leader returns the plan, the submit
// page holds the explanations of the last submission, each for its own finding.
func TestSubmitKeepsExplanationsAfterReturn(t *testing.T) {
	f := newFixture(t)
	id := cleanPlan(t, f, 2022, false)
	filler, leader := f.login("filler"), f.login("leader")
	wrote, st, body := filler.submitWith(id, func(k string) string { return "说明 " + k })
	if st != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%s", st, snippet(body))
	}
	if len(wrote) != 3 {
		t.Fatalf("%d explanation fields, want 3", len(wrote))
	}
	if st, body := leader.act(id, jixiao.ActUnitReturn, 0, "请补充佐证材料"); st != http.StatusSeeOther {
		t.Fatalf("return: %d\n%s", st, snippet(body))
	}
	st, body = filler.get(fmt.Sprintf("/plans/%d/submit", id))
	if st != 200 {
		t.Fatalf("submit page after the return: %d", st)
	}
	if diff := cmp.Diff(wrote, explanationBoxes(t, body, id)); diff != "" {
		t.Errorf("the boxes after the return (-written +shown):\n%s", diff)
	}
	if !strings.Contains(body, `id="carried"`) {
		t.Error("the submit page does not say that the explanations were carried over")
	}
	// Submitting again as shown works.
	if st, body := filler.post(fmt.Sprintf("/plans/%d/transition", id), formValues(t, body, fmt.Sprintf("/plans/%d/transition", id))); st != http.StatusSeeOther {
		t.Errorf("second submit with the carried explanations: %d\n%s", st, snippet(body))
	}
}

// TestSubmitStaleKeepsExplanations: a submission of a version someone else has saved
// over shows the submit page again, for the current version, with every explanation
// the user typed kept in the box of its finding and a notice who changed it; 409.
func TestSubmitStaleKeepsExplanations(t *testing.T) {
	f := newFixture(t)
	id := cleanPlan(t, f, 2022, false)
	filler := f.login("filler")
	_, body := filler.get(fmt.Sprintf("/plans/%d/submit", id))
	v := formValues(t, body, fmt.Sprintf("/plans/%d/transition", id))
	wrote := map[string]string{}
	for k := range v {
		if strings.HasPrefix(k, "ex:") {
			v.Set(k, "我写的说明 "+k)
			wrote[k] = "我写的说明 " + k
		}
	}
	// Someone else saves the plan meanwhile.
	p, err := f.store.Plan(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	p.Duties += "（改）"
	if err := f.store.UpdatePlan(context.Background(), p, jixiao.SaveInfo{Author: "filler2"}); err != nil {
		t.Fatal(err)
	}
	st, body := filler.post(fmt.Sprintf("/plans/%d/transition", id), v)
	if st != http.StatusConflict {
		t.Fatalf("stale submit: %d, want 409\n%s", st, snippet(body))
	}
	for _, want := range []string{"<title>提交审核", "filler2于", "第 2 版", "第 1 版", "确认提交（第 2 版）"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page after a stale submit does not say %q\n%s", want, snippet(body))
		}
	}
	if strings.Contains(body, "Conflict") {
		t.Error("the page after a stale submit has an English title")
	}
	if diff := cmp.Diff(wrote, explanationBoxes(t, body, id)); diff != "" {
		t.Errorf("the boxes after a stale submit (-typed +shown):\n%s", diff)
	}
	wantState(t, f, id, jixiao.Draft, 2)
	// Submitting the page as shown now works.
	if st, body := filler.post(fmt.Sprintf("/plans/%d/transition", id), formValues(t, body, fmt.Sprintf("/plans/%d/transition", id))); st != http.StatusSeeOther {
		t.Errorf("submit after the conflict: %d\n%s", st, snippet(body))
	}
	wantState(t, f, id, jixiao.Submitted, 3)
	// A step on a stale version that has no page to re-show is refused with a Chinese title.
	leader := f.login("leader")
	if st, body := leader.act(id, jixiao.ActUnitApprove, 2, ""); st != http.StatusConflict || !strings.Contains(body, "<title>内容已被他人修改") {
		t.Errorf("stale approve: %d\n%s", st, snippet(body))
	}
}
