package http_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestLibraryLearnFromWeb: the finance bureau rebuilds the library from the web after
// plans are approved (before, the demo's 指标库 stayed at 0 entries unless someone ran
// `jixiao library learn` on the server); a draft teaches nothing; a unit cannot.
func TestLibraryLearnFromWeb(t *testing.T) {
	f := newFixture(t)
	rv := f.login("reviewer")
	total := regexp.MustCompile(`指标库共 (\d+) 条指标`)
	learn := func() (int, string) {
		req, _ := http.NewRequest("POST", f.ts.URL+"/review/library/learn", strings.NewReader(url.Values{"csrf": {rv.csrf()}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		st, _, h := rv.do(req)
		return st, h.Get("Location")
	}
	if st, loc := learn(); st != http.StatusSeeOther {
		t.Fatalf("learn: %d %q", st, loc)
	}
	_, page := rv.get("/review/library")
	if m := total.FindStringSubmatch(page); m == nil || m[1] != "0" {
		t.Errorf("learnt from drafts only: %v, want 0 entries", m)
	}
	approve(t, f.store, f.demo)
	st, loc := learn()
	if st != http.StatusSeeOther {
		t.Fatalf("learn: %d", st)
	}
	_, page = rv.get(loc)
	if m := total.FindStringSubmatch(page); m == nil || m[1] == "0" {
		t.Errorf("after approving the demo plan the library has %v entries", m)
	}
	if !strings.Contains(page, "已从 1 份已通过和已公开的绩效目标") {
		t.Errorf("no notice of what was learnt:\n%s", snippet(page))
	}
	fl := f.login("filler")
	if st, _ := fl.post("/review/library/learn", url.Values{"csrf": {fl.csrf()}}); st != http.StatusForbidden {
		t.Errorf("a unit's learn: %d, want 403", st)
	}
}
