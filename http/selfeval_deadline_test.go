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

// The finance bureau's self-evaluation deadline: set on the deadlines page of the
// self-evaluation stage (audited), shown on the form; after it the unit can neither save
// nor submit, until the bureau grants it a self-evaluation exception (延期) — the targets'
// exception does not count.
func TestSelfEvalDeadline(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	approve(t, f.store, f.demo)
	if _, err := f.store.OpenSelfEvaluations(ctx, f.demo, jixiao.SaveInfo{Author: "filler"}); err != nil {
		t.Fatal(err)
	}
	p, _ := f.store.Plan(ctx, f.demo)
	head, err := f.store.PlanHead(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	reviewer := f.login("reviewer")
	tomorrow := f.clock.Now().Add(24 * time.Hour).In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
	post := url.Values{"csrf": {reviewer.csrf()}, "stage": {"selfeval"}, "year": {fmt.Sprint(p.Year)}, "date": {tomorrow}, "time": {"18:00"}}
	if st, body := reviewer.post("/review/deadlines", post); st != 303 {
		t.Fatalf("set the deadline: %d\n%s", st, snippet(body))
	}
	if _, err := f.store.DeadlineFor(ctx, head.Department.ID, p.Year); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		t.Errorf("the self-evaluation deadline became the targets': %v", err)
	}
	if _, body := reviewer.get(fmt.Sprintf("/review/deadlines?stage=selfeval&year=%d", p.Year)); !strings.Contains(body, "绩效自评报送截止时间") || !strings.Contains(body, tomorrow+" 18:00") {
		t.Errorf("the deadlines page of the self-evaluation stage does not list it:\n%s", snippet(body))
	}
	if st, _ := reviewer.post("/review/deadlines", url.Values{"csrf": {reviewer.csrf()}, "stage": {"nosuch"}, "year": {"2021"}, "date": {tomorrow}}); st != 400 {
		t.Errorf("an unknown stage: %d, want 400", st)
	}
	if !hasEntry(auditActions(t, f), "reviewer", "deadline_set", "ok") {
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

	// Exceptions: the targets' one does not unlock the self-evaluation, the
	// self-evaluation's does, and the form says until when.
	dept := head.Department
	later := f.clock.Now().Add(72 * time.Hour).In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
	var saves []int
	for _, stage := range []string{"targets", "selfeval"} {
		reviewer = f.login("reviewer")
		ex := url.Values{"csrf": {reviewer.csrf()}, "stage": {stage}, "year": {fmt.Sprint(p.Year)}, "department": {dept.Code},
			"until_date": {later}, "until_time": {"18:00"}, "reason": {"审计延期，资料待补"}}
		if st, body := reviewer.post("/review/exceptions", ex); st != 303 {
			t.Fatalf("grant the %s exception: %d\n%s", stage, st, snippet(body))
		}
		filler = f.login("filler")
		form = filler.form(table, table)
		form.Set("problems", "延期后保存（"+stage+"）。")
		st, _ := filler.post(table, form)
		saves = append(saves, st)
	}
	if diff := cmp.Diff([]int{423, 303}, saves); diff != "" {
		t.Errorf("save after a targets' exception, after a self-evaluation's (-want +got):\n%s", diff)
	}
	if _, body := filler.get(table); !strings.Contains(body, "已准予延期至 "+later+" 18:00") {
		t.Errorf("the form does not show the exception:\n%s", snippet(body))
	}
	if _, body := reviewer.get(fmt.Sprintf("/review/deadlines?stage=selfeval&year=%d", p.Year)); !strings.Contains(body, "审计延期，资料待补") {
		t.Errorf("the deadlines page does not list the self-evaluation exception:\n%s", snippet(body))
	}
}
