package http

import "net/http"

// departmentSave saves the department table (POST /plans/{id}/department), after
// applying a row button (add, remove, move) if one was pressed. Cells that cannot be read
// (an amount that is not a number) send the form back with the user's input and a message
// beside each such cell; nothing is saved then.
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
	frag := f.rowOp(parseOp(r.PostFormValue("op")))
	if errs := f.apply(p); len(errs) > 0 {
		s.showDepartment(w, r, c, http.StatusUnprocessableEntity, version, f, errs)
		return nil
	}
	p.Department = c.plan.Department
	return s.commit(w, r, c, p, "department", editorPage{Kind: "department"}.url(p.ID), frag, "修改部门整体支出绩效目标表")
}
