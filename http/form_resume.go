package http

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// A table editor's form posted after the idle session expired is not lost: the posted
// values are kept in the stash (stash.go) under a one-time token, the sign-in page is
// shown with the token in its destination, and after signing in again the editor shows
// the form as it was posted, not saved, to be checked and saved. The save is checked
// against the version the form was made from, as always: a plan changed in the meantime
// gets the conflict page, never a silent overwrite.
//
// The token is bound to the browser that posted the form by a cookie (resumeCookie), and
// to the user the editor was shown to: a token seen by anyone else, or another user
// signing in next on the same browser, restores nothing. A form posted from another site (a browser
// says so in Origin / Sec-Fetch-Site) is not kept, so that no other site can plant
// values in a user's editor.

// resumeCookie holds the token of the form stashed by this browser.
const resumeCookie = "jx_resume"

// resumeForm is what the stash keeps of a form posted with an expired session.
type resumeForm struct {
	Path string     // the editor's path, where the form was posted and is shown again
	Form url.Values // the posted fields, but the stale CSRF token
	// By is the user the editor was shown to (its hidden field "by"): on a shared
	// browser, someone else signing in next does not get the form.
	By string
}

var crossOrigin = http.NewCrossOriginProtection()

// stashExpiredForm keeps the form of r, posted to an editor (a Resumable route) without a
// valid session by a browser that had one, and answers with the sign-in page; false when
// the form cannot be kept (then the caller answers 登录已过期 as before).
func (s *Server) stashExpiredForm(w http.ResponseWriter, r *http.Request, c *reqCtx) bool {
	if crossOrigin.Check(r) != nil {
		return false
	}
	ck, err := r.Cookie(sessionCookie)
	if err != nil || ck.Value == "" {
		return false // never signed in on this browser: nothing of theirs to keep
	}
	why := "登录已过期"
	if ck.Value == signedOut {
		why = "您已在其他窗口退出登录" // the form was open in another window
	}
	if err := r.ParseForm(); err != nil {
		return false
	}
	planID, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return false
	}
	form, size := url.Values{}, 0
	for k, v := range r.PostForm {
		if k != csrfField && k != "by" {
			form[k] = append([]string(nil), v...)
			size += len(k)
			for _, x := range v {
				size += len(x) + 16
			}
		}
	}
	if size > maxFormEntry {
		return false
	}
	now := s.cfg.Now()
	token := s.forms.put(now, stashEntry{Kind: "form", PlanID: planID, Expires: now.Add(stashTTL),
		Value: resumeForm{Path: r.URL.Path, Form: form, By: r.PostFormValue("by")}, Size: size})
	if token == "" {
		return false
	}
	http.SetCookie(w, &http.Cookie{Name: resumeCookie, Value: token, Path: "/plans/", MaxAge: int(stashTTL / time.Second),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.cfg.SecureCookie})
	c.auditObject = fmt.Sprintf("plan:%d", planID)
	c.auditDetail = why + "：提交的表单已暂存，待重新登录后恢复"
	s.showLogin(w, r, c, http.StatusUnauthorized, r.URL.Path+"?resume="+token, "",
		fmt.Sprintf("%s，尚未保存。您刚才填写的内容已暂存（%d 分钟内有效）：重新登录后将回到该表并恢复这些内容，请检查后再点击“保存”。", why, int(stashTTL.Minutes())))
	return true
}

// resumeForm shows the editor of r (GET …?resume=TOKEN) with the form stashed under the
// token, not saved, by calling the editor's save handler on the stashed fields with the
// op "resume" (which saves nothing). It reports false when there is nothing to resume:
// no token, another browser's, spent or expired; the editor then shows the stored plan.
func (s *Server) resumeForm(w http.ResponseWriter, r *http.Request, c *reqCtx, save handlerFunc) (bool, error) {
	token := r.URL.Query().Get("resume")
	if token == "" {
		return false, nil
	}
	ck, err := r.Cookie(resumeCookie)
	if err != nil || subtle.ConstantTimeCompare([]byte(ck.Value), []byte(token)) != 1 {
		return false, nil
	}
	now := s.cfg.Now()
	e, ok := s.forms.get(now, token, "form")
	rf, _ := e.Value.(resumeForm)
	if !ok || e.PlanID != c.plan.ID || rf.Path != r.URL.Path || rf.By != c.user.Username {
		return false, nil
	}
	if _, ok := s.forms.take(now, token, "form"); !ok {
		return false, nil
	}
	http.SetCookie(w, &http.Cookie{Name: resumeCookie, Value: "", Path: "/plans/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.cfg.SecureCookie})
	r2 := r.Clone(r.Context())
	form := rf.Form
	form.Set("op", "resume")
	r2.PostForm, r2.Form = form, form
	return true, save(s, w, r2, c)
}
