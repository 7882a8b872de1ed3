package http

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"jixiao"
	"jixiao/account"
)

// The password policy is account.Policy's (等保2.0 8.1.4.1 身份鉴别).
const (
	// MinPasswordLength is the shortest password accepted.
	MinPasswordLength = account.MinLength
	// minPasswordClasses is how many of the four classes a password must mix.
	minPasswordClasses = account.MinClasses
)

// CheckPasswordPolicy returns what is wrong with a new password, in Chinese, or "".
func CheckPasswordPolicy(pw, username string) string { return account.Policy(pw, username) }

func checkPasswordPolicy(pw, username string) string { return account.Policy(pw, username) }

// securityPage is the security administrator's page: the policy in force and the
// accounts locked by failed sign-ins, to unlock.
type securityPage struct {
	layout
	MinLength   int
	MinClasses  int
	MaxFailed   int
	LockMinutes int
	IdleMinutes int
	Locked      []lockedUser
}

type lockedUser struct {
	ID                   int64
	Username, Name, Role string
	Failed               int
	Until                string
}

// securityShow shows the security settings (GET /security).
func securityShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	us, err := s.store.Users(r.Context())
	if err != nil {
		return err
	}
	now := s.cfg.Now()
	pg := &securityPage{MinLength: MinPasswordLength, MinClasses: minPasswordClasses, MaxFailed: maxFailedLogins,
		LockMinutes: int(lockDuration / time.Minute), IdleMinutes: int(s.cfg.IdleTimeout / time.Minute)}
	for _, u := range us {
		if now.Before(u.LockedUntil) || u.FailedLogins > 0 {
			l := lockedUser{ID: u.ID, Username: u.Username, Name: u.Name, Role: u.Role.Label(), Failed: u.FailedLogins}
			if now.Before(u.LockedUntil) {
				l.Until = localTime(u.LockedUntil)
			}
			pg.Locked = append(pg.Locked, l)
		}
	}
	pg.Title, pg.Nav = "安全管理", "security"
	if r.URL.Query().Get("unlocked") != "" {
		pg.Flash = "已解锁账号 " + r.URL.Query().Get("unlocked") + "。"
	}
	s.render(w, r, c, http.StatusOK, "security", pg)
	return nil
}

// securityUnlock ends an account's lock and clears its failed sign-ins
// (POST /security/users/{uid}/unlock).
func securityUnlock(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	id, err := strconv.ParseInt(r.PathValue("uid"), 10, 64)
	if err != nil {
		return jixiao.Errorf(jixiao.ENOTFOUND, "账号“%s”不存在。", r.PathValue("uid"))
	}
	u, err := s.store.User(r.Context(), id)
	if err != nil {
		return err
	}
	if err := s.store.ResetSignIn(r.Context(), u.ID); err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("user:%d", u.ID)
	c.auditDetail = "解锁账号 " + u.Username
	http.Redirect(w, r, "/security?unlocked="+u.Username, http.StatusSeeOther)
	return nil
}
