package http

import "net/http"

// fundsEdit shows the fund summary, derived from the items, and the fund structure
// editor (GET /plans/{id}/funds).
func fundsEdit(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if ok, err := s.resumeForm(w, r, c, fundsSave); ok {
		return err
	}
	s.showFunds(w, r, c, http.StatusOK, c.plan.Version, fundsFormOf(c.plan), nil, nil)
	return nil
}
