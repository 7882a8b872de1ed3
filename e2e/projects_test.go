package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestProjectForm: a filler makes a plan in the national layout, adds a 项目支出绩效目标表
// in the web form with two indicators in the national columns, saves it and sees it in
// the print view; the editor and the print view are shot at 1280 and 390 px.
func TestProjectForm(t *testing.T) {
	bctx := browser(t)
	base, _, db := startFormsServer(t)
	shots := shotsDir(t)
	a := newTab(t, bctx, "P", base, shots)
	a.answerDialogs()
	a.signIn(filler, reviewPW)

	// A plan in the national layout.
	a.open("/plans/new")
	a.set("#year", "2027")
	a.set("#layout", "national")
	if st := a.submit("form[action='/plans'] button[type=submit]"); st != 200 {
		t.Fatalf("create: status %d\n%s", st, a.text("main"))
	}
	var id int64
	if _, err := fmt.Sscanf(a.location(), "/plans/%d", &id); err != nil {
		t.Fatalf("after create at %s", a.location())
	}
	if !strings.Contains(a.text("table.facts"), "项目支出绩效目标表") {
		t.Errorf("the plan's page does not count its project tables:\n%s", a.text("table.facts"))
	}
	if err := chromedp.Do(a.ctx, chromedp.EmulateViewport(390, 900)); err != nil {
		t.Fatal(err)
	}
	a.shot("39-project-plan-390")
	if err := chromedp.Do(a.ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
	// Add a second project table and fill it in.
	if st := a.submit("#add-project button[type=submit]"); st != 200 {
		t.Fatalf("add project: status %d\n%s", st, a.text("main"))
	}
	if loc := a.location(); !strings.HasPrefix(loc, fmt.Sprintf("/plans/%d/projects/1", id)) {
		t.Fatalf("after adding, at %s", loc)
	}
	pre := "projects[1]"
	in := func(field string) string { return fmt.Sprintf("[name='%s.%s']", pre, field) }
	for field, v := range map[string]string{
		"name": "农村公路养护", "code": "43000027T000000000001", "authority": unitName, "unit": "县公路养护中心",
		"amount": "120.5", "fiscal": "100.5", "other": "20", "period": "2027.1-2027.12",
		"periodGoal": "三年内完成县乡道提质改造。", "annualGoal": "全年养护县乡道 300 公里。",
	} {
		a.set(in(field), v)
	}
	for a.count(fmt.Sprintf("table[data-list='%s.indicators'] tbody tr", pre)) > 2 {
		if err := chromedp.Do(a.ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf("button[value='del:%s.indicators:2']", pre)))); err != nil {
			t.Fatal(err)
		}
	}
	row := func(i int, field string) string { return fmt.Sprintf("[name='%s.indicators[%d].%s']", pre, i, field) }
	for i, r := range []map[string]string{
		{"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "nature": "≥", "value": "300", "unit": "公里", "weight": "30", "direction": "正向", "note": "县乡道"},
		{"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "沿线群众满意度", "nature": "≥", "value": "90", "unit": "%", "weight": "20", "direction": "正向"},
	} {
		for field, v := range r {
			a.set(row(i, field), v)
		}
	}
	if st := a.submit(".savebar button[value=save]"); st != 200 || !strings.Contains(a.text(".flash"), "已保存") {
		t.Fatalf("save: status %d\n%s", st, a.text("main"))
	}
	// The saved editor, with the checks of the saved version beside the cells; at 390 px
	// no input of the project's labels is squeezed or cut off.
	for _, w := range []int64{1280, 390} {
		if err := chromedp.Do(a.ctx, chromedp.EmulateViewport(w, 900)); err != nil {
			t.Fatal(err)
		}
		cramped := js[bool](a, `Array.from(document.querySelectorAll("table.project-form input")).some(e => e.getBoundingClientRect().width < 100 || e.getBoundingClientRect().right > window.innerWidth + 1)`)
		if cramped {
			t.Errorf("at %d px an input of the project form is squeezed or cut off", w)
		}
		a.shot(fmt.Sprintf("40-project-editor-%d", w))
	}
	if err := chromedp.Do(a.ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
	p, err := db.Plan(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Projects) != 2 {
		t.Fatalf("%d projects saved, want 2", len(p.Projects))
	}
	pr := p.Projects[1]
	var got []string
	for _, x := range pr.Indicators {
		got = append(got, x.Level1+"/"+x.Level2+"/"+x.Name+"/"+x.Target.Text+"/"+x.Weight+"/"+x.Direction.Label())
	}
	want := []string{"产出指标/数量指标/养护里程/≥300公里/30/正向", "满意度指标/服务对象满意度指标/沿线群众满意度/≥90%/20/正向"}
	if strings.Join(got, "|") != strings.Join(want, "|") || pr.Name != "农村公路养护" || pr.Amount.String() != "120.5" {
		t.Errorf("saved project %q %s: %q, want %q", pr.Name, pr.Amount, got, want)
	}

	// The print view, in the national layout.
	a.open(fmt.Sprintf("/plans/%d/print/project:2", id))
	text := a.text("body")
	for _, s := range []string{"项目支出绩效目标表", "农村公路养护", "养护里程", "沿线群众满意度", "公里", "120.5"} {
		if !strings.Contains(text, s) {
			t.Errorf("the print view does not show %q", s)
		}
	}
	for _, w := range []int64{1280, 390} {
		if err := chromedp.Do(a.ctx, chromedp.EmulateViewport(w, 900)); err != nil {
			t.Fatal(err)
		}
		a.shot(fmt.Sprintf("41-project-print-%d", w))
	}
	// At 390 px the A4 sheet scrolls sideways in its box, the page itself does not, and
	// scrolled to its end the sheet's right edge comes into view (not clipped).
	if err := chromedp.Do(a.ctx, chromedp.EmulateViewport(390, 900)); err != nil {
		t.Fatal(err)
	}
	if ov := js[string](a, `getComputedStyle(document.querySelector(".printarea")).overflowX`); ov != "auto" {
		t.Errorf("at 390 px the sheet's box has overflow-x %q, want auto (it scrolls)", ov)
	}
	if n := js[float64](a, `document.documentElement.scrollWidth - window.innerWidth`); n > 1 {
		t.Errorf("at 390 px the print view is %v px too wide", n)
	}
	right := js[float64](a, `(() => { const b = document.querySelector(".printarea"); b.scrollLeft = b.scrollWidth; const r = document.querySelector(".jx-sheet").getBoundingClientRect(); return r.right - window.innerWidth; })()`)
	if right > 1 {
		t.Errorf("at 390 px, scrolled to the end, the sheet's right edge is %v px beyond the window", right)
	}
	a.shot("41-project-print-390-scrolled")
	// Printing still lays the sheet out on A4, not in a scrolling box.
	if _, err := chromedp.Call(a.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if ov := js[string](a, `getComputedStyle(document.querySelector(".printarea")).overflowX`); ov != "visible" {
		t.Errorf("in print the sheet's box has overflow-x %q, want visible", ov)
	}
	if _, err := chromedp.Call(a.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}
}
