package http_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"jixiao"
)

// TestNavTodoKept: the navigation's 待办 count is kept per user between pages. A write
// through this server that may change it (here marking messages read) has it read again
// at once; a draft's editor save does not; a change this server did not see (another
// server on the database, here the store directly) shows once the kept count is older
// than its bound, read beside a page.
func TestNavTodoKept(t *testing.T) {
	f := newFixture(t)
	reviewer := f.login("reviewer")
	filler := f.login("filler")
	count := func() string {
		t.Helper()
		_, body := reviewer.get("/messages")
		m := navTodoRe.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no 待办 entry in the navigation")
		}
		return m[1]
	}
	if got := count(); got != "" {
		t.Fatalf("the reviewer's 待办 shows %q before anything waits for them", got)
	}
	// Another server moves the other department's plan to 单位已审核: kept for now.
	storeStep(t, f, f.other, jixiao.ActSubmit, jixiao.RoleFiller)
	storeStep(t, f, f.other, jixiao.ActUnitApprove, jixiao.RoleLeader)
	if got := count(); got != "" {
		t.Fatalf("the kept count was read again without a write here: %q", got)
	}
	// A draft's editor save changes no count: the kept one stays.
	path := pathOf(f.demo) + "/department"
	_, page := filler.get(path)
	if st, body := filler.post(path, formValues(t, page, path)); st != http.StatusSeeOther {
		t.Fatalf("save: status %d\n%s", st, snippet(body))
	}
	if got := count(); got != "" {
		t.Fatalf("a draft's save had the counts read again: %q", got)
	}
	// Any other write here: read again before the next page.
	if st, _ := filler.post("/messages/read", url.Values{"csrf": {filler.csrf()}}); st != http.StatusSeeOther {
		t.Fatalf("mark read: status %d", st)
	}
	if got := count(); got != "1" {
		t.Fatalf("after a write here the reviewer's 待办 shows %q, want 1", got)
	}
	// Another server approves the plan; past the bound (20 s) the kept count is shown once
	// more and read again beside that page.
	storeStep(t, f, f.other, jixiao.ActApprove, jixiao.RoleReviewer)
	f.clock.Add(21 * time.Second)
	if got := count(); got != "1" {
		t.Fatalf("past the bound the page waited for the count: %q", got)
	}
	deadline := time.Now().Add(10 * time.Second)
	for count() != "" {
		if time.Now().After(deadline) {
			t.Fatal("the count kept past its bound was not read again")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
