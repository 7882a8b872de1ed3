package http

import "net/http"

// itemSave saves one fund item's table (POST /plans/{id}/funds/{f}/items/{i}) after
// applying a row button. The fund's amount and the summary's 合计 follow the items.
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
	frag := form.rowOp(parseOp(r.PostFormValue("op")), pre)
	if errs := form.apply(p, it, pre); len(errs) > 0 {
		s.showItem(w, r, c, http.StatusUnprocessableEntity, version, f, i, form, errs)
		return nil
	}
	return s.commit(w, r, c, p, itemWhich(p, f, i), editorPage{Kind: "item", F: f, I: i}.url(p.ID), frag, "修改专项资金支出方向绩效目标表："+it.Name)
}
