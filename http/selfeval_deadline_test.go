package http_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// The finance bureau's self-evaluation deadline: set on the score table's page (audited),
// shown on the form; after it the unit can neither save nor submit, and the reviewer's
// steps are not held up.
func TestSelfEvalDeadline(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	approve(t, f.store, f.demo)
	if _, err := f.store.OpenSelfEvaluations(ctx, f.demo, jixiao.SaveInfo{Author: "filler"}); err != nil {
		t.Fatal(err)
	}
	p, _ := f.store.Plan(ctx, f.demo)
	reviewer := f.login("reviewer")
	tomorrow := f.clock.Now().Add(24 * time.Hour).In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
	post := url.Values{"csrf": {reviewer.csrf()}, "year": {fmt.Sprint(p.Year)}, "date": {tomorrow}, "time": {"18:00"}}
	if st, body := reviewer.post("/review/scores/deadline", post); st != 303 {
		t.Fatalf("set the deadline: %d\n%s", st, snippet(body))
	}
	if !hasEntry(auditActions(t, f), "reviewer", "selfeval_deadline_set", "ok") {
		t.Error("setting the deadline is not audited")
	}
	table := fmt.Sprintf("/plans/%d/selfeval/0", f.demo)
	filler := f.login("filler")
	if _, body := filler.get(table); !strings.Contains(body, "报送截止时间："+tomorrow+" 18:00") {
		t.Errorf("the form does not show the deadline:\n%s", snippet(body))
	}
	form := filler.form(table, table)
	form.Set("problems", "截止前保存。")
	before, _ := filler.post(table, form)

	f.clock.Add(48 * time.Hour)
	filler = f.login("filler")
	form = filler.form(table, table)
	form.Set("problems", "截止后保存。")
	after, body := filler.post(table, form)
	submit, sbody := filler.post(table+"/transition", url.Values{"csrf": {filler.csrf()}, "action": {"submit"}, "version": {form.Get("version")}})
	got := []any{before, after, strings.Contains(body, "绩效自评报送截止时间"), submit, strings.Contains(sbody, "已过，不能再保存或提交")}
	if diff := cmp.Diff([]any{303, 423, true, 423, true}, got); diff != "" {
		t.Errorf("save before, save after, submit after the deadline (-want +got):\n%s", diff)
	}
	recs, _ := f.store.SelfEvaluations(ctx, f.demo)
	if recs[0].Eval.Problems != "截止前保存。" {
		t.Errorf("saved after the deadline: %q", recs[0].Eval.Problems)
	}
}
