package http

import (
	"fmt"
	"net/http"
	"sync"

	"jixiao"
)

// tries counts the wrong current passwords typed into the change-password form, per
// session: maxFailedLogins of them end the session (the form's attempt limit). The count
// lives in the server's memory, so each server process of a deployment counts its own;
// it only needs to stop a guesser at one browser, and a new session means signing in
// again, which the stored lockout bounds for all processes.
type tries struct {
	mu sync.Mutex
	n  map[string]int
}

// wrong counts one more wrong password for the session and returns the count.
func (t *tries) wrong(session string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n == nil || len(t.n) > 10000 { // bounded: the oldest counts go, a session at a time at worst
		t.n = map[string]int{}
	}
	t.n[session]++
	return t.n[session]
}

func (t *tries) forget(session string) {
	t.mu.Lock()
	delete(t.n, session)
	t.mu.Unlock()
}

// passwordSave changes the user's password (POST /account/password). Every other
// session of the user ends; this browser gets a fresh one.
func passwordSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	old, nw, again := r.PostFormValue("old"), r.PostFormValue("new"), r.PostFormValue("again")
	oldOK, err := s.checkPassword(ctx, c.user.PasswordHash, old)
	if err != nil {
		return err
	}
	if !oldOK {
		c.auditDetail = "当前密码不正确"
		if s.pwTries.wrong(c.session.ID) >= maxFailedLogins {
			// Someone at an unattended browser is guessing: the session ends, and the
			// next tries go through sign-in and its lockout.
			s.pwTries.forget(c.session.ID)
			if err := s.store.DeleteSession(ctx, c.session.ID); err != nil {
				return err
			}
			c.auditAction = "password_change_locked"
			c.auditDetail = fmt.Sprintf("修改密码时当前密码连续输错 %d 次，已结束本次登录", maxFailedLogins)
			return jixiao.Errorf(jixiao.EUNAUTHORIZED, "当前密码连续输错 %d 次，已退出登录。请重新登录后再修改密码。", maxFailedLogins)
		}
	}
	msg := ""
	switch {
	case !oldOK:
		msg = "当前密码不正确。"
	case checkPasswordPolicy(nw, c.user.Username) != "":
		msg = "新" + checkPasswordPolicy(nw, c.user.Username)
	case nw != again:
		msg = "两次输入的新密码不一致。"
	case nw == old:
		msg = "新密码不能与当前密码相同。"
	}
	if msg != "" {
		p := &passwordPage{MinLength: MinPasswordLength, Error: msg}
		p.Title, p.Nav = "修改密码", "password"
		p.Crumbs = []crumb{{Label: "首页", URL: "/"}, {Label: "修改密码"}}
		s.render(w, r, c, http.StatusBadRequest, "password", p)
		return nil
	}
	s.pwTries.forget(c.session.ID)
	h, err := s.hashPassword(ctx, nw)
	if err != nil {
		return err
	}
	c.user.PasswordHash = h
	c.user.PasswordChanged = s.cfg.Now()
	first := c.user.MustChangePassword
	c.user.MustChangePassword = false
	if first {
		c.auditDetail = "首次登录，设定本人密码"
	}
	if err := s.store.UpdateUser(ctx, c.user); err != nil {
		return err
	}
	if err := s.store.DeleteUserSessions(ctx, c.user.ID); err != nil {
		return err
	}
	if err := s.startSession(ctx, w, c.user); err != nil {
		return err
	}
	if first {
		http.Redirect(w, r, "/?password=1", http.StatusSeeOther) // on to what they came for
		return nil
	}
	http.Redirect(w, r, "/account/password?done=1", http.StatusSeeOther)
	return nil
}
