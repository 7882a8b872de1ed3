package http

import (
	"fmt"
	"net/http"
	"strings"

	"jixiao"
	"jixiao/account"
)

// adminUserCreate adds an account (POST /admin/users). Without a password typed in, a
// random one is made and shown once.
func adminUserCreate(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	in := userInput{Username: strings.TrimSpace(r.PostFormValue("username")), Name: strings.TrimSpace(r.PostFormValue("name")),
		Department: r.PostFormValue("department"), Role: jixiao.Role(r.PostFormValue("role"))}
	password := r.PostFormValue("password")
	c.auditDetail = fmt.Sprintf("新建账号 %s（角色 %s，单位 %s）", in.Username, in.Role.Label(), orNone(in.Department))
	bad := func(msg string) error { return s.showUsers(w, r, c, http.StatusUnprocessableEntity, in, msg, "", "") }
	if !validUsername(in.Username) {
		return bad("用户名只能由 3～32 位字母、数字、点、下划线或连字符组成。")
	}
	if in.Name == "" {
		return bad("请填写姓名。")
	}
	if !assignable(in.Role) {
		return bad("请选择角色。")
	}
	u := &jixiao.User{Username: in.Username, Name: in.Name, Role: in.Role, Created: s.cfg.Now()}
	if in.Department != "" {
		d, err := s.store.DepartmentByCode(ctx, in.Department)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return bad("单位“" + in.Department + "”不存在。")
		} else if err != nil {
			return err
		}
		u.DepartmentID = d.ID
	} else if in.Role != jixiao.RoleAdmin {
		return bad("“" + in.Role.Label() + "”账号必须分配单位。")
	}
	// 三员分立: the administrator never chooses a password, so that no account it makes
	// (a region-wide reviewer above all) opens with a password it picked; the random one
	// is shown once, to be handed to the person, who changes it.
	if password != "" {
		return bad("系统管理员不能为账号设定密码（三员分立）：初始密码由系统随机生成，只显示这一次。")
	}
	password = RandomPassword()
	shown := password
	h, err := s.hashPassword(ctx, password)
	if err != nil {
		return err
	}
	u.PasswordHash, u.PasswordChanged, u.MustChangePassword = h, s.cfg.Now(), true
	if err := s.store.CreateUser(ctx, u); jixiao.ErrorCode(err) == jixiao.EINVALID {
		return bad(jixiao.ErrorMessage(err))
	} else if err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("user:%d", u.ID)
	c.auditDetail = fmt.Sprintf("新建账号 %s（%s，角色 %s，单位 %s），初始密码随机生成", u.Username, u.Name, u.Role.Label(), orNone(in.Department))
	return s.showUsers(w, r, c, http.StatusOK, userInput{Role: in.Role, Department: in.Department}, "", u.Username, shown)
}

func validUsername(s string) bool { return account.ValidUsername(s) }

func assignable(r jixiao.Role) bool {
	for _, a := range assignableRoles {
		if a == r {
			return true
		}
	}
	return false
}

func orNone(s string) string {
	if s == "" {
		return "无"
	}
	return s
}
