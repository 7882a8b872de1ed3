package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jixiao/check"
)

func TestRollupLinks(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p, err := f.store.Plan(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	rep := check.Check(p, check.Options{})
	if len(rep.Links) == 0 {
		t.Fatal("the seed has no proposed roll-ups")
	}
	l := rep.Links[0]
	if len(l.Items) < 2 {
		t.Fatalf("first link has %d items", len(l.Items))
	}
	c := f.login("filler")
	st, body := c.get(pathOf(f.demo) + "/links")
	if st != 200 || !strings.Contains(body, "自动匹配") || !strings.Contains(body, `value="`+l.Department+`"`) {
		t.Fatalf("links page: status %d\n%s", st, snippet(body))
	}
	if !strings.Contains(body, "<code>") {
		t.Error("no arithmetic on the links page")
	}
	if _, lb := f.login("leader").get(pathOf(f.demo) + "/links"); strings.Contains(lb, `action="/plans/`) && strings.Contains(lb, `/links" class="linkform"`) {
		t.Error("the leader is offered to change the links")
	}
	post := func(form url.Values) (int, string) {
		form.Set("csrf", c.csrf())
		return c.post(pathOf(f.demo)+"/links", form)
	}
	// Confirm the first department count as the sum of its first item only.
	st, body = post(url.Values{"version": {fmt.Sprint(p.Version)}, "department": {l.Department}, "items": {l.Items[0]}, "op": {"confirm"}})
	if st != http.StatusSeeOther {
		t.Fatalf("confirm: status %d\n%s", st, snippet(body))
	}
	q, _ := f.store.Plan(ctx, f.demo)
	if len(q.Links) != 1 || !q.Links[0].Confirmed || q.Links[0].Department != l.Department || len(q.Links[0].Items) != 1 || q.Links[0].Items[0] != l.Items[0] {
		t.Fatalf("stored links: %+v", q.Links)
	}
	// The checks now use the user's link.
	for _, x := range check.Check(q, check.Options{}).Links {
		if x.Department == l.Department && (!x.Confirmed || len(x.Items) != 1) {
			t.Errorf("the check ignores the confirmed link: %+v", x)
		}
	}
	_, body = c.get(pathOf(f.demo) + "/links")
	if !strings.Contains(body, "已确认") || !strings.Contains(body, "恢复自动匹配") {
		t.Error("the confirmed link is not shown as confirmed")
	}
	// An item path that is no count of the plan is refused; nothing saved.
	st, _ = post(url.Values{"version": {fmt.Sprint(q.Version)}, "department": {l.Department}, "items": {"budget.total"}, "op": {"confirm"}})
	if st != http.StatusBadRequest {
		t.Errorf("bogus item: status %d", st)
	}
	// A stale version: the conflict page.
	st, _ = post(url.Values{"version": {fmt.Sprint(p.Version)}, "department": {l.Department}, "op": {"reset"}})
	if st != http.StatusConflict {
		t.Errorf("stale: status %d, want 409", st)
	}
	// Reset: back to the matching.
	st, _ = post(url.Values{"version": {fmt.Sprint(q.Version)}, "department": {l.Department}, "op": {"reset"}})
	if st != http.StatusSeeOther {
		t.Fatalf("reset: status %d", st)
	}
	if r, _ := f.store.Plan(ctx, f.demo); len(r.Links) != 0 || r.Version != q.Version+1 {
		t.Errorf("after reset: links %+v, version %d", r.Links, r.Version)
	}
}
