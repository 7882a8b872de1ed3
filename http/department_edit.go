package http

import "net/http"

// departmentEdit shows the department table (GET /plans/{id}/department): a form for
// those who may edit the plan, the same cells read-only for the others, with the
// findings of the checks beside the cells.
func departmentEdit(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if ok, err := s.resumeForm(w, r, c, departmentSave); ok {
		return err
	}
	s.showDepartment(w, r, c, http.StatusOK, c.plan.Version, departmentFormOf(c.plan), nil, nil)
	return nil
}
