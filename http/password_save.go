package http

import (
	"net/http"
)

// passwordSave changes the user's password (POST /account/password). Every other
// session of the user ends; this browser gets a fresh one.
func passwordSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	old, nw, again := r.PostFormValue("old"), r.PostFormValue("new"), r.PostFormValue("again")
	oldOK, err := s.checkPassword(ctx, c.user.PasswordHash, old)
	if err != nil {
		return err
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
	h, err := s.hashPassword(ctx, nw)
	if err != nil {
		return err
	}
	c.user.PasswordHash = h
	c.user.PasswordChanged = s.cfg.Now()
	if err := s.store.UpdateUser(ctx, c.user); err != nil {
		return err
	}
	if err := s.store.DeleteUserSessions(ctx, c.user.ID); err != nil {
		return err
	}
	if err := s.startSession(ctx, w, c.user); err != nil {
		return err
	}
	http.Redirect(w, r, "/account/password?done=1", http.StatusSeeOther)
	return nil
}
