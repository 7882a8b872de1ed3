package http

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/render"
)

// The fund editor keeps the structure of the special funds (专项资金): their names, and
// which 支出方向（子项） each holds in which order. The 专项资金预算绩效目标汇总表 itself is
// never typed: it is derived from the items' own tables (附件3) and shown read-only, so
// the summary and the 附件3 tables cannot disagree.

// fundsForm is the fund structure as a form.
type fundsForm struct {
	Authority string
	Funds     []fundRow
}

type fundRow struct {
	Name   string
	From   string // index of the fund in the version the form was made from; "" for a new one
	Amount string // derived: the sum of its items (display only)
	Items  []itemRow
}

type itemRow struct {
	Name   string
	From   string // "F.I" of the item in the version the form was made from; "" for new
	Amount string // display only: typed in the item's own table
	Edit   string // URL of the item's table, for items already saved
}

func fundsFormOf(p *jixiao.Plan) fundsForm {
	f := fundsForm{Authority: p.FundAuthority}
	for fi, fund := range p.SpecialFunds {
		row := fundRow{Name: fund.Name, From: strconv.Itoa(fi), Amount: fundSum(fund).String()}
		for ii, it := range fund.Items {
			row.Items = append(row.Items, itemRow{Name: it.Name, From: strconv.Itoa(fi) + "." + strconv.Itoa(ii),
				Amount: it.Amount.String(), Edit: editorPage{Kind: "item", F: fi, I: ii}.url(p.ID)})
		}
		f.Funds = append(f.Funds, row)
	}
	return f
}

func postedFundsForm(r *http.Request) fundsForm {
	f := fundsForm{Authority: text(r, "fundAuthority")}
	n := postedRows(r, "specialFunds", "name")
	for fi := 0; fi < n; fi++ {
		row := fundRow{Name: cell(r, "specialFunds", fi, "name"), From: cell(r, "specialFunds", fi, "from")}
		list := "specialFunds[" + strconv.Itoa(fi) + "].items"
		m := postedRows(r, list, "name")
		for ii := 0; ii < m; ii++ {
			row.Items = append(row.Items, itemRow{Name: cell(r, list, ii, "name"), From: cell(r, list, ii, "from")})
		}
		f.Funds = append(f.Funds, row)
	}
	return f
}

func (f *fundsForm) rowOp(op rowOp) string {
	switch {
	case op.List == "funds":
		var at int
		f.Funds, at = applyRowOp(f.Funds, op, fundRow{Name: ""})
		if at >= 0 {
			return "#" + fieldID("specialFunds["+strconv.Itoa(at)+"]")
		}
	case strings.HasPrefix(op.List, "items:"):
		fi, err := strconv.Atoi(op.List[len("items:"):])
		if err != nil || fi < 0 || fi >= len(f.Funds) {
			return ""
		}
		var at int
		f.Funds[fi].Items, at = applyRowOp(f.Funds[fi].Items, op, itemRow{})
		if at >= 0 {
			return "#" + fieldID("specialFunds["+strconv.Itoa(fi)+"].items["+strconv.Itoa(at)+"]")
		}
	}
	return ""
}

// apply rebuilds p's special funds from the form: funds and items are taken from the
// version the form was made from (by their From index) in the posted order, renamed,
// and new ones added empty. What the edit did not touch stays as written: an item's row
// of the summary table (FundItem.Summary, which says nothing of its name) and the amounts
// of a fund whose items are the same ones in the same order. Only a fund whose items were
// added, removed or moved gets the sum of its items, and the 合计 is re-derived only when
// some fund changed (a save of an unchanged form changes nothing).
func (f *fundsForm) apply(p *jixiao.Plan) fieldErrors {
	errs := fieldErrors{}
	p.FundAuthority = f.Authority
	old := p.SpecialFunds
	changed := len(f.Funds) != len(old)
	var funds []jixiao.SpecialFund
	for fi, row := range f.Funds {
		var fund jixiao.SpecialFund
		k, err := strconv.Atoi(row.From)
		from := err == nil && k >= 0 && k < len(old)
		if from {
			fund = old[k]
		}
		same := from && k == fi && len(row.Items) == len(old[k].Items)
		fund.Name = row.Name
		fund.Items = nil
		for ii, ir := range row.Items {
			var it jixiao.FundItem
			if a, b, ok := strings.Cut(ir.From, "."); ok {
				ka, e1 := strconv.Atoi(a)
				kb, e2 := strconv.Atoi(b)
				if e1 == nil && e2 == nil && ka >= 0 && ka < len(old) && kb >= 0 && kb < len(old[ka].Items) {
					it = old[ka].Items[kb]
					same = same && ka == k && kb == ii
				} else {
					same = false
				}
			} else {
				same = false
			}
			it.Name = ir.Name
			if ir.Name == "" {
				errs.add("specialFunds["+strconv.Itoa(fi)+"].items["+strconv.Itoa(ii)+"].name", "请填写支出方向（子项）的名称。")
			}
			fund.Items = append(fund.Items, it)
		}
		if row.Name == "" {
			errs.add("specialFunds["+strconv.Itoa(fi)+"].name", "请填写专项资金的名称。")
		}
		if !same {
			fund.Amount = fundSum(fund)
			changed = true
		}
		funds = append(funds, fund)
	}
	p.SpecialFunds = funds
	if changed {
		deriveFundsTotal(p)
	}
	return errs
}

// fundSum is the sum of a fund's item amounts; empty when no item states one.
func fundSum(f jixiao.SpecialFund) jixiao.Amount {
	var sum jixiao.Amount
	for _, it := range f.Items {
		sum = sum.Add(it.Amount)
	}
	return sum
}

// deriveSummary makes the whole summary table derived from the items: no row as written,
// each fund's amount and the 合计 the sums of their parts.
func deriveSummary(p *jixiao.Plan) {
	for i := range p.SpecialFunds {
		for j := range p.SpecialFunds[i].Items {
			p.SpecialFunds[i].Items[j].Summary = nil
		}
		p.SpecialFunds[i].Amount = fundSum(p.SpecialFunds[i])
	}
	deriveFundsTotal(p)
}

// deriveFundsTotal sets the 合计 to the sum of the funds' amounts.
func deriveFundsTotal(p *jixiao.Plan) {
	var total jixiao.Amount
	for i := range p.SpecialFunds {
		total = total.Add(p.SpecialFunds[i].Amount)
	}
	p.FundsTotal = total
}

// fundsFields are the cells of the fund editor, in page order.
func fundsFields(f *fundsForm) []string {
	out := []string{"fundAuthority", "fundsTotal"}
	for fi, fund := range f.Funds {
		fp := "specialFunds[" + strconv.Itoa(fi) + "]"
		out = append(out, fp+".name", fp+".amount")
		for ii := range fund.Items {
			ip := fp + ".items[" + strconv.Itoa(ii) + "]"
			out = append(out, ip+".name", ip+".amount", ip+".summary")
		}
	}
	return out
}

// fundsPage is the fund editor.
type fundsPage struct {
	layout
	Plan       planHeader
	Form       fundsForm
	Errors     fieldErrors
	Findings   *findingSet
	Version    int
	Total      string
	Summary    template.HTML // the derived summary table, official layout
	Imported   template.HTML // the summary as the imported document wrote it, when kept
	HasWritten bool
	Review     bool
	CanReview  bool
	Unsaved    string // the form is shown again, not saved: what happened ("" when saved)
	Reason     string // the 修改说明 typed, kept with an unsaved form
}

// showFunds renders the fund editor with form f made from version; u as in
// showDepartment (the derived summary then shows the posted structure).
func (s *Server) showFunds(w http.ResponseWriter, r *http.Request, c *reqCtx, status, version int, f fundsForm, errs fieldErrors, u *unsaved) {
	ctx := r.Context()
	pg := &fundsPage{Plan: s.header(ctx, c, c.plan, "summary"), Form: f, Errors: errs, Version: version, Unsaved: u.notice()}
	if u != nil {
		pg.Reason = text(r, "reason")
	}
	order := fundsFields(&f)
	var p *jixiao.Plan
	pg.Findings, p = s.editorFindings(ctx, c, u, editorPage{Kind: "funds"}, order)
	pg.CanReview = c.can(ctx, actComment, c.planDept, p.Status)
	pg.Review = pg.CanReview && r.URL.Query().Get("review") == "1"
	if err := s.withComments(ctx, c, pg.Findings, order, pg.Review, editorPage{Kind: "funds"}.url(p.ID)); err != nil {
		s.fail(w, r, c, err)
		return
	}
	if pg.Plan.Editable {
		pg.Findings.offerApply(c.plan.ID, c.plan.Version, true)
	}
	var total jixiao.Amount
	for _, fund := range p.SpecialFunds {
		total = total.Add(fundSum(fund))
		for _, it := range fund.Items {
			if it.Summary != nil {
				pg.HasWritten = true
			}
		}
	}
	pg.Total = total.String()
	if len(p.SpecialFunds) > 0 {
		pg.Summary = tableHTML(p, "summary")
		if pg.HasWritten || p.FundsTotal.IsSet() {
			var b strings.Builder
			if err := render.TableWith(&b, p, "summary", render.Options{AsImported: true}); err == nil {
				pg.Imported = template.HTML(b.String())
			}
		}
	}
	pg.allowStyles(pg.Summary)
	pg.allowStyles(pg.Imported)
	pg.Title, pg.Nav, pg.Wide = "专项资金预算绩效目标汇总表", "plans", true
	pg.Crumbs = planCrumbs(p, "专项资金预算绩效目标汇总表")
	if v := r.URL.Query().Get("saved"); v != "" {
		pg.Flash = "已保存（版本 " + v + "）。"
	}
	if m := appliedFlash(r); m != "" {
		pg.Flash = m
	}
	if errs == nil && u == nil {
		pg.cacheKey = viewKey(p, pg.Plan.Editable, "") + pg.Plan.lockKey() + pg.Findings.CacheKey()
	}
	s.render(w, r, c, status, "funds", pg)
}
