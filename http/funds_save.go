package http

import "net/http"

// fundsSave saves the fund structure (POST /plans/{id}/funds) after applying a row
// button: add, remove or move a fund or an item.
func fundsSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	version, err := postedVersion(r)
	if err != nil {
		return err
	}
	p, err := s.base(r.Context(), c, version)
	if err != nil {
		return err
	}
	f := postedFundsForm(r)
	op := parseOp(r.PostFormValue("op"))
	frag := f.rowOp(op)
	errs := f.apply(p)
	if op.Verb == "add" {
		// A row just added is empty by design: it is saved, and named next.
		for k := range errs {
			delete(errs, k)
		}
		for fi := range p.SpecialFunds {
			if p.SpecialFunds[fi].Name == "" {
				p.SpecialFunds[fi].Name = "新专项资金"
			}
			for ii := range p.SpecialFunds[fi].Items {
				if p.SpecialFunds[fi].Items[ii].Name == "" {
					p.SpecialFunds[fi].Items[ii].Name = "新支出方向"
				}
			}
		}
	}
	if len(errs) > 0 {
		s.showFunds(w, r, c, http.StatusUnprocessableEntity, version, f, errs)
		return nil
	}
	return s.commit(w, r, c, p, "summary", editorPage{Kind: "funds"}.url(p.ID), frag, "修改专项资金结构")
}
