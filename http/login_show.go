package http

import (
	"net/http"
)

// loginPage is the sign-in form.
type loginPage struct {
	layout
	LoginCSRF string
	Next      string
	Username  string
	Error     string
}

// loginCookie carries the sign-in form's double-submit token: before sign-in there is no
// session to hold a CSRF token, so the form and a cookie carry the same random value.
const loginCookie = "jx_login"

// loginShow shows the sign-in form (GET /login); a signed-in user goes home.
func loginShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if c.user != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	s.showLogin(w, r, c, http.StatusOK, r.URL.Query().Get("next"), "", "")
	return nil
}

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, next, username, msg string) {
	token := randomToken(24)
	http.SetCookie(w, &http.Cookie{
		Name: loginCookie, Value: token, Path: "/login",
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.cfg.SecureCookie,
	})
	p := &loginPage{LoginCSRF: token, Next: safeNext(next), Username: username, Error: msg}
	p.Title = "登录"
	s.render(w, r, c, status, "login", p)
}

// safeNext keeps a post-sign-in destination only when it is a path of this site.
func safeNext(next string) string {
	if len(next) < 1 || next[0] != '/' || (len(next) > 1 && (next[1] == '/' || next[1] == '\\')) {
		return ""
	}
	return next
}
