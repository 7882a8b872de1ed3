package http

import (
	"net/http"
	"slices"
	"strconv"

	"jixiao"
)

// projectForm is one 项目支出绩效目标表 (a project of Plan.Projects, which belongs to no
// special fund) as a form, in the national layout: 项目名称, 项目编码, 主管部门, 实施单位,
// the money by source, 实施期, the goals and the indicators in the national columns.
type projectForm struct {
	Name, Code, Authority, Unit string
	Total, Fiscal, Upper, Other string // 年度资金总额, 其中：财政拨款, 上级资金, 其他资金 (万元)
	Period                      string
	PeriodGoal, AnnualGoal      string
	Indicators                  []indicatorRow
}

// projectSources are the money rows the form edits, in its order, with the label a row
// gets when the project had none of that source.
var projectSources = []struct {
	Source jixiao.FundSource
	Field  string
	Label  string
}{
	{jixiao.FundTotal, "amount", "年度资金总额"},
	{jixiao.FundFiscal, "fiscal", "其中：财政拨款"},
	{jixiao.FundUpper, "upper", "上级资金"},
	{jixiao.FundOther, "other", "其他资金"},
}

// projectAt returns the project K of the path, or ENOTFOUND.
func projectAt(r *http.Request, p *jixiao.Plan) (int, *jixiao.Project, error) {
	k, err := strconv.Atoi(r.PathValue("k"))
	if err != nil || k < 0 || k >= len(p.Projects) {
		return 0, nil, jixiao.Errorf(jixiao.ENOTFOUND, "该绩效目标没有第 %s 个项目（共 %d 个项目支出绩效目标表）。", r.PathValue("k"), len(p.Projects))
	}
	return k, &p.Projects[k], nil
}

func projectPrefix(k int) string { return "projects[" + strconv.Itoa(k) + "]" }

func projectFormOf(pr *jixiao.Project) projectForm {
	f := projectForm{Name: pr.Name, Code: pr.Code, Authority: pr.Authority, Unit: pr.Unit, Period: pr.PeriodText,
		PeriodGoal: pr.PeriodGoal, AnnualGoal: pr.AnnualGoal, Indicators: projectRows(pr.Indicators)}
	if f.Period == "" {
		f.Period = pr.Period.Text
	}
	money := func(s jixiao.FundSource) string {
		if l, ok := pr.Fund(s); ok {
			if l.Amount.IsSet() {
				return l.Amount.String()
			}
			return l.Text
		}
		if s == jixiao.FundTotal && pr.Amount.IsSet() {
			return pr.Amount.String()
		}
		return ""
	}
	f.Total, f.Fiscal, f.Upper, f.Other = money(jixiao.FundTotal), money(jixiao.FundFiscal), money(jixiao.FundUpper), money(jixiao.FundOther)
	return f
}

func (f *projectForm) money() []*string { return []*string{&f.Total, &f.Fiscal, &f.Upper, &f.Other} }

func postedProjectForm(r *http.Request, k int) projectForm {
	pre := projectPrefix(k)
	f := projectForm{Name: text(r, pre+".name"), Code: text(r, pre+".code"), Authority: text(r, pre+".authority"),
		Unit: text(r, pre+".unit"), Period: text(r, pre+".period"),
		PeriodGoal: text(r, pre+".periodGoal"), AnnualGoal: text(r, pre+".annualGoal"),
		Indicators: postedProjectIndicators(r, pre+".indicators")}
	for i, m := range f.money() {
		*m = text(r, pre+"."+projectSources[i].Field)
	}
	return f
}

func (f *projectForm) rowOp(op rowOp, pre string) string {
	if op.List != pre+".indicators" {
		return ""
	}
	var at int
	f.Indicators, at = applyRowOp(f.Indicators, op, indicatorRow{Columns: true})
	if at < 0 {
		return ""
	}
	return "#" + fieldID(pre+".indicators["+strconv.Itoa(at)+"]")
}

// apply writes the form into the project. The money rows the form edits replace those
// of their source (their labels kept); finer rows an imported table had (上年结转,
// 一般公共预算, …) stay as they were.
func (f *projectForm) apply(pr *jixiao.Project, pre string) fieldErrors {
	errs := fieldErrors{}
	pr.Name, pr.Code, pr.Authority, pr.Unit = f.Name, f.Code, f.Authority, f.Unit
	pr.PeriodGoal, pr.AnnualGoal = f.PeriodGoal, f.AnnualGoal
	if f.Name == "" {
		errs.add(pre+".name", "请填写项目名称。")
	}
	funds := slices.Clone(pr.Funds)
	for i, m := range f.money() {
		src := projectSources[i]
		label := src.Label
		at := slices.IndexFunc(funds, func(l jixiao.FundLine) bool { return l.Source == src.Source })
		if at >= 0 {
			label = funds[at].Label
		}
		a, msg := parseAmount(label, *m)
		if msg != "" {
			errs.add(pre+"."+src.Field, msg)
			continue
		}
		if src.Source == jixiao.FundTotal {
			pr.Amount = a
		}
		switch {
		case *m == "" && at >= 0:
			funds = slices.Delete(funds, at, at+1)
		case *m == "":
		case at >= 0:
			funds[at].Text, funds[at].Amount = *m, a
		default:
			funds = append(funds, jixiao.FundLine{Source: src.Source, Label: label, Text: *m, Amount: a})
		}
	}
	pr.Funds = funds
	pr.PeriodText = f.Period
	pr.Period = jixiao.Period{}
	if per, ok := jixiao.ParsePeriod(f.Period); ok {
		pr.Period = per
	}
	pr.Indicators = indicatorsOf(f.Indicators)
	return errs
}

// projectFields are the paths of the form's cells in page order; a money row is also
// where the checks' findings about it (projects[k].funds[i]) are shown.
func projectFields(f *projectForm, pre string, fundPaths map[string]string) []string {
	out := []string{pre + ".name", pre + ".code", pre + ".authority", pre + ".unit"}
	for _, src := range projectSources {
		out = append(out, fundPaths[src.Field])
	}
	out = append(out, pre+".funds", pre+".period", pre+".periodGoal", pre+".annualGoal")
	for k := range f.Indicators {
		out = append(out, indicatorFields(pre+".indicators", k)...)
	}
	return out
}

// projectColumns says which of the optional indicator columns a project form shows: those
// the plan's framework requires (湖南2023: 指标值类型, 指标解释, 评(扣)分标准), those any row
// has filled in, and all of them when asked (…?columns=all).
type projectColumns struct {
	Kind, Standard, Explanation, Scoring bool
	All                                  bool // every column is shown already
	// Other are the headers of the columns the rows keep in Indicator.Other, shown read
	// only after the national ones (江苏's 半年(程)指标值).
	Other []string
}

func columnsOf(fw *jixiao.Framework, rows []indicatorRow, all bool) *projectColumns {
	c := &projectColumns{Kind: all, Standard: all, Explanation: all, Scoring: all}
	if fw != nil {
		for _, col := range fw.Columns {
			switch col {
			case "指标值类型":
				c.Kind = true
			case "指标解释":
				c.Explanation = true
			case "评(扣)分标准":
				c.Scoring = true
			case "绩效标准":
				c.Standard = true
			}
		}
	}
	for _, r := range rows {
		c.Kind = c.Kind || r.ValueKind != ""
		c.Standard = c.Standard || r.Standard != ""
		c.Explanation = c.Explanation || r.Explanation != ""
		c.Scoring = c.Scoring || r.ScoreRule != ""
	}
	c.All = c.Kind && c.Standard && c.Explanation && c.Scoring
	return c
}

// projectPage is the editor of one project table (项目支出绩效目标表).
type projectPage struct {
	layout
	Plan      planHeader
	Form      projectForm
	Prefix    string
	K         int
	Cols      *projectColumns
	AskedAll  bool // the user asked for every column (kept through the form's posts)
	Errors    fieldErrors
	Findings  *findingSet
	Levels    levelChoices
	Version   int
	Print     string
	Review    bool
	CanReview bool
	Unsaved   string
	Reason    string
	// FundPaths are the paths of the money cells, by field (amount, fiscal, …): the
	// checks' path of the row (projects[k].funds[i]) when the project has it, so that a
	// finding about a row stands beside its cell, else projects[k].amount and so on.
	FundPaths map[string]string
}

// showProject renders the editor of project k with form made from version; u as in
// showDepartment.
func (s *Server) showProject(w http.ResponseWriter, r *http.Request, c *reqCtx, status, version, k int, form projectForm, errs fieldErrors, u *unsaved) {
	ctx := r.Context()
	p := c.plan
	which := "project:" + strconv.Itoa(k+1)
	pre := projectPrefix(k)
	pg := &projectPage{Plan: s.header(ctx, c, p, which), Form: form, Prefix: pre, K: k, Errors: errs,
		Levels: s.levelsFor(p, p.Framework), Version: version, Unsaved: u.notice(), FundPaths: map[string]string{}}
	if u != nil {
		pg.Reason = text(r, "reason")
	}
	all := r.URL.Query().Get("columns") == "all" || r.PostFormValue("columns") == "all"
	pg.Cols, pg.AskedAll = columnsOf(pg.Levels, form.Indicators, all), all
	pg.Cols.Other = otherCells(pg.Form.Indicators)
	for _, src := range projectSources {
		pg.FundPaths[src.Field] = pre + "." + src.Field
	}
	if k < len(p.Projects) {
		pg.Print = "/plans/" + strconv.FormatInt(p.ID, 10) + "/print/" + which
		seen := map[string]bool{}
		for i, l := range p.Projects[k].Funds {
			for _, src := range projectSources {
				if l.Source == src.Source {
					if !seen[src.Field] {
						seen[src.Field] = true
						pg.FundPaths[src.Field] = pre + ".funds[" + strconv.Itoa(i) + "]"
					}
				}
			}
		}
	}
	order := projectFields(&form, pre, pg.FundPaths)
	at := editorPage{Kind: "project", I: k}
	pg.Findings, _ = s.editorFindings(ctx, c, u, at, order)
	pg.CanReview = c.can(ctx, actComment, c.planDept, p.Status)
	pg.Review = pg.CanReview && r.URL.Query().Get("review") == "1"
	if err := s.withComments(ctx, c, pg.Findings, order, pg.Review, at.url(p.ID)); err != nil {
		s.fail(w, r, c, err)
		return
	}
	if pg.Plan.Editable {
		pg.Findings.offerApply(c.plan.ID, c.plan.Version, true)
	}
	prepareIndicators(pg.Form.Indicators, pre+".indicators", pg.Levels, pg.Findings)
	pg.Title, pg.Nav, pg.Wide = "项目支出绩效目标表："+form.Name, "plans", true
	pg.Crumbs = planCrumbs(p, "项目："+form.Name)
	if v := r.URL.Query().Get("saved"); v != "" {
		pg.Flash = "已保存（版本 " + v + "）。"
	}
	if m := appliedFlash(r); m != "" {
		pg.Flash = m
	}
	if errs == nil && u == nil && !all {
		pg.cacheKey = viewKey(p, pg.Plan.Editable, pre) + pg.Plan.lockKey() + pg.Findings.CacheKey()
	}
	s.render(w, r, c, status, "project", pg)
}
