package http

import (
	"net/http"
	"strconv"
)

// projectSave handles one project table (POST /plans/{id}/projects/{k}): 保存 saves it,
// checked against the version the form was made from; a row button, a suggestion's
// button or a form restored after the session expired ("resume") shows the changed form
// again, not saved (see unsaved).
func projectSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	version, err := postedVersion(r)
	if err != nil {
		return err
	}
	p, err := s.base(r.Context(), c, version)
	if err != nil {
		return err
	}
	k, pr, err := projectAt(r, p)
	if err != nil {
		return err
	}
	pre := projectPrefix(k)
	form := postedProjectForm(r, k)
	opText := r.PostFormValue("op")
	if rule, path, ok := applyOp(opText); ok {
		if errs := form.apply(pr, pre); len(errs) > 0 {
			s.showProject(w, r, c, http.StatusUnprocessableEntity, version, k, form, errs, &unsaved{})
			return nil
		}
		applied, msg := applySuggestion(p, rule, path)
		if applied {
			form = projectFormOf(&p.Projects[k])
		}
		s.showProject(w, r, c, http.StatusOK, version, k, form, nil, &unsaved{plan: p, flash: msg})
		return nil
	}
	op := parseOp(opText)
	form.rowOp(op, pre)
	errs := form.apply(pr, pre)
	if op.Verb != "save" {
		u := &unsaved{flash: rowFlash(op)}
		if len(errs) == 0 {
			u.plan = p
		}
		s.showProject(w, r, c, http.StatusOK, version, k, form, nil, u)
		return nil
	}
	if len(errs) > 0 {
		s.showProject(w, r, c, http.StatusUnprocessableEntity, version, k, form, errs, &unsaved{})
		return nil
	}
	which := "project:" + strconv.Itoa(k+1)
	return s.commit(w, r, c, p, which, editorPage{Kind: "project", I: k}.url(p.ID), "", saveReason(r, "修改项目支出绩效目标表："+pr.Name))
}
