package http

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"jixiao"
)

// adminDepartmentCreate adds a department under a parent (POST /admin/departments).
func adminDepartmentCreate(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	in := departmentInput{Code: strings.TrimSpace(r.PostFormValue("code")), Name: strings.TrimSpace(r.PostFormValue("name")),
		Parent: r.PostFormValue("parent"), Kind: jixiao.DepartmentKind(r.PostFormValue("kind"))}
	d := &jixiao.Department{Code: in.Code, Name: in.Name, Kind: in.Kind}
	c.auditDetail = "新建单位 " + in.Name + "（" + in.Code + "，上级 " + orNone(in.Parent) + "）"
	switch {
	case in.Code == "":
		return s.showDepartments(w, r, c, http.StatusUnprocessableEntity, in, "请填写单位编码。")
	case in.Name == "":
		return s.showDepartments(w, r, c, http.StatusUnprocessableEntity, in, "请填写单位名称。")
	case kindLabel(in.Kind) == string(in.Kind):
		return s.showDepartments(w, r, c, http.StatusUnprocessableEntity, in, "请选择单位类型。")
	}
	if in.Parent != "" {
		parent, err := s.store.DepartmentByCode(ctx, in.Parent)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return s.showDepartments(w, r, c, http.StatusUnprocessableEntity, in, "上级单位“"+in.Parent+"”不存在。")
		} else if err != nil {
			return err
		}
		d.ParentID = parent.ID
	}
	if err := s.store.CreateDepartment(ctx, d); jixiao.ErrorCode(err) == jixiao.EINVALID {
		return s.showDepartments(w, r, c, http.StatusUnprocessableEntity, in, jixiao.ErrorMessage(err))
	} else if err != nil {
		return err
	}
	c.auditObject = "department:" + strconv.FormatInt(d.ID, 10)
	c.auditDetail = "新建单位 " + d.Name + "（" + d.Code + "，" + kindLabel(d.Kind) + "，上级 " + orNone(in.Parent) + "）"
	http.Redirect(w, r, "/admin/departments?created="+url.QueryEscape(d.Name), http.StatusSeeOther)
	return nil
}
