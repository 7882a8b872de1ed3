package http

import (
	"net/http"
	"time"

	"jixiao"
	"jixiao/monitor"
)

// apiMonitoring is a monitoring record (绩效监控表) as the API gives it: where it stands,
// its warning level (the count of its alerts as saved), and the record itself.
type apiMonitoring struct {
	ID          int64                   `json:"id"`
	RoundID     int64                   `json:"roundId"`
	Round       jixiao.MonitoringRound  `json:"round"`
	PlanID      int64                   `json:"planId"`
	PlanVersion int                     `json:"planVersion"`
	Table       int                     `json:"table"`
	Title       string                  `json:"title"`
	Status      jixiao.Status           `json:"status"`
	Version     int                     `json:"version"`
	Level       string                  `json:"level"` // red, yellow, green, none
	AlertCount  int                     `json:"alertCount"`
	Updated     time.Time               `json:"updated"`
	UpdatedBy   string                  `json:"updatedBy"`
	Record      jixiao.MonitoringRecord `json:"record"`
}

func apiMonitoringOf(m *jixiao.StoredMonitoring) apiMonitoring {
	level := m.Level
	if level == jixiao.LevelNone {
		level = "none"
	}
	return apiMonitoring{ID: m.ID, RoundID: m.RoundID, Round: m.Record.Round, PlanID: m.PlanID, PlanVersion: m.PlanVersion,
		Table: m.Table, Title: monitoringTableName(m), Status: m.Status, Version: m.Version, Level: level, AlertCount: m.Alerts,
		Updated: m.Updated, UpdatedBy: m.UpdatedBy, Record: m.Record}
}

// apiMonitoringList lists a plan's monitoring records, every round (GET
// /api/v1/plans/{id}/monitoring).
func apiMonitoringList(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	recs, err := s.store.PlanMonitoring(r.Context(), c.plan.ID)
	if err != nil {
		return err
	}
	out := make([]apiMonitoring, 0, len(recs))
	for _, m := range recs {
		out = append(out, apiMonitoringOf(m))
	}
	return writeJSON(w, http.StatusOK, out)
}

// apiMonitoringShow gives one monitoring record with its alerts, judged by the round's
// rules (GET /api/v1/plans/{id}/monitoring/{m}).
func apiMonitoringShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	m, err := s.monitoringEntry(r.Context(), r, c)
	if err != nil {
		return err
	}
	rs, err := s.roundRules(r, m.RoundID)
	if err != nil {
		return err
	}
	return s.writeMonitoring(w, rs, m)
}

// writeMonitoring answers with record m and its alerts by the rules rs.
func (s *Server) writeMonitoring(w http.ResponseWriter, rs *monitor.Rules, m *jixiao.StoredMonitoring) error {
	out := struct {
		apiMonitoring
		Alerts []monitor.Alert `json:"alerts"`
	}{apiMonitoringOf(m), rs.Check(&m.Record)}
	if out.Alerts == nil {
		out.Alerts = []monitor.Alert{}
	}
	return writeJSON(w, http.StatusOK, out)
}
