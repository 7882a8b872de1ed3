package http

import "net/http"

// home sends the user to where their role works (GET /).
func home(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	dest := "/account/password"
	switch {
	case c.can(ctx, actReadPlan, nil, ""):
		dest = "/plans"
	case c.can(ctx, actAdmin, nil, ""):
		dest = "/admin/departments"
	case c.can(ctx, actAudit, nil, ""):
		dest = "/audit"
	case c.can(ctx, actSecurity, nil, ""):
		dest = "/security"
	}
	http.Redirect(w, r, dest, http.StatusSeeOther)
	return nil
}
