package http

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"jixiao"
)

// selfEvalDue returns the self-evaluation deadline of rec's department, nil when none is
// set.
func (s *Server) selfEvalDue(ctx context.Context, rec *jixiao.SelfEvalRecord) (*jixiao.Deadline, error) {
	d, err := s.store.SelfEvalDeadlineFor(ctx, rec.DepartmentID, rec.Year)
	if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return d, nil
}

// selfEvalPastDue refuses the unit's changes (save, submit) after the region's
// self-evaluation deadline, with ELOCKED naming it.
func (s *Server) selfEvalPastDue(ctx context.Context, rec *jixiao.SelfEvalRecord) error {
	d, err := s.selfEvalDue(ctx, rec)
	if err != nil || d == nil {
		return err
	}
	return pastDue(s.cfg.Now(), d.Due, "绩效自评", "绩效自评表")
}

// selfEvalDeadlineSave sets the region's deadline for a year's self-evaluations (POST
// /review/scores/deadline: year, date, time).
func selfEvalDeadlineSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	year, ok := postedYear(r)
	if !ok {
		return jixiao.Errorf(jixiao.EINVALID, "请填写有效的年度。")
	}
	due, ok := parseLocal(r.PostFormValue("date"), r.PostFormValue("time"))
	if !ok {
		return jixiao.Errorf(jixiao.EINVALID, "绩效自评截止日期无法识别：日期请写成 2022-03-31，时间写成 18:00。")
	}
	root, _, err := c.region(ctx)
	if err != nil {
		return err
	}
	d := &jixiao.Deadline{RegionID: root.ID, Year: year, Due: due, SetBy: c.user.Username}
	if err := s.store.SetSelfEvalDeadline(ctx, d); err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("selfeval_deadline:%d/%d", root.ID, year)
	c.auditDetail = fmt.Sprintf("设定 %d 年度绩效自评报送截止时间为 %s", year, localTime(due))
	http.Redirect(w, r, fmt.Sprintf("/review/scores?year=%d&done=deadline", year), http.StatusSeeOther)
	return nil
}

// dueText is a deadline as the pages show it.
func dueText(d *jixiao.Deadline, now time.Time) string {
	if d == nil {
		return ""
	}
	if now.Before(d.Due) {
		return localTime(d.Due)
	}
	return localTime(d.Due) + "（已过）"
}
