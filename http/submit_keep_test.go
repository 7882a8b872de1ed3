package http_test

import (
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
