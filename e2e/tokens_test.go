package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTokensPage: the API token page at 1280 and 390 px: a token is made and shown
// once, fits the phone's width, and is revoked.
func TestTokensPage(t *testing.T) {
	bctx := browser(t)
	base, _, _ := startFormsServer(t)
	shots := shotsDir(t)
	a := newTab(t, bctx, "tianbao", base, shots)
	a.signIn("tianbao", reviewPW)
	a.open("/account/tokens")
	a.shots2("tokens-empty")
	a.set("#name", "预算一体化平台同步脚本")
	if st := a.submit(`form[action="/account/tokens"] button[type=submit]`); st != 200 {
		t.Fatalf("create token: %d", st)
	}
	// The whole token is in view (it wrapped to fit a phone, not cut off at the edge).
	if tok, full := a.text("#newtoken"), js[bool](a, `(function(){var e=document.getElementById("newtoken");return e.scrollWidth<=e.clientWidth})()`); !strings.HasPrefix(tok, "jx_") && !full {
		t.Errorf("token shown %q, whole in view %v", tok, full)
	}
	a.shots2("tokens-new")
	for _, w := range []int64{1280, 390} {
		a.viewport(w, 900)
		if n := a.overflow(); n > 0 {
			t.Errorf("at %d px the token page is %d px wider than the window", w, n)
		}
	}
	a.viewport(1366, 900)
	if !strings.Contains(a.text("#tokens"), "预算一体化平台同步脚本") {
		t.Error("the new token is not listed")
	}
	// Revoking asks first: declined, nothing happens; accepted, the token is revoked.
	d := a.answerDialogs()
	d.set(false)
	if err := chromedp.Do(a.ctx, chromedp.Click(`#tokens button.js-confirm`)); err != nil {
		t.Fatal(err)
	}
	if !d.saw("confirm") || !strings.Contains(a.text("#tokens"), "有效") {
		t.Errorf("a declined revoke: dialog %v, list %q", d.saw("confirm"), a.text("#tokens"))
	}
	d.set(true)
	if st := a.submit(`#tokens button.js-confirm`); st != 200 {
		t.Fatalf("revoke: %d", st)
	}
	if !strings.Contains(a.text("#tokens"), "撤销") {
		t.Errorf("after the revoke: %q", a.text("#tokens"))
	}
	a.shots2("tokens-revoked")
}
