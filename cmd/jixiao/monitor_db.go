package main

import (
	"context"
	"fmt"

	"jixiao"
	"jixiao/monitor"
)

// monitorStoreOptions select the stored records `jixiao monitor --db` judges.
type monitorStoreOptions struct {
	DSN    string
	Year   int
	AsOf   int   // the round's month; 0: the year's latest round
	Round  int64 // a round by id; wins over Year and AsOf
	Plan   int64 // only this plan's records (0: every plan of the round)
	Rules  string
	Format string
}

// runMonitorStore judges the stored monitoring records of one round (绩效运行监控) by the
// round's rules (or --rules when given) and prints every alert at its cell; exit code 1
// when any is red, as for a file.
func runMonitorStore(ctx context.Context, e *env, o monitorStoreOptions) error {
	st, err := openStore(ctx, o.DSN)
	if err != nil {
		return err
	}
	defer st.Close()
	ms, ok := st.(jixiao.MonitoringService)
	if !ok {
		return fmt.Errorf("store %T keeps no monitoring records", st)
	}
	round, err := pickRound(ctx, ms, o)
	if err != nil {
		return err
	}
	rulesID := round.Rules
	if o.Rules != "" {
		rulesID = o.Rules
	}
	rules, err := monitor.Lookup(rulesID)
	if err != nil {
		return err
	}
	board, err := ms.MonitoringBoardOf(ctx, jixiao.MonitoringFilter{RoundID: round.ID, Limit: 1 << 30})
	if err != nil {
		return err
	}
	var reports []monitorReport
	red, n := false, 0
	for _, row := range board.Rows {
		if o.Plan != 0 && row.PlanID != o.Plan {
			continue
		}
		m, err := ms.MonitoringEntry(ctx, row.ID)
		if err != nil {
			return err
		}
		alerts := rules.Check(&m.Record)
		if alerts == nil {
			alerts = []monitor.Alert{}
		}
		name := fmt.Sprintf("%s %s（监控表 %d，%s）", row.Code, row.Department, m.ID, m.Status.Label())
		reports = append(reports, monitorReport{File: name, Level: monitor.Worst(alerts), Alerts: alerts, Record: &m.Record})
		red = red || monitor.Worst(alerts) == monitor.Red
		if o.Format == "text" {
			if n > 0 {
				fmt.Fprintln(e.Stdout)
			}
			printMonitor(e.Stdout, name, &m.Record, alerts)
		}
		n++
	}
	if o.Format == "json" {
		if reports == nil {
			reports = []monitorReport{}
		}
		if err := writeJSON(e.Stdout, reports); err != nil {
			return err
		}
	} else if n == 0 {
		fmt.Fprintf(e.Stdout, "%s没有符合条件的监控表。\n", round.MonitoringRound)
	}
	if red {
		return exitError{1}
	}
	return nil
}

// pickRound finds the round o names: by id, or the year's round of the month, or the
// year's latest.
func pickRound(ctx context.Context, ms jixiao.MonitoringService, o monitorStoreOptions) (*jixiao.StoredRound, error) {
	if o.Round != 0 {
		return ms.MonitoringRoundByID(ctx, o.Round)
	}
	if o.Year == 0 {
		return nil, jixiao.Errorf(jixiao.EINVALID, "从数据库读取监控表须用 --year 指定年度（或用 --round 指定监控轮次编号）。")
	}
	rounds, err := ms.MonitoringRounds(ctx, o.Year)
	if err != nil {
		return nil, err
	}
	for _, r := range rounds { // newest first
		if o.AsOf == 0 || r.AsOf == o.AsOf {
			return r, nil
		}
	}
	if o.AsOf != 0 {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "%d年没有截至%d月底的监控轮次。", o.Year, o.AsOf)
	}
	return nil, jixiao.Errorf(jixiao.ENOTFOUND, "%d年尚未开启监控轮次。", o.Year)
}
