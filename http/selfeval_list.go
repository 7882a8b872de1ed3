package http

import (
	"fmt"
	"net/http"

	"jixiao"
)

// selfEvalRow is one table of a plan's self-evaluation: its state and scores, and the
// finance bureau's re-checked total beside the unit's.
type selfEvalRow struct {
	Table          int
	Name, Status   string
	Total, Grade   string
	Reviewed, Diff string
	Version        int
}

type selfEvalListPage struct {
	layout
	Plan    planHeader
	Rows    []selfEvalRow
	CanOpen bool
	Note    string
	// Scores links the finance bureau's table of the year's scores, for those who may read it.
	Scores string
}

// selfEvalList lists the self-evaluation tables of a plan (GET /plans/{id}/selfeval).
func selfEvalList(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	recs, err := s.store.SelfEvaluations(ctx, c.plan.ID)
	if err != nil {
		return err
	}
	rule, err := s.ruleFor(ctx, c.planDept.ID, c.plan.Year)
	if err != nil {
		return err
	}
	pg := &selfEvalListPage{Plan: s.header(ctx, c, c.plan, "")}
	for _, rec := range recs {
		res := scoreRecord(rule, &rec.Eval)
		row := selfEvalRow{Table: rec.Table, Name: tableName(rec), Status: rec.Status.Label(), Total: res.Total.String(),
			Grade: res.Grade, Version: rec.Version}
		all, err := s.store.ReviewScores(ctx, rec.ID)
		if err != nil {
			return err
		}
		if len(all) > 0 {
			t, d := reviewedTotal(res, jixiao.LatestReviewScores(all))
			row.Reviewed, row.Diff = t.String(), d.String()
		}
		pg.Rows = append(pg.Rows, row)
	}
	if c.can(ctx, actDashboard, nil, "") {
		pg.Scores = fmt.Sprintf("/review/scores?year=%d", c.plan.Year)
	}
	approved := c.review != nil && c.review.ApprovedVersion > 0
	pg.CanOpen = len(recs) == 0 && approved && c.can(ctx, actSelfEval, c.planDept, jixiao.Draft)
	if len(recs) == 0 && !approved {
		pg.Note = "绩效目标尚未经财政审核通过，审核通过后才能开始绩效自评。"
	} else if len(recs) == 0 && !pg.CanOpen {
		pg.Note = "本单位尚未开始绩效自评。"
	}
	pg.Title, pg.Nav = "绩效自评", "plans"
	pg.Crumbs = planCrumbs(c.plan, "绩效自评")
	s.render(w, r, c, http.StatusOK, "selfeval_list", pg)
	return nil
}

// selfEvalOpen makes the plan's self-evaluation tables from its approved version (POST
// /plans/{id}/selfeval); opening again changes nothing.
func selfEvalOpen(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	recs, err := s.store.OpenSelfEvaluations(r.Context(), c.plan.ID, jixiao.SaveInfo{Author: c.user.Username})
	if err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("开始绩效自评：%d 张自评表", len(recs))
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/selfeval", c.plan.ID), http.StatusSeeOther)
	return nil
}
