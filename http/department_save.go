package http

import "net/http"

// departmentSave handles the department table's form (POST /plans/{id}/department).
// 保存 saves it; cells that cannot be read (an amount that is not a number) send the form
// back with the user's input and a message beside each such cell, and nothing is saved.
// A row button or a suggestion's button changes the posted form and shows it again, not
// saved (see unsaved).
func departmentSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	version, err := postedVersion(r)
	if err != nil {
		return err
	}
	p, err := s.base(r.Context(), c, version)
	if err != nil {
		return err
	}
	f := postedDepartmentForm(r)
	opText := r.PostFormValue("op")
	if rule, path, ok := applyOp(opText); ok {
		if errs := f.apply(p); len(errs) > 0 {
			s.showDepartment(w, r, c, http.StatusUnprocessableEntity, version, f, errs, &unsaved{})
			return nil
		}
		p.Department = c.plan.Department
		applied, msg := applySuggestion(p, rule, path)
		if applied {
			f = departmentFormOf(p)
		}
		s.showDepartment(w, r, c, http.StatusOK, version, f, nil, &unsaved{plan: p, flash: msg})
		return nil
	}
	op := parseOp(opText)
	f.rowOp(op)
	errs := f.apply(p)
	p.Department = c.plan.Department
	if op.Verb != "save" {
		u := &unsaved{flash: rowFlash(op)}
		if len(errs) == 0 {
			u.plan = p
		}
		s.showDepartment(w, r, c, http.StatusOK, version, f, nil, u)
		return nil
	}
	if len(errs) > 0 {
		s.showDepartment(w, r, c, http.StatusUnprocessableEntity, version, f, errs, &unsaved{})
		return nil
	}
	return s.commit(w, r, c, p, "department", editorPage{Kind: "department"}.url(p.ID), "", saveReason(r, "修改部门整体支出绩效目标表"))
}
