package http

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"jixiao"
	"jixiao/monitor"
)

type roundRow struct {
	ID                       int64
	Name, Deadline, OpenedBy string
	Created, Rules           string
	Records                  int
	Closed                   bool
}

type roundsPage struct {
	layout
	Rounds []roundRow
	Rules  []selectOption
	Year   int
	Months []int
}

// monitoringRounds lists the monitoring rounds and offers to open one (GET
// /review/monitoring): the finance bureau's entry to 绩效运行监控.
func monitoringRounds(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	pg, err := s.roundsPage(r, c)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("done") == "open" {
		pg.Flash = "监控轮次已开启，已为每个审核通过的绩效目标生成监控表。"
	}
	s.render(w, r, c, http.StatusOK, "monitoring_rounds", pg)
	return nil
}

func (s *Server) roundsPage(r *http.Request, c *reqCtx) (*roundsPage, error) {
	rounds, err := s.store.MonitoringRounds(r.Context(), 0)
	if err != nil {
		return nil, err
	}
	pg := &roundsPage{Year: s.cfg.Now().In(jixiao.ChinaTime()).Year(), Months: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}}
	for _, rd := range rounds {
		if ok, err := s.roundVisible(r.Context(), c, rd); err != nil {
			return nil, err
		} else if !ok {
			continue // another region's round
		}
		pg.Rounds = append(pg.Rounds, roundRow{ID: rd.ID, Name: rd.MonitoringRound.String(), Deadline: localTime(rd.Deadline),
			OpenedBy: rd.OpenedBy, Created: localTime(rd.Created), Rules: monitorRulesName(rd.Rules), Records: rd.Records,
			Closed: rd.Status == jixiao.RoundClosed})
	}
	ids, err := monitor.IDs()
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		pg.Rules = append(pg.Rules, selectOption{Value: id, Label: monitorRulesName(id), Selected: id == monitor.DefaultRules})
	}
	pg.Title, pg.Nav = "绩效运行监控", "monitoring"
	pg.Crumbs = []crumb{{Label: "绩效运行监控"}}
	return pg, nil
}

// monitoringOpen opens a round (POST /review/monitoring): a year, the month the figures
// run to, a deadline and the warning rules; every approved plan of the reviewer's region
// gets its empty records.
func monitoringOpen(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	year, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("year")))
	if err != nil {
		return jixiao.Errorf(jixiao.EINVALID, "请填写监控年度，例如 2021。")
	}
	month, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("as_of")))
	if err != nil {
		return jixiao.Errorf(jixiao.EINVALID, "请选择截至月份。")
	}
	rd := &jixiao.StoredRound{MonitoringRound: jixiao.MonitoringRound{Year: year, AsOf: month}, Rules: r.PostFormValue("rules"),
		DepartmentID: c.user.DepartmentID, OpenedBy: c.user.Username}
	if _, err := monitor.Lookup(rd.Rules); err != nil {
		return jixiao.Errorf(jixiao.EINVALID, "没有名为“%s”的预警规则。", rd.Rules)
	}
	if d := strings.TrimSpace(r.PostFormValue("deadline")); d != "" {
		t, err := time.ParseInLocation("2006-01-02", d, jixiao.ChinaTime())
		if err != nil {
			return jixiao.Errorf(jixiao.EINVALID, "报送截止日期“%s”不是日期（例如 2021-08-10）。", d)
		}
		rd.Deadline = t.Add(24*time.Hour - time.Second) // the end of that day
	}
	if rd.DepartmentID == 0 {
		return jixiao.Errorf(jixiao.EFORBIDDEN, "您的账号没有分配单位，无法开启监控轮次。")
	}
	if err := s.store.OpenMonitoringRound(r.Context(), rd); err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("monitoring_round:%d", rd.ID)
	c.auditDetail = fmt.Sprintf("开启监控轮次 %s，预警规则 %s，生成监控表 %d 张", rd.MonitoringRound, rd.Rules, rd.Records)
	http.Redirect(w, r, fmt.Sprintf("/review/monitoring/%d?done=open", rd.ID), http.StatusSeeOther)
	return nil
}

// roundVisible reports whether a round concerns the user's region: opened for it or for
// a region within it, or by a finance bureau above it (whose round covers it).
func (s *Server) roundVisible(ctx context.Context, c *reqCtx, rd *jixiao.StoredRound) (bool, error) {
	if rd.DepartmentID == c.user.DepartmentID {
		return true, nil // the bureau's own round: no need to read its subtree
	}
	if in, err := c.inSubtree(ctx, rd.DepartmentID); err != nil || in {
		return in, err
	}
	if c.user.DepartmentID == 0 {
		return false, nil
	}
	d, err := s.store.Department(ctx, c.user.DepartmentID)
	if err != nil {
		return false, err
	}
	above, err := s.ancestors(ctx, d)
	if err != nil {
		return false, err
	}
	return above[rd.DepartmentID], nil
}

// monitorRulesName is a warning rule set as users read it (its name, e.g. 财预〔2019〕136号…),
// its id when it has none.
func monitorRulesName(id string) string {
	if rs, err := monitor.Lookup(id); err == nil && rs.Name != "" {
		return rs.Name
	}
	return id
}
