package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"jixiao"
)

// Password policy (等保2.0 8.1.4.1 身份鉴别: 口令具有复杂度要求). The policy is fixed in
// the program, so that no role can weaken it in the application; the security
// administrator's page shows it.
const (
	// MinPasswordLength is the shortest password accepted.
	MinPasswordLength = 10
	// minPasswordClasses is how many of the four classes (lower case, upper case, digits,
	// other characters) a password must mix.
	minPasswordClasses = 3
)

// CheckPasswordPolicy returns what is wrong with a new password, in Chinese, or "":
// the length, the character classes, the username, and the list of common passwords.
// The console's `jixiao users` applies it too.
func CheckPasswordPolicy(pw, username string) string {
	return checkPasswordPolicy(pw, username)
}

// checkPasswordPolicy returns what is wrong with a new password, in Chinese, or "".
func checkPasswordPolicy(pw, username string) string {
	if utf8.RuneCountInString(pw) < MinPasswordLength {
		return fmt.Sprintf("密码太短：至少需要 %d 位。", MinPasswordLength)
	}
	var lower, upper, digit, other bool
	for _, r := range pw {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	n := 0
	for _, b := range []bool{lower, upper, digit, other} {
		if b {
			n++
		}
	}
	if n < minPasswordClasses {
		return fmt.Sprintf("密码太简单：须包含小写字母、大写字母、数字、其他符号中的至少 %d 类。", minPasswordClasses)
	}
	if username != "" && strings.Contains(strings.ToLower(pw), strings.ToLower(username)) {
		return "密码不能包含用户名。"
	}
	if commonPassword(pw) {
		return "密码太常见：它或去掉前后的数字、符号后是常用密码（如 Password12、Qwerty1234、P@ssw0rd），请换一个不易猜到的。"
	}
	return ""
}

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
	u.FailedLogins, u.LockedUntil = 0, time.Time{}
	if err := s.store.UpdateUser(r.Context(), u); err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("user:%d", u.ID)
	c.auditDetail = "解锁账号 " + u.Username
	http.Redirect(w, r, "/security?unlocked="+u.Username, http.StatusSeeOther)
	return nil
}
