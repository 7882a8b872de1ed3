package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"jixiao"
)

// TestImportNationalDeptForm: a unit uploads the national 部门(单位)整体支出绩效目标申报表 of
// 财预〔2015〕88号 (a filled copy of the printed form). The department editor shows its
// 年度总体目标 and each task's 预算金额; the filler adds a line to the goal and saves, and
// the stored plan keeps the goal typed and every task's amount.
func TestImportNationalDeptForm(t *testing.T) {
	bctx := browser(t)
	base, _, db := startFormsServer(t)
	a := newTab(t, bctx, "N", base, shotsDir(t))
	a.signIn("tianbao", reviewPW)
	a.open("/plans/import")
	if st := a.uploadPlan("../textdoc/testdata/edge/national88dept.txt"); st != 200 || !strings.Contains(a.location(), "imported=1") {
		t.Fatalf("upload: status %d at %s\n%s", st, a.location(), a.text("main"))
	}
	ps, _, err := db.Plans(context.Background(), jixiao.PlanFilter{Year: 2023})
	if err != nil || len(ps) != 1 {
		t.Fatalf("plans of 2023: %v, %v", ps, err)
	}
	path := fmt.Sprintf("/plans/%d/department", ps[0].ID)
	a.open(path)
	if got := a.value("#in-goal"); got != "目标1:养护农村公路100公里。\n目标2:保障农村客运正常运行。" {
		t.Errorf("the goal in the editor: %q", got)
	}
	if got := a.value("input[name='keyTasks[1].spendingAmount']"); got != "50" {
		t.Errorf("the second task's 预算金额 in the editor: %q", got)
	}
	a.shots2("24-national-dept-editor")
	for _, w := range []int64{1280, 390} {
		a.viewport(w, 900)
		if n := a.overflow(); n > 0 {
			t.Errorf("at %d px the editor scrolls sideways by %d px", w, n)
		}
	}
	a.viewport(1366, 900)
	a.set("#in-goal", "目标1:养护农村公路100公里。\n目标2:保障农村客运正常运行。\n目标3:完成危桥改造2座。")
	if st := a.submit("button[name=op][value=save]"); st != 200 {
		t.Fatalf("save: status %d\n%s", st, a.text("main"))
	}
	p, err := db.Plan(context.Background(), ps[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(p.Goal, "目标3:完成危桥改造2座。") || len(p.KeyTasks) != 2 || p.KeyTasks[0].SpendingAmount != "100" || p.KeyTasks[1].SpendingAmount != "50" {
		t.Errorf("the stored plan: goal %q, tasks %+v", p.Goal, p.KeyTasks)
	}
}

// value is the current value of a form field.
func (tb *tab) value(sel string) string {
	tb.t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](fmt.Sprintf(`(function(){var e=document.querySelector(%q);return e?e.value:"<missing>"})()`, sel)))
	if err != nil {
		tb.t.Fatalf("%s: value of %s: %v", tb.name, sel, err)
	}
	return s
}

// uploadPlan chooses file on the import page and submits it; it returns the status of the
// page it leads to.
func (tb *tab) uploadPlan(file string) int64 {
	tb.t.Helper()
	abs, err := filepath.Abs(file)
	if err != nil {
		tb.t.Fatal(err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{abs})); err != nil {
		tb.t.Fatal(err)
	}
	return tb.submit("form[action='/plans/import'] button[type=submit]")
}
