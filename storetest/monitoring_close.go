package storetest

import (
	"context"
	"testing"

	"jixiao"
)

// testMonitoringClose: a closed round (结束本轮监控) is read-only for everyone: saves,
// workflow steps and adjustments are refused with ELOCKED, the records stay readable,
// and a round closes once.
func testMonitoringClose(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	m := firstMonitoring(t, s)
	m.Level = jixiao.LevelGreen
	must(t, s.SaveMonitoring(ctx, m, jixiao.SaveInfo{Author: "filler"}))
	_, err := s.CloseMonitoringRound(ctx, 999999)
	wantCode(t, err, jixiao.ENOTFOUND)
	rd, err := s.CloseMonitoringRound(ctx, m.RoundID)
	must(t, err)
	if rd.ID != m.RoundID || rd.Status != jixiao.RoundClosed {
		t.Errorf("closed round %+v", rd)
	}
	_, err = s.CloseMonitoringRound(ctx, m.RoundID)
	wantCode(t, err, jixiao.ECONFLICT)

	m.Record.Remedy = "结束后再改"
	wantCode(t, s.SaveMonitoring(ctx, m, jixiao.SaveInfo{Author: "filler"}), jixiao.ELOCKED)
	_, err = s.TransitionMonitoring(ctx, &jixiao.MonitoringStep{RecordID: m.ID, Version: m.Version, Action: jixiao.ActSubmit,
		From: jixiao.Draft, To: jixiao.Submitted, Actor: "filler"})
	wantCode(t, err, jixiao.ELOCKED)
	p, err := s.Plan(ctx, m.PlanID)
	must(t, err)
	wantCode(t, s.ProposeAdjustment(ctx, &jixiao.Adjustment{RecordID: m.ID, Actor: "filler", Reason: "资金调减"}, p.Version), jixiao.ELOCKED)
	// A stale version is still a conflict, not a closed round.
	stale := *m
	stale.Version--
	wantCode(t, s.SaveMonitoring(ctx, &stale, jixiao.SaveInfo{Author: "filler"}), jixiao.ECONFLICT)

	got, err := s.MonitoringEntry(ctx, m.ID)
	must(t, err)
	if got.Version != m.Version || got.Status != jixiao.Draft || got.Record.Remedy == "结束后再改" {
		t.Errorf("record after the refused changes: version %d status %s remedy %q", got.Version, got.Status, got.Record.Remedy)
	}
	revs, err := s.MonitoringRevisions(ctx, m.ID)
	wantVersions(t, revs, err, []int{1, 2}, "")
	back, err := s.MonitoringRoundByID(ctx, m.RoundID)
	must(t, err)
	if back.Status != jixiao.RoundClosed {
		t.Errorf("round read back: %+v", back)
	}
}
