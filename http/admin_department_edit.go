package http

import (
	"net/http"
	"strconv"

	"jixiao"
)

// deptEditPage edits one department: rename, move (a new parent), retire.
type deptEditPage struct {
	layout
	Dept    *jixiao.Department
	Parents []deptNode // the departments it may move under (not itself nor its subtree)
	Parent  string     // the chosen parent's code
	Error   string
}

// departmentOf reads the department of the path ({did}).
func departmentOf(s *Server, r *http.Request, c *reqCtx) (*jixiao.Department, error) {
	id, err := strconv.ParseInt(r.PathValue("did"), 10, 64)
	if err != nil {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "单位“%s”不存在。", r.PathValue("did"))
	}
	c.auditObject = "department:" + strconv.FormatInt(id, 10)
	return s.store.Department(r.Context(), id)
}

func (s *Server) showDeptEdit(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, d *jixiao.Department, parent, msg string) error {
	ds, err := s.store.Departments(r.Context(), 0)
	if err != nil {
		return err
	}
	pg := &deptEditPage{Dept: d, Parent: parent, Error: msg}
	below := map[int64]bool{d.ID: true}
	for _, n := range tree(ds) {
		if below[n.ParentID] {
			below[n.ID] = true
		}
		if !below[n.ID] {
			pg.Parents = append(pg.Parents, n)
		}
		if parent == "" && n.ID == d.ParentID {
			pg.Parent = n.Code
		}
	}
	pg.Title, pg.Nav = "修改单位 "+d.Name, "departments"
	pg.Crumbs = []crumb{{Label: "系统管理"}, {Label: "单位管理", URL: "/admin/departments"}, {Label: d.Name}}
	if r.URL.Query().Get("saved") == "1" {
		pg.Flash = "已保存。"
	}
	s.render(w, r, c, status, "admin_department", pg)
	return nil
}

// adminDepartmentEdit shows a department's form (GET /admin/departments/{did}).
func adminDepartmentEdit(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	d, err := departmentOf(s, r, c)
	if err != nil {
		return err
	}
	return s.showDeptEdit(w, r, c, http.StatusOK, d, "", "")
}
