package http

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"jixiao"
)

// Sign-in throttling: after maxFailedLogins wrong passwords in a row the account is
// locked for lockDuration (等保2.0 登录失败处理).
const (
	maxFailedLogins = 5
	lockDuration    = 15 * time.Minute
)

// signInRefused is the one answer to a wrong username, a wrong password and a locked
// account alike, so that it tells nobody which accounts exist or are locked; it says
// that locks exist, so that a locked-out user knows to wait or ask.
var signInRefused = fmt.Sprintf("用户名或密码错误。连续输错 %d 次的账号将锁定 %d 分钟，期间请稍后再试或联系安全管理员。",
	maxFailedLogins, int(lockDuration/time.Minute))

// dummyHash is verified against when the username is unknown, so that a wrong username
// takes as long as a wrong password.
var dummyHash, _ = HashPassword("jixiao-dummy-password")

// loginCheck signs a user in (POST /login).
func loginCheck(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := r.ParseForm(); err != nil {
		return jixiao.Errorf(jixiao.EINVALID, "无法读取提交的表单。")
	}
	ck, err := r.Cookie(loginCookie)
	form := r.PostFormValue("login_csrf")
	if err != nil || form == "" || subtle.ConstantTimeCompare([]byte(ck.Value), []byte(form)) != 1 {
		c.auditActor, c.auditObject = strings.TrimSpace(r.PostFormValue("username")), "/login"
		c.auditDetail = "登录表单 CSRF 校验失败：双重提交令牌缺失或不符，拒绝登录"
		return jixiao.Errorf(jixiao.EFORBIDDEN, "登录表单已失效（CSRF 校验失败），请刷新登录页后重试。")
	}
	ctx := r.Context()
	username := strings.TrimSpace(r.PostFormValue("username"))
	password := r.PostFormValue("password")
	next := r.PostFormValue("next")
	wrong := signInRefused
	c.auditActor, c.auditAction = username, "signin_failed"
	// check hashes behind the server's gate; a request the gate turns away (429) had no
	// password checked, and its audit entry says so.
	check := func(hash string) (bool, error) {
		ok, err := s.checkPassword(ctx, hash, password)
		if jixiao.ErrorCode(err) == jixiao.EBUSY {
			c.auditAction, c.auditDetail = "signin_busy", "服务器繁忙，未核对密码（本次尝试已计入失败次数）"
		}
		return ok, err
	}

	// The attempt is counted before the password is checked, by one atomic statement
	// that writes nothing else of the account: parallel guesses cannot all pass the
	// failure limit, and an administrator's change made meanwhile is never undone.
	now := s.cfg.Now()
	u, claimed, err := s.store.ClaimSignIn(ctx, username, now, maxFailedLogins, now.Add(lockDuration))
	if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
		c.auditDetail = "用户名不存在"
		if _, err := check(dummyHash); err != nil {
			return err
		}
		s.showLogin(w, r, c, http.StatusUnauthorized, next, username, wrong)
		return nil
	} else if err != nil {
		return err
	}
	if !claimed {
		// Locked: one hash and the same answer as a wrong password, so that neither the
		// time nor the text says whether the account exists or is locked.
		if _, err := check(u.PasswordHash); err != nil {
			return err
		}
		c.auditAction, c.auditDetail = "signin_locked", "账号锁定中，拒绝登录（不论密码对错）"
		s.showLogin(w, r, c, http.StatusUnauthorized, next, username, wrong)
		return nil
	}
	ok, err := check(u.PasswordHash)
	if err != nil {
		return err
	}
	if !ok {
		c.auditDetail = "密码错误（连续第 " + strconv.Itoa(u.FailedLogins) + " 次）"
		if now.Before(u.LockedUntil) { // this attempt was the last one allowed
			c.auditAction, c.auditDetail = "account_locked", "连续 "+strconv.Itoa(maxFailedLogins)+" 次密码错误，账号锁定至 "+localTime(u.LockedUntil)
		}
		s.showLogin(w, r, c, http.StatusUnauthorized, next, username, wrong)
		return nil
	}
	if u.Disabled {
		c.auditDetail = "账号已停用"
		s.showLogin(w, r, c, http.StatusForbidden, next, username, "账号已停用，请联系系统管理员。")
		return nil
	}
	if err := s.store.ResetSignIn(ctx, u.ID); err != nil {
		return err
	}
	u.FailedLogins, u.LockedUntil = 0, time.Time{}
	if c.session != nil { // a new sign-in replaces the old session (no fixation)
		_ = s.store.DeleteSession(ctx, c.session.ID)
	}
	if err := s.startSession(ctx, w, u); err != nil {
		return err
	}
	c.user, c.auditAction, c.auditObject = u, "signin", "user:"+strconv.FormatInt(u.ID, 10)
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: "", Path: "/login", MaxAge: -1})
	dest := safeNext(next)
	if dest == "" {
		dest = "/"
	}
	http.Redirect(w, r, dest, http.StatusSeeOther)
	return nil
}
