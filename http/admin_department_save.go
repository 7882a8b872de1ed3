package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
)

// adminDepartmentSave renames, moves or retires a department (POST
// /admin/departments/{did}) at the version the form was read at; its plans, accounts
// and history stay as they are.
func adminDepartmentSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	d, err := departmentOf(s, r, c)
	if err != nil {
		return err
	}
	before := *d
	d.Name = strings.TrimSpace(r.PostFormValue("name"))
	d.Code = strings.TrimSpace(r.PostFormValue("code"))
	d.Retired = r.PostFormValue("retired") == "1"
	parent := r.PostFormValue("parent")
	d.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	bad := func(status int, msg string) error { return s.showDeptEdit(w, r, c, status, d, parent, msg) }
	if d.Name == "" {
		return bad(http.StatusUnprocessableEntity, "请填写单位名称。")
	}
	if d.Code == "" {
		return bad(http.StatusUnprocessableEntity, "请填写单位编码。")
	}
	d.ParentID = 0
	if parent != "" {
		p, err := s.store.DepartmentByCode(ctx, parent)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return bad(http.StatusUnprocessableEntity, "上级单位“"+parent+"”不存在。")
		} else if err != nil {
			return err
		}
		d.ParentID = p.ID
	}
	var changes []string
	if d.Name != before.Name {
		changes = append(changes, fmt.Sprintf("名称“%s”改为“%s”", before.Name, d.Name))
	}
	if d.Code != before.Code {
		changes = append(changes, fmt.Sprintf("编码“%s”改为“%s”", before.Code, d.Code))
	}
	if d.ParentID != before.ParentID {
		changes = append(changes, "上级改为 "+orNone(parent))
	}
	if d.Retired != before.Retired {
		changes = append(changes, map[bool]string{true: "撤销", false: "恢复"}[d.Retired])
	}
	c.auditDetail = fmt.Sprintf("修改单位 %s（%s）：%s", before.Name, before.Code, orNone(strings.Join(changes, "；")))
	switch err := s.store.EditDepartment(ctx, d); jixiao.ErrorCode(err) {
	case "":
	case jixiao.EINVALID:
		return bad(http.StatusUnprocessableEntity, jixiao.ErrorMessage(err))
	case jixiao.ECONFLICT:
		return bad(http.StatusConflict, jixiao.ErrorMessage(err))
	default:
		return err
	}
	http.Redirect(w, r, "/admin/departments/"+strconv.FormatInt(d.ID, 10)+"?saved=1", http.StatusSeeOther)
	return nil
}
