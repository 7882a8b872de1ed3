package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/setup"
	"jixiao/sqlite"
)

// TestMonitorDB: `jixiao monitor --db` judges the stored records of a round: exit 1 and
// the red alert at its cell when spending is behind schedule, 0 once it is not, 2
// without a round.
func TestMonitorDB(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := setup.Setup(ctx, db, setup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct {
		a    jixiao.Action
		role jixiao.Role
	}{{jixiao.ActSubmit, jixiao.RoleFiller}, {jixiao.ActUnitApprove, jixiao.RoleLeader}, {jixiao.ActApprove, jixiao.RoleReviewer}} {
		p, err := db.Plan(ctx, res.DemoPlanID)
		if err != nil {
			t.Fatal(err)
		}
		to, _ := jixiao.NextStatus(p.Status, a.a, a.role, "")
		if _, err := db.Transition(ctx, &jixiao.TransitionRecord{PlanID: p.ID, Version: p.Version, Action: a.a, From: p.Status, To: to, Actor: "t"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	p, _ := db.Plan(ctx, res.DemoPlanID)
	d, err := db.DepartmentByCode(ctx, setup.DemoRootCode)
	if err != nil {
		t.Fatal(err)
	}
	round := &jixiao.StoredRound{MonitoringRound: jixiao.MonitoringRound{Year: p.Year, AsOf: 7}, Rules: "national-2019", DepartmentID: d.ID, OpenedBy: "t"}
	if err := db.OpenMonitoringRound(ctx, round); err != nil {
		t.Fatal(err)
	}
	recs, err := db.PlanMonitoring(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	save := func(executed string) {
		m, err := db.MonitoringEntry(ctx, recs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		m.Record.Funds[0].Executed = jixiao.MustDecimal(executed)
		if err := db.SaveMonitoring(ctx, m, jixiao.SaveInfo{Author: "t"}); err != nil {
			t.Fatal(err)
		}
	}
	save("20")
	db.Close()
	year := strconv.Itoa(p.Year)
	code, out, errOut := runStoreCmd(t, "monitor", "--db", "sqlite:"+path, "--year", year)
	if code != 1 || !strings.Contains(out, "红色预警  funds[0].executed：截至7月底执行率") || !strings.Contains(out, "序时进度 58.33%") {
		t.Errorf("monitor --db behind schedule: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runStoreCmd(t, "monitor", "--db", "sqlite:"+path, "--round", strconv.FormatInt(round.ID, 10), "--plan", strconv.FormatInt(p.ID, 10), "--format", "json")
	var reports []monitorReport
	if err := json.Unmarshal([]byte(out), &reports); err != nil || code != 1 || len(reports) != len(recs) || reports[0].Level != "red" {
		t.Errorf("monitor --db --format json: exit %d, %d reports, %v\n%s", code, len(reports), err, out)
	}
	if db, err = sqlite.Open(path); err != nil {
		t.Fatal(err)
	}
	save("100")
	db.Close()
	if code, out, _ := runStoreCmd(t, "monitor", "--db", "sqlite:"+path, "--year", year, "--as-of", "7"); code != 0 || strings.Contains(out, "红色预警  ") {
		t.Errorf("monitor --db on schedule: exit %d\n%s", code, out)
	}
	if code, _, errOut := runStoreCmd(t, "monitor", "--db", "sqlite:"+path, "--year", year, "--as-of", "6"); code != 2 || !strings.Contains(errOut, "没有截至6月底的监控轮次") {
		t.Errorf("monitor --db without such a round: exit %d\n%s", code, errOut)
	}
}
