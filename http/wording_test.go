package http_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestOverviewWording: what a user walking through the demo read and tripped over. The
// overview covers every table, so its findings do not say “在其他表中”; the read-only
// note says 只读 once; a page not found off the public pages leads back to them.
func TestOverviewWording(t *testing.T) {
	f := newFixture(t)
	_, page := f.login("leader").get(pathOf(f.demo))
	if !strings.Contains(page, `id="findings"`) {
		t.Fatalf("no findings on the overview:\n%s", snippet(page))
	}
	if strings.Contains(page, "在其他表中") {
		t.Error("the overview's findings say 在其他表中, but the overview covers every table")
	}
	if strings.Count(page, "只读") != 1 || !strings.Contains(page, "角色只能阅读，不能修改绩效目标。") {
		i := strings.Index(page, `id="lock"`)
		t.Errorf("the read-only note: %q", page[max(i, 0):min(max(i, 0)+200, len(page))])
	}
	st, body := f.anon().get("/public/plans/999999/print/department")
	if st != http.StatusNotFound || !strings.Contains(body, `href="/public"`) {
		t.Errorf("a public page not found: %d, want 404 with a link back to /public:\n%s", st, snippet(body))
	}
}

// TestAmountRefusalQuotesTyped: a refused amount is quoted as typed: “一百万”, not “一百”
// (what was left once the 万 was taken off).
func TestAmountRefusalQuotesTyped(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	form := c.form(pathOf(f.demo)+"/department", pathOf(f.demo)+"/department")
	form.Set("budget.total", "一百万")
	_, body := c.post(pathOf(f.demo)+"/department", form)
	if !strings.Contains(body, "“一百万”不是数值") || strings.Contains(body, "“一百”不是数值") {
		i := strings.Index(body, "不是数值")
		t.Errorf("the refusal does not quote what was typed: %q", body[max(i-80, 0):max(i, 0)])
	}
}
