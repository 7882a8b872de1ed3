package http

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/document"
)

// maxUpload bounds the body of an upload (POST /plans/import): the file and the form
// around it. Every other request keeps maxBody.
const maxUpload = 16 << 20

// uploadField is the file field of the import form.
const uploadField = "file"

// importPage is the upload form of a unit's own document (xlsx, docx or the text
// tables), and what went wrong with the last one.
type importPage struct {
	layout
	Department string
	Error      string
	File       string
	Year       string // the year typed, shown again when the import is refused
	YearHint   int
}

// planImportShow shows the upload form (GET /plans/import).
func planImportShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	d, err := s.ownDepartment(r, c)
	if err != nil {
		return err
	}
	return s.importAgain(w, r, c, d, "", "", http.StatusOK)
}

func (s *Server) importAgain(w http.ResponseWriter, r *http.Request, c *reqCtx, d *jixiao.Department, file, msg string, status int) error {
	pg := &importPage{Department: d.Name, File: file, Error: msg, Year: r.FormValue("year"), YearHint: s.nextYear()}
	pg.Title, pg.Nav = "导入绩效目标", "plans"
	pg.Crumbs = []crumb{{Label: "绩效目标", URL: "/plans"}, {Label: "导入"}}
	s.render(w, r, c, status, "import", pg)
	return nil
}

// nextYear is the year the import page gives as an example of 预算年度: next year's
// targets are what units file in the autumn.
func (s *Server) nextYear() int { return s.cfg.Now().In(jixiao.ChinaTime()).Year() + 1 }

// ownDepartment is the user's own department: an import always lands there.
func (s *Server) ownDepartment(r *http.Request, c *reqCtx) (*jixiao.Department, error) {
	ds, err := c.departments(r.Context())
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		if d.ID == c.user.DepartmentID {
			return d, nil
		}
	}
	return nil, jixiao.Errorf(jixiao.EFORBIDDEN, "您的账号尚未分配单位，不能导入，请联系系统管理员。")
}

// planImport reads an uploaded document (POST /plans/import, multipart) in any format
// the system reads, detected from the content, and stores it as the plan of the user's
// own department for its year, whatever department the file names: a new plan, or, when
// the department has a plan of that year that may still be edited, a preview of what the
// file would change in it (plan_import_preview.go), changed only once confirmed.
// Nothing is stored when the file cannot be read.
func planImport(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	d, err := s.ownDepartment(r, c)
	if err != nil {
		return err
	}
	if err := authorize(ctx, c, actCreatePlan, d, jixiao.Draft); err != nil {
		return err
	}
	f, fh, err := r.FormFile(uploadField)
	if err != nil {
		return s.importAgain(w, r, c, d, "", "请选择要导入的文件（xlsx、docx 或文本表格）。", http.StatusUnprocessableEntity)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	name := fh.Filename
	c.auditDetail = fmt.Sprintf("导入文件“%s”（%d 字节）", name, len(data))
	if len(data) == 0 {
		return s.importAgain(w, r, c, d, name, fmt.Sprintf("文件“%s”是空的。", name), http.StatusUnprocessableEntity)
	}
	var opt document.Options
	if y := strings.TrimSpace(r.FormValue("year")); y != "" {
		if opt.Year, err = strconv.Atoi(y); err != nil {
			return s.importAgain(w, r, c, d, name, fmt.Sprintf("预算年度“%s”不是年份：请填写四位数字，如 %d，或不填。", y, s.nextYear()), http.StatusUnprocessableEntity)
		}
	}
	p, err := document.ReadBytesWith(name, data, opt)
	if err != nil {
		var je *jixiao.Error
		if !errors.As(err, &je) {
			return err
		}
		return s.importAgain(w, r, c, d, name, "无法导入："+jixiao.ErrorMessage(err), http.StatusUnprocessableEntity)
	}
	if p.Year < 2000 || p.Year > 2100 {
		return s.importAgain(w, r, c, d, name, fmt.Sprintf("无法导入：文件“%s”中没有有效的预算年度（读到“%d”）。", name, p.Year), http.StatusUnprocessableEntity)
	}
	// The plan is the user's department's, whatever the file says.
	named := p.Department
	if p.Submitter == "" || p.Submitter == p.Department || p.Department != d.Name {
		p.Submitter = d.Name
	}
	p.Department, p.DepartmentCode = d.Name, d.Code
	p.ID, p.Version, p.Status = 0, 0, jixiao.Draft
	existing, err := s.store.PlanByDepartmentYear(ctx, d.ID, p.Year)
	switch {
	case jixiao.ErrorCode(err) == jixiao.ENOTFOUND:
		reason := fmt.Sprintf("导入文件“%s”", name)
		if named != "" && named != d.Name {
			reason += fmt.Sprintf("（文件中的单位“%s”，已导入为本单位）", named)
		}
		info := jixiao.SaveInfo{Author: c.user.Username, Reason: reason}
		if _, err := s.store.ImportPlan(ctx, p, info); err != nil {
			return err
		}
	case err != nil:
		return err
	default:
		// The existing plan: only while its unit may edit it, and only after the user
		// has seen what the file would change (the confirmation is version-checked).
		head, err := s.store.PlanHead(ctx, existing.ID)
		if err != nil {
			return err
		}
		if !editable(head.Status) {
			return jixiao.Errorf(jixiao.ELOCKED, "“%s”%d 年的绩效目标处于“%s”状态，不能用导入覆盖。如需修改，请先退回或在概览页“调整”。",
				d.Name, p.Year, head.Status.Label())
		}
		if lock := jixiao.DeadlineLock(head.Deadline, head.Exception, s.cfg.Now()); lock.Locked {
			return jixiao.Errorf(jixiao.ELOCKED, "%s", lock.Reason)
		}
		if existing.Version != head.Version {
			if existing, err = s.store.PlanAt(ctx, existing.ID, head.Version); err != nil {
				return err
			}
			existing.ID, existing.Version = head.ID, head.Version
		}
		existing.Status = head.Status
		// Nothing changes yet: the user sees what would change and confirms.
		c.planDept = &head.Department
		return s.previewImport(w, r, c, existing, p, name, named)
	}
	c.auditObject = fmt.Sprintf("plan:%d", p.ID)
	http.Redirect(w, r, fmt.Sprintf("/plans/%d?imported=1", p.ID), http.StatusSeeOther)
	return nil
}
