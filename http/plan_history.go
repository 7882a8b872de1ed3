package http

import (
	"net/http"

	"jixiao"
)

// historyPage lists a plan's revisions, with a form to compare any two.
type historyPage struct {
	layout
	Plan      planHeader
	Revisions []jixiao.Revision // newest first
	LastYear  bool
}

// planHistory lists the revisions of a plan (GET /plans/{id}/history).
func planHistory(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	revs, err := s.store.Revisions(ctx, c.plan.ID)
	if err != nil {
		return err
	}
	for i, j := 0, len(revs)-1; i < j; i, j = i+1, j-1 {
		revs[i], revs[j] = revs[j], revs[i]
	}
	pg := &historyPage{Plan: s.header(ctx, c, c.plan, ""), Revisions: revs}
	if c.planDept != nil && c.planDept.ID != 0 {
		if _, err := s.store.PlanByDepartmentYear(ctx, c.planDept.ID, c.plan.Year-1); err == nil {
			pg.LastYear = true
		}
	}
	pg.Title, pg.Nav = "修改历史", "plans"
	pg.Crumbs = planCrumbs(c.plan, "修改历史")
	s.render(w, r, c, http.StatusOK, "history", pg)
	return nil
}
