package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"jixiao"
	jxhttp "jixiao/http"
	"jixiao/setup"
	"jixiao/sqlite"
	"jixiao/xlsx"
)

// startFormsServer is startServer with a filler of the demo department (tianbao,
// reviewPW); it returns the store too, to see what was saved.
func startFormsServer(t *testing.T) (base string, demo int64, store jixiao.Store) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "jixiao.db"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := setup.Setup(ctx, db, setup.Options{AdminPassword: adminPassword})
	if err != nil {
		t.Fatal(err)
	}
	h, err := jxhttp.HashPassword(reviewPW)
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.DepartmentByCode(ctx, setup.DemoDeptCode)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateUser(ctx, &jixiao.User{Username: "tianbao", Name: "田填报", Role: jixiao.RoleFiller, DepartmentID: d.ID, PasswordHash: h, Created: time.Now()}); err != nil {
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
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, l) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		db.Close()
	})
	return "http://" + l.Addr().String(), res.DemoPlanID, db
}

// dialogs answers the tab's JavaScript dialogs (confirm, beforeunload) with accept and
// records their types.
type dialogs struct {
	mu     sync.Mutex
	accept bool
	seen   []string
}

func (tb *tab) answerDialogs() *dialogs {
	d := &dialogs{accept: true}
	evs := chromedp.Events(tb.ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range evs {
			if err != nil {
				return
			}
			d.mu.Lock()
			d.seen = append(d.seen, string(ev.Type)+": "+ev.Message)
			accept := d.accept
			d.mu.Unlock()
			chromedp.Call(tb.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: accept})
		}
	}()
	return d
}

func (d *dialogs) set(accept bool) { d.mu.Lock(); d.accept = accept; d.mu.Unlock() }

func (d *dialogs) saw(kind string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, s := range d.seen {
		if strings.HasPrefix(s, kind+":") {
			return true
		}
	}
	return false
}

// js runs an expression in the page.
func js[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("%s: %s: %v", tb.name, expr, err)
	}
	return v
}

// oneCellTemplate writes the blank template of year with 资金总额 alone filled in.
func oneCellTemplate(t *testing.T, year int) string {
	t.Helper()
	var b bytes.Buffer
	if err := xlsx.Template(&b, year, &jixiao.Framework{ID: "hunan-2021", Name: "湖南省 2021"}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet := x.GetSheetList()[0]
	x.SetCellValue(sheet, "C5", "300")
	path := filepath.Join(t.TempDir(), "一格模板.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFormsKeepData: a one-cell template uploaded into the full demo plan is previewed
// and cancelled, leaving the plan as it was; an old version is restored; a split is
// applied with unsaved typing on the page, which stays; rows are added, pasted from
// Excel, deleted and saved once; leaving a page with unsaved changes asks first.
func TestFormsKeepData(t *testing.T) {
	bctx := browser(t)
	base, demo, db := startFormsServer(t)
	shots := shotsDir(t)
	ctx := context.Background()
	a := newTab(t, bctx, "F", base, shots)
	dl := a.answerDialogs()
	a.signIn("tianbao", reviewPW)
	v1, err := db.Plan(ctx, demo)
	if err != nil {
		t.Fatal(err)
	}

	// 1. The one-cell template: a preview, a loud warning, and cancel changes nothing.
	a.open("/plans/import")
	if err := chromedp.Do(a.ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{oneCellTemplate(t, v1.Year)})); err != nil {
		t.Fatal(err)
	}
	if st := a.submit("form[action='/plans/import'] button[type=submit]"); st != 200 {
		t.Fatalf("upload: status %d\n%s", st, a.text("main"))
	}
	main := a.text("main")
	for _, s := range []string{"导入预览", "确认替换将删除绩效目标的大部分内容", "合并：只填入文件中有的内容", "确认替换", "部门职责概述"} {
		if !strings.Contains(main, s) {
			t.Errorf("the preview does not say %q:\n%s", s, main)
		}
	}
	if now, _ := db.Plan(ctx, demo); now.Version != v1.Version {
		t.Fatalf("the upload saved version %d before any confirmation", now.Version)
	}
	for _, w := range []int64{1280, 390} {
		if err := chromedp.Do(a.ctx, chromedp.EmulateViewport(w, 900)); err != nil {
			t.Fatal(err)
		}
		if over := js[bool](a, `document.documentElement.scrollWidth > window.innerWidth + 1`); over {
			t.Errorf("at %d px the preview scrolls sideways", w)
		}
		a.shot(fmt.Sprintf("20-import-preview-%d", w))
	}
	if err := chromedp.Do(a.ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
	if st := a.submit("#import-cancel"); st != 200 || !strings.Contains(a.text(".flash"), "已取消导入，绩效目标未作任何修改") {
		t.Fatalf("cancel: status %d\n%s", st, a.text("main"))
	}
	after, _ := db.Plan(ctx, demo)
	if after.Version != v1.Version || len(jixiao.DiffPlans(v1, after)) != 0 {
		t.Fatalf("the cancelled import changed the plan: version %d, %d changes", after.Version, len(jixiao.DiffPlans(v1, after)))
	}

	// 2. A second version, then 恢复到此版本 (asked first) brings the first back as a third.
	dept := fmt.Sprintf("/plans/%d/department", demo)
	a.open(dept)
	a.set("textarea[name=duties]", "第二版：职责被改写。")
	if st := a.submit(".savebar button[value=save]"); st != 200 {
		t.Fatalf("save version 2: %d", st)
	}
	a.open(fmt.Sprintf("/plans/%d/history", demo))
	a.shot("21-history")
	if st := a.submit(fmt.Sprintf("#v%d form.restore button", v1.Version)); st != 200 || !strings.Contains(a.text(".flash"), fmt.Sprintf("已恢复到第 %d 版", v1.Version)) {
		t.Fatalf("restore: status %d\n%s", st, a.text("main"))
	}
	if !dl.saw("confirm") {
		t.Error("恢复到此版本 did not ask first")
	}
	v3, _ := db.Plan(ctx, demo)
	if v3.Version != v1.Version+2 || v3.Duties != v1.Duties {
		t.Fatalf("after restore: version %d, duties %q", v3.Version, v3.Duties)
	}
	a.open(fmt.Sprintf("/plans/%d/print/department?version=%d", demo, v1.Version+1))
	if !strings.Contains(a.text(".printarea"), "第二版：职责被改写。") || !strings.Contains(a.text("#old-version"), "历史版本") {
		t.Errorf("the print view of version 2 does not show version 2:\n%s", a.text("main"))
	}

	// 3. Typing on the page, then 一键拆分: the split is applied to the form as typed.
	a.open(dept)
	rows := a.count("table.indicators tbody tr")
	if err := chromedp.Do(a.ctx, chromedp.SendKeys(chromedp.CSS("textarea[name=duties]"), "尚未保存的补充。")); err != nil {
		t.Fatal(err)
	}
	if !js[bool](a, `(function(){var b=[].slice.call(document.querySelectorAll("#editor td button.apply")).filter(function(b){return b.textContent==="一键拆分"})[0];if(!b)return false;b.id="split-me";return true})()`) {
		t.Fatalf("no 一键拆分 beside a cell of the editor:\n%s", a.text("main"))
	}
	if st := a.submit("#split-me"); st != 200 {
		t.Fatalf("一键拆分: status %d\n%s", st, a.text("main"))
	}
	if got := a.count("table.indicators tbody tr"); got != rows+6 {
		t.Errorf("%d rows after the split, want %d", got, rows+6)
	}
	if v, _ := chromedp.Run(a.ctx, chromedp.Value(chromedp.CSS("textarea[name=duties]"))); !strings.Contains(v, "尚未保存的补充。") {
		t.Fatalf("the typing was dropped by the split: duties %q", v)
	}
	if !strings.Contains(a.text("#unsaved"), "尚未保存") {
		t.Errorf("the page does not say the split is not saved:\n%s", a.text("main"))
	}
	if now, _ := db.Plan(ctx, demo); now.Version != v3.Version {
		t.Fatalf("the split saved version %d before 保存", now.Version)
	}
	a.shot("22-split-unsaved")

	// Leaving now asks first; staying keeps everything.
	if err := chromedp.Do(a.ctx, chromedp.SendKeys(chromedp.CSS("input[name=reason]"), "拆分复合指标")); err != nil {
		t.Fatal(err)
	}
	dl.set(false)
	if err := chromedp.Do(a.ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(".planhead a[href='/plans/%d']", demo)))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(a.ctx, chromedp.Poll[bool](`true`, chromedp.WithPollingTimeout(2*time.Second))); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 50 && !dl.saw("beforeunload"); i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if !dl.saw("beforeunload") {
		t.Error("leaving a page with unsaved changes did not ask first")
	}
	dl.set(true)
	if loc := a.location(); loc != dept {
		t.Fatalf("after declining to leave, the tab is at %s", loc)
	}

	// 4. Rows in the page: add, paste two rows from Excel, delete one (asked first), one
	// save for all of it.
	js[bool](a, `window.__samePage = true`)
	rows = a.count("table.indicators tbody tr")
	if err := chromedp.Do(a.ctx, chromedp.Click(chromedp.CSS("button[value='add:indicators']"))); err != nil {
		t.Fatal(err)
	}
	if got := a.count("table.indicators tbody tr"); got != rows+1 {
		t.Fatalf("%d rows after add, want %d", got, rows+1)
	}
	paste := fmt.Sprintf(`(function(){var s=document.querySelector("select[name='indicators[%d].level1']");var d=new DataTransfer();d.setData("text/plain","产出指标\t产出数量\t新增指标甲\t≥3次\t\r\n产出指标\t产出质量\t\"新增指标乙\n（两行）\"\t≥90%%\t\r\n");s.dispatchEvent(new ClipboardEvent("paste",{clipboardData:d,bubbles:true,cancelable:true}));return true})()`, rows)
	js[bool](a, paste)
	if got := a.count("table.indicators tbody tr"); got != rows+2 {
		t.Fatalf("%d rows after pasting two, want %d", got, rows+2)
	}
	if v, _ := chromedp.Run(a.ctx, chromedp.Value(chromedp.CSS(fmt.Sprintf("textarea[name='indicators[%d].name']", rows+1)))); v != "新增指标乙\n（两行）" {
		t.Errorf("the second pasted row's name is %q", v)
	}
	a.shot("23-rows-pasted")
	if err := chromedp.Do(a.ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf("button[value='del:indicators:%d']", rows+1)))); err != nil {
		t.Fatal(err)
	}
	if got := a.count("table.indicators tbody tr"); got != rows+1 {
		t.Fatalf("%d rows after delete, want %d", got, rows+1)
	}
	if !js[bool](a, `window.__samePage === true`) {
		t.Fatal("a row button reloaded the page")
	}
	if st := a.submit(".savebar button[value=save]"); st != 200 {
		t.Fatalf("save: %d\n%s", st, a.text("main"))
	}
	v4, _ := db.Plan(ctx, demo)
	revs, _ := db.Revisions(ctx, demo)
	if v4.Version != v3.Version+1 || len(revs) != v4.Version {
		t.Fatalf("one save: version %d (want %d), %d revisions", v4.Version, v3.Version+1, len(revs))
	}
	last := v4.Indicators[len(v4.Indicators)-1]
	if !strings.Contains(v4.Duties, "尚未保存的补充。") || len(v4.Indicators) != len(v3.Indicators)+7 ||
		last.Name != "新增指标甲" || last.Level2 != "产出数量" || last.Target.Text != "≥3次" {
		t.Errorf("saved: duties %q, %d indicators (want %d), last %+v", v4.Duties, len(v4.Indicators), len(v3.Indicators)+7, last)
	}
	if r := revs[len(revs)-1]; r.Author != "tianbao" || !strings.HasSuffix(r.Reason, "：拆分复合指标") {
		t.Errorf("the revision says %q by %q", r.Reason, r.Author)
	}
	if _, err := os.Stat(filepath.Join(shots, "20-import-preview-390.png")); err != nil {
		t.Error(err)
	}
}
