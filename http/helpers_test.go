package http_test

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao"
	jxhttp "jixiao/http"
	"jixiao/setup"
	"jixiao/sqlite"
)

// fixture is a real server over a real SQLite file with the demo data, two departments
// and one account per role (admin, security and auditor made by setup).
type fixture struct {
	t       testing.TB
	store   jixiao.ReviewStore
	srv     *jxhttp.Server
	ts      *httptest.Server
	clock   *clock
	demo    int64 // the demo plan, of department DemoDeptCode
	other   int64 // a plan of another department
	admin   int64 // the admin's user id
	unitSub string
}

const (
	otherCode = "430204102"
	subCode   = "430204101001" // a unit under the demo department
	password  = "correct-horse-1"
)

// clock is the server's clock; tests move it to expire sessions.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var users = []struct {
	name string
	role jixiao.Role
	dept string
}{
	{"filler", jixiao.RoleFiller, setup.DemoDeptCode},
	{"leader", jixiao.RoleLeader, setup.DemoDeptCode},
	{"reviewer", jixiao.RoleReviewer, setup.DemoRootCode},
	{"filler2", jixiao.RoleFiller, otherCode},
	{"reviewer2", jixiao.RoleReviewer, otherCode}, // a reviewer whose region is the other department only
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	return newFixtureConfig(t, nil)
}

// newFixtureConfig is newFixture with the server's configuration changed by set.
func newFixtureConfig(t testing.TB, set func(*jxhttp.Config)) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "jixiao.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	res, err := setup.Setup(ctx, db, setup.Options{AdminPassword: password, SecurityPassword: password, AuditorPassword: password})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, store: db, clock: &clock{t: time.Now()}, demo: res.DemoPlanID, unitSub: subCode}
	root, err := db.DepartmentByCode(ctx, setup.DemoRootCode)
	if err != nil {
		t.Fatal(err)
	}
	demoDept, err := db.DepartmentByCode(ctx, setup.DemoDeptCode)
	if err != nil {
		t.Fatal(err)
	}
	other := &jixiao.Department{Code: otherCode, Name: "石峰区教育局", ParentID: root.ID, Kind: jixiao.KindDepartment}
	if err := db.CreateDepartment(ctx, other); err != nil {
		t.Fatal(err)
	}
	sub := &jixiao.Department{Code: subCode, Name: "统战部机关服务中心", ParentID: demoDept.ID, Kind: jixiao.KindUnit}
	if err := db.CreateDepartment(ctx, sub); err != nil {
		t.Fatal(err)
	}
	// The other department's plan: a copy of the demo plan.
	p, err := db.Plan(ctx, res.DemoPlanID)
	if err != nil {
		t.Fatal(err)
	}
	p.ID, p.Version, p.Department, p.DepartmentCode = 0, 0, other.Name, other.Code
	if err := db.CreatePlan(ctx, p, jixiao.SaveInfo{Author: "test"}); err != nil {
		t.Fatal(err)
	}
	f.other = p.ID
	h, err := jxhttp.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		d, err := db.DepartmentByCode(ctx, u.dept)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.CreateUser(ctx, &jixiao.User{Username: u.name, Name: u.name, Role: u.role, DepartmentID: d.ID,
			PasswordHash: h, Created: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	a, err := db.UserByUsername(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	f.admin = a.ID
	cfg := jxhttp.Config{Now: f.clock.Now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if set != nil {
		set(&cfg)
	}
	f.srv, err = jxhttp.New(db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.ts = httptest.NewServer(f.srv)
	t.Cleanup(func() { f.ts.Close(); f.srv.Close() })
	return f
}

// client is one browser: a cookie jar, no redirects followed.
type client struct {
	t    testing.TB
	f    *fixture
	http *http.Client
}

func (f *fixture) anon() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: f.t, f: f, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// login signs in as username and fails the test if that does not work.
func (f *fixture) login(username string) *client {
	f.t.Helper()
	c := f.anon()
	st, _ := c.signIn(username, password)
	if st != http.StatusSeeOther {
		f.t.Fatalf("sign in as %s: status %d", username, st)
	}
	return c
}

var (
	loginCSRFRe = regexp.MustCompile(`name="login_csrf" value="([^"]+)"`)
	csrfRe      = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	versionRe   = regexp.MustCompile(`name="version" value="(\d+)"`)
)

func (c *client) signIn(username, pw string) (int, string) {
	c.t.Helper()
	_, body := c.get("/login")
	m := loginCSRFRe.FindStringSubmatch(body)
	if m == nil {
		c.t.Fatalf("no login_csrf in the sign-in page:\n%s", body)
	}
	return c.post("/login", url.Values{"login_csrf": {m[1]}, "username": {username}, "password": {pw}})
}

func (c *client) do(req *http.Request) (int, string, http.Header) {
	c.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

func (c *client) get(path string) (int, string) {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.f.ts.URL+path, nil)
	st, body, _ := c.do(req)
	return st, body
}

func (c *client) post(path string, form url.Values) (int, string) {
	c.t.Helper()
	req, _ := http.NewRequest("POST", c.f.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	st, body, _ := c.do(req)
	return st, body
}

// csrf reads the session's CSRF token from a page.
func (c *client) csrf() string {
	c.t.Helper()
	_, body := c.get("/account/password")
	m := csrfRe.FindStringSubmatch(body)
	if m == nil {
		c.t.Fatalf("no csrf field in the page:\n%s", body)
	}
	return m[1]
}

// form reads every named input, select and textarea of the first <form> whose action is
// action in the page at path, as a browser would submit it.
func (c *client) form(path, action string) url.Values {
	c.t.Helper()
	st, body := c.get(path)
	if st != 200 {
		c.t.Fatalf("GET %s: %d", path, st)
	}
	return formValues(c.t, body, action)
}

var (
	formRe     = regexp.MustCompile(`(?s)<form method="post" action="([^"]*)"[^>]*>(.*?)</form>`)
	inputRe    = regexp.MustCompile(`<input([^>]*)>`)
	textareaRe = regexp.MustCompile(`(?s)<textarea name="([^"]+)"[^>]*>(.*?)</textarea>`)
	selectRe   = regexp.MustCompile(`(?s)<select name="([^"]+)"[^>]*>(.*?)</select>`)
	selectedRe = regexp.MustCompile(`<option value="([^"]*)" selected>`)
	attrRe     = regexp.MustCompile(`(\w+)="([^"]*)"`)
)

func formValues(t testing.TB, body, action string) url.Values {
	t.Helper()
	for _, m := range formRe.FindAllStringSubmatch(body, -1) {
		if m[1] != action {
			continue
		}
		v := url.Values{}
		for _, in := range inputRe.FindAllStringSubmatch(m[2], -1) {
			attrs := map[string]string{}
			for _, a := range attrRe.FindAllStringSubmatch(in[1], -1) {
				attrs[a[1]] = unescape(a[2])
			}
			if attrs["name"] == "" || attrs["type"] == "radio" || attrs["type"] == "checkbox" {
				continue
			}
			v.Add(attrs["name"], attrs["value"])
		}
		for _, ta := range textareaRe.FindAllStringSubmatch(m[2], -1) {
			v.Add(ta[1], unescape(ta[2]))
		}
		for _, s := range selectRe.FindAllStringSubmatch(m[2], -1) {
			if sel := selectedRe.FindStringSubmatch(s[2]); sel != nil {
				v.Add(s[1], unescape(sel[1]))
			} else {
				v.Add(s[1], "")
			}
		}
		return v
	}
	t.Fatalf("no form with action %s in:\n%s", action, body)
	return nil
}

func unescape(s string) string { return html.UnescapeString(s) }

// cellHTML returns the HTML of the <td> with the id, up to its end.
func cellHTML(t testing.TB, body, id string) string {
	t.Helper()
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no cell %s in the page", id)
	}
	j := strings.Index(body[i:], "</td>")
	if j < 0 {
		t.Fatalf("cell %s does not end", id)
	}
	return body[i : i+j]
}
