package http

import (
	"net/http"
	"strings"

	"jixiao"
)

// adminUserCreate adds an account (POST /admin/users). Without a password typed in, a
// random one is made and shown once.
func adminUserCreate(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	in := userInput{Username: strings.TrimSpace(r.PostFormValue("username")), Name: strings.TrimSpace(r.PostFormValue("name")),
		Department: r.PostFormValue("department"), Role: jixiao.Role(r.PostFormValue("role"))}
	password := r.PostFormValue("password")
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
	shown := ""
	if password == "" {
		password = RandomPassword()
		shown = password
	} else if msg := checkPasswordPolicy(password, in.Username); msg != "" {
		return bad("初始" + msg + "留空则自动生成。")
	}
	h, err := s.hashPassword(ctx, password)
	if err != nil {
		return err
	}
	u.PasswordHash, u.PasswordChanged = h, s.cfg.Now()
	if err := s.store.CreateUser(ctx, u); jixiao.ErrorCode(err) == jixiao.EINVALID {
		return bad(jixiao.ErrorMessage(err))
	} else if err != nil {
		return err
	}
	return s.showUsers(w, r, c, http.StatusOK, userInput{Role: in.Role, Department: in.Department}, "", u.Username, shown)
}

func validUsername(s string) bool {
	if len(s) < 3 || len(s) > 32 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

func assignable(r jixiao.Role) bool {
	for _, a := range assignableRoles {
		if a == r {
			return true
		}
	}
	return false
}
