package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"jixiao"
)

// deadlinesPage is where the finance bureau sets the submission deadline of each year
// and stage (绩效目标, 绩效自评) and grants departments exceptions (延期) of the stage.
type deadlinesPage struct {
	layout
	Year        int
	Stage       jixiao.Stage
	StageLabel  string
	Stages      []stageTab
	Deadlines   []deadlineView
	Exceptions  []exceptionView
	Departments []*jixiao.Department
	Error       string
	Form        struct{ Date, Time, Dept, UntilDate, UntilTime, Reason string }
}

type stageTab struct {
	Stage jixiao.Stage
	Label string
	On    bool
}

type deadlineView struct {
	Year             int
	Due, SetBy, When string
}

type exceptionView struct {
	Code, Name, Until, GrantedBy, Reason, When string
}

// deadlinesShow shows a stage's deadlines and the year's exceptions (GET
// /review/deadlines?stage=&year=; the stage defaults to the targets').
func deadlinesShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.showDeadlines(w, r, c, http.StatusOK, yearParam(r, s.cfg.Now().In(jixiao.ChinaTime()).Year()), "")
}

// stageParam reads the stage of a deadline from the form or the query.
func stageParam(r *http.Request) (jixiao.Stage, error) {
	v := r.FormValue("stage")
	st, ok := jixiao.ParseStage(v)
	if !ok {
		return "", jixiao.Errorf(jixiao.EINVALID, "阶段“%s”无法识别：报送截止时间分绩效目标和绩效自评两个阶段。", v)
	}
	return st, nil
}

// deadlinesHref is the deadlines page of a stage and year.
func deadlinesHref(stage jixiao.Stage, year int) string {
	return fmt.Sprintf("/review/deadlines?stage=%s&year=%d", stage, year)
}

func (s *Server) showDeadlines(w http.ResponseWriter, r *http.Request, c *reqCtx, status, year int, msg string) error {
	ctx := r.Context()
	stage, err := stageParam(r)
	if err != nil {
		return err
	}
	root, ds, err := c.region(ctx)
	if err != nil {
		return err
	}
	pg := &deadlinesPage{Year: year, Stage: stage, StageLabel: stage.Label(), Error: msg}
	for _, st := range jixiao.Stages {
		pg.Stages = append(pg.Stages, stageTab{Stage: st.Stage, Label: st.Label, On: st.Stage == stage})
	}
	dls, err := s.store.StageDeadlines(ctx, stage, root.ID)
	if err != nil {
		return err
	}
	for _, d := range dls {
		pg.Deadlines = append(pg.Deadlines, deadlineView{Year: d.Year, Due: localTime(d.Due), SetBy: d.SetBy, When: localTime(d.Set)})
	}
	exs, err := s.store.StageExceptions(ctx, stage, root.ID, year)
	if err != nil {
		return err
	}
	byID := map[int64]*jixiao.Department{}
	for _, d := range ds {
		byID[d.ID] = d
		if d.ID != root.ID {
			pg.Departments = append(pg.Departments, d)
		}
	}
	for _, e := range exs {
		v := exceptionView{Until: localTime(e.Until), GrantedBy: e.GrantedBy, Reason: e.Reason, When: localTime(e.Granted)}
		if d := byID[e.DepartmentID]; d != nil {
			v.Code, v.Name = d.Code, d.Name
		}
		pg.Exceptions = append(pg.Exceptions, v)
	}
	if r.Method == http.MethodPost {
		f := &pg.Form
		f.Date, f.Time, f.Dept = r.PostFormValue("date"), r.PostFormValue("time"), r.PostFormValue("department")
		f.UntilDate, f.UntilTime, f.Reason = r.PostFormValue("until_date"), r.PostFormValue("until_time"), r.PostFormValue("reason")
	}
	pg.Title, pg.Nav = stage.Label()+"报送截止时间", "deadlines"
	s.render(w, r, c, status, "deadlines", pg)
	return nil
}

// parseLocal reads a date (2021-01-31) and a time (18:00, default 23:59) in UTC+8.
func parseLocal(date, clock string) (time.Time, bool) {
	date, clock = strings.TrimSpace(date), strings.TrimSpace(clock)
	if clock == "" {
		clock = "23:59"
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", date+" "+clock, jixiao.ChinaTime())
	return t, err == nil
}

func postedYear(r *http.Request) (int, bool) {
	y, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("year")))
	return y, err == nil && y >= 1900 && y <= 2200
}

// postedStageYear reads the stage and the year a deadline form posts; done says the
// request is answered (an unknown stage, or the page again with the year's error).
func (s *Server) postedStageYear(w http.ResponseWriter, r *http.Request, c *reqCtx) (stage jixiao.Stage, year int, done bool, err error) {
	if stage, err = stageParam(r); err != nil {
		return "", 0, true, err
	}
	year, ok := postedYear(r)
	if !ok {
		return "", 0, true, s.showDeadlines(w, r, c, http.StatusUnprocessableEntity, yearParam(r, s.cfg.Now().Year()), "请填写有效的年度。")
	}
	return stage, year, false, nil
}

// deadlineSave sets the region's deadline of a stage for a year (POST
// /review/deadlines: stage, year, date, time).
func deadlineSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	stage, year, done, err := s.postedStageYear(w, r, c)
	if done {
		return err
	}
	due, ok := parseLocal(r.PostFormValue("date"), r.PostFormValue("time"))
	if !ok {
		return s.showDeadlines(w, r, c, http.StatusUnprocessableEntity, year, "截止日期无法识别：日期请写成 2021-01-31，时间写成 18:00。")
	}
	root, _, err := c.region(ctx)
	if err != nil {
		return err
	}
	d := &jixiao.Deadline{Stage: stage, RegionID: root.ID, Year: year, Due: due, SetBy: c.user.Username}
	if err := s.store.SetDeadline(ctx, d); err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("deadline:%d/%d", root.ID, year)
	if stage != jixiao.StageTargets {
		c.auditObject = fmt.Sprintf("deadline:%s:%d/%d", stage, root.ID, year)
	}
	c.auditDetail = fmt.Sprintf("设定 %d 年度%s报送截止时间为 %s", year, stage.Label(), localTime(due))
	http.Redirect(w, r, deadlinesHref(stage, year), http.StatusSeeOther)
	return nil
}

// exceptionSave grants a department of the region an exception of a stage (POST
// /review/exceptions: stage, year, department, until_date, until_time, reason).
func exceptionSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	stage, year, done, err := s.postedStageYear(w, r, c)
	if done {
		return err
	}
	code := r.PostFormValue("department")
	d, ok, err := c.departmentByCode(ctx, code)
	if err != nil {
		return err
	}
	if !ok {
		return s.showDeadlines(w, r, c, http.StatusUnprocessableEntity, year, fmt.Sprintf("单位“%s”不在本地区。", code))
	}
	until, ok := parseLocal(r.PostFormValue("until_date"), r.PostFormValue("until_time"))
	if !ok {
		return s.showDeadlines(w, r, c, http.StatusUnprocessableEntity, year, "延期日期无法识别：日期请写成 2021-02-15，时间写成 18:00。")
	}
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if len([]rune(reason)) < 2 {
		return s.showDeadlines(w, r, c, http.StatusUnprocessableEntity, year, "准予延期必须写明理由。")
	}
	e := &jixiao.DeadlineException{Stage: stage, DepartmentID: d.ID, Year: year, Until: until, GrantedBy: c.user.Username, Reason: reason}
	if err := s.store.GrantException(ctx, e); err != nil {
		return err
	}
	c.auditObject = "department:" + d.Code
	c.auditDetail = fmt.Sprintf("准予“%s” %d 年度%s延期至 %s，理由：%s", d.Name, year, stage.Label(), localTime(until), reason)
	http.Redirect(w, r, deadlinesHref(stage, year), http.StatusSeeOther)
	return nil
}
