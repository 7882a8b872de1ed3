package http

import "net/http"

// projectEdit shows one project table, 项目支出绩效目标表 (GET /plans/{id}/projects/{k}).
func projectEdit(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if ok, err := s.resumeForm(w, r, c, projectSave); ok {
		return err
	}
	k, pr, err := projectAt(r, c.plan)
	if err != nil {
		return err
	}
	s.showProject(w, r, c, http.StatusOK, c.plan.Version, k, projectFormOf(pr), nil, nil)
	return nil
}
