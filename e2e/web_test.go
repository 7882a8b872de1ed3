package e2e

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	jxhttp "jixiao/http"
	"jixiao/setup"
	"jixiao/sqlite"
)

const adminPassword = "admin-e2e-password"

// startServer runs the real server on a random loopback port over a fresh SQLite file
// with the demo data, as jixiao serve does on first start.
func startServer(t *testing.T) (base string, demoPlan int64) {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "jixiao.db"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	res, err := setup.Setup(ctx, db, setup.Options{AdminPassword: adminPassword})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := jxhttp.New(db, jxhttp.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, l) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		db.Close()
	})
	return "http://" + l.Addr().String(), res.DemoPlanID
}

// chromium finds the browser, or skips (fails with CI=true).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is missing (CI=true): install chromium and fonts-noto-cjk")
	}
	t.Skip("Chromium is missing: apt-get install -y --no-install-recommends chromium fonts-noto-cjk")
	return ""
}

// browser starts Chromium and returns its context.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1366, 900))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	actx, c1 := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(c1)
	bctx, c2 := chromedp.NewContext(actx)
	t.Cleanup(c2)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return bctx
}

// tab is one browser session (its own browser context: its own cookies).
type tab struct {
	t     *testing.T
	name  string
	ctx   context.Context
	base  string
	shots string

	mu   sync.Mutex
	errs []string // JavaScript errors, CSP violations
}

func newTab(t *testing.T, bctx context.Context, name, base, shots string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	tb := &tab{t: t, name: name, ctx: ctx, base: base, shots: shots}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			// Network entries report HTTP statuses, which the test checks itself (a 409
			// conflict page is expected); everything else at error level is a failure:
			// exceptions, console.error, CSP violations.
			if m.IsException() || (m.Type == "error" && m.Source != "network") {
				tb.mu.Lock()
				tb.errs = append(tb.errs, fmt.Sprintf("%s (%s:%d)", m.Text, m.URL, m.Line+1))
				tb.mu.Unlock()
			}
		}
	}()
	return tb
}

// check fails the test on a blank page, a template or internal error, or a JavaScript
// error so far.
func (tb *tab) check(what string) {
	tb.t.Helper()
	text, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if err != nil {
		tb.t.Fatalf("%s: %s: read the page: %v", tb.name, what, err)
	}
	if len(strings.TrimSpace(text)) < 20 {
		tb.t.Fatalf("%s: %s: blank page: %q", tb.name, what, text)
	}
	for _, bad := range []string{"template:", "内部错误", "executing \"", "<no value>"} {
		if strings.Contains(text, bad) {
			tb.t.Fatalf("%s: %s: the page shows %q:\n%s", tb.name, what, bad, text)
		}
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.errs) > 0 {
		tb.t.Fatalf("%s: %s: JavaScript console errors:\n%s", tb.name, what, strings.Join(tb.errs, "\n"))
	}
}

// open navigates to path and checks the page.
func (tb *tab) open(path string) {
	tb.t.Helper()
	resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(tb.base+path))
	if err != nil {
		tb.t.Fatalf("%s: open %s: %v", tb.name, path, err)
	}
	if resp.Status != 200 {
		tb.t.Fatalf("%s: open %s: status %d", tb.name, path, resp.Status)
	}
	tb.check("open " + path)
}

// submit clicks a submit button and waits for the page it leads to; it returns the
// status of that page.
func (tb *tab) submit(sel string) int64 {
	tb.t.Helper()
	resp, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		tb.t.Fatalf("%s: click %s: %v", tb.name, sel, err)
	}
	tb.check("after clicking " + sel)
	return resp.Status
}

func (tb *tab) set(sel, value string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.SetValue(chromedp.CSS(sel), value)); err != nil {
		tb.t.Fatalf("%s: set %s: %v", tb.name, sel, err)
	}
}

func (tb *tab) text(sel string) string {
	tb.t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](fmt.Sprintf(`(function(){var e=document.querySelector(%q);return e?e.innerText:"<missing>"})()`, sel)))
	if err != nil {
		tb.t.Fatalf("%s: text of %s: %v", tb.name, sel, err)
	}
	return s
}

func (tb *tab) count(sel string) int {
	tb.t.Helper()
	n, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)))
	if err != nil {
		tb.t.Fatalf("%s: count %s: %v", tb.name, sel, err)
	}
	return n
}

func (tb *tab) location() string {
	tb.t.Helper()
	loc, err := chromedp.Run(tb.ctx, chromedp.Location())
	if err != nil {
		tb.t.Fatal(err)
	}
	return strings.TrimPrefix(loc, tb.base)
}

// shot writes a full-page screenshot.
func (tb *tab) shot(name string) {
	tb.t.Helper()
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100)) // quality 100: PNG
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	if len(png) < 1000 {
		tb.t.Fatalf("screenshot %s: only %d bytes", name, len(png))
	}
	if err := os.WriteFile(filepath.Join(tb.shots, name+".png"), png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

func (tb *tab) signIn(user, pw string) {
	tb.t.Helper()
	tb.open("/login")
	tb.set("#username", user)
	tb.set("#password", pw)
	if st := tb.submit(".login button[type=submit]"); st != 200 {
		tb.t.Fatalf("%s: sign in as %s: status %d", tb.name, user, st)
	}
	if strings.HasPrefix(tb.location(), "/login") {
		tb.t.Fatalf("%s: sign in as %s failed: %s", tb.name, user, tb.text("main"))
	}
}

func shotsDir(t *testing.T) string {
	dir := os.Getenv("JIXIAO_E2E_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

const (
	unitCode = "430204101001"
	unitName = "统战部机关服务中心"
	filler   = "tianbao"
)

func TestWebApplication(t *testing.T) {
	bctx := browser(t)
	base, demo := startServer(t)
	shots := shotsDir(t)
	a := newTab(t, bctx, "A", base, shots)

	// The administrator creates a unit under the demo department and a filler account.
	a.signIn("admin", adminPassword)
	a.open("/admin/departments")
	a.set("#code", unitCode)
	a.set("#name", unitName)
	a.set("#parent", setup.DemoDeptCode)
	a.set("#kind", "unit")
	a.submit("form[action='/admin/departments'] button[type=submit]")
	if !strings.Contains(a.text("table.tree"), unitName) {
		t.Fatalf("the new unit is not in the tree:\n%s", a.text("main"))
	}
	a.shot("01-admin-departments")
	a.open("/admin/users")
	a.set("#username", filler)
	a.set("#name", "田填报")
	a.set("#role", "filler")
	a.set("#department", setup.DemoDeptCode)
	a.submit("form[action='/admin/users'] button[type=submit]")
	if !strings.Contains(a.text("main"), "已新建账号") {
		t.Fatalf("account not created:\n%s", a.text("main"))
	}
	// 三员分立: the administrator chooses no password; the random one is shown once.
	fillerPW := strings.TrimSpace(a.text("code.password"))
	a.shot("02-admin-users")
	a.submit("#top form button")

	// The filler first chooses their own password (the administrator's one is for
	// that alone), then creates the unit's 2021 plan as a copy of the demo plan.
	a.signIn(filler, fillerPW)
	if loc := a.location(); loc != "/account/password" {
		t.Fatalf("a new account's first page is %s, want the password form", loc)
	}
	a.set("#old", fillerPW)
	fillerPW = "Tianbao-own-2026"
	a.set("#new", fillerPW)
	a.set("#again", fillerPW)
	a.submit(`form[action="/account/password"] button[type=submit]`)
	a.open("/plans")
	a.shot("03-plan-list")
	a.open("/plans/new")
	a.set("#year", "2021")
	a.set("#department", unitCode)
	if err := chromedp.Do(a.ctx, chromedp.Click(chromedp.CSS("input[name=source][value=copy]"))); err != nil {
		t.Fatal(err)
	}
	a.set("#from", fmt.Sprint(demo))
	a.submit("form[action='/plans'] button[type=submit]")
	plan := a.location()
	if !strings.HasPrefix(plan, "/plans/") || !strings.Contains(a.text(".planhead"), unitName) {
		t.Fatalf("the copy did not open: %s\n%s", plan, a.text("main"))
	}
	a.shot("04-plan-overview")

	// Change 项目支出 so the totals no longer add up: the error appears beside 资金总额.
	dept := plan + "/department"
	a.open(dept)
	a.set("#in-f-budget-basic", "137.0104") // the seed's fifth decimal, fixed first
	a.set("#in-f-budget-project", "35")
	a.submit(".savebar button[value=save]")
	total := a.text("#f-budget-total")
	if a.count("#f-budget-total .finding-error") == 0 || !strings.Contains(total, "错误") {
		t.Fatalf("no error beside 资金总额 after 项目支出 = 35:\n%s", total)
	}
	a.shot("05-department-error")
	a.set("#in-f-budget-project", "30")
	a.submit(".savebar button[value=save]")
	if n := a.count("#f-budget-total .finding-error"); n != 0 {
		t.Fatalf("资金总额 still has %d errors after the fix:\n%s", n, a.text("#f-budget-total"))
	}

	// Add an indicator ≥95%: shown as understood while typing (script) and after saving.
	// The row is added in the page (script), saved with the form.
	before := a.count("table.indicators tbody tr")
	if err := chromedp.Do(a.ctx, chromedp.Click(chromedp.CSS("button[value='add:indicators']"))); err != nil {
		t.Fatal(err)
	}
	if got := a.count("table.indicators tbody tr"); got != before+1 {
		t.Fatalf("rows after add: %d, want %d", got, before+1)
	}
	row := fmt.Sprintf("indicators[%d]", before)
	id := fmt.Sprintf("f-indicators-%d", before)
	a.set(fmt.Sprintf("select[name='%s.level1']", row), "产出指标")
	a.set(fmt.Sprintf("select[name='%s.level2']", row), "产出质量")
	a.set(fmt.Sprintf("textarea[name='%s.name']", row), "培训参训率")
	if err := chromedp.Do(a.ctx, chromedp.SendKeys(chromedp.CSS(fmt.Sprintf("input[name='%s.target']", row)), "≥95%")); err != nil {
		t.Fatal(err)
	}
	live := fmt.Sprintf(`(document.querySelector("#%s-target .understood")||{}).textContent||""`, id)
	if _, err := chromedp.Run(a.ctx, chromedp.Poll[bool]("("+live+`).indexOf("≥ 95 %") >= 0`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("the target is not understood while typing: %q (%v)", a.text("#"+id+"-target"), err)
	}
	a.submit(".savebar button[value=save]")
	if got := a.text("#" + id + "-target .understood"); !strings.Contains(got, "≥ 95 %") {
		t.Fatalf("after save, the target reads %q", got)
	}
	a.shot("06-indicator-understood")

	// Two sessions edit the same version; the second save gets the conflict page.
	b := newTab(t, bctx, "B", base, shots)
	b.signIn(filler, fillerPW)
	a.open(dept)
	b.open(dept)
	a.set("#in-f-budget-basic", "137.01")
	a.set("#in-f-budget-project", "30.0004")
	if st := a.submit(".savebar button[value=save]"); st != 200 {
		t.Fatalf("first save: status %d", st)
	}
	b.set("#in-f-budget-basic", "100")
	if st := b.submit(".savebar button[value=save]"); st != 409 {
		t.Fatalf("second save: status %d, want 409\n%s", st, b.text("main"))
	}
	if txt := b.text(".conflict-box"); !strings.Contains(txt, "保存冲突") || !strings.Contains(txt, "尚未保存") {
		t.Fatalf("no conflict page:\n%s", b.text("main"))
	}
	if b.count(".sidebyside .jx-sheet") != 2 {
		t.Errorf("the conflict page does not show both versions")
	}
	b.shot("07-conflict")
	b.open(dept)
	if v, _ := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS("#in-f-budget-basic"))); v != "137.01" {
		t.Errorf("after reload, 基本支出 is %q, want the first save's 137.01", v)
	}

	// The print view of the department table.
	a.open(plan + "/print/department")
	if a.count(".printarea .jx-sheet") != 1 || !strings.Contains(a.text(".printarea"), "部门整体支出绩效目标表") {
		t.Fatalf("print view:\n%s", a.text("main"))
	}
	a.shot("08-print-department")
	pdf, err := chromedp.Run(a.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground()))
	if err != nil || len(pdf) < 1000 {
		t.Fatalf("print to PDF: %d bytes, %v", len(pdf), err)
	}
	if err := os.WriteFile(filepath.Join(shots, "08-print-department.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}

	// History and a diff of two versions.
	a.open(plan + "/history")
	a.submit("button[form=compare]")
	if !strings.Contains(a.text("main"), "基本支出") {
		t.Errorf("the diff of the last two versions does not show 基本支出:\n%s", a.text("main"))
	}
	a.shot("09-diff")
	a.open(plan + "/funds")
	a.shot("10-funds")
	a.open(plan + "/funds/0/items/0")
	a.shot("11-item")
	// The editors at a phone's width too (the walkthrough found them squeezed).
	a.open(plan + "/department")
	a.shots2("12-department")
	a.open(plan + "/funds/0/items/0")
	a.shots2("13-item")
	a.open(plan + "/funds")
	a.shots2("14-funds")
	if errors.Is(a.ctx.Err(), context.DeadlineExceeded) {
		t.Fatal("the browser timed out")
	}
}
