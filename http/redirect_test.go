package http_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestSignInNextStaysOnSite: after sign-in the user is sent to next only when it is a
// clean path of this server; every way of naming another host lands on the home page.
func TestSignInNextStaysOnSite(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct{ next, want string }{
		{"/plans?year=2021", "/plans?year=2021"},
		{"/plans/1/history", "/plans/1/history"},
		{"/\t/127.0.0.2:18099/pwned", "/"},
		{"/%09/127.0.0.2:18099/pwned", "/"}, // a tab once decoded
		{"//127.0.0.2:18099/pwned", "/"},
		{"/\\127.0.0.2/pwned", "/"},
		{"/%5C127.0.0.2/pwned", "/"},
		{"/%2F127.0.0.2/pwned", "/"},
		{"\\\\127.0.0.2/pwned", "/"},
		{"/\r\n/evil.example", "/"},
		{"/\u200b/evil.example", "/"},
		{"https://evil.example/", "/"},
		{"javascript:alert(1)", "/"},
		{"plans", "/"},
		{"", "/"},
	} {
		c := f.anon()
		_, body := c.get("/login?next=" + url.QueryEscape(tc.next))
		m := loginCSRFRe.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no login_csrf in the sign-in page")
		}
		form := url.Values{"login_csrf": {m[1]}, "username": {"filler"}, "password": {password}, "next": {tc.next}}
		req, _ := http.NewRequest("POST", f.ts.URL+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		st, _, h := c.do(req)
		if st != http.StatusSeeOther || h.Get("Location") != tc.want {
			t.Errorf("next=%q: %d Location %q, want 303 %q", tc.next, st, h.Get("Location"), tc.want)
		}
	}
}
