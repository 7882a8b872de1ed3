package http_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"jixiao"
	jxhttp "jixiao/http"
	"jixiao/setup"
)

func TestPasswordHash(t *testing.T) {
	h, err := jxhttp.HashPassword("秘密 password")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not an argon2id encoding", h)
	}
	h2, _ := jxhttp.HashPassword("秘密 password")
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	for _, tc := range []struct {
		hash, pw string
		want     bool
	}{
		{h, "秘密 password", true},
		{h, "秘密 passworD", false},
		{h, "", false},
		{"", "", false},
		{"$argon2id$v=19$m=0,t=2,p=1$AAAA$AAAA", "", false},
		{strings.Replace(h, "$argon2id$", "$argon2i$", 1), "秘密 password", false},
	} {
		if got := jxhttp.CheckPassword(tc.hash, tc.pw); got != tc.want {
			t.Errorf("CheckPassword(%q, %q) = %v, want %v", tc.hash, tc.pw, got, tc.want)
		}
	}
}

func TestSignIn(t *testing.T) {
	f := newFixture(t)
	c := f.anon()
	if st, body := c.signIn("filler", "wrong"); st != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码错误") {
		t.Errorf("wrong password: %d\n%s", st, snippet(body))
	}
	if st, _ := c.signIn("nobody", password); st != http.StatusUnauthorized {
		t.Errorf("unknown user: %d", st)
	}
	// The sign-in form needs its double-submit token.
	if st, _ := c.post("/login", url.Values{"username": {"filler"}, "password": {password}}); st != http.StatusForbidden {
		t.Errorf("sign-in without login_csrf: %d, want 403", st)
	}
	st, _ := c.signIn("filler", password)
	if st != http.StatusSeeOther {
		t.Fatalf("sign in: %d", st)
	}
	// The cookie holds a token; the store holds only its SHA-256.
	u, _ := url.Parse(f.ts.URL)
	var token string
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "jx_session" {
			token = ck.Value
		}
	}
	if token == "" {
		t.Fatal("no session cookie")
	}
	sum := sha256.Sum256([]byte(token))
	if _, err := f.store.Session(context.Background(), hex.EncodeToString(sum[:])); err != nil {
		t.Errorf("session by the token's hash: %v", err)
	}
	if _, err := f.store.Session(context.Background(), token); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		t.Errorf("session by the raw token: %v, want not found", err)
	}
	if st, _ := c.get("/plans"); st != http.StatusOK {
		t.Errorf("GET /plans signed in: %d", st)
	}
	// Sign out ends the session; the same cookie no longer works.
	if st, _ := c.post("/logout", url.Values{"csrf": {c.csrf()}}); st != http.StatusSeeOther {
		t.Errorf("logout: %d", st)
	}
	if st, _ := c.get("/plans"); st != http.StatusSeeOther {
		t.Errorf("GET /plans after sign-out: %d, want a redirect to sign in", st)
	}
}

func TestLockAfterFailedSignIns(t *testing.T) {
	f := newFixture(t)
	c := f.anon()
	for i := 0; i < 5; i++ {
		c.signIn("leader", "wrong")
	}
	if st, body := c.signIn("leader", password); st != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码错误") {
		t.Errorf("right password on a locked account: %d\n%s", st, snippet(body))
	}
	f.clock.Add(16 * time.Minute)
	if st, _ := c.signIn("leader", password); st != http.StatusSeeOther {
		t.Errorf("after the lock expired: %d", st)
	}
}

func TestIdleExpiry(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	f.clock.Add(20 * time.Minute)
	if st, _ := c.get("/plans"); st != http.StatusOK {
		t.Fatalf("after 20 idle minutes: %d", st)
	}
	f.clock.Add(29 * time.Minute) // the request above moved the expiry
	if st, _ := c.get("/plans"); st != http.StatusOK {
		t.Fatalf("after 29 more idle minutes: %d", st)
	}
	f.clock.Add(31 * time.Minute)
	if st, _ := c.get("/plans"); st != http.StatusSeeOther {
		t.Errorf("after 31 idle minutes: %d, want a redirect to sign in", st)
	}
}

func TestCSRF(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	for _, path := range []string{"/logout", fmt.Sprintf("/plans/%d/department", f.demo), "/plans", "/account/password"} {
		if st, _ := c.post(path, url.Values{"version": {"1"}}); st != http.StatusForbidden {
			t.Errorf("POST %s without csrf: %d, want 403", path, st)
		}
		if st, _ := c.post(path, url.Values{"csrf": {"forged"}, "version": {"1"}}); st != http.StatusForbidden {
			t.Errorf("POST %s with a wrong csrf: %d, want 403", path, st)
		}
	}
	// Another session's token is no good either.
	other := f.login("filler")
	if st, _ := c.post("/logout", url.Values{"csrf": {other.csrf()}}); st != http.StatusForbidden {
		t.Errorf("POST with another session's csrf: %d, want 403", st)
	}
}

func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t)
	resp, err := http.Get(f.ts.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "script-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows inline code: %q", csp)
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") == "" {
		t.Errorf("headers: %v", resp.Header)
	}
	for _, ck := range resp.Cookies() {
		if !ck.HttpOnly || ck.SameSite == http.SameSiteNoneMode {
			t.Errorf("cookie %s: HttpOnly=%v SameSite=%v", ck.Name, ck.HttpOnly, ck.SameSite)
		}
	}
}

// No page may carry inline script or style: the CSP forbids them and they would break.
func TestNoInlineScriptOrStyle(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	for _, path := range []string{"/plans", "/plans/new", fmt.Sprintf("/plans/%d", f.demo), fmt.Sprintf("/plans/%d/department", f.demo),
		fmt.Sprintf("/plans/%d/funds", f.demo), fmt.Sprintf("/plans/%d/funds/0/items/0", f.demo),
		fmt.Sprintf("/plans/%d/print/department", f.demo), fmt.Sprintf("/plans/%d/history", f.demo)} {
		st, body := c.get(path)
		if st != 200 {
			t.Errorf("GET %s: %d", path, st)
			continue
		}
		for _, bad := range []string{"<script>", "<style", "onclick=", "javascript:"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: page contains %q", path, bad)
			}
		}
	}
}

func TestPlanListScope(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		user      string
		query     string
		want, not []string
		status    int
	}{
		{"filler", "", []string{"统一战线工作部"}, []string{"石峰区教育局"}, 200},
		{"leader", "", []string{"统一战线工作部"}, []string{"石峰区教育局"}, 200},
		{"reviewer", "", []string{"统一战线工作部", "石峰区教育局"}, nil, 200},
		{"reviewer", "?q=教育", []string{"石峰区教育局"}, []string{"统一战线工作部</td>"}, 200},
		{"reviewer", "?year=2020", []string{"没有符合条件的绩效目标"}, nil, 200},
		{"reviewer", "?department=" + otherCode, []string{"石峰区教育局"}, []string{"统一战线工作部</td>"}, 200},
		{"filler2", "?department=" + setup.DemoDeptCode, nil, nil, http.StatusForbidden},
		{"filler", "?year=abc", nil, nil, http.StatusBadRequest},
	} {
		st, body := f.login(tc.user).get("/plans" + tc.query)
		if st != tc.status {
			t.Errorf("%s %s: %d, want %d", tc.user, tc.query, st, tc.status)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s %s: list lacks %q", tc.user, tc.query, w)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(body, n) {
				t.Errorf("%s %s: list shows %q", tc.user, tc.query, n)
			}
		}
	}
}

var planURLRe = regexp.MustCompile(`^/plans/(\d+)$`)

func TestCreatePlan(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	if st, _ := c.get("/plans/new"); st != 200 {
		t.Fatalf("GET /plans/new: %d", st)
	}
	create := func(v url.Values) (int, string, string) {
		v.Set("csrf", c.csrf())
		req, _ := http.NewRequest("POST", f.ts.URL+"/plans", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		st, body, h := c.do(req)
		return st, body, h.Get("Location")
	}
	// A copy of the demo plan for the sub-unit.
	st, _, loc := create(url.Values{"year": {"2021"}, "department": {subCode}, "source": {"copy"}, "from": {fmt.Sprint(f.demo)}})
	if st != http.StatusSeeOther || !planURLRe.MatchString(loc) {
		t.Fatalf("create a copy: %d %q", st, loc)
	}
	var id int64
	fmt.Sscanf(loc, "/plans/%d", &id)
	p, err := f.store.Plan(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if p.DepartmentCode != subCode || p.Year != 2021 || p.Budget.Total.String() != "167.0104" || len(p.Items()) != 3 {
		t.Errorf("copy: %s %d %s %d items", p.DepartmentCode, p.Year, p.Budget.Total, len(p.Items()))
	}
	// The same department and year again is refused with a message.
	if st, body, _ := create(url.Values{"year": {"2021"}, "department": {subCode}, "source": {"empty"}}); st != http.StatusUnprocessableEntity || !strings.Contains(body, "已有 2021 年") {
		t.Errorf("duplicate: %d\n%s", st, snippet(body))
	}
	// A copy of last year's for 2022, with the periods moved a year.
	st, _, loc = create(url.Values{"year": {"2022"}, "department": {setup.DemoDeptCode}, "source": {"lastyear"}})
	if st != http.StatusSeeOther {
		t.Fatalf("copy of last year: %d", st)
	}
	fmt.Sscanf(loc, "/plans/%d", &id)
	p, _ = f.store.Plan(context.Background(), id)
	if it := p.Items()[0]; it.Period.FromYear != 2022 || it.Period.Text != "2022.1-2022.12" {
		t.Errorf("period of the copy: %+v", it.Period)
	}
	// An empty plan starts with the framework's indicator rows.
	st, _, loc = create(url.Values{"year": {"2023"}, "department": {setup.DemoDeptCode}, "source": {"empty"}, "framework": {"national-2021"}})
	if st != http.StatusSeeOther {
		t.Fatalf("empty plan: %d", st)
	}
	fmt.Sscanf(loc, "/plans/%d", &id)
	p, _ = f.store.Plan(context.Background(), id)
	if p.Framework != "national-2021" || len(p.Indicators) == 0 {
		t.Errorf("empty plan: framework %q, %d indicator rows", p.Framework, len(p.Indicators))
	}
	// Not for another department, and not as a copy of a plan one may not read.
	if st, _, _ := create(url.Values{"year": {"2024"}, "department": {otherCode}, "source": {"empty"}}); st != http.StatusForbidden {
		t.Errorf("create for another department: %d, want 403", st)
	}
	if st, _, _ := create(url.Values{"year": {"2024"}, "department": {setup.DemoDeptCode}, "source": {"copy"}, "from": {fmt.Sprint(f.other)}}); st != http.StatusForbidden {
		t.Errorf("copy another department's plan: %d, want 403", st)
	}
	if st, _, _ := create(url.Values{"year": {"20x"}, "department": {setup.DemoDeptCode}}); st != http.StatusUnprocessableEntity {
		t.Errorf("bad year: %d", st)
	}
}

func TestDepartmentEditor(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	path := fmt.Sprintf("/plans/%d/department", f.demo)
	st, body := c.get(path)
	if st != 200 {
		t.Fatalf("GET %s: %d", path, st)
	}
	// The seed's 基本支出 has a fifth decimal (a warning beside it), and 基本支出 + 项目支出
	// ≠ 资金总额 (an error beside 资金总额), each marked by icon and word, not colour only.
	if cell := cellHTML(t, body, "f-budget-basic"); !strings.Contains(cell, "finding-warning") || !strings.Contains(cell, "▲ 警告") {
		t.Errorf("no warning beside 基本支出:\n%s", cell)
	}
	if cell := cellHTML(t, body, "f-budget-total"); !strings.Contains(cell, "finding-error") || !strings.Contains(cell, "✖ 错误") {
		t.Errorf("no error beside 资金总额:\n%s", cell)
	}
	if !strings.Contains(body, `<a href="#f-budget`) {
		t.Error("the summary does not link to the budget cells")
	}
	if !strings.Contains(body, "<details class=\"passes\">") {
		t.Error("no passes on demand")
	}
	// Level choices come from the framework.
	if !strings.Contains(body, `<optgroup label="产出指标">`) {
		t.Error("no level-2 choices grouped by level 1")
	}

	form := c.form(path, path)
	// An amount that is not a number is refused with the field named, and nothing saved.
	bad := cloneValues(form)
	bad.Set("budget.basic", "137.0.1")
	st, body = c.post(path, bad)
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, "“基本支出”") || !strings.Contains(body, `value="137.0.1"`) {
		t.Errorf("bad amount: %d\n%s", st, snippet(body))
	}
	// Fix 基本支出 so the totals add up, and add an indicator row: the row button shows
	// the form again with the row and the typing, not saved.
	good := cloneValues(form)
	good.Set("budget.basic", "137.0104")
	before, _ := f.store.PlanAt(context.Background(), f.demo, 1)
	form = c.rowOp(path, good, "add:indicators")
	n := len(before.Indicators) + 1
	last := fmt.Sprintf("indicators[%d]", n-1)
	if _, ok := form[last+".name"]; !ok || form.Get("budget.basic") != "137.0104" {
		t.Fatalf("the added row %s is not in the form, or the typing was dropped (basic %q)", last, form.Get("budget.basic"))
	}
	form.Set(last+".level1", "产出指标")
	form.Set(last+".level2", "产出质量")
	form.Set(last+".name", "培训参训率")
	form.Set(last+".target", "≥95%")
	if st, _ := c.post(path, form); st != http.StatusSeeOther {
		t.Fatalf("save the indicator: %d", st)
	}
	p, _ := f.store.Plan(context.Background(), f.demo)
	if p.Version != 2 || p.Budget.Basic.String() != "137.0104" || len(p.Indicators) != n {
		t.Errorf("after save: version %d basic %s, %d rows (want 2, 137.0104, %d)", p.Version, p.Budget.Basic, len(p.Indicators), n)
	}
	st, body = c.get(path)
	if cell := cellHTML(t, body, "f-"+strings.NewReplacer("[", "-", "]", "").Replace(last)+"-target"); !strings.Contains(cell, "已识别为 数值：≥ 95 %") {
		t.Errorf("the target is not shown as understood:\n%s", cell)
	}
	if cell := cellHTML(t, body, "f-budget-total"); strings.Contains(cell, "finding-error") {
		t.Errorf("the totals add up, yet 资金总额 still has an error:\n%s", cell)
	}
	// Move the new row up, then delete it, then save once: one revision.
	form = c.form(path, path)
	form = c.rowOp(path, form, fmt.Sprintf("up:indicators:%d", n-1))
	if form.Get(fmt.Sprintf("indicators[%d].name", n-2)) != "培训参训率" {
		t.Errorf("after up: row %d is %q", n-2, form.Get(fmt.Sprintf("indicators[%d].name", n-2)))
	}
	form = c.rowOp(path, form, fmt.Sprintf("del:indicators:%d", n-2))
	if st, _ := c.post(path, form); st != http.StatusSeeOther {
		t.Fatalf("save after delete: %d", st)
	}
	p, _ = f.store.Plan(context.Background(), f.demo)
	if len(p.Indicators) != n-1 || p.Version != 3 {
		t.Errorf("after delete: %d rows, version %d, want %d rows, version 3", len(p.Indicators), p.Version, n-1)
	}
	// Key tasks too.
	form = c.form(path, path)
	k := len(p.KeyTasks)
	form = c.rowOp(path, form, "add:keyTasks")
	form.Set(fmt.Sprintf("keyTasks[%d].item", k), "新增重点工作")
	c.post(path, form)
	p, _ = f.store.Plan(context.Background(), f.demo)
	if len(p.KeyTasks) != k+1 || p.KeyTasks[k].Item != "新增重点工作" {
		t.Errorf("key tasks: %d, last %+v", len(p.KeyTasks), p.KeyTasks[len(p.KeyTasks)-1])
	}
}

// rowOp presses a row button (op) on the form at path: the form comes back with the
// change, marked unsaved, and the store is not written. It returns the form as shown.
func (c *client) rowOp(path string, form url.Values, op string) url.Values {
	c.t.Helper()
	ctx := context.Background()
	before, err := c.f.store.Plan(ctx, c.f.demo)
	if err != nil {
		c.t.Fatal(err)
	}
	form = cloneValues(form)
	form.Set("op", op)
	st, body := c.post(path, form)
	if st != http.StatusOK || !strings.Contains(body, `id="unsaved"`) || !strings.Contains(body, `data-unsaved="1"`) {
		c.t.Fatalf("%s: status %d, or not marked unsaved:\n%s", op, st, snippet(body))
	}
	if after, _ := c.f.store.Plan(ctx, c.f.demo); after.Version != before.Version {
		c.t.Fatalf("%s saved version %d", op, after.Version)
	}
	out := formValues(c.t, body, path)
	out.Del("op")
	return out
}

func TestStaleSaveShowsConflict(t *testing.T) {
	f := newFixture(t)
	a, b := f.login("filler"), f.login("filler")
	path := fmt.Sprintf("/plans/%d/department", f.demo)
	fa, fb := a.form(path, path), b.form(path, path)
	fa.Set("budget.basic", "137.0104")
	if st, _ := a.post(path, fa); st != http.StatusSeeOther {
		t.Fatalf("first save: %d", st)
	}
	fb.Set("budget.basic", "100")
	st, body := b.post(path, fb)
	if st != http.StatusConflict || !strings.Contains(body, "保存冲突") {
		t.Fatalf("stale save: %d\n%s", st, snippet(body))
	}
	p, _ := f.store.Plan(context.Background(), f.demo)
	if p.Budget.Basic.String() != "137.0104" || p.Version != 2 {
		t.Errorf("the stale save changed the plan: basic %s version %d", p.Budget.Basic, p.Version)
	}
	// Both versions are on the page, and the user's values can be saved knowingly.
	if !strings.Contains(body, "我的版本") || !strings.Contains(body, "已保存的版本 2") || strings.Count(body, "jx-sheet") < 2 {
		t.Errorf("the conflict page does not show both versions:\n%s", snippet(body))
	}
	again := formValues(t, body, path)
	if again.Get("version") != "2" || again.Get("budget.basic") != "100" {
		t.Errorf("overwrite form: version %q basic %q", again.Get("version"), again.Get("budget.basic"))
	}
	again.Set("op", "save")
	if st, _ := b.post(path, again); st != http.StatusSeeOther {
		t.Errorf("knowing overwrite: %d", st)
	}
	p, _ = f.store.Plan(context.Background(), f.demo)
	if p.Budget.Basic.String() != "100" || p.Version != 3 {
		t.Errorf("after the overwrite: basic %s version %d", p.Budget.Basic, p.Version)
	}
}

func TestFundsEditor(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	path := fmt.Sprintf("/plans/%d/funds", f.demo)
	st, body := c.get(path)
	if st != 200 || !strings.Contains(body, "jx-sheet") {
		t.Fatalf("GET %s: %d", path, st)
	}
	// The seed's summary disagrees with two 附件3 tables: the written text is offered.
	if !strings.Contains(body, "导入文件中的汇总表原文与附件3不一致") {
		t.Error("the imported summary is not offered")
	}
	form := c.form(path, path)
	form = c.rowOp(path, form, "add:items:0")
	form.Set("specialFunds[0].items[3].name", "新支出方向")
	if st, _ := c.post(path, form); st != http.StatusSeeOther {
		t.Fatalf("save the new item: %d", st)
	}
	p, _ := f.store.Plan(context.Background(), f.demo)
	items := p.SpecialFunds[0].Items
	if len(items) != 4 || items[3].Name != "新支出方向" {
		t.Fatalf("after add: %d items", len(items))
	}
	// The items the save did not change keep their summary rows as written; the new one's
	// row is derived.
	for i, it := range items {
		if (it.Summary != nil) != (i < 3) {
			t.Errorf("item %s: written summary %v after adding an item", it.Name, it.Summary)
		}
	}
	if p.FundsTotal.String() != "30" || p.SpecialFunds[0].Amount.String() != "30" {
		t.Errorf("derived totals: %s %s", p.FundsTotal, p.SpecialFunds[0].Amount)
	}
	// Move the new item to the top, then delete it.
	form = c.form(path, path)
	form = c.rowOp(path, form, "up:items:0:3")
	if form.Get("specialFunds[0].items[2].name") != "新支出方向" {
		t.Errorf("after up: %q", form.Get("specialFunds[0].items[2].name"))
	}
	form = c.rowOp(path, form, "del:items:0:2")
	c.post(path, form)
	p, _ = f.store.Plan(context.Background(), f.demo)
	if len(p.SpecialFunds[0].Items) != 3 || p.SpecialFunds[0].Items[2].Name == "新支出方向" {
		t.Errorf("after delete: %d items", len(p.SpecialFunds[0].Items))
	}
	// An empty fund name is refused.
	form = c.form(path, path)
	form.Set("specialFunds[0].name", "")
	if st, body := c.post(path, form); st != http.StatusUnprocessableEntity || !strings.Contains(body, "请填写专项资金的名称") {
		t.Errorf("empty fund name: %d", st)
	}
}

func TestItemEditor(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	path := fmt.Sprintf("/plans/%d/funds/0/items/1", f.demo)
	form := c.form(path, path)
	pre := "specialFunds[0].items[1]"
	form.Set(pre+".amount", "abc")
	if st, body := c.post(path, form); st != http.StatusUnprocessableEntity || !strings.Contains(body, "“项目金额”") {
		t.Errorf("bad amount: %d", st)
	}
	form.Set(pre+".amount", "12")
	form.Set(pre+".period", "2021年3月-2021年12月")
	form = c.rowOp(path, form, "add:"+pre+".indicators")
	if st, _ := c.post(path, form); st != http.StatusSeeOther {
		t.Fatalf("save: %d", st)
	}
	p, _ := f.store.Plan(context.Background(), f.demo)
	it := p.SpecialFunds[0].Items[1]
	if it.Amount.String() != "12" || it.Period.FromMonth != 3 || p.SpecialFunds[0].Amount.String() != "32" {
		t.Errorf("item: %s %+v fund %s", it.Amount, it.Period, p.SpecialFunds[0].Amount)
	}
	if st, _ := c.get(fmt.Sprintf("/plans/%d/funds/0/items/9", f.demo)); st != http.StatusNotFound {
		t.Errorf("missing item: %d", st)
	}
}

func TestReadOnlyForLeaderAndReviewer(t *testing.T) {
	f := newFixture(t)
	for _, u := range []string{"leader", "reviewer"} {
		st, body := f.login(u).get(fmt.Sprintf("/plans/%d/department", f.demo))
		if st != 200 || strings.Contains(body, `value="save"`) || !strings.Contains(body, "只读") {
			t.Errorf("%s: %d, the department table is not read-only", u, st)
		}
	}
}

func TestLockedPlan(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p, _ := f.store.Plan(ctx, f.demo)
	p.Status = jixiao.Submitted
	if err := f.store.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: "test"}); err != nil {
		t.Fatal(err)
	}
	c := f.login("filler")
	path := fmt.Sprintf("/plans/%d/department", f.demo)
	st, body := c.get(path)
	if st != 200 || strings.Contains(body, `value="save"`) {
		t.Errorf("a submitted plan is editable: %d", st)
	}
	v := url.Values{"csrf": {c.csrf()}, "version": {fmt.Sprint(p.Version)}}
	if st, _ := c.post(path, v); st != http.StatusLocked {
		t.Errorf("saving a submitted plan: %d, want 423", st)
	}
}

func TestPrintHistoryPreview(t *testing.T) {
	f := newFixture(t)
	c := f.login("reviewer")
	for _, tc := range []struct {
		path   string
		status int
		want   string
	}{
		{fmt.Sprintf("/plans/%d/print/department", f.demo), 200, "部门整体支出绩效目标表"},
		{fmt.Sprintf("/plans/%d/print/summary", f.demo), 200, "专项资金预算绩效目标汇总表"},
		{fmt.Sprintf("/plans/%d/print/item:3", f.demo), 200, "jx-sheet"},
		{fmt.Sprintf("/plans/%d/print/item:9", f.demo), 404, "附件3"},
		{fmt.Sprintf("/plans/%d/history", f.demo), 200, "示例数据"},
		{fmt.Sprintf("/plans/%d", f.demo), 200, "审核结果"},
		{"/plans/999999", 404, "不存在"},
		{"/plans/abc", 404, "不存在"},
		{"/nowhere", 404, "不存在"},
		{"/static/style.css", 200, "#nav"},
		{"/static/render.css", 200, ".jx-sheet"},
		{"/static/", 404, ""},
	} {
		st, body := c.get(tc.path)
		if st != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s: %d, want %d with %q\n%s", tc.path, st, tc.status, tc.want, snippet(body))
		}
	}
	// The print view allows exactly the official table's style attributes, by hash.
	req, _ := http.NewRequest("GET", f.ts.URL+fmt.Sprintf("/plans/%d/print/department", f.demo), nil)
	_, _, h := c.do(req)
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "'unsafe-hashes' 'sha256-") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("print view CSP: %s", csp)
	}
	st, body := c.get("/targets/preview?text=" + url.QueryEscape("90%") + "&level1=" + url.QueryEscape("满意度指标"))
	var got struct{ Understood, Kind string }
	if err := json.Unmarshal([]byte(body), &got); st != 200 || err != nil || got.Understood != "数值：≥ 90 %（满意度指标，百分比视为“不低于”）" {
		t.Errorf("preview: %d %v %+v", st, err, got)
	}
}

func TestAdminPages(t *testing.T) {
	f := newFixture(t)
	c := f.login("admin")
	csrf := c.csrf()
	if st, _ := c.post("/admin/departments", url.Values{"csrf": {csrf}, "code": {"430204103"}, "name": {"石峰区民政局"},
		"parent": {setup.DemoRootCode}, "kind": {"department"}}); st != http.StatusSeeOther {
		t.Fatalf("create department: %d", st)
	}
	if st, body := c.post("/admin/departments", url.Values{"csrf": {csrf}, "code": {"430204103"}, "name": {"重复"},
		"parent": {setup.DemoRootCode}, "kind": {"department"}}); st != http.StatusUnprocessableEntity {
		t.Errorf("duplicate code: %d\n%s", st, snippet(body))
	}
	if _, body := c.get("/admin/departments"); !regexp.MustCompile(`└ <a href="/admin/departments/\d+">石峰区民政局</a>`).MatchString(body) {
		t.Error("the new department is not in the tree")
	}
	st, body := c.post("/admin/users", url.Values{"csrf": {csrf}, "username": {"mzj"}, "name": {"民政填报"}, "role": {"filler"}, "department": {"430204103"}})
	m := regexp.MustCompile(`<code class="password">([^<]+)</code>`).FindStringSubmatch(body)
	if st != 200 || m == nil {
		t.Fatalf("create user: %d\n%s", st, snippet(body))
	}
	mz := f.anon()
	if st, _ := mz.signIn("mzj", m[1]); st != http.StatusSeeOther {
		t.Fatalf("sign in with the shown password: %d", st)
	}
	// The account made by the administrator chooses its own password first: every page
	// leads to the form, a POST elsewhere is refused.
	if st, _ := mz.get("/plans"); st != http.StatusSeeOther {
		t.Errorf("new filler's list before the password change: %d, want 303 to the password form", st)
	}
	if st, body := mz.get("/account/password"); st != 200 || !strings.Contains(body, "请先设定您自己的密码") {
		t.Errorf("password form of a new account: %d", st)
	}
	if st, _ := mz.post("/account/tokens", url.Values{"csrf": {mz.csrf()}, "name": {"脚本"}}); st != http.StatusForbidden {
		t.Errorf("a POST before the password change: %d, want 403", st)
	}
	if st, _ := mz.post("/account/password", url.Values{"csrf": {mz.csrf()}, "old": {m[1]}, "new": {"Mzj-own-pass-9"}, "again": {"Mzj-own-pass-9"}}); st != http.StatusSeeOther {
		t.Fatalf("first password change: %d", st)
	}
	if st, body := mz.get("/plans"); st != 200 || !strings.Contains(body, "没有符合条件") {
		t.Errorf("new filler's list: %d", st)
	}
	for _, bad := range []url.Values{
		{"username": {"x"}, "name": {"a"}, "role": {"filler"}, "department": {"430204103"}},
		{"username": {"abc"}, "name": {"a"}, "role": {"filler"}},
		{"username": {"abc"}, "name": {"a"}, "role": {"auditor"}, "department": {"430204103"}},
		{"username": {"mzj"}, "name": {"a"}, "role": {"filler"}, "department": {"430204103"}},
	} {
		bad.Set("csrf", csrf)
		if st, _ := c.post("/admin/users", bad); st != http.StatusUnprocessableEntity {
			t.Errorf("create user %v: %d, want 422", bad, st)
		}
	}
	// Disable the account: its session ends.
	u, _ := f.store.UserByUsername(context.Background(), "mzj")
	upath := fmt.Sprintf("/admin/users/%d", u.ID)
	if st, _ := c.get(upath); st != 200 {
		t.Fatalf("GET %s: %d", upath, st)
	}
	if st, _ := c.post(upath, url.Values{"csrf": {csrf}, "name": {"民政填报"}, "role": {"filler"}, "department": {"430204103"}, "disabled": {"1"}}); st != http.StatusSeeOther {
		t.Fatalf("disable: %d", st)
	}
	if st, _ := mz.get("/plans"); st != http.StatusSeeOther {
		t.Errorf("a disabled account still has a session: %d", st)
	}
	// Reset gives a new password shown once.
	st, body = c.post(upath, url.Values{"csrf": {csrf}, "reset": {"1"}})
	if st != 200 || !strings.Contains(body, "密码已重置") {
		t.Errorf("reset: %d", st)
	}
	// The admin cannot demote themself.
	if st, _ := c.post(fmt.Sprintf("/admin/users/%d", f.admin), url.Values{"csrf": {csrf}, "name": {"x"}, "role": {"filler"}, "department": {setup.DemoDeptCode}}); st != http.StatusUnprocessableEntity {
		t.Errorf("self demotion: %d", st)
	}
}

func TestChangePassword(t *testing.T) {
	f := newFixture(t)
	c, other := f.login("leader"), f.login("leader")
	for _, tc := range []struct{ old, nw, again, want string }{
		{"wrong", "new-password-1", "new-password-1", "当前密码不正确"},
		{password, "short", "short", "太短"},
		{password, "new-password-1", "new-password-2", "不一致"},
	} {
		st, body := c.post("/account/password", url.Values{"csrf": {c.csrf()}, "old": {tc.old}, "new": {tc.nw}, "again": {tc.again}})
		if st != http.StatusBadRequest || !strings.Contains(body, tc.want) {
			t.Errorf("%+v: %d", tc, st)
		}
	}
	if st, _ := c.post("/account/password", url.Values{"csrf": {c.csrf()}, "old": {password}, "new": {"new-password-1"}, "again": {"new-password-1"}}); st != http.StatusSeeOther {
		t.Fatalf("change: %d", st)
	}
	if st, _ := c.get("/plans"); st != 200 {
		t.Errorf("this browser lost its session: %d", st)
	}
	if st, _ := other.get("/plans"); st != http.StatusSeeOther {
		t.Errorf("another session survived the password change: %d", st)
	}
	if st, _ := f.anon().signIn("leader", "new-password-1"); st != http.StatusSeeOther {
		t.Errorf("sign in with the new password: %d", st)
	}
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func TestDiff(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	path := fmt.Sprintf("/plans/%d/department", f.demo)
	form := c.form(path, path)
	form.Set("budget.basic", "137.0104")
	if st, _ := c.post(path, form); st != http.StatusSeeOther {
		t.Fatal(st)
	}
	st, body := c.get(fmt.Sprintf("/plans/%d/diff?from=1&to=2", f.demo))
	if st != 200 || !strings.Contains(body, "基本支出") || !strings.Contains(body, "137.01041") || !strings.Contains(body, "137.0104<") {
		t.Errorf("diff 1→2: %d\n%s", st, snippet(body))
	}
	if st, _ := c.get(fmt.Sprintf("/plans/%d/diff?from=1&to=9", f.demo)); st != http.StatusNotFound {
		t.Errorf("diff to a missing version: %d", st)
	}
	if st, _ := c.get(fmt.Sprintf("/plans/%d/diff?against=lastyear", f.demo)); st != http.StatusNotFound {
		t.Errorf("diff with a missing last year: %d", st)
	}
	// A 2022 plan copied from 2021 and changed: against last year shows the change.
	req := url.Values{"csrf": {c.csrf()}, "year": {"2022"}, "department": {setup.DemoDeptCode}, "source": {"lastyear"}}
	c.post("/plans", req)
	dept, _ := f.store.DepartmentByCode(context.Background(), setup.DemoDeptCode)
	p, err := f.store.PlanByDepartmentYear(context.Background(), dept.ID, 2022)
	if err != nil {
		t.Fatal(err)
	}
	st, body = c.get(fmt.Sprintf("/plans/%d/diff?against=lastyear", p.ID))
	if st != 200 || !strings.Contains(body, "2021 年") || !strings.Contains(body, "项目实施期") {
		t.Errorf("against last year: %d\n%s", st, snippet(body))
	}
}
