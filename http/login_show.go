package http

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"
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

// safeNext keeps a post-sign-in destination only when it is a clean absolute path of
// this site: one leading slash (not // or /\, which browsers read as another host), no
// backslash or control character anywhere (browsers drop a tab or newline and then read
// "/\t/evil.example" as "//evil.example"), and, once parsed, no scheme, host or user, and
// a decoded path that also starts with a single slash. Anything else is dropped, and the
// user lands on the home page.
func safeNext(next string) string {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") || len(next) > 2048 {
		return ""
	}
	for _, r := range next {
		if r < 0x20 || r == 0x7f || r == '\\' || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return ""
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") || strings.ContainsAny(u.Path, "\\\x00\t\r\n") {
		return ""
	}
	return next
}
