package http

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/monitor"
)

// The monitoring (绩效运行监控) pages of a plan share what is here: finding the record of
// a request, its warnings by the round's rules, and the view of one table with every
// alert beside its cell.

// monitoringEntry returns the record {m} of the plan of c; a record of another plan is
// not found, so the plan's access check covers the record.
func (s *Server) monitoringEntry(ctx context.Context, r *http.Request, c *reqCtx) (*jixiao.StoredMonitoring, error) {
	id, err := strconv.ParseInt(r.PathValue("m"), 10, 64)
	if err != nil || id <= 0 {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "没有这张绩效监控表。")
	}
	m, err := s.store.MonitoringEntry(ctx, id)
	if err != nil {
		return nil, err
	}
	if m.PlanID != c.plan.ID {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标“%s %d年”没有编号为 %d 的绩效监控表。", c.plan.Department, c.plan.Year, id)
	}
	return m, nil
}

// monitoringRules are the warning rules of a round (the national ones when the round
// names rules this server does not have).
func monitoringRules(id string) (*monitor.Rules, error) {
	if rs, err := monitor.Lookup(id); err == nil {
		return rs, nil
	}
	return monitor.Lookup(monitor.DefaultRules)
}

// judge computes the alerts of m's record and sets its level and count: not filled
// (nothing typed yet), green, yellow or red.
func judge(rs *monitor.Rules, m *jixiao.StoredMonitoring) []monitor.Alert {
	alerts := rs.Check(&m.Record)
	m.Alerts = len(alerts)
	switch {
	case !filled(&m.Record):
		m.Level = jixiao.LevelNone
	case monitor.Worst(alerts) == monitor.Red:
		m.Level = jixiao.LevelRed
	case monitor.Worst(alerts) == monitor.Yellow:
		m.Level = jixiao.LevelYellow
	default:
		m.Level = jixiao.LevelGreen
	}
	return alerts
}

// filled reports whether the unit has typed anything of the record's figures.
func filled(rec *jixiao.MonitoringRecord) bool {
	for _, f := range rec.Funds {
		if f.Executed.IsSet() || f.ForecastExecuted.IsSet() {
			return true
		}
	}
	for _, in := range rec.Indicators {
		if in.Actual.Text != "" || in.Forecast.Text != "" || in.Likelihood != jixiao.LikelihoodNone {
			return true
		}
	}
	return false
}

// levelLabel is a level in words, never by colour alone.
func levelLabel(l string) string {
	switch l {
	case jixiao.LevelRed:
		return "红色预警"
	case jixiao.LevelYellow:
		return "黄色预警"
	case jixiao.LevelGreen:
		return "正常"
	}
	return "未填报"
}

func levelIcon(l string) string {
	switch l {
	case jixiao.LevelRed:
		return "✖"
	case jixiao.LevelYellow:
		return "▲"
	case jixiao.LevelGreen:
		return "✔"
	}
	return "…"
}

// monitoringTableName names a record's table for headings and messages.
func monitoringTableName(m *jixiao.StoredMonitoring) string {
	if m.Table == 0 {
		return "部门整体支出绩效监控表"
	}
	return "项目支出绩效监控表：" + m.Record.Project
}

// monitoringPlace names an alert's cell in words, as place names a plan's cells:
// "预算执行 · 年度资金总额 · 截至本期执行数", "绩效指标 · 第3行“培训人次” · 全年预计完成值".
func monitoringPlace(rec *jixiao.MonitoringRecord, path string) string {
	var i int
	field := ""
	if j := strings.Index(path, "]."); j >= 0 {
		field = path[j+2:]
	}
	if _, err := fmt.Sscanf(path, "funds[%d]", &i); err == nil && i >= 0 && i < len(rec.Funds) {
		words := map[string]string{"executed": "截至本期执行数", "adjusted": "全年预算数", "forecastExecuted": "全年预计执行数"}[field]
		return strings.TrimSuffix("预算执行 · "+rec.Funds[i].Name+" · "+words, " · ")
	}
	if _, err := fmt.Sscanf(path, "indicators[%d]", &i); err == nil && i >= 0 && i < len(rec.Indicators) {
		words := map[string]string{"actual": "截至本期实际完成值", "forecast": "全年预计完成值", "likelihood": "完成目标可能性",
			"deviation": "偏差原因", "deviation.category": "偏差原因类别", "remedy": "完善措施"}[field]
		return strings.TrimSuffix(fmt.Sprintf("绩效指标 · 第%d行“%s” · %s", i+1, rec.Indicators[i].Name, words), " · ")
	}
	return "绩效监控表"
}

// cellID is the element id of a cell path: indicators[2].forecast → indicators-2-forecast.
func cellID(path string) string {
	return strings.NewReplacer("[", "-", "]", "", ".", "-").Replace(path)
}

type mFundView struct {
	Index                                int
	Name, Initial, Adjusted, Executed    string
	Forecast, Rate, Balance              string
	ExecutedAlerts, AdjustedAlerts, Rest []findingView
}

type mIndicatorView struct {
	Index                             int
	Level1, Level2, Name, Target      string
	Actual, Forecast, Likelihood      string
	Category, Deviation, Remedy       string
	ActualAlerts, ForecastAlerts      []findingView
	LikelihoodAlerts, DeviationAlerts []findingView
	RemedyAlerts                      []findingView
	LikelihoodLabel                   string
	Options, CategoryOptions          []selectOption // the selects of 完成目标可能性 and 偏差原因类别
}

type selectOption struct {
	Value, Label string
	Selected     bool
}

// monitoringPage is the form (and view) of one monitoring record.
type monitoringPage struct {
	layout
	Plan         planHeader
	Rec          *jixiao.StoredMonitoring
	Round        *jixiao.StoredRound
	Heading      string
	Editable     bool
	CanAdjust    bool
	PlanVersion  int // the plan's current version, for the adjustment's check
	Level        string
	LevelLabel   string
	LevelIcon    string
	Progress     string // 序时进度
	Funds        []mFundView
	Goals        []seGoalView
	Indicators   []mIndicatorView
	Categories   []string
	Deviation    string
	Remedy       string
	Alerts       []findingView
	Buttons      []actionButton
	Steps        []transitionView
	Adjustments  []adjustmentView
	Returned     *returnBanner
	Message      string
	Base         string
	RulesName    string
	DeadlineText string
	Overdue      bool   // past the round's deadline and not submitted
	Locked       string // why nothing can be changed: the round closed, or past its deadline
	ResumeNotice bool
	Imported     string // what an uploaded file filled in, not saved yet
}

type adjustmentView struct {
	Created, Actor, Reason string
	FromVersion, Draft     int
	Diff                   string // the comparison of the approved version with the adjustment's approval, once approved
	Approved               int
}

// monitoringView builds the page of m with its alerts.
func (s *Server) monitoringView(ctx context.Context, c *reqCtx, m *jixiao.StoredMonitoring) (*monitoringPage, error) {
	round, err := s.store.MonitoringRoundByID(ctx, m.RoundID)
	if err != nil {
		return nil, err
	}
	rs, err := monitoringRules(round.Rules)
	if err != nil {
		return nil, err
	}
	alerts := judge(rs, m)
	rec := &m.Record
	base := fmt.Sprintf("/plans/%d/monitoring/%d", m.PlanID, m.ID)
	pg := &monitoringPage{Plan: s.header(ctx, c, c.plan, ""), Rec: m, Round: round, Heading: monitoringTableName(m), Base: base,
		Editable:    m.Status.Editable() && c.can(ctx, actMonitor, c.planDept, jixiao.Draft),
		PlanVersion: c.plan.Version, Level: m.Level, LevelLabel: levelLabel(m.Level), LevelIcon: levelIcon(m.Level),
		Progress: rec.Round.TimeProgress().String(), Deviation: rec.Deviation, Remedy: rec.Remedy,
		Categories: rs.Categories, RulesName: rs.Name, DeadlineText: localTime(round.Deadline)}
	pg.Overdue = !round.Deadline.IsZero() && s.cfg.Now().After(round.Deadline) && m.Status.Editable()
	pg.CanAdjust = (c.plan.Status == jixiao.Approved || c.plan.Status == jixiao.Published) && c.can(ctx, actMonitor, c.planDept, jixiao.Draft)
	filing := m // the unit's form: the deadline applies
	if !pg.Editable {
		filing = nil
	}
	if err := s.monitoringLocked(round, filing); err != nil { // closed, or past the deadline for the unit
		pg.Locked, pg.Editable, pg.Overdue = jixiao.ErrorMessage(err), false, false
		pg.CanAdjust = pg.CanAdjust && round.Status != jixiao.RoundClosed
	}
	byPath := map[string][]findingView{}
	for _, a := range alerts {
		sev := "warning"
		if a.Level == monitor.Red {
			sev = "error"
		}
		v := findingView{Severity: sev, Label: a.Level.Label(), Icon: levelIcon(string(a.Level)), Rule: a.Rule, Path: a.Path,
			Message: monitoringPlace(rec, a.Path) + "：" + a.Message, Href: "#" + cellID(a.Path), Here: true}
		pg.Alerts = append(pg.Alerts, v)
		byPath[a.Path] = append(byPath[a.Path], v)
	}
	for i, f := range rec.Funds {
		at := fmt.Sprintf("funds[%d]", i)
		v := mFundView{Index: i, Name: f.Name, Initial: f.Initial.String(), Adjusted: f.Adjusted.String(), Executed: f.Executed.String(),
			Forecast: f.ForecastExecuted.String(), Rate: f.ExecutionRate().String(), Balance: f.ForecastBalance().String(),
			ExecutedAlerts: byPath[at+".executed"], AdjustedAlerts: byPath[at+".adjusted"], Rest: byPath[at+".forecastExecuted"]}
		pg.Funds = append(pg.Funds, v)
	}
	for i, g := range rec.Goals {
		pg.Goals = append(pg.Goals, seGoalView{Index: i, Expected: g.Expected, Actual: g.Actual})
	}
	for i := range rec.Indicators {
		in := &rec.Indicators[i]
		at := fmt.Sprintf("indicators[%d]", i)
		v := mIndicatorView{Index: i, Level1: in.Level1, Level2: in.Level2, Name: in.Name,
			Target: in.Target.Text, Actual: in.Actual.Text, Forecast: in.Forecast.Text, Likelihood: string(in.Likelihood),
			LikelihoodLabel: in.Likelihood.Label(), Category: in.Deviation.Category, Deviation: in.Deviation.Text, Remedy: in.Remedy,
			ActualAlerts: byPath[at+".actual"], ForecastAlerts: byPath[at+".forecast"], LikelihoodAlerts: byPath[at+".likelihood"],
			DeviationAlerts: append(byPath[at+".deviation"], byPath[at+".deviation.category"]...), RemedyAlerts: byPath[at+".remedy"]}
		v.Options = []selectOption{{Value: "", Label: "（请选择）"}}
		for _, l := range []jixiao.Likelihood{jixiao.LikelihoodCertain, jixiao.LikelihoodPossible, jixiao.LikelihoodImpossible} {
			v.Options = append(v.Options, selectOption{Value: string(l), Label: l.Label(), Selected: l == in.Likelihood})
		}
		v.CategoryOptions = []selectOption{{Value: "", Label: "（无偏差）"}}
		known := false
		for _, cat := range rs.Categories {
			v.CategoryOptions = append(v.CategoryOptions, selectOption{Value: cat, Label: cat, Selected: cat == in.Deviation.Category})
			known = known || cat == in.Deviation.Category
		}
		if !known && in.Deviation.Category != "" { // read from a file: kept, and its alert says why
			v.CategoryOptions = append(v.CategoryOptions, selectOption{Value: in.Deviation.Category, Label: in.Deviation.Category, Selected: true})
		}
		pg.Indicators = append(pg.Indicators, v)
	}
	if c.can(ctx, actWorkflow, c.planDept, m.Status) && round.Status != jixiao.RoundClosed {
		for _, a := range jixiao.AllowedActions(m.Status, c.user.Role) {
			if a == jixiao.ActAdjust || a == jixiao.ActPublish || a == jixiao.ActSubmit && pg.Locked != "" {
				continue
			}
			pg.Buttons = append(pg.Buttons, actionButton{Action: a, Label: monitoringActionLabel(a), Reason: a.NeedsReason(),
				Primary: a == jixiao.ActSubmit || a == jixiao.ActUnitApprove || a == jixiao.ActApprove})
		}
	}
	steps, err := s.store.MonitoringSteps(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	adjs, err := s.store.Adjustments(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	people := actors(steps, func(t jixiao.MonitoringStep) string { return t.Actor })
	for _, a := range adjs {
		people = append(people, a.Actor)
	}
	who := s.namer(ctx, people)
	for i := len(steps) - 1; i >= 0; i-- {
		t := steps[i]
		pg.Steps = append(pg.Steps, transitionView{Action: monitoringActionLabel(t.Action), From: t.From.Label(), To: t.To.Label(),
			Actor: who(t.Actor), Reason: t.Reason, Created: localTime(t.Created), Version: t.Version, Result: t.Result})
	}
	if m.Status == jixiao.Returned && len(steps) > 0 {
		if t := steps[len(steps)-1]; t.Action == jixiao.ActReturn || t.Action == jixiao.ActUnitReturn {
			pg.Returned = &returnBanner{By: who(t.Actor), When: localTime(t.Created), Reason: t.Reason, Since: t.Result}
		}
	}
	approved := 0
	if c.review != nil {
		approved = c.review.ApprovedVersion
	}
	for _, a := range adjs {
		v := adjustmentView{Created: localTime(a.Created), Actor: who(a.Actor), Reason: a.Reason, FromVersion: a.FromVersion, Draft: a.Draft}
		if approved > a.Draft {
			v.Approved = approved
			v.Diff = fmt.Sprintf("/plans/%d/diff?from=%d&to=%d", m.PlanID, a.FromVersion, approved)
		}
		pg.Adjustments = append(pg.Adjustments, v)
	}
	pg.Title, pg.Nav, pg.Wide = "绩效运行监控："+pg.Heading, "plans", true
	pg.Crumbs = append(planCrumbs(c.plan, ""), crumb{Label: "绩效运行监控", URL: fmt.Sprintf("/plans/%d/monitoring", m.PlanID)}, crumb{Label: pg.Heading})
	return pg, nil
}

// monitoringActionLabel names a workflow step as monitoring says it: the finance
// bureau's return is 督促整改.
func monitoringActionLabel(a jixiao.Action) string {
	switch a {
	case jixiao.ActReturn:
		return "督促整改（退回）"
	case jixiao.ActApprove:
		return "审核通过"
	}
	return a.Label()
}

// roundRules are the warning rules of round id.
func (s *Server) roundRules(r *http.Request, id int64) (*monitor.Rules, error) {
	round, err := s.store.MonitoringRoundByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return monitoringRules(round.Rules)
}
