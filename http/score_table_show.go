package http

import "net/http"

// scoreTableShow shows the finance bureau's table of self-evaluation scores (GET
// /review/scores?year=).
func scoreTableShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	pg, err := s.scoreTable(r.Context(), c, r)
	if err != nil {
		return err
	}
	s.render(w, r, c, http.StatusOK, "review_scores", pg)
	return nil
}
