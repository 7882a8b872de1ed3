package http

import (
	"net/http"
	"strconv"
	"strings"

	"jixiao"
)

// fundsSave handles the fund structure (POST /plans/{id}/funds): 保存 saves it; a row
// button (add, remove or move a fund or an item) or a suggestion's button shows the
// changed form again, not saved (see unsaved). 按附件3重新生成 (op "derive") saves the form
// with the summary table derived from the items: the rows as written are dropped (they
// stay in the revisions), which is how a user settles a summary that disagrees with 附件3.
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
	opText := r.PostFormValue("op")
	if rule, path, ok := applyOp(opText); ok {
		if errs := f.apply(p); len(errs) > 0 {
			s.showFunds(w, r, c, http.StatusUnprocessableEntity, version, f, errs, &unsaved{})
			return nil
		}
		applied, msg := applySuggestion(p, rule, path)
		if applied {
			f = fundsFormOf(p)
		}
		s.showFunds(w, r, c, http.StatusOK, version, f, nil, &unsaved{plan: p, flash: msg})
		return nil
	}
	derive := opText == "derive"
	if derive {
		opText = "save"
	}
	op := parseOp(opText)
	f.rowOp(op)
	errs := f.apply(p)
	if derive {
		deriveSummary(p)
	}
	if op.Verb != "save" {
		u := &unsaved{flash: rowFlash(op)}
		if len(errs) == 0 {
			u.plan = p
			f.showSums(p)
		}
		s.showFunds(w, r, c, http.StatusOK, version, f, nil, u)
		return nil
	}
	if len(errs) > 0 {
		s.showFunds(w, r, c, http.StatusUnprocessableEntity, version, f, errs, &unsaved{})
		return nil
	}
	what := "修改专项资金结构"
	if derive {
		what = "按附件3重新生成汇总表"
	}
	return s.commit(w, r, c, p, "summary", editorPage{Kind: "funds"}.url(p.ID), "", saveReason(r, what))
}

// showSums fills in the amounts a posted form does not carry (they follow the items), from
// p, the form applied, and the links of the items already saved, by where they were.
func (f *fundsForm) showSums(p *jixiao.Plan) {
	for fi := range f.Funds {
		if fi >= len(p.SpecialFunds) {
			return
		}
		f.Funds[fi].Amount = fundSum(p.SpecialFunds[fi]).String()
		for ii := range f.Funds[fi].Items {
			if ii >= len(p.SpecialFunds[fi].Items) {
				break
			}
			row := &f.Funds[fi].Items[ii]
			row.Amount = p.SpecialFunds[fi].Items[ii].Amount.String()
			if a, b, ok := strings.Cut(row.From, "."); ok {
				ka, e1 := strconv.Atoi(a)
				kb, e2 := strconv.Atoi(b)
				if e1 == nil && e2 == nil {
					row.Edit = editorPage{Kind: "item", F: ka, I: kb}.url(p.ID)
				}
			}
		}
	}
}
