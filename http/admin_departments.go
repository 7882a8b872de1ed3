package http

import (
	"net/http"
	"strings"

	"jixiao"
)

// departmentsPage is the department tree with the form that adds a department.
type departmentsPage struct {
	layout
	Tree  []deptNode
	Kinds []kindChoice
	Form  departmentInput
	Error string
}

type deptNode struct {
	*jixiao.Department
	Depth  int
	Indent string
	Parent string
	Users  int
}

type kindChoice struct {
	Kind  jixiao.DepartmentKind
	Label string
}

var kinds = []kindChoice{{jixiao.KindBureau, "财政局"}, {jixiao.KindDepartment, "部门"}, {jixiao.KindUnit, "单位"}}

func kindLabel(k jixiao.DepartmentKind) string {
	for _, c := range kinds {
		if c.Kind == k {
			return c.Label
		}
	}
	return string(k)
}

type departmentInput struct {
	Code, Name, Parent string
	Kind               jixiao.DepartmentKind
}

// tree orders departments parents first, as the store returns them, with their depth.
func tree(ds []*jixiao.Department) []deptNode {
	depth := map[int64]int{}
	name := map[int64]string{}
	out := make([]deptNode, 0, len(ds))
	for _, d := range ds {
		n := deptNode{Department: d}
		if d.ParentID != 0 {
			n.Depth = depth[d.ParentID] + 1
			n.Parent = name[d.ParentID]
		}
		depth[d.ID], name[d.ID] = n.Depth, d.Name
		n.Indent = strings.Repeat("　　", n.Depth)
		out = append(out, n)
	}
	return out
}

// adminDepartments shows the department tree (GET /admin/departments).
func adminDepartments(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.showDepartments(w, r, c, http.StatusOK, departmentInput{Kind: jixiao.KindDepartment}, "")
}

func (s *Server) showDepartments(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, in departmentInput, msg string) error {
	ctx := r.Context()
	ds, err := s.store.Departments(ctx, 0)
	if err != nil {
		return err
	}
	users, err := s.store.Users(ctx)
	if err != nil {
		return err
	}
	count := map[int64]int{}
	for _, u := range users {
		count[u.DepartmentID]++
	}
	pg := &departmentsPage{Tree: tree(ds), Kinds: kinds, Form: in, Error: msg}
	for i := range pg.Tree {
		pg.Tree[i].Users = count[pg.Tree[i].ID]
	}
	if in.Parent == "" && len(ds) > 0 {
		pg.Form.Parent = ds[0].Code
	}
	pg.Title, pg.Nav = "单位管理", "departments"
	pg.Crumbs = []crumb{{Label: "系统管理"}, {Label: "单位管理"}}
	if r.URL.Query().Get("created") != "" {
		pg.Flash = "已新建单位“" + r.URL.Query().Get("created") + "”。"
	}
	s.render(w, r, c, status, "admin_departments", pg)
	return nil
}
