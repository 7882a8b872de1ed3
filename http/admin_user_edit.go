package http

import (
	"net/http"
	"strconv"

	"jixiao"
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
	u, err := userOf(s, r)
	if err != nil {
		return err
	}
	return s.showUser(w, r, c, http.StatusOK, u, "", "")
}

func userOf(s *Server, r *http.Request) (*jixiao.User, error) {
	id, err := strconv.ParseInt(r.PathValue("uid"), 10, 64)
	if err != nil {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "账号“%s”不存在。", r.PathValue("uid"))
	}
	return s.store.User(r.Context(), id)
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
