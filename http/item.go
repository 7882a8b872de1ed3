package http

import (
	"net/http"
	"strconv"

	"jixiao"
)

// itemForm is one 附件3 专项资金支出方向绩效目标表 as a form.
type itemForm struct {
	Fund       string // 所属专项 (display only: the fund editor names funds)
	Name       string
	Amount     string
	Period     string
	PeriodGoal string
	AnnualGoal string
	Indicators []indicatorRow
}

// itemAt returns the fund item F.I of the path, or ENOTFOUND.
func itemAt(r *http.Request, p *jixiao.Plan) (f, i int, it *jixiao.FundItem, err error) {
	f, e1 := strconv.Atoi(r.PathValue("f"))
	i, e2 := strconv.Atoi(r.PathValue("i"))
	if e1 != nil || e2 != nil || f < 0 || f >= len(p.SpecialFunds) || i < 0 || i >= len(p.SpecialFunds[f].Items) {
		return 0, 0, nil, jixiao.Errorf(jixiao.ENOTFOUND, "该绩效目标没有第 %s 项专项资金的第 %s 个支出方向。", r.PathValue("f"), r.PathValue("i"))
	}
	return f, i, &p.SpecialFunds[f].Items[i], nil
}

func itemFormOf(fund string, it *jixiao.FundItem) itemForm {
	return itemForm{Fund: fund, Name: it.Name, Amount: it.Amount.String(), Period: it.Period.Text,
		PeriodGoal: it.PeriodGoal, AnnualGoal: it.AnnualGoal, Indicators: indicatorRows(it.Indicators)}
}

func itemPrefix(f, i int) string {
	return "specialFunds[" + strconv.Itoa(f) + "].items[" + strconv.Itoa(i) + "]"
}

func postedItemForm(r *http.Request, fund string, f, i int) itemForm {
	pre := itemPrefix(f, i)
	return itemForm{Fund: fund, Name: text(r, pre+".name"), Amount: text(r, pre+".amount"), Period: text(r, pre+".period"),
		PeriodGoal: text(r, pre+".periodGoal"), AnnualGoal: text(r, pre+".annualGoal"),
		Indicators: postedIndicators(r, pre+".indicators")}
}

func (f *itemForm) rowOp(op rowOp, pre string) string {
	if op.List != pre+".indicators" {
		return ""
	}
	var at int
	f.Indicators, at = applyRowOp(f.Indicators, op, indicatorRow{})
	if at < 0 {
		return ""
	}
	return "#" + fieldID(pre+".indicators["+strconv.Itoa(at)+"]")
}

// apply writes the form into the item. The item's row of the summary table, as written,
// stays while the item's amount and goals are those it was written beside; once they
// change, the row is derived from the item (Summary = nil), and a changed amount makes the
// fund's amount and the 合计 the sums of their parts. A save of an unchanged form changes
// nothing.
func (f *itemForm) apply(p *jixiao.Plan, it *jixiao.FundItem, pre string) fieldErrors {
	errs := fieldErrors{}
	before := *it
	it.Name, it.PeriodGoal, it.AnnualGoal = f.Name, f.PeriodGoal, f.AnnualGoal
	if f.Name == "" {
		errs.add(pre+".name", "请填写支出方向（子项）的名称。")
	}
	a, msg := parseAmount("项目金额", f.Amount)
	if msg != "" {
		errs.add(pre+".amount", msg)
	} else {
		it.Amount = a
	}
	if f.Period == "" {
		it.Period = jixiao.Period{}
	} else if per, ok := jixiao.ParsePeriod(f.Period); ok {
		it.Period = per
	} else {
		errs.add(pre+".period", "“项目实施期”：无法识别“"+f.Period+"”，请写成 2021.1-2021.12 的形式。")
	}
	it.Indicators = indicatorsOf(f.Indicators)
	amountChanged := !it.Amount.Equal(before.Amount) || it.Amount.IsSet() != before.Amount.IsSet()
	if amountChanged || it.PeriodGoal != before.PeriodGoal || it.AnnualGoal != before.AnnualGoal {
		it.Summary = nil
	}
	if amountChanged {
		for i := range p.SpecialFunds {
			for j := range p.SpecialFunds[i].Items {
				if &p.SpecialFunds[i].Items[j] == it {
					p.SpecialFunds[i].Amount = fundSum(p.SpecialFunds[i])
				}
			}
		}
		deriveFundsTotal(p)
	}
	return errs
}

func itemFields(f *itemForm, pre string) []string {
	out := []string{pre + ".name", pre + ".amount", pre + ".period", pre + ".periodGoal", pre + ".annualGoal"}
	for k := range f.Indicators {
		out = append(out, indicatorFields(pre+".indicators", k)...)
	}
	return out
}

// itemPage is the editor of one fund item's table (附件3).
type itemPage struct {
	layout
	Plan      planHeader
	Form      itemForm
	Prefix    string
	F, I      int
	Errors    fieldErrors
	Findings  *findingSet
	Levels    levelChoices
	Version   int
	Print     string
	Review    bool
	CanReview bool
	Unsaved   string // the form is shown again, not saved: what happened ("" when saved)
	Reason    string // the 修改说明 typed, kept with an unsaved form
}

// showItem renders the editor of item f.i with form made from version; u as in
// showDepartment.
func (s *Server) showItem(w http.ResponseWriter, r *http.Request, c *reqCtx, status, version, f, i int, form itemForm, errs fieldErrors, u *unsaved) {
	ctx := r.Context()
	p := c.plan
	which := itemWhich(p, f, i)
	pre := itemPrefix(f, i)
	pg := &itemPage{Plan: s.header(ctx, c, p, which), Form: form, Prefix: pre, F: f, I: i, Errors: errs,
		Levels: s.levelsFor(p, p.Framework), Version: version, Unsaved: u.notice()}
	if u != nil {
		pg.Reason = text(r, "reason")
	}
	if which != "" {
		pg.Print = "/plans/" + strconv.FormatInt(p.ID, 10) + "/print/" + which
	}
	order := itemFields(&form, pre)
	pg.Findings, _ = s.editorFindings(ctx, c, u, editorPage{Kind: "item", F: f, I: i}, order)
	pg.CanReview = c.can(ctx, actComment, c.planDept, p.Status)
	pg.Review = pg.CanReview && r.URL.Query().Get("review") == "1"
	if err := s.withComments(ctx, c, pg.Findings, order, pg.Review, editorPage{Kind: "item", F: f, I: i}.url(p.ID)); err != nil {
		s.fail(w, r, c, err)
		return
	}
	if pg.Plan.Editable {
		pg.Findings.offerApply(c.plan.ID, c.plan.Version, true)
	}
	prepareIndicators(pg.Form.Indicators, pre+".indicators", pg.Levels, pg.Findings)
	pg.Title, pg.Nav, pg.Wide = "专项资金支出方向绩效目标表："+form.Name, "plans", true
	pg.Crumbs = planCrumbs(p, "附件3："+form.Name)
	if v := r.URL.Query().Get("saved"); v != "" {
		pg.Flash = "已保存（版本 " + v + "）。"
	}
	if m := appliedFlash(r); m != "" {
		pg.Flash = m
	}
	if errs == nil && u == nil {
		pg.cacheKey = viewKey(p, pg.Plan.Editable, pre) + pg.Plan.lockKey() + pg.Findings.CacheKey()
	}
	s.render(w, r, c, status, "item", pg)
}
