package http

import "net/http"

// passwordPage is the change-password form.
type passwordPage struct {
	layout
	MinLength int
	Error     string
	First     bool // the account must choose its own password before anything else
}

// passwordShow shows the change-password form (GET /account/password).
func passwordShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	p := &passwordPage{MinLength: MinPasswordLength, First: c.user.MustChangePassword}
	p.Title, p.Nav = "修改密码", "password"
	p.Crumbs = []crumb{{Label: "首页", URL: "/"}, {Label: "修改密码"}}
	if r.URL.Query().Get("done") == "1" {
		p.Flash = "密码已修改。"
	}
	s.render(w, r, c, http.StatusOK, "password", p)
	return nil
}
