package http_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/setup"
)

var nextRe = regexp.MustCompile(`name="next" value="([^"]*)"`)

// expireAndPost lets the session of c expire and posts form to path: the answer is the
// sign-in page, the form kept. It returns the sign-in page.
func expireAndPost(t *testing.T, f *fixture, c *client, path string, form url.Values) string {
	t.Helper()
	f.clock.Add(31 * time.Minute)
	st, body := c.post(path, form)
	if st != http.StatusUnauthorized || !strings.Contains(body, "登录已过期，尚未保存") || !strings.Contains(body, `name="login_csrf"`) {
		t.Fatalf("expired save: status %d\n%s", st, snippet(body))
	}
	return body
}

// signInFrom signs in on the sign-in page body (its next kept) and follows the redirect.
func signInFrom(t *testing.T, c *client, body string) (int, string) {
	t.Helper()
	m, n := loginCSRFRe.FindStringSubmatch(body), nextRe.FindStringSubmatch(body)
	if m == nil || n == nil {
		t.Fatalf("no sign-in form in:\n%s", snippet(body))
	}
	next := unescape(n[1])
	if !strings.Contains(next, "?resume=") {
		t.Fatalf("the sign-in page leads to %q, not back to the form", next)
	}
	st, _, h := c.postH("/login", url.Values{"login_csrf": {m[1]}, "username": {"filler"}, "password": {password}, "next": {next}})
	if st != http.StatusSeeOther || h.Get("Location") != next {
		t.Fatalf("sign in: %d to %q, want %q", st, h.Get("Location"), next)
	}
	return c.get(next)
}

// A save after the idle session expired keeps what was typed through signing in again;
// the resumed form is unsaved, saved by 保存, and still version-checked.
func TestSaveAfterExpiryKeepsTyping(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	path := pathOf(f.demo) + "/department"
	c := f.login("filler")
	form := c.form(path, path)
	form.Set("duties", "登录过期前输入的很长一段职责。")
	form.Set("reason", "补充职责")
	form.Set("op", "save")
	login := expireAndPost(t, f, c, path, form)
	if p, _ := f.store.Plan(ctx, f.demo); p.Version != 1 {
		t.Fatalf("the expired post saved version %d", p.Version)
	}
	st, body := signInFrom(t, c, login)
	if st != 200 || !strings.Contains(body, "已恢复您在登录过期前填写的内容") || !strings.Contains(body, `data-unsaved="1"`) {
		t.Fatalf("resumed editor: %d\n%s", st, snippet(body))
	}
	shown := formValues(t, body, path)
	if shown.Get("duties") != "登录过期前输入的很长一段职责。" || shown.Get("version") != "1" {
		t.Fatalf("resumed form: duties %q version %q", shown.Get("duties"), shown.Get("version"))
	}
	if p, _ := f.store.Plan(ctx, f.demo); p.Version != 1 {
		t.Fatalf("resuming saved version %d", p.Version)
	}
	// The token is spent: the same address shows the stored plan.
	if _, again := c.get(pathOf(f.demo) + "/department?resume=x"); strings.Contains(again, "登录过期前输入的") {
		t.Error("a second resume shows the stashed form again")
	}
	shown.Set("op", "save")
	if st, _ := c.post(path, shown); st != http.StatusSeeOther {
		t.Fatalf("save: %d", st)
	}
	p, _ := f.store.Plan(ctx, f.demo)
	revs, _ := f.store.Revisions(ctx, f.demo)
	if p.Duties != "登录过期前输入的很长一段职责。" || p.Version != 2 || revs[len(revs)-1].Reason != "修改部门整体支出绩效目标表：补充职责" {
		t.Errorf("after save: v%d %q, reason %q", p.Version, p.Duties, revs[len(revs)-1].Reason)
	}
}

// The version check still holds after the detour: a plan saved by someone else while the
// user signed in again gets the conflict page.
func TestResumedSaveIsVersionChecked(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	path := pathOf(f.demo) + "/department"
	c := f.login("filler")
	form := c.form(path, path)
	form.Set("duties", "我的修改。")
	login := expireAndPost(t, f, c, path, form)
	p, _ := f.store.Plan(ctx, f.demo)
	p.Duties = "他人的修改。"
	if err := f.store.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: "leader"}); err != nil {
		t.Fatal(err)
	}
	_, body := signInFrom(t, c, login)
	shown := formValues(t, body, path)
	shown.Set("op", "save")
	st, rb := c.post(path, shown)
	if st != http.StatusConflict {
		t.Errorf("resumed stale save: %d\n%s", st, snippet(rb))
	}
	if q, _ := f.store.Plan(ctx, f.demo); q.Duties != "他人的修改。" {
		t.Errorf("the stale save overwrote: %q", q.Duties)
	}
}

// Another browser that learns the token restores nothing, and a form posted from another
// site is not kept.
func TestResumeTokenBoundToBrowser(t *testing.T) {
	f := newFixture(t)
	path := pathOf(f.demo) + "/department"
	c := f.login("filler")
	form := c.form(path, path)
	form.Set("duties", "别人不该看到的内容。")
	login := expireAndPost(t, f, c, path, form)
	next := unescape(nextRe.FindStringSubmatch(login)[1])
	other := f.login("filler")
	if _, body := other.get(next); strings.Contains(body, "别人不该看到的内容。") {
		t.Error("another browser restored the form with the token alone")
	}
	// Nor does another user signing in next on the same browser.
	m, n := loginCSRFRe.FindStringSubmatch(login), nextRe.FindStringSubmatch(login)
	if st, _, _ := c.postH("/login", url.Values{"login_csrf": {m[1]}, "username": {"leader"}, "password": {password}, "next": {unescape(n[1])}}); st != http.StatusSeeOther {
		t.Fatalf("sign in as leader: %d", st)
	}
	if _, body := c.get(next); strings.Contains(body, "别人不该看到的内容。") {
		t.Error("another user on the same browser restored the form")
	}
	// The owner still can, signing in on that browser.
	c.postH("/logout", url.Values{"csrf": {c.csrf()}})
	_, login = c.get("/login?next=" + url.QueryEscape(next))
	if _, body := signInFrom(t, c, login); !strings.Contains(body, "别人不该看到的内容。") {
		t.Error("the owner's form was spent by the other browser's attempt")
	}

	d := f.login("filler")
	form = d.form(path, path)
	f.clock.Add(31 * time.Minute)
	req, _ := http.NewRequest("POST", f.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if st, body, _ := d.do(req); st != http.StatusUnauthorized || strings.Contains(body, "?resume=") {
		t.Errorf("cross-site post: %d, kept: %v", st, strings.Contains(body, "?resume="))
	}
}

// The editor's page is cached for everyone with the same rights; the user it names in
// its hidden field "by" is still the one who reads it, so that each resumes their own.
func TestEditorNamesItsReader(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d, _ := f.store.DepartmentByCode(ctx, setup.DemoDeptCode)
	u, _ := f.store.UserByUsername(ctx, "filler")
	twin := &jixiao.User{Username: "filler-b", Name: "filler-b", Role: jixiao.RoleFiller, DepartmentID: d.ID, PasswordHash: u.PasswordHash, Created: time.Now()}
	if err := f.store.CreateUser(ctx, twin); err != nil {
		t.Fatal(err)
	}
	path := pathOf(f.demo) + "/department"
	for _, name := range []string{"filler", "filler-b", "filler"} {
		if got := f.login(name).form(path, path).Get("by"); got != name {
			t.Errorf("%s's editor names %q", name, got)
		}
	}
}

// A save from a window left open after 退出登录 in another window keeps what was typed
// through signing in again, as after an expired session (the walkthrough lost it: the
// sign-out cleared the cookie that says this browser was signed in).
func TestSaveAfterSignOutKeepsTyping(t *testing.T) {
	f := newFixture(t)
	path := pathOf(f.demo) + "/department"
	c := f.login("filler")
	form := c.form(path, path)
	form.Set("duties", "另一个窗口退出登录前输入的职责。")
	form.Set("op", "save")
	if st, _ := c.post("/logout", url.Values{"csrf": {c.csrf()}}); st != http.StatusSeeOther {
		t.Fatalf("sign out: status %d", st)
	}
	if st, _ := c.get("/"); st != http.StatusSeeOther {
		t.Fatalf("a page after sign-out: status %d, want the way to sign in", st)
	}
	st, login := c.post(path, form)
	if st != http.StatusUnauthorized || !strings.Contains(login, "您已在其他窗口退出登录，尚未保存") {
		t.Fatalf("save after sign-out: status %d\n%s", st, snippet(login))
	}
	st, body := signInFrom(t, c, login)
	if st != 200 || !strings.Contains(body, `data-unsaved="1"`) {
		t.Fatalf("resumed editor: %d\n%s", st, snippet(body))
	}
	if got := formValues(t, body, path).Get("duties"); got != "另一个窗口退出登录前输入的职责。" {
		t.Fatalf("resumed duties %q", got)
	}
}
