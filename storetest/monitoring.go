package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// RunMonitoring runs the conformance suite of mid-year monitoring (绩效运行监控): rounds
// that make the records of every approved plan, saves under a version check with their
// revisions, the workflow, the board and the adjustments proposed from a record. open
// returns a new, empty, migrated store.
func RunMonitoring(t *testing.T, open func(t *testing.T) jixiao.ReviewStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s jixiao.ReviewStore)
	}{
		{"OpenRound", testMonitoringOpen},
		{"Save", testMonitoringSave},
		{"Workflow", testMonitoringWorkflow},
		{"Board", testMonitoringBoard},
		{"Units", testMonitoringUnits},
		{"Adjustment", testMonitoringAdjustment},
		{"ConcurrentSaves", testMonitoringRace},
		{"CloseRound", testMonitoringClose},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

// openRound makes the sample plan of D1 approved, a draft plan of D2, and opens the
// 2021 round 截至7月底 for the finance bureau B.
func openRound(t *testing.T, s jixiao.ReviewStore) (*jixiao.Plan, *jixiao.StoredRound, map[string]*jixiao.Department) {
	t.Helper()
	p, tree := reviewPlan(t, s)
	p = approvedPlanOf(t, s, p)
	must(t, s.CreatePlan(context.Background(), SamplePlan("D2", "区教育局", 2021), jixiao.SaveInfo{Author: "filler"}))
	r := &jixiao.StoredRound{MonitoringRound: jixiao.MonitoringRound{Year: 2021, AsOf: 7}, Rules: "national-2019",
		Deadline: time.Date(2021, 8, 10, 9, 30, 0, 0, time.UTC), DepartmentID: tree["B"].ID, OpenedBy: "reviewer"}
	must(t, s.OpenMonitoringRound(context.Background(), r))
	return p, r, tree
}

func testMonitoringOpen(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	p, r, tree := openRound(t, s)
	want := jixiao.NewMonitoringRecords(p, r.MonitoringRound)
	for _, w := range want {
		for i := range w.Indicators {
			w.Indicators[i].Where = "" // not stored: where a file's row was read
		}
	}
	if r.ID == 0 || r.Records != len(want) || r.Status != jixiao.RoundOpen || r.Created.IsZero() {
		t.Fatalf("round %+v, want an id, %d records, open", r, len(want))
	}
	got, err := s.MonitoringRoundByID(ctx, r.ID)
	must(t, err)
	if diff := cmp.Diff(r, got); diff != "" {
		t.Errorf("round read back (-want +got):\n%s", diff)
	}
	recs, err := s.PlanMonitoring(ctx, p.ID)
	must(t, err)
	if len(recs) != len(want) || len(want) != 1+len(p.Items())+len(p.Projects) {
		t.Fatalf("%d records, want %d", len(recs), len(want))
	}
	for i, m := range recs {
		if m.Table != i || m.Status != jixiao.Draft || m.Version != 1 || m.PlanVersion != p.Version || m.RoundID != r.ID ||
			m.Level != jixiao.LevelNone || m.Department != "区委统战部" || m.DepartmentID != tree["D1"].ID {
			t.Errorf("record %d: %+v", i, m)
		}
		if diff := cmp.Diff(*want[i], m.Record); diff != "" {
			t.Errorf("record %d (-want +got):\n%s", i, diff)
		}
	}
	// The draft plan of D2 has no record; a round for the same month is refused.
	again := &jixiao.StoredRound{MonitoringRound: r.MonitoringRound, Rules: "national-2019", DepartmentID: tree["B"].ID, OpenedBy: "reviewer"}
	wantCode(t, s.OpenMonitoringRound(ctx, again), jixiao.EINVALID)
	bad := &jixiao.StoredRound{MonitoringRound: jixiao.MonitoringRound{Year: 2021, AsOf: 13}, Rules: "x", DepartmentID: tree["B"].ID}
	wantCode(t, s.OpenMonitoringRound(ctx, bad), jixiao.EINVALID)
	rounds, err := s.MonitoringRounds(ctx, 2021)
	must(t, err)
	if len(rounds) != 1 || rounds[0].ID != r.ID {
		t.Errorf("rounds of 2021: %+v", rounds)
	}
	none, err := s.MonitoringRounds(ctx, 2022)
	must(t, err)
	if len(none) != 0 {
		t.Errorf("rounds of 2022: %+v", none)
	}
	_, err = s.MonitoringRoundByID(ctx, 999999)
	wantCode(t, err, jixiao.ENOTFOUND)
}

func firstMonitoring(t *testing.T, s jixiao.ReviewStore) *jixiao.StoredMonitoring {
	t.Helper()
	p, _, _ := openRound(t, s)
	recs, err := s.PlanMonitoring(context.Background(), p.ID)
	must(t, err)
	return recs[0]
}

func testMonitoringSave(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	m := firstMonitoring(t, s)
	m.Record.Funds[0].Executed = jixiao.MustDecimal("40.5")
	m.Record.Indicators[1].Actual = jixiao.ParseTarget("50%")
	m.Record.Indicators[1].Likelihood = jixiao.LikelihoodPossible
	m.Record.Indicators[1].Deviation = jixiao.DeviationReason{Category: "经费保障", Text: "资金下达较晚"}
	m.Level, m.Alerts = jixiao.LevelRed, 2
	must(t, s.SaveMonitoring(ctx, m, jixiao.SaveInfo{Author: "filler", Reason: "填写截至7月底执行数"}))
	if m.Version != 2 {
		t.Fatalf("version after save %d, want 2", m.Version)
	}
	got, err := s.MonitoringEntry(ctx, m.ID)
	must(t, err)
	if diff := cmp.Diff(m.Record, got.Record, ExactDecimal); diff != "" {
		t.Errorf("saved (-want +got):\n%s", diff)
	}
	if got.UpdatedBy != "filler" || got.Version != 2 || got.Level != jixiao.LevelRed || got.Alerts != 2 {
		t.Errorf("after save: by %q version %d level %q alerts %d", got.UpdatedBy, got.Version, got.Level, got.Alerts)
	}
	stale := *got
	stale.Version = 1
	wantCode(t, s.SaveMonitoring(ctx, &stale, jixiao.SaveInfo{Author: "other"}), jixiao.ECONFLICT)
	changed := *got
	changed.Record.Indicators = append([]jixiao.IndicatorProgress(nil), got.Record.Indicators...)
	changed.Record.Indicators[1].Target = jixiao.ParseTarget("60%")
	wantCode(t, s.SaveMonitoring(ctx, &changed, jixiao.SaveInfo{Author: "filler"}), jixiao.EINVALID)

	revs, err := s.MonitoringRevisions(ctx, m.ID)
	wantVersions(t, revs, err, []int{1, 2}, "填写截至7月底执行数")
	first, err := s.MonitoringAt(ctx, m.ID, 1)
	must(t, err)
	if first.Record.Funds[0].Executed.IsSet() || first.Version != 1 {
		t.Errorf("version 1 has executed %s (version %d)", first.Record.Funds[0].Executed, first.Version)
	}
	_, err = s.MonitoringAt(ctx, m.ID, 9)
	wantCode(t, err, jixiao.ENOTFOUND)
	_, err = s.MonitoringEntry(ctx, 999999)
	wantCode(t, err, jixiao.ENOTFOUND)
}

func mStep(t *testing.T, s jixiao.ReviewStore, id int64, a jixiao.Action, role jixiao.Role, reason string) jixiao.MonitoringStep {
	t.Helper()
	m, err := s.MonitoringEntry(context.Background(), id)
	must(t, err)
	to, err := jixiao.NextStatus(m.Status, a, role, reason)
	must(t, err)
	st := &jixiao.MonitoringStep{RecordID: id, Version: m.Version, Action: a, From: m.Status, To: to, Actor: string(role), Reason: reason}
	v, err := s.TransitionMonitoring(context.Background(), st)
	must(t, err)
	if v != m.Version+1 || st.Result != v || st.Created.IsZero() {
		t.Fatalf("%s: version %d result %d, want %d", a, v, st.Result, m.Version+1)
	}
	return *st
}

func testMonitoringWorkflow(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	m := firstMonitoring(t, s)
	var want []jixiao.MonitoringStep
	want = append(want, mStep(t, s, m.ID, jixiao.ActSubmit, jixiao.RoleFiller, ""))
	cur, err := s.MonitoringEntry(ctx, m.ID)
	must(t, err)
	wantCode(t, s.SaveMonitoring(ctx, cur, jixiao.SaveInfo{Author: "filler"}), jixiao.ELOCKED) // submitted: read-only
	want = append(want, mStep(t, s, m.ID, jixiao.ActUnitApprove, jixiao.RoleLeader, ""))
	// 督促整改: the finance bureau returns it with a reason; the unit corrects it.
	want = append(want, mStep(t, s, m.ID, jixiao.ActReturn, jixiao.RoleReviewer, "执行进度滞后，请说明原因并提出纠偏措施"))
	cur, err = s.MonitoringEntry(ctx, m.ID)
	must(t, err)
	cur.Record.Remedy = "加快支付进度"
	must(t, s.SaveMonitoring(ctx, cur, jixiao.SaveInfo{Author: "filler"}))
	want = append(want, mStep(t, s, m.ID, jixiao.ActSubmit, jixiao.RoleFiller, ""))
	want = append(want, mStep(t, s, m.ID, jixiao.ActUnitApprove, jixiao.RoleLeader, ""))
	want = append(want, mStep(t, s, m.ID, jixiao.ActApprove, jixiao.RoleReviewer, ""))
	got, err := s.MonitoringSteps(ctx, m.ID)
	must(t, err)
	if diff := cmp.Diff(want, got, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".ID" }, cmp.Ignore())); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
	final, err := s.MonitoringEntry(ctx, m.ID)
	must(t, err)
	if final.Status != jixiao.Approved || final.Version != 8 || final.Record.Remedy != "加快支付进度" {
		t.Errorf("final status %s version %d remedy %q, want approved 8", final.Status, final.Version, final.Record.Remedy)
	}
	_, err = s.TransitionMonitoring(ctx, &jixiao.MonitoringStep{RecordID: m.ID, Version: 3, Action: jixiao.ActPublish,
		From: jixiao.Approved, To: jixiao.Published, Actor: "reviewer"})
	wantCode(t, err, jixiao.ECONFLICT)
}

func testMonitoringBoard(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	p, r, tree := openRound(t, s)
	recs, err := s.PlanMonitoring(ctx, p.ID)
	must(t, err)
	if len(recs) < 3 {
		t.Fatalf("%d records, want at least 3", len(recs))
	}
	recs[1].Level, recs[1].Alerts = jixiao.LevelRed, 1
	must(t, s.SaveMonitoring(ctx, recs[1], jixiao.SaveInfo{Author: "filler"}))
	recs[2].Level = jixiao.LevelGreen
	must(t, s.SaveMonitoring(ctx, recs[2], jixiao.SaveInfo{Author: "filler"}))
	mStep(t, s, recs[2].ID, jixiao.ActSubmit, jixiao.RoleFiller, "")

	b, err := s.MonitoringBoardOf(ctx, jixiao.MonitoringFilter{RoundID: r.ID, RegionID: tree["B"].ID})
	must(t, err)
	n := len(recs)
	wantLevels := map[string]int{jixiao.LevelRed: 1, jixiao.LevelGreen: 1, jixiao.LevelNone: n - 2}
	if diff := cmp.Diff(wantLevels, b.ByLevel); diff != "" {
		t.Errorf("by level (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[jixiao.Status]int{jixiao.Draft: n - 1, jixiao.Submitted: 1}, b.ByStatus); diff != "" {
		t.Errorf("by status (-want +got):\n%s", diff)
	}
	if b.Total != n || len(b.Rows) != n || b.Rows[0].ID != recs[1].ID || b.Rows[0].Level != jixiao.LevelRed || b.Rows[1].ID != recs[2].ID {
		t.Errorf("board: total %d, %d rows, first %+v", b.Total, len(b.Rows), b.Rows[0])
	}
	for _, tt := range []struct {
		name string
		f    jixiao.MonitoringFilter
		want int
	}{
		{"red", jixiao.MonitoringFilter{Level: jixiao.LevelRed}, 1},
		{"not filled", jixiao.MonitoringFilter{Level: "none"}, n - 2},
		{"submitted", jixiao.MonitoringFilter{Status: jixiao.Submitted}, 1},
		{"project name", jixiao.MonitoringFilter{Query: recs[1].Record.Project}, 1},
		{"department code", jixiao.MonitoringFilter{Query: "D1"}, n},
		{"other region", jixiao.MonitoringFilter{RegionID: tree["D2"].ID}, 0},
		{"limit", jixiao.MonitoringFilter{Limit: 2}, n},
	} {
		tt.f.RoundID = r.ID
		b, err := s.MonitoringBoardOf(ctx, tt.f)
		must(t, err)
		limit := tt.f.Limit
		if limit == 0 {
			limit = 200
		}
		if b.Total != tt.want || len(b.Rows) != min(tt.want, limit) {
			t.Errorf("%s: total %d, %d rows, want %d", tt.name, b.Total, len(b.Rows), tt.want)
		}
	}
}

func testMonitoringUnits(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	p, r, tree := openRound(t, s)
	// A second approved plan, of D1-U1, in a round of its own month.
	q := SamplePlan("D1-U1", "区工商联", 2021)
	must(t, s.CreatePlan(ctx, q, jixiao.SaveInfo{Author: "filler"}))
	approvedPlanOf(t, s, q)
	r6 := &jixiao.StoredRound{MonitoringRound: jixiao.MonitoringRound{Year: 2021, AsOf: 6}, Rules: "national-2019",
		DepartmentID: tree["B"].ID, OpenedBy: "reviewer"}
	must(t, s.OpenMonitoringRound(ctx, r6))
	recs, err := s.PlanMonitoring(ctx, p.ID)
	must(t, err)
	var m *jixiao.StoredMonitoring
	for _, x := range recs {
		if x.RoundID == r6.ID {
			m = x
			break
		}
	}
	m.Level = jixiao.LevelYellow
	must(t, s.SaveMonitoring(ctx, m, jixiao.SaveInfo{Author: "filler"}))
	units, total, err := s.MonitoringUnits(ctx, jixiao.MonitoringFilter{RoundID: r6.ID, RegionID: tree["B"].ID})
	must(t, err)
	n := len(recs) / 2 // the plan's records in each of the two rounds
	want := []jixiao.MonitoringUnit{
		{DepartmentID: tree["D1"].ID, Code: "D1", Department: "区委统战部", ByLevel: map[string]int{"red": 0, "yellow": 1, "green": 0, "": n - 1}},
		{DepartmentID: tree["D1-U1"].ID, Code: "D1-U1", Department: "区工商联", ByLevel: map[string]int{"red": 0, "yellow": 0, "green": 0, "": n}},
	}
	if diff := cmp.Diff(want, units); diff != "" || total != 2 {
		t.Errorf("units (total %d) (-want +got):\n%s", total, diff)
	}
	if units[0].Worst() != jixiao.LevelYellow || units[1].Worst() != jixiao.LevelNone {
		t.Errorf("worst levels %q %q", units[0].Worst(), units[1].Worst())
	}
	units, total, err = s.MonitoringUnits(ctx, jixiao.MonitoringFilter{RoundID: r6.ID, RegionID: tree["B"].ID, Query: "工商"})
	must(t, err)
	if total != 1 || len(units) != 1 || units[0].Code != "D1-U1" {
		t.Errorf("units matching 工商: %d %+v", total, units)
	}
	units, total, err = s.MonitoringUnits(ctx, jixiao.MonitoringFilter{RoundID: r.ID, RegionID: tree["D2"].ID})
	must(t, err)
	if total != 0 || len(units) != 0 {
		t.Errorf("units of D2: %d %+v", total, units)
	}
}

func testMonitoringAdjustment(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	m := firstMonitoring(t, s)
	p, err := s.Plan(ctx, m.PlanID)
	must(t, err)
	wantCode(t, s.ProposeAdjustment(ctx, &jixiao.Adjustment{RecordID: m.ID, Actor: "filler", Reason: ""}, p.Version), jixiao.EINVALID)
	wantCode(t, s.ProposeAdjustment(ctx, &jixiao.Adjustment{RecordID: m.ID, Actor: "filler", Reason: "资金调减"}, p.Version-1), jixiao.ECONFLICT)
	a := &jixiao.Adjustment{RecordID: m.ID, Actor: "filler", Reason: "上级资金调减，相应调整数量指标"}
	must(t, s.ProposeAdjustment(ctx, a, p.Version))
	if a.ID == 0 || a.PlanID != p.ID || a.FromVersion != p.Version || a.Draft != p.Version+1 || a.Created.IsZero() {
		t.Errorf("adjustment %+v, plan at %d", a, p.Version)
	}
	draft, err := s.Plan(ctx, p.ID)
	must(t, err)
	if draft.Status != jixiao.Draft || draft.Version != p.Version+1 {
		t.Errorf("plan after adjustment: %s version %d", draft.Status, draft.Version)
	}
	trs, err := s.Transitions(ctx, p.ID)
	must(t, err)
	if last := trs[len(trs)-1]; last.Action != jixiao.ActAdjust || last.Result != a.Draft || last.From != jixiao.Approved {
		t.Errorf("last transition %+v", last)
	}
	// The approved version stays what it was until the adjustment is approved.
	st, err := s.ReviewState(ctx, p.ID)
	must(t, err)
	if st.ApprovedVersion != p.Version {
		t.Errorf("approved version %d, want %d", st.ApprovedVersion, p.Version)
	}
	// A draft cannot be adjusted again.
	wantCode(t, s.ProposeAdjustment(ctx, &jixiao.Adjustment{RecordID: m.ID, Actor: "filler", Reason: "再次调整"}, draft.Version), jixiao.ECONFLICT)
	got, err := s.Adjustments(ctx, m.ID)
	must(t, err)
	if diff := cmp.Diff([]jixiao.Adjustment{*a}, got); diff != "" {
		t.Errorf("adjustments (-want +got):\n%s", diff)
	}
	approvedPlanOf(t, s, draft)
	st, err = s.ReviewState(ctx, p.ID)
	must(t, err)
	if st.ApprovedVersion != a.Draft+3 {
		t.Errorf("approved version after the adjustment %d, want %d", st.ApprovedVersion, a.Draft+3)
	}
}

// testMonitoringRace: 32 saves read at the same version; exactly one wins, the rest get
// ECONFLICT, and one revision is added.
func testMonitoringRace(t *testing.T, s jixiao.ReviewStore) {
	ctx := context.Background()
	m := firstMonitoring(t, s)
	raceSaves(t, 32, func(i int) error {
		c := *m
		c.Record.Remedy = "第 " + string(rune('A'+i%26)) + " 位"
		c.Level = jixiao.LevelGreen
		return s.SaveMonitoring(ctx, &c, jixiao.SaveInfo{Author: "filler"})
	})
	revs, err := s.MonitoringRevisions(ctx, m.ID)
	wantVersions(t, revs, err, []int{1, 2}, "")
	// The unit's counts moved the record once: one green, the rest not filled.
	units, _, err := s.MonitoringUnits(ctx, jixiao.MonitoringFilter{RoundID: m.RoundID})
	must(t, err)
	recs, err := s.PlanMonitoring(ctx, m.PlanID)
	must(t, err)
	if len(units) != 1 || units[0].ByLevel[jixiao.LevelGreen] != 1 || units[0].ByLevel[jixiao.LevelNone] != len(recs)-1 {
		t.Errorf("unit counts after the race: %+v (%d records)", units, len(recs))
	}
}
