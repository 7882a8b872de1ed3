package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
)

// adminUserSave changes an account (POST /admin/users/{uid}): name, role, department and
// whether it is disabled; or, with reset=1, gives it a new random password shown once.
// Disabling, a role change and a password reset end the account's sessions.
func adminUserSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	u, err := userOf(s, r, c)
	if err != nil {
		return err
	}
	if r.PostFormValue("reset") == "1" {
		pw := RandomPassword()
		h, err := s.hashPassword(ctx, pw)
		if err != nil {
			return err
		}
		// The person must choose their own at the next sign-in (firstsignin.go).
		u.PasswordHash, u.PasswordChanged, u.MustChangePassword = h, s.cfg.Now(), true
		if err := s.store.UpdateUser(ctx, u); err != nil {
			return err
		}
		if err := s.store.ResetSignIn(ctx, u.ID); err != nil {
			return err
		}
		if err := s.store.DeleteUserSessions(ctx, u.ID); err != nil {
			return err
		}
		c.auditAction, c.auditDetail = "user_reset", "重置账号 "+u.Username+" 的密码（随机生成），结束其全部登录"
		return s.showUser(w, r, c, http.StatusOK, u, "", pw)
	}
	name := strings.TrimSpace(r.PostFormValue("name"))
	role := jixiao.Role(r.PostFormValue("role"))
	code := r.PostFormValue("department")
	disabled := r.PostFormValue("disabled") == "1"
	if name == "" {
		return s.showUser(w, r, c, http.StatusUnprocessableEntity, u, "请填写姓名。", "")
	}
	if !assignable(role) && role != u.Role {
		return s.showUser(w, r, c, http.StatusUnprocessableEntity, u, "请选择角色。", "")
	}
	if u.ID == c.user.ID && (disabled || role != u.Role) {
		return s.showUser(w, r, c, http.StatusUnprocessableEntity, u, "不能停用自己的账号或改变自己的角色。", "")
	}
	var deptID int64
	if code != "" {
		d, err := s.store.DepartmentByCode(ctx, code)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return s.showUser(w, r, c, http.StatusUnprocessableEntity, u, fmt.Sprintf("单位“%s”不存在。", code), "")
		} else if err != nil {
			return err
		}
		deptID = d.ID
	} else if role != jixiao.RoleAdmin {
		return s.showUser(w, r, c, http.StatusUnprocessableEntity, u, "“"+role.Label()+"”账号必须分配单位。", "")
	}
	// The save is checked against the version the page showed: an account changed since
	// (by another administrator, or its owner's new password) is not overwritten.
	if v, err := strconv.Atoi(r.PostFormValue("version")); err == nil {
		u.Version = v
	}
	endSessions := disabled && !u.Disabled || role != u.Role || deptID != u.DepartmentID
	c.auditDetail = userChanges(u, name, role, deptID, code, disabled)
	u.Name, u.Role, u.DepartmentID, u.Disabled = name, role, deptID, disabled
	if err := s.store.UpdateUser(ctx, u); err != nil {
		return err
	}
	if !disabled { // saving an enabled account lifts its lock, as before
		if err := s.store.ResetSignIn(ctx, u.ID); err != nil {
			return err
		}
	}
	if endSessions {
		if err := s.store.DeleteUserSessions(ctx, u.ID); err != nil {
			return err
		}
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/users/%d?saved=1", u.ID), http.StatusSeeOther)
	return nil
}

// userChanges says in the audit entry what a save changes in an account.
func userChanges(u *jixiao.User, name string, role jixiao.Role, deptID int64, code string, disabled bool) string {
	var ch []string
	if name != u.Name {
		ch = append(ch, fmt.Sprintf("姓名“%s”→“%s”", u.Name, name))
	}
	if role != u.Role {
		ch = append(ch, "角色 "+u.Role.Label()+"→"+role.Label())
	}
	if deptID != u.DepartmentID {
		ch = append(ch, "单位→"+orNone(code))
	}
	if disabled != u.Disabled {
		if disabled {
			ch = append(ch, "停用")
		} else {
			ch = append(ch, "启用")
		}
	}
	if len(ch) == 0 {
		ch = append(ch, "无变化")
	}
	return "修改账号 " + u.Username + "：" + strings.Join(ch, "，")
}
