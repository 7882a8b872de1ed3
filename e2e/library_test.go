package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"jixiao"
	jxhttp "jixiao/http"
	"jixiao/library"
	"jixiao/setup"
)

// learnLibrary fills the store's library from eight units' plans asking for 组织培训次数
// (≥8 … ≥15 次) and the demo department's self-evaluation of 2024 (9 次 done).
func learnLibrary(t *testing.T, st jixiao.Store) {
	t.Helper()
	ctx := context.Background()
	ls := st.(jixiao.LibraryService)
	l, err := library.Open(ctx, ls)
	if err != nil {
		t.Fatal(err)
	}
	lr := l.NewLearner(library.LearnOptions{IncludeDrafts: true})
	for i := 0; i < 8; i++ {
		lr.Plan(&jixiao.Plan{Year: 2025, Department: fmt.Sprintf("第%d单位", i), DepartmentCode: fmt.Sprintf("9%02d", i),
			Indicators: []jixiao.Indicator{
				jixiao.NewIndicator("产出指标", "数量指标", "组织培训次数", fmt.Sprintf("≥%d次", 8+i), ""),
				jixiao.NewIndicator("产出指标", "数量指标", "培训人次", fmt.Sprintf("≥%d人次", 100+10*i), ""),
			}})
	}
	// One unit writes 组织培训次数 otherwise: the bureau's entry page proposes it.
	lr.Plan(&jixiao.Plan{Year: 2025, Department: "第8单位", DepartmentCode: "908",
		Indicators: []jixiao.Indicator{jixiao.NewIndicator("产出指标", "数量指标", "开展业务培训次数", "≥6次", "")}})
	lr.SelfEvaluation(setup.DemoDeptCode, &jixiao.SelfEvaluation{Year: 2024, Indicators: []jixiao.IndicatorOutcome{{
		Indicator: jixiao.NewIndicator("产出指标", "数量指标", "开展培训次数", "≥10次", ""), Actual: jixiao.ParseTarget("9次")}}})
	if err := library.SaveLearnt(ctx, ls, l, lr, jixiao.SaveInfo{Author: "e2e"}); err != nil {
		t.Fatal(err)
	}
}

// waitFor polls a JavaScript condition until it holds.
func (tb *tab) waitFor(what, expr string) {
	tb.t.Helper()
	for i := 0; i < 50; i++ {
		if js[bool](tb, expr) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.t.Fatalf("%s: waited in vain for %s:\n%s", tb.name, what, tb.text("main"))
}

// rowShots writes viewport screenshots at 1280 and 390 px with the element sel
// scrolled to the middle (a full page of the editor is too tall to read the row).
func (tb *tab) rowShots(name, sel string) {
	tb.t.Helper()
	for _, w := range []int64{1280, 390} {
		if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(w, 800)); err != nil {
			tb.t.Fatal(err)
		}
		js[bool](tb, `(function(){document.querySelector("`+sel+`").scrollIntoView({block:"center",inline:"center"});return true})()`)
		png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			tb.t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tb.shots, fmt.Sprintf("%s-%d.png", name, w)), png, 0o644); err != nil {
			tb.t.Fatal(err)
		}
	}
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		tb.t.Fatal(err)
	}
}

// TestLibrarySuggest: in a new indicator row the filler types 培训, picks the
// suggestion, sees the levels, operator and unit filled and the typical range, then
// enters a target below last year's actual and sees the warning with its numbers.
func TestLibrarySuggest(t *testing.T) {
	bctx := browser(t)
	base, demo, db := startFormsServer(t)
	learnLibrary(t, db)
	shots := shotsDir(t)
	a := newTab(t, bctx, "F", base, shots)
	a.signIn("tianbao", reviewPW)
	a.open(fmt.Sprintf("/plans/%d/department", demo))
	rows := a.count("table.indicators[data-list=indicators] tbody tr")
	if err := chromedp.Do(a.ctx, chromedp.Click(chromedp.CSS("button[value='add:indicators']"))); err != nil {
		t.Fatal(err)
	}
	if got := a.count("table.indicators[data-list=indicators] tbody tr"); got != rows+1 {
		t.Fatalf("%d rows after adding one, want %d", got, rows+1)
	}
	last := fmt.Sprintf("table.indicators[data-list=indicators] tbody tr:nth-child(%d)", rows+1)
	if err := chromedp.Do(a.ctx, chromedp.SendKeys(chromedp.CSS(last+" textarea[name$='.name']"), "培训")); err != nil {
		t.Fatal(err)
	}
	a.waitFor("the suggestions", `document.querySelectorAll(".library-list li").length >= 2`)
	list := a.text(".library-list")
	if !strings.Contains(list, "组织培训次数") || !strings.Contains(list, "培训人次") || !strings.Contains(list, "8 个单位使用") {
		t.Errorf("suggestions:\n%s", list)
	}
	a.rowShots("50-library-suggest", last+" textarea[name$='.name']")
	if !js[bool](a, `(function(){var li=[].slice.call(document.querySelectorAll(".library-list li")).filter(function(l){return l.querySelector(".library-name").textContent==="组织培训次数"})[0];if(!li)return false;li.id="pick-me";return true})()`) {
		t.Fatal("no suggestion 组织培训次数")
	}
	if err := chromedp.Do(a.ctx, chromedp.Click(chromedp.CSS("#pick-me"))); err != nil {
		t.Fatal(err)
	}
	val := func(sel string) string {
		v, err := chromedp.Run(a.ctx, chromedp.Value(chromedp.CSS(last+" "+sel)))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	got := []string{val("textarea[name$='.name']"), val("select[name$='.level1']"), val("select[name$='.level2']"), val("input[name$='.target']")}
	want := []string{"组织培训次数", "产出指标", "产出数量", "≥次"} // 二级 as the plan's framework (湖南 2021) names it
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after picking: %q, want %q", got, want)
	}
	if r := a.text(last + " .library-range"); !strings.Contains(r, "中位数 11.5次") || !strings.Contains(r, "9.75–13.25次") || !strings.Contains(r, "8 个单位使用") {
		t.Errorf("the range shown: %q", r)
	}
	// A target below last year's actual.
	js[bool](a, `(function(){var t=document.querySelector("`+last+` input[name$='.target']");t.value="≥5次";t.dispatchEvent(new Event("input",{bubbles:true}));return true})()`)
	a.waitFor("the warning", `!!document.querySelector("`+last+` .library-warn.shown")`)
	if w := a.text(last + " .library-warn"); !strings.Contains(w, "“组织培训次数”的指标值 5次 低于2024年的实际完成值 9次。") {
		t.Errorf("the warning: %q", w)
	}
	a.check("after the warning")
	a.rowShots("51-library-warning", last+" .library-warn")

	// Saved: the plan's findings carry the warning with its numbers, written by the server
	// beside the target and in the summary (no script needed to see it).
	a.click("button[name=op][value=save]")
	const saved = "“组织培训次数”的指标值 5次 低于2024年的实际完成值 9次"
	if txt := a.text("#findings"); !strings.Contains(txt, saved) {
		t.Errorf("the findings after the save do not show %q:\n%s", saved, txt)
	}
	if !js[bool](a, `(function(){var d=[].slice.call(document.querySelectorAll("td .finding")).filter(function(e){return e.textContent.indexOf("`+saved+`")>=0})[0];if(!d)return false;d.id="lib-finding";return true})()`) {
		t.Errorf("no finding beside the saved target shows %q", saved)
	} else {
		a.check("after the save")
		a.rowShots("54-library-finding-saved", "#lib-finding")
	}

	// The finance bureau's library page.
	ctx := context.Background()
	root, err := db.DepartmentByCode(ctx, setup.DemoRootCode)
	if err != nil {
		t.Fatal(err)
	}
	h, err := jxhttp.HashPassword(reviewPW)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateUser(ctx, &jixiao.User{Username: "caishen", Name: "蔡审核", Role: jixiao.RoleReviewer, DepartmentID: root.ID, PasswordHash: h, Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	b := newTab(t, bctx, "R", base, shots)
	b.signIn("caishen", reviewPW)
	b.open("/review/library?q=" + "培训")
	if !strings.Contains(b.text("main"), "组织培训次数") {
		t.Errorf("the library page does not list 组织培训次数:\n%s", b.text("main"))
	}
	for _, w := range []int64{1280, 390} {
		if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(w, 900)); err != nil {
			t.Fatal(err)
		}
		if over := js[bool](b, `document.documentElement.scrollWidth > window.innerWidth + 1`); over {
			t.Errorf("at %d px the library page scrolls sideways", w)
		}
		b.shot(fmt.Sprintf("52-library-page-%d", w))
	}
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
	if st := b.submit("table.library a"); st != 200 || !strings.Contains(b.text("main"), "修改历史") {
		t.Fatalf("the entry page: status %d\n%s", st, b.text("main"))
	}
	b.shots2("53-library-entry")

	// Another wording of the entry (其他写法): saved, and a suggestion typed in it finds
	// the entry.
	name := strings.TrimPrefix(b.text("h1"), "指标：")
	b.set("textarea[name=aliases]", "培训班举办期数")
	if st := b.submit(".library-form button[type=submit]"); st != 200 || !strings.Contains(b.text("main"), "其他写法的使用情况已并入本条。") {
		t.Fatalf("after saving the other wording: status %d\n%s", st, b.text("main"))
	}
	if v := js[string](b, `document.querySelector("textarea[name=aliases]").value`); v != "培训班举办期数" {
		t.Errorf("the other wording after the save: %q", v)
	}
	b.shots2("55-library-aliases")

	// 组织培训次数's page proposes 开展业务培训次数; 并入本条 makes it another wording.
	l, err := library.Open(ctx, db.(jixiao.LibraryService))
	if err != nil {
		t.Fatal(err)
	}
	b.open(fmt.Sprintf("/review/library/%d", l.Entry("组织培训次数").ID))
	if !strings.Contains(b.text(".library-similar"), "开展业务培训次数") {
		t.Fatalf("no proposal on the entry page:\n%s", b.text("main"))
	}
	b.shots2("56-library-similar")
	if st := b.submit(".library-similar button[name=add_alias]"); st != 200 || !strings.Contains(b.text("main"), "其他写法的使用情况已并入本条。") {
		t.Fatalf("after 并入本条: status %d\n%s", st, b.text("main"))
	}
	if v := js[string](b, `document.querySelector("textarea[name=aliases]").value`); v != "开展业务培训次数" {
		t.Errorf("the other wording after 并入本条: %q", v)
	}
	if got := js[string](b, `(function(){var x=new XMLHttpRequest();x.open("GET","/library/suggest?q="+encodeURIComponent("培训班举办"),false);x.send();return x.responseText})()`); !strings.Contains(got, `"name":"`+name+`"`) {
		t.Errorf("a suggestion typed in the other wording: %s", got)
	}
}
