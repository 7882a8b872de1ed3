package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
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

// TestGenMonitoring: `jixiao gen --monitor 7` approves the generated plans, opens the
// round and saves every record; `jixiao monitor --db` then finds the red ones.
func TestGenMonitoring(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "g.db")
	code, out, errOut := runStoreCmd(t, "gen", "--departments", "60", "--db", db, "--monitor", "7")
	m := regexp.MustCompile(`监控表 (\d+) 张：红色预警 (\d+) 张，黄色预警 (\d+) 张，正常 (\d+) 张`).FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("gen --monitor: exit %d\n%s%s", code, out, errOut)
	}
	n, _ := strconv.Atoi(m[1])
	red, _ := strconv.Atoi(m[2])
	yellow, _ := strconv.Atoi(m[3])
	green, _ := strconv.Atoi(m[4])
	if n < 60 || red+yellow+green != n || red == 0 || green < n*3/4 {
		t.Errorf("records %d: red %d, yellow %d, green %d", n, red, yellow, green)
	}
	code, out, _ = runStoreCmd(t, "monitor", "--db", db, "--year", "2021", "--format", "json")
	var reports []monitorReport
	if err := json.Unmarshal([]byte(out), &reports); err != nil || code != 1 || len(reports) != n {
		t.Fatalf("monitor --db: exit %d, %d reports, %v", code, len(reports), err)
	}
	reds := 0
	for _, r := range reports {
		if r.Level == "red" {
			reds++
		}
	}
	if reds != red {
		t.Errorf("monitor --db finds %d red records, gen saved %d", reds, red)
	}
	if code, _, errOut := runStoreCmd(t, "gen", "--departments", "60", "--db", db, "--monitor", "7"); code != 2 || !strings.Contains(errOut, "不能重复开启") {
		t.Errorf("a second gen --monitor of the same round: exit %d\n%s", code, errOut)
	}
}
