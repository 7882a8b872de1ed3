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

// TestPlanReturnRefusedKeepsReason: a return whose reason the server refuses shows the
// overview again with the reason in its box and the message beside it, 422.
func TestPlanReturnRefusedKeepsReason(t *testing.T) {
	f := newFixture(t)
	id := cleanPlan(t, f, 2022, false)
	filler, leader := f.login("filler"), f.login("leader")
	if st, body := filler.submit(id); st != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%s", st, snippet(body))
	}
	for _, tc := range []struct{ name, reason, says string }{
		{"too short", "改", "必须写明理由"},
		{"too long", strings.Repeat("理由", 1001), "不能超过 2000 字"},
	} {
		st, body := leader.act(id, jixiao.ActUnitReturn, 0, tc.reason)
		wantKeptReason(t, st, body, "unit_return", tc.reason, tc.says)
		wantState(t, f, id, jixiao.Submitted, 2)
	}
}

// boxText is the text of the textarea or input with the given id.
func boxText(body, id string) string {
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		return "(no box " + id + ")"
	}
	start := strings.LastIndex(body[:i], "<")
	tag := body[start:]
	if strings.HasPrefix(tag, "<input") {
		end := strings.Index(tag, ">")
		for _, a := range attrRe.FindAllStringSubmatch(tag[:end], -1) {
			if a[1] == "value" {
				return unescape(a[2])
			}
		}
		return ""
	}
	open := strings.Index(tag, ">")
	end := strings.Index(tag, "</textarea>")
	return unescape(tag[open+1 : end])
}

// TestMonitoringReturnRefusedKeepsReason: a 督促整改 whose reason is too short shows the
// record again with the reason in its box and the message beside it, 422.
func TestMonitoringReturnRefusedKeepsReason(t *testing.T) {
	f := newFixture(t)
	path, _ := openMonitoring(t, f)
	filler, leader, reviewer := f.login("filler"), f.login("leader"), f.login("reviewer")
	form := filler.form(path, path)
	for k, v := range map[string]string{"fe0": "20", "ia1": "30%", "il1": "possible", "ic1": "经费保障", "id1": "资金下达较晚", "ir1": "加快支付进度"} {
		form.Set(k, v)
	}
	form.Set("csrf", filler.csrf())
	if st, body := filler.post(path, form); st != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", st, snippet(body))
	}
	for _, s := range []struct {
		c       *client
		action  string
		version string
	}{{filler, "submit", "2"}, {leader, "unit_approve", "3"}} {
		if st, body := s.c.post(path+"/transition", url.Values{"csrf": {s.c.csrf()}, "action": {s.action}, "version": {s.version}}); st != http.StatusSeeOther {
			t.Fatalf("%s: %d\n%s", s.action, st, snippet(body))
		}
	}
	st, body := reviewer.post(path+"/transition", url.Values{"csrf": {reviewer.csrf()}, "action": {"return"}, "version": {"4"}, "reason": {"慢"}})
	wantKeptReason(t, st, body, "return", "慢", "必须写明理由")
	// The page shown again still acts: a proper reason returns the record.
	if st, body := reviewer.post(path+"/transition", url.Values{"csrf": {reviewer.csrf()}, "action": {"return"}, "version": {"4"}, "reason": {"执行进度严重滞后，请提出纠偏措施"}}); st != http.StatusSeeOther {
		t.Errorf("督促整改 with a reason: %d\n%s", st, snippet(body))
	}
}

// TestSelfEvalReturnRefusedKeepsReason: a self-evaluation return whose reason is too
// short shows the table again with the reason in its box and the message beside it, 422.
func TestSelfEvalReturnRefusedKeepsReason(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	approve(t, f.store, f.demo)
	filler, leader := f.login("filler"), f.login("leader")
	demo := fmt.Sprintf("/plans/%d/selfeval", f.demo)
	if st, body := filler.post(demo, url.Values{"csrf": {filler.csrf()}}); st != http.StatusSeeOther {
		t.Fatalf("open: %d\n%s", st, snippet(body))
	}
	recs, err := f.store.SelfEvaluations(ctx, f.demo)
	if err != nil || len(recs) == 0 {
		t.Fatalf("records: %d, %v", len(recs), err)
	}
	rec := recs[0]
	nv, err := f.store.TransitionSelfEvaluation(ctx, &jixiao.SelfEvalStep{RecordID: rec.ID, Version: rec.Version, Action: jixiao.ActSubmit,
		From: rec.Status, To: jixiao.Submitted, Actor: "filler"})
	if err != nil {
		t.Fatal(err)
	}
	st, body := leader.post(demo+"/0/transition", url.Values{"csrf": {leader.csrf()}, "action": {"unit_return"}, "version": {fmt.Sprint(nv)}, "reason": {"慢"}})
	wantKeptReason(t, st, body, "unit_return", "慢", "必须写明理由")
}

// wantKeptReason checks a step refused for its reason: 422, the reason typed still in the
// box of action, and the message saying says beside it.
func wantKeptReason(t *testing.T, st int, body, action, reason, says string) {
	t.Helper()
	if st != http.StatusUnprocessableEntity {
		t.Errorf("%s with the reason %.20q: status %d, want 422\n%s", action, reason, st, snippet(body))
		return
	}
	if got := boxText(body, "reason-"+action); got != reason {
		t.Errorf("%s: the reason box holds %.20q, want the reason typed", action, got)
	}
	if !strings.Contains(body, `id="problem-`+action+`"`) || !strings.Contains(body, says) {
		t.Errorf("%s: the page does not say %q beside the box\n%s", action, says, snippet(body))
	}
}
