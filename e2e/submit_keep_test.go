package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSubmitKeepsTyping: the leader's return with a one-character reason comes back with
// the reason in its box and the message beside it (422); after the return the filler's
// submit page holds the explanations of the last submission. At 1280 and 390 px.
func TestSubmitKeepsTyping(t *testing.T) {
	bctx := browser(t)
	base, id := startReviewServer(t)
	shots := shotsDir(t)
	plan := fmt.Sprintf("/plans/%d", id)
	filler := newTab(t, bctx, "filler", base, shots)
	leader := newTab(t, bctx, "leader", base, shots)
	filler.signIn("tianbao", reviewPW)
	filler.submitPlan(plan)

	leader.viewport(390, 844)
	leader.signIn("fuze", reviewPW)
	leader.open(plan)
	leader.set("#reason-unit_return", "改")
	if st := leader.submit("#act-unit_return"); st != 422 {
		t.Fatalf("a return with a one-character reason: status %d, want 422\n%s", st, leader.text("main"))
	}
	leader.shot("k01-return-refused-390")
	if n := leader.overflow(); n > 0 {
		t.Errorf("the refused return at 390 px is %d px too wide", n)
	}
	if got, err := chromedp.Run(leader.ctx, chromedp.Evaluate[string](`document.querySelector("#reason-unit_return").value`)); err != nil || got != "改" {
		t.Errorf("the reason box holds %q, %v", got, err)
	}
	if !strings.Contains(leader.text("#problem-unit_return"), "必须写明理由") {
		t.Errorf("no message beside the box:\n%s", leader.text("#workflow"))
	}
	leader.set("#reason-unit_return", "请补充佐证材料")
	leader.click("#act-unit_return")
	leader.wantStatus("已退回")

	filler.open(plan + "/submit")
	vals, err := chromedp.Run(filler.ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("textarea[name^='ex:']")).map(function(t){return t.value})`))
	if err != nil || len(vals) == 0 {
		t.Fatalf("explanation boxes: %v, %v", vals, err)
	}
	for i, v := range vals {
		if v != "已核对，按本单位实际情况填写" {
			t.Errorf("box %d after the return holds %q, want last submission's text", i, v)
		}
	}
	filler.shot("k02-submit-carried-1280")
	filler.viewport(390, 844)
	filler.shot("k03-submit-carried-390")
	if n := filler.overflow(); n > 0 {
		t.Errorf("the submit page at 390 px is %d px too wide", n)
	}
}
