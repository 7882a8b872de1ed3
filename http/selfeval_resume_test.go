package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jixiao"
)

// A self-evaluation saved after the idle session expired keeps what was typed through
// signing in again: the form comes back unsaved, is saved by 保存, and a stale one is
// still refused.
func TestSelfEvalSaveAfterExpiryKeepsTyping(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	approve(t, f.store, f.demo)
	c := f.login("filler")
	list := fmt.Sprintf("/plans/%d/selfeval", f.demo)
	if st, body := c.post(list, url.Values{"csrf": {c.csrf()}}); st != http.StatusSeeOther {
		t.Fatalf("open: %d\n%s", st, snippet(body))
	}
	path := list + "/0"
	stored := func() *jixiao.SelfEvalRecord {
		t.Helper()
		recs, err := f.store.SelfEvaluations(ctx, f.demo)
		if err != nil || len(recs) == 0 {
			t.Fatalf("records: %v", err)
		}
		return recs[0]
	}
	v0 := stored().Version
	form := c.form(path, path)
	form.Set("ia1", "87%")
	form.Set("ir1", "登录过期前写下的偏差原因。")
	form.Set("problems", "登录过期前写下的问题。")
	login := expireAndPost(t, f, c, path, form)
	if got := stored().Version; got != v0 {
		t.Fatalf("the expired post saved version %d", got)
	}
	st, body := signInFrom(t, c, login)
	if st != 200 || !strings.Contains(body, "已恢复您在登录过期前填写的内容") || !strings.Contains(body, `data-unsaved="1"`) {
		t.Fatalf("resumed self-evaluation: %d\n%s", st, snippet(body))
	}
	shown := formValues(t, body, path)
	got := []string{shown.Get("ia1"), shown.Get("ir1"), shown.Get("problems"), shown.Get("version")}
	want := []string{"87%", "登录过期前写下的偏差原因。", "登录过期前写下的问题。", fmt.Sprint(v0)}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("resumed form: got %q, want %q", got, want)
		}
	}
	if rec := stored(); rec.Version != v0 || rec.Eval.Problems != "" {
		t.Fatalf("resuming saved: v%d %q", rec.Version, rec.Eval.Problems)
	}
	if st, _ := c.post(path, shown); st != http.StatusSeeOther {
		t.Fatalf("save: %d", st)
	}
	if rec := stored(); rec.Version != v0+1 || rec.Eval.Problems != "登录过期前写下的问题。" || rec.Eval.Indicators[1].Reason != "登录过期前写下的偏差原因。" {
		t.Errorf("after save: v%d %q %q", rec.Version, rec.Eval.Problems, rec.Eval.Indicators[1].Reason)
	}

	// Saved by someone else while the user signed in again: the resumed save is refused.
	form = c.form(path, path)
	form.Set("remedies", "我的改进措施。")
	login = expireAndPost(t, f, c, path, form)
	rec := stored()
	rec.Eval.Remedies = "他人的改进措施。"
	if err := f.store.SaveSelfEvaluation(ctx, rec, jixiao.SaveInfo{Author: "filler"}); err != nil {
		t.Fatal(err)
	}
	_, body = signInFrom(t, c, login)
	shown = formValues(t, body, path)
	if st, rb := c.post(path, shown); st != http.StatusConflict {
		t.Errorf("resumed stale save: %d\n%s", st, snippet(rb))
	}
	if rec := stored(); rec.Eval.Remedies != "他人的改进措施。" {
		t.Errorf("the stale save overwrote: %q", rec.Eval.Remedies)
	}
}
