package http

import "net/http"

// itemSave handles one fund item's table (POST /plans/{id}/funds/{f}/items/{i}): 保存
// saves it (the fund's amount and the summary's 合计 follow the items); a row button or a
// suggestion's button shows the changed form again, not saved (see unsaved).
func itemSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	version, err := postedVersion(r)
	if err != nil {
		return err
	}
	p, err := s.base(r.Context(), c, version)
	if err != nil {
		return err
	}
	f, i, it, err := itemAt(r, p)
	if err != nil {
		return err
	}
	pre := itemPrefix(f, i)
	form := postedItemForm(r, p.SpecialFunds[f].Name, f, i)
	opText := r.PostFormValue("op")
	if rule, path, ok := applyOp(opText); ok {
		if errs := form.apply(p, it, pre); len(errs) > 0 {
			s.showItem(w, r, c, http.StatusUnprocessableEntity, version, f, i, form, errs, &unsaved{})
			return nil
		}
		applied, msg := applySuggestion(p, rule, path)
		if applied {
			form = itemFormOf(p.SpecialFunds[f].Name, &p.SpecialFunds[f].Items[i])
		}
		s.showItem(w, r, c, http.StatusOK, version, f, i, form, nil, &unsaved{plan: p, flash: msg})
		return nil
	}
	op := parseOp(opText)
	form.rowOp(op, pre)
	errs := form.apply(p, it, pre)
	if op.Verb != "save" {
		u := &unsaved{flash: rowFlash(op)}
		if len(errs) == 0 {
			u.plan = p
		}
		s.showItem(w, r, c, http.StatusOK, version, f, i, form, nil, u)
		return nil
	}
	if len(errs) > 0 {
		s.showItem(w, r, c, http.StatusUnprocessableEntity, version, f, i, form, errs, &unsaved{})
		return nil
	}
	return s.commit(w, r, c, p, itemWhich(p, f, i), editorPage{Kind: "item", F: f, I: i}.url(p.ID), "", saveReason(r, "修改专项资金支出方向绩效目标表："+it.Name))
}
