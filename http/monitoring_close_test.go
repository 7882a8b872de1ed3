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

// TestMonitoringDeadlineAndClose: after the round's deadline the unit can neither save
// nor submit (423, saying whom to ask) while the finance bureau can still return; once
// the bureau ends the round (结束本轮监控, audited) nobody can change a record, which
// stays viewable, printable and exportable.
func TestMonitoringDeadlineAndClose(t *testing.T) {
	f := newFixture(t)
	path, rec := openMonitoring(t, f)
	round := fmt.Sprintf("/review/monitoring/%d", rec.RoundID)
	filler := f.login("filler")
	form := filler.form(path, path)
	form.Set("fe0", "20")
	before, _ := filler.post(path, form)

	f.clock.Add(11 * 24 * time.Hour)
	filler, reviewer, leader := f.login("filler"), f.login("reviewer"), f.login("leader")
	form.Set("fe0", "30") // the form as it was: the page no longer offers one
	form.Set("version", "2")
	form.Set("csrf", filler.csrf())
	after, body := filler.post(path, form)
	submit, sbody := filler.post(path+"/transition", url.Values{"csrf": {filler.csrf()}, "action": {"submit"}, "version": {form.Get("version")}})
	_, page := filler.get(path)
	_, boardBody := reviewer.get(round + "?level=none")
	got := []any{before, after, strings.Contains(body, "本轮绩效监控报送截止时间"), strings.Contains(body, "请联系财政部门"),
		submit, strings.Contains(sbody, "已过，不能再保存或提交绩效监控表"),
		strings.Contains(page, `id="round-lock"`), strings.Contains(page, `id="act-submit"`), strings.Contains(boardBody, "逾期未报")}
	want := []any{303, 423, true, true, 423, true, true, false, true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("save before; save, submit, the form and the board after the deadline (-want +got):\n%s", diff)
	}
	m, err := f.store.MonitoringEntry(context.Background(), rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Record.Funds[0].Executed.String() != "20" {
		t.Errorf("saved after the deadline: executed %s", m.Record.Funds[0].Executed)
	}

	// A record returned for correction (督促整改) was filed in time: it is corrected and
	// submitted again after the deadline.
	recs, err := f.store.PlanMonitoring(context.Background(), f.demo)
	if err != nil || len(recs) < 2 {
		t.Fatalf("records: %d %v", len(recs), err)
	}
	back := recs[1]
	for _, st := range []struct {
		a        jixiao.Action
		from, to jixiao.Status
	}{{jixiao.ActSubmit, jixiao.Draft, jixiao.Submitted}, {jixiao.ActUnitApprove, jixiao.Submitted, jixiao.UnitApproved},
		{jixiao.ActReturn, jixiao.UnitApproved, jixiao.Returned}} {
		if back.Version, err = f.store.TransitionMonitoring(context.Background(), &jixiao.MonitoringStep{RecordID: back.ID,
			Version: back.Version, Action: st.a, From: st.from, To: st.to, Actor: "reviewer", Reason: "请补充偏差原因"}); err != nil {
			t.Fatal(err)
		}
	}
	backPath := fmt.Sprintf("/plans/%d/monitoring/%d", f.demo, back.ID)
	bform := filler.form(backPath, backPath)
	bform.Set("remedy", "已补充")
	if st, body := filler.post(backPath, bform); st != 303 {
		t.Errorf("correcting a returned record after the deadline: %d\n%s", st, snippet(body))
	}

	// Only the bureau that opened the round closes it, once; it is audited.
	if st, _ := leader.post(round+"/close", url.Values{"csrf": {leader.csrf()}}); st != 403 {
		t.Errorf("a unit's leader closes the round: %d", st)
	}
	if st, body := reviewer.post(round+"/close", url.Values{"csrf": {reviewer.csrf()}}); st != 303 {
		t.Fatalf("close the round: %d\n%s", st, snippet(body))
	}
	if st, _ := reviewer.post(round+"/close", url.Values{"csrf": {reviewer.csrf()}}); st != 409 {
		t.Errorf("close a closed round: %d, want 409", st)
	}
	if !hasEntry(auditActions(t, f), "reviewer", "monitoring_close", "ok") {
		t.Error("closing the round is not audited")
	}
	// Closed: read-only for everyone, still shown, printed and exported.
	ret, rbody := reviewer.post(path+"/transition", url.Values{"csrf": {reviewer.csrf()}, "action": {"return"}, "version": {fmt.Sprint(m.Version)},
		"reason": {"请补充说明"}})
	adj, _ := filler.post(path+"/adjust", url.Values{"csrf": {filler.csrf()}, "plan_version": {"4"}, "reason": {"资金调减"}})
	remind, _ := reviewer.post(round+"/remind", url.Values{"csrf": {reviewer.csrf()}})
	show, page := filler.get(path)
	print, _ := filler.get(path + "/print")
	export, xbody := reviewer.get(round + "/board.xlsx")
	board, bbody := reviewer.get(round)
	_, rounds := reviewer.get("/review/monitoring")
	if _, list := filler.get(fmt.Sprintf("/plans/%d/monitoring", f.demo)); !strings.Contains(list, "2021年截至7月底（已结束）") {
		t.Errorf("the plan's records do not say the round is closed:\n%s", snippet(list))
	}
	got = []any{ret, strings.Contains(rbody, "已结束"), adj, remind, show, strings.Contains(page, "已结束"), strings.Contains(page, `id="monform"`),
		strings.Contains(page, `id="adjform"`), print, export, strings.HasPrefix(xbody, "PK"), board, strings.Contains(bbody, `id="round-closed"`),
		strings.Contains(bbody, `id="close-round"`), strings.Contains(rounds, "已结束")}
	want = []any{423, true, 423, 423, 200, true, false, false, 200, 200, true, 200, true, false, true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("return, adjust, remind, view, print, export after the round closed (-want +got):\n%s", diff)
	}
	rd, err := f.store.MonitoringRoundByID(context.Background(), rec.RoundID)
	if err != nil || rd.Status != jixiao.RoundClosed {
		t.Errorf("round after closing: %+v %v", rd, err)
	}
}

// TestMonitoringRemind: 催报 from the board reaches the fillers and leaders of the
// units with records not filed, all at once or one unit, and is audited; a unit whose
// records are all filed is not reminded.
func TestMonitoringRemind(t *testing.T) {
	f := newFixture(t)
	_, rec := openMonitoring(t, f)
	round := fmt.Sprintf("/review/monitoring/%d", rec.RoundID)
	reviewer := f.login("reviewer")
	st, body := reviewer.post(round+"/remind", url.Values{"csrf": {reviewer.csrf()}, "note": {"请于本周内报送。"}})
	if st != 303 {
		t.Fatalf("remind all: %d\n%s", st, snippet(body))
	}
	_, board := reviewer.get(round + "?done=remind&n=1")
	_, fm := f.login("filler").get("/messages")
	_, lm := f.login("leader").get("/messages")
	_, om := f.login("filler2").get("/messages")
	got := []bool{strings.Contains(board, "已向 1 个尚未报送的单位发出催报"), strings.Contains(fm, "催报：请尽快填报并提交2021年截至7月底的绩效监控表"),
		strings.Contains(fm, "请于本周内报送。"), strings.Contains(lm, "催报"), strings.Contains(om, "绩效监控表")}
	if diff := cmp.Diff([]bool{true, true, true, true, false}, got); diff != "" {
		t.Errorf("board flash, filler's, leader's and another unit's messages (-want +got):\n%s", diff)
	}
	es := auditActions(t, f)
	if !hasEntry(es, "reviewer", "monitoring_remind", "ok") {
		t.Error("the reminder is not audited")
	}
	// One unit: the demo department is reminded, the other (no record) is not.
	other, err := f.store.Plan(context.Background(), f.other)
	if err != nil {
		t.Fatal(err)
	}
	od, err := f.store.DepartmentByCode(context.Background(), other.DepartmentCode)
	if err != nil {
		t.Fatal(err)
	}
	var locs []string
	for _, id := range []int64{rec.DepartmentID, od.ID} {
		_, _, h := reviewer.postH(round+"/remind", url.Values{"csrf": {reviewer.csrf()}, "dept": {fmt.Sprint(id)}})
		loc := h.Get("Location")
		locs = append(locs, loc[strings.Index(loc, "?"):])
	}
	if diff := cmp.Diff([]string{"?done=remind&n=1&view=unit", "?done=remind&n=0&view=unit"}, locs); diff != "" {
		t.Errorf("reminding one unit (-want +got):\n%s", diff)
	}
	if _, body := reviewer.get(round + "?view=unit"); !strings.Contains(body, `id="remind-`) {
		t.Errorf("no 催报 button per unit:\n%s", snippet(body))
	}
}
