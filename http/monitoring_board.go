package http

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"jixiao"
	"jixiao/xlsx"
)

type mBoardRow struct {
	ID, PlanID              int64
	Code, Department, Table string
	Status                  string
	Level, LevelLabel, Icon string
	Alerts                  int
	Updated                 string
	Overdue                 bool // past the round's deadline and not submitted
}

type levelCount struct {
	Level, Label, Icon string
	N                  int
	Href               string
	On                 bool
}

// mBoardPage is the finance bureau's board of one monitoring round: counts of every
// record of its region by level and state, and the records that match the filters.
type mBoardPage struct {
	layout
	Round    *jixiao.StoredRound
	Rules    string // the warning rules' name
	Name     string
	Progress string
	Levels   []levelCount
	States   []selectOption
	ByStatus []levelCount
	Query    string
	Level    string
	Rows     []mBoardRow
	Total    int
	Shown    int
	Export   string
	ByUnit   bool // the summary by unit instead of the records
	Units    []mUnitRow
	Views    [2]string // the addresses of the two views, with the filters kept
	Closed   bool      // the round is closed: read-only
	CanClose bool      // the user's bureau opened the round, which is open
}

// mUnitRow is one department on the summary by unit.
type mUnitRow struct {
	DepartmentID            int64
	Code, Department        string
	Level, LevelLabel, Icon string
	Red, Yellow, Green, Not int
	Href                    string // the department's records on the board
}

var boardLevels = []string{jixiao.LevelRed, jixiao.LevelYellow, jixiao.LevelGreen, "none"}

// monitoringBoardData reads the board of round {rid} for the reviewer's region.
func (s *Server) monitoringBoardData(r *http.Request, c *reqCtx, limit int) (*mBoardPage, error) {
	ctx := r.Context()
	round, err := s.visibleRound(r, c)
	if err != nil {
		return nil, err
	}
	rid := round.ID
	q := r.URL.Query()
	f := jixiao.MonitoringFilter{RoundID: rid, RegionID: c.user.DepartmentID, Level: q.Get("level"),
		Status: jixiao.Status(q.Get("status")), Query: strings.TrimSpace(q.Get("q")), Limit: limit}
	if f.Level != "" && f.Level != "none" && f.Level != jixiao.LevelRed && f.Level != jixiao.LevelYellow && f.Level != jixiao.LevelGreen {
		f.Level = ""
	}
	byUnit := q.Get("view") == "unit"
	if byUnit {
		f.Limit = 1 // the counts only: the rows are the units'
	}
	b, err := s.store.MonitoringBoardOf(ctx, f)
	if err != nil {
		return nil, err
	}
	pg := &mBoardPage{Round: round, Rules: monitorRulesName(round.Rules), Name: round.MonitoringRound.String(), Progress: round.MonitoringRound.TimeProgress().String(),
		Query: f.Query, Level: f.Level, Total: b.Total, Shown: len(b.Rows), Closed: round.Status == jixiao.RoundClosed}
	pg.CanClose = !pg.Closed && round.DepartmentID == c.user.DepartmentID
	keep := url.Values{}
	if f.Status != "" {
		keep.Set("status", string(f.Status))
	}
	if f.Query != "" {
		keep.Set("q", f.Query)
	}
	base := fmt.Sprintf("/review/monitoring/%d", rid)
	for _, l := range boardLevels {
		key := l
		if l == "none" {
			key = jixiao.LevelNone
		}
		v := url.Values{}
		for k, x := range keep {
			v[k] = x
		}
		v.Set("level", l)
		pg.Levels = append(pg.Levels, levelCount{Level: l, Label: levelLabel(key), Icon: levelIcon(key), N: b.ByLevel[key],
			Href: base + "?" + v.Encode(), On: f.Level == l})
	}
	for _, st := range []jixiao.Status{jixiao.Draft, jixiao.Submitted, jixiao.UnitApproved, jixiao.Returned, jixiao.Approved} {
		pg.ByStatus = append(pg.ByStatus, levelCount{Label: st.Label(), N: b.ByStatus[st]})
		pg.States = append(pg.States, selectOption{Value: string(st), Label: st.Label(), Selected: st == f.Status})
	}
	late := !round.Deadline.IsZero() && s.cfg.Now().After(round.Deadline)
	for _, row := range b.Rows {
		table := "部门整体"
		if row.Table > 0 {
			table = row.Project
		}
		pg.Rows = append(pg.Rows, mBoardRow{ID: row.ID, PlanID: row.PlanID, Code: row.Code, Department: row.Department, Table: table,
			Status: row.Status.Label(), Level: row.Level, LevelLabel: levelLabel(row.Level), Icon: levelIcon(row.Level),
			Alerts: row.Alerts, Updated: localTime(row.Updated), Overdue: late && row.Status.Editable()})
	}
	if byUnit {
		units, total, err := s.store.MonitoringUnits(ctx, jixiao.MonitoringFilter{RoundID: rid, RegionID: c.user.DepartmentID, Query: f.Query, Limit: limit})
		if err != nil {
			return nil, err
		}
		pg.ByUnit, pg.Total, pg.Shown = true, total, len(units)
		for _, u := range units {
			w := u.Worst()
			pg.Units = append(pg.Units, mUnitRow{DepartmentID: u.DepartmentID, Code: u.Code, Department: u.Department, Level: w, LevelLabel: levelLabel(w), Icon: levelIcon(w),
				Red: u.ByLevel[jixiao.LevelRed], Yellow: u.ByLevel[jixiao.LevelYellow], Green: u.ByLevel[jixiao.LevelGreen], Not: u.ByLevel[jixiao.LevelNone],
				Href: base + "?" + url.Values{"q": {u.Code}}.Encode()})
		}
	}
	views := url.Values{}
	if f.Query != "" {
		views.Set("q", f.Query)
	}
	pg.Views[0] = base + "?" + views.Encode()
	views.Set("view", "unit")
	pg.Views[1] = base + "?" + views.Encode()
	all := url.Values{}
	for k, x := range keep {
		all[k] = x
	}
	if f.Level != "" {
		all.Set("level", f.Level)
	}
	pg.Export = base + "/board.xlsx?" + all.Encode()
	pg.Title, pg.Nav, pg.Wide = "监控看板："+pg.Name, "monitoring", true
	pg.Crumbs = []crumb{{Label: "绩效运行监控", URL: "/review/monitoring"}, {Label: pg.Name}}
	return pg, nil
}

// monitoringBoard shows the board of a round (GET /review/monitoring/{rid}?level=&status=&q=):
// every unit's and project's record red, yellow or green, red first; the first 200
// rows of the filter, the counts of all.
func monitoringBoard(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	pg, err := s.monitoringBoardData(r, c, 200)
	if err != nil {
		return err
	}
	switch r.URL.Query().Get("done") {
	case "open":
		pg.Flash = fmt.Sprintf("监控轮次已开启：生成监控表 %d 张。", pg.Round.Records)
	case "close":
		pg.Flash = "本轮监控已结束：各单位的监控表只能查看和导出。"
	case "remind":
		if n := r.URL.Query().Get("n"); n != "0" {
			pg.Flash = fmt.Sprintf("已向 %s 个尚未报送的单位发出催报。", n)
		} else {
			pg.Flash = "没有需要催报的单位：监控表均已报送，或单位没有可接收消息的账号。"
		}
	}
	s.render(w, r, c, http.StatusOK, "monitoring_board", pg)
	return nil
}

// monitoringBoardExport downloads the board as filtered, every row (GET
// /review/monitoring/{rid}/board.xlsx).
func monitoringBoardExport(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	pg, err := s.monitoringBoardData(r, c, 1_000_000)
	if err != nil {
		return err
	}
	rows := make([][]any, 0, len(pg.Rows))
	for _, b := range pg.Rows {
		status := b.Status
		if b.Overdue {
			status += "（逾期未报）"
		}
		rows = append(rows, []any{b.Code, b.Department, b.Table, status, b.LevelLabel, b.Alerts, b.Updated})
	}
	var buf bytes.Buffer
	title := fmt.Sprintf("绩效运行监控看板（%s，序时进度 %s%%）", pg.Name, pg.Progress)
	if err := xlsx.WriteTable(&buf, "监控看板", title, []string{"单位编码", "单位", "监控表", "状态", "预警", "预警条数", "最后修改"}, rows); err != nil {
		return err
	}
	name := fmt.Sprintf("绩效运行监控看板-%s.xlsx", pg.Name)
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename=\"monitoring.xlsx\"; filename*=UTF-8''"+url.PathEscape(name))
	c.auditDetail = fmt.Sprintf("导出监控看板 %s：%d 行", pg.Name, len(rows))
	_, err = w.Write(buf.Bytes())
	return err
}
