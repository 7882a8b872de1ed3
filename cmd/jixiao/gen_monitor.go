package main

import (
	"context"
	"fmt"
	"strings"

	"jixiao"
	"jixiao/gen"
	"jixiao/monitor"
)

// genMonitoring takes every generated plan of the region to approval (as a finance
// bureau would have by mid-year), opens the region's monitoring round at month for the
// year, and saves each plan's records as gen.Region.Monitoring fills them (on schedule,
// with about 5% deliberate problems), each with its level judged by the national rules:
// a store on which the board, `jixiao monitor --db` and the dashboard have something to
// show.
func genMonitoring(ctx context.Context, e *env, s jixiao.Store, r *gen.Region, ids map[int64]int64, year, month int) error {
	rs, ok := s.(jixiao.ReviewStore)
	if !ok {
		return fmt.Errorf("store %T keeps no review workflow", s)
	}
	rules, err := monitor.Lookup(monitor.DefaultRules)
	if err != nil {
		return err
	}
	planIDs := make([]int64, r.Len())
	approved := 0
	for i := range r.Len() {
		p, err := rs.PlanByDepartmentYear(ctx, ids[r.Department(i).ID], year)
		if err != nil {
			return err
		}
		planIDs[i] = p.ID
		for _, a := range []struct {
			a    jixiao.Action
			role jixiao.Role
		}{{jixiao.ActSubmit, jixiao.RoleFiller}, {jixiao.ActUnitApprove, jixiao.RoleLeader}, {jixiao.ActApprove, jixiao.RoleReviewer}} {
			to, err := jixiao.NextStatus(p.Status, a.a, a.role, "")
			if err != nil {
				continue // already past this step
			}
			rec := &jixiao.TransitionRecord{PlanID: p.ID, Version: p.Version, Action: a.a, From: p.Status, To: to, Actor: "jixiao gen"}
			v, err := rs.Transition(ctx, rec, nil)
			if err != nil {
				return err
			}
			p.Version, p.Status = v, to
			if to == jixiao.Approved {
				approved++
			}
		}
	}
	root := r.Departments[0] // the finance bureau
	round := &jixiao.StoredRound{MonitoringRound: jixiao.MonitoringRound{Year: year, AsOf: month}, Rules: rules.ID,
		DepartmentID: ids[root.ID], OpenedBy: "jixiao gen"}
	if err := rs.OpenMonitoringRound(ctx, round); err != nil {
		return err
	}
	byLevel := map[string]int{}
	byProblem := map[gen.MonitorProblem]int{}
	info := jixiao.SaveInfo{Author: "jixiao gen", Reason: "合成数据：按进度填写的绩效监控表"}
	for i := range r.Len() {
		recs, problems := r.Monitoring(i, month)
		for _, pr := range problems {
			byProblem[pr.Problem]++
		}
		stored, err := rs.PlanMonitoring(ctx, planIDs[i])
		if err != nil {
			return err
		}
		for _, m := range stored {
			if m.RoundID != round.ID || m.Table >= len(recs) {
				continue
			}
			m.Record = *recs[m.Table]
			m.Record.PlanID = planIDs[i]
			alerts := rules.Check(&m.Record)
			m.Alerts, m.Level = len(alerts), jixiao.LevelGreen
			switch monitor.Worst(alerts) {
			case monitor.Red:
				m.Level = jixiao.LevelRed
			case monitor.Yellow:
				m.Level = jixiao.LevelYellow
			}
			if err := rs.SaveMonitoring(ctx, m, info); err != nil {
				return err
			}
			byLevel[m.Level]++
		}
	}
	var parts []string
	for _, pr := range gen.AllMonitorProblems {
		if byProblem[pr] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d 处（%s）", pr, byProblem[pr], pr.Rule()))
		}
	}
	fmt.Fprintf(e.Stdout, "绩效运行监控：审核通过 %d 份，开启监控轮次 %s（编号 %d），监控表 %d 张：红色预警 %d 张，黄色预警 %d 张，正常 %d 张；故意问题：%s\n",
		approved, round.MonitoringRound, round.ID, round.Records, byLevel[jixiao.LevelRed], byLevel[jixiao.LevelYellow], byLevel[jixiao.LevelGreen], strings.Join(parts, "，"))
	return nil
}
