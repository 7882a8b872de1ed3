package http

import (
	"net/http"
	"strconv"

	"jixiao"
	"jixiao/account"
)

// userEditPage changes one account: name, role, department, disabled, password reset.
type userEditPage struct {
	layout
	Account     *jixiao.User
	Roles       []roleChoice
	Departments []deptNode
	Department  string // code of the account's department
	Error       string
	NewPassword string
}

// adminUserEdit shows one account (GET /admin/users/{uid}).
func adminUserEdit(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	u, err := userOf(s, r, c)
	if err != nil {
		return err
	}
	return s.showUser(w, r, c, http.StatusOK, u, "", "")
}

// userOf reads the account {uid} the administrator acts on, and names it in the audit
// entry. The security and audit administrators' accounts are not the administrator's to
// see or change (三员分立, account.ConsoleOnly).
func userOf(s *Server, r *http.Request, c *reqCtx) (*jixiao.User, error) {
	id, err := strconv.ParseInt(r.PathValue("uid"), 10, 64)
	if err != nil {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "账号“%s”不存在。", r.PathValue("uid"))
	}
	c.auditObject = "user:" + strconv.FormatInt(id, 10)
	u, err := s.store.User(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if account.ConsoleOnly(u.Role) {
		c.auditDetail = "系统管理员试图操作" + u.Role.Label() + "账号 " + u.Username + "，按三员分立拒绝"
		return nil, jixiao.Errorf(jixiao.EFORBIDDEN, "账号“%s”是%s，系统管理员不能查看或修改（三员分立）；请在服务器上用 jixiao users 命令管理。", u.Username, u.Role.Label())
	}
	return u, nil
}

func (s *Server) showUser(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, u *jixiao.User, msg, newPassword string) error {
	ds, err := s.store.Departments(r.Context(), 0)
	if err != nil {
		return err
	}
	pg := &userEditPage{Account: u, Roles: roleChoices(), Departments: tree(ds), Error: msg, NewPassword: newPassword}
	for _, d := range ds {
		if d.ID == u.DepartmentID {
			pg.Department = d.Code
		}
	}
	if r.URL.Query().Get("saved") == "1" {
		pg.Flash = "已保存。"
	}
	pg.Title, pg.Nav = "账号："+u.Username, "users"
	pg.Crumbs = []crumb{{Label: "系统管理"}, {Label: "账号管理", URL: "/admin/users"}, {Label: u.Username}}
	s.render(w, r, c, status, "admin_user", pg)
	return nil
}
