package http

import (
	"fmt"
	"net/http"

	"jixiao"
)

// monitoringRow is one record of a plan's monitoring: its round, table, state and the
// level of its warnings.
type monitoringRow struct {
	ID                int64
	Round, Name       string
	Status, Deadline  string
	Level, LevelLabel string
	LevelIcon         string
	Alerts            int
}

type monitoringListPage struct {
	layout
	Plan planHeader
	Rows []monitoringRow
	Note string
}

// monitoringList lists the monitoring records of a plan, every round (GET
// /plans/{id}/monitoring).
func monitoringList(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	recs, err := s.store.PlanMonitoring(ctx, c.plan.ID)
	if err != nil {
		return err
	}
	pg := &monitoringListPage{Plan: s.header(ctx, c, c.plan, "")}
	rounds := map[int64]*jixiao.StoredRound{}
	for _, m := range recs {
		rd, ok := rounds[m.RoundID]
		if !ok {
			if rd, err = s.store.MonitoringRoundByID(ctx, m.RoundID); err != nil {
				return err
			}
			rounds[m.RoundID] = rd
		}
		round := rd.MonitoringRound.String()
		if rd.Status == jixiao.RoundClosed {
			round += "（已结束）"
		}
		pg.Rows = append(pg.Rows, monitoringRow{ID: m.ID, Round: round, Name: monitoringTableName(m),
			Status: m.Status.Label(), Deadline: localTime(rd.Deadline), Level: m.Level, LevelLabel: levelLabel(m.Level),
			LevelIcon: levelIcon(m.Level), Alerts: m.Alerts})
	}
	if len(recs) == 0 {
		pg.Note = "财政部门尚未开启包含本绩效目标的监控轮次：开启后，审核通过的绩效目标的部门整体和每个项目各有一张绩效监控表。"
	}
	pg.Title, pg.Nav = fmt.Sprintf("绩效运行监控：%s %d年", c.plan.Department, c.plan.Year), "plans"
	pg.Crumbs = planCrumbs(c.plan, "绩效运行监控")
	s.render(w, r, c, http.StatusOK, "monitoring_list", pg)
	return nil
}
