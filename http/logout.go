package http

import "net/http"

// logout ends the session (POST /logout).
func logout(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := s.store.DeleteSession(r.Context(), c.session.ID); err != nil {
		return err
	}
	s.setSignedOutCookie(w)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}
