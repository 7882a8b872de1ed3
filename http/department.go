package http

import (
	"net/http"
	"strconv"

	"jixiao"
)

// departmentForm is the 部门整体支出绩效目标表 as a form: what the plan holds, or what the
// user posted (kept as typed, so a rejected amount is shown back for correction).
type departmentForm struct {
	Submitter string
	Framework string
	Budget    []amountCell
	Duties    string
	Goal      string // 年度总体目标
	// HasGoal says the form carried a 年度总体目标 field: a post without one (a page
	// opened before the field existed) leaves the plan's as it is.
	HasGoal  bool
	KeyTasks []jixiao.KeyTask
	// TaskMoney says the tasks carry a 支出项目名称 and 预算金额 (福建's 年度履职目标, the
	// national form): the form then has those columns, so that a save keeps them.
	TaskMoney  bool
	Indicators []indicatorRow
}

// amountCell is one line of 年度预算申请.
type amountCell struct {
	Path  string // budget.total, …
	Label string
	Group string // 按收入性质分 / 按支出性质分, or "" for 资金总额
	Value string
}

// budgetLines are the cells of 年度预算申请 in the order of the official table.
var budgetLines = []struct{ Path, Label, Group string }{
	{"budget.total", "资金总额", ""},
	{"budget.generalBudget", "一般公共预算拨款", "按收入性质分"},
	{"budget.govFund", "政府性基金拨款", "按收入性质分"},
	{"budget.otherFunds", "其他资金", "按收入性质分"},
	{"budget.basic", "基本支出", "按支出性质分"},
	{"budget.project", "项目支出", "按支出性质分"},
}

func budgetField(b *jixiao.Budget, path string) *jixiao.Amount {
	switch path {
	case "budget.total":
		return &b.Total
	case "budget.generalBudget":
		return &b.GeneralBudget
	case "budget.govFund":
		return &b.GovFund
	case "budget.otherFunds":
		return &b.OtherFunds
	case "budget.basic":
		return &b.Basic
	case "budget.project":
		return &b.Project
	}
	panic("unknown budget line " + path)
}

func departmentFormOf(p *jixiao.Plan) departmentForm {
	spending, amount := jixiao.TaskMoney(p.KeyTasks)
	f := departmentForm{Submitter: p.Submitter, Framework: p.Framework, Duties: p.Duties, Goal: p.Goal, HasGoal: true,
		TaskMoney: spending || amount,
		KeyTasks:  append([]jixiao.KeyTask(nil), p.KeyTasks...), Indicators: indicatorRows(p.Indicators)}
	for _, l := range budgetLines {
		f.Budget = append(f.Budget, amountCell{Path: l.Path, Label: l.Label, Group: l.Group, Value: budgetField(&p.Budget, l.Path).String()})
	}
	return f
}

func postedDepartmentForm(r *http.Request) departmentForm {
	_, hasGoal := r.PostForm["goal"]
	f := departmentForm{Submitter: text(r, "submitter"), Framework: text(r, "framework"), Duties: text(r, "duties"),
		Goal: text(r, "goal"), HasGoal: hasGoal, TaskMoney: text(r, "taskMoney") == "1"}
	for _, l := range budgetLines {
		f.Budget = append(f.Budget, amountCell{Path: l.Path, Label: l.Label, Group: l.Group, Value: text(r, l.Path)})
	}
	n := postedRows(r, "keyTasks", "item")
	for i := 0; i < n; i++ {
		t := jixiao.KeyTask{Item: cell(r, "keyTasks", i, "item"),
			Owner: cell(r, "keyTasks", i, "owner"), Objective: cell(r, "keyTasks", i, "objective")}
		if f.TaskMoney {
			t.Spending, t.SpendingAmount = cell(r, "keyTasks", i, "spending"), cell(r, "keyTasks", i, "spendingAmount")
		}
		f.KeyTasks = append(f.KeyTasks, t)
	}
	f.Indicators = postedIndicators(r, "indicators")
	return f
}

// rowOp applies an add/remove/move button and returns the fragment to scroll to.
func (f *departmentForm) rowOp(op rowOp) string {
	var at int
	switch op.List {
	case "keyTasks":
		f.KeyTasks, at = applyRowOp(f.KeyTasks, op, jixiao.KeyTask{})
	case "indicators":
		f.Indicators, at = applyRowOp(f.Indicators, op, indicatorRow{})
	default:
		return ""
	}
	if at < 0 {
		return "#" + fieldID(op.List)
	}
	return "#" + fieldID(op.List+"["+strconv.Itoa(at)+"]")
}

// apply writes the form into p and returns the problems of the cells that could not be
// read (p is then not to be saved).
func (f *departmentForm) apply(p *jixiao.Plan) fieldErrors {
	errs := fieldErrors{}
	p.Submitter, p.Duties = f.Submitter, f.Duties
	if f.HasGoal {
		p.Goal = f.Goal
	}
	if f.Framework != "" {
		p.Framework = f.Framework
	}
	for _, c := range f.Budget {
		a, msg := parseAmount(c.Label, c.Value)
		if msg != "" {
			errs.add(c.Path, msg)
			continue
		}
		*budgetField(&p.Budget, c.Path) = a
	}
	p.KeyTasks = append(p.KeyTasks[:0:0], f.KeyTasks...)
	p.Indicators = indicatorsOf(f.Indicators)
	return errs
}

// departmentFields are the cells of the department editor, in page order: what findings
// are anchored to.
func departmentFields(f *departmentForm) []string {
	out := []string{"department", "submitter", "year", "framework"}
	for _, c := range f.Budget {
		out = append(out, c.Path)
	}
	out = append(out, "duties", "goal")
	for i := range f.KeyTasks {
		p := "keyTasks[" + strconv.Itoa(i) + "]."
		out = append(out, p+"item", p+"owner", p+"objective")
		if f.TaskMoney {
			out = append(out, p+"spending", p+"spendingAmount")
		}
	}
	for i := range f.Indicators {
		out = append(out, indicatorFields("indicators", i)...)
	}
	return out
}

func indicatorFields(list string, i int) []string {
	p := list + "[" + strconv.Itoa(i) + "]."
	return []string{p + "level1", p + "level2", p + "name", p + "target", p + "note"}
}

// departmentPage is the editor of the 部门整体支出绩效目标表.
type departmentPage struct {
	layout
	Plan       planHeader
	Form       departmentForm
	Errors     fieldErrors
	Findings   *findingSet
	Levels     levelChoices
	Frameworks []frameworkChoice
	Version    int
	Review     bool // review mode: a comment form beside every cell
	CanReview  bool
	Unsaved    string // the form is shown again, not saved: what happened ("" when saved)
	Reason     string // the 修改说明 typed, kept with an unsaved form
}

// showDepartment renders the editor with form f made from version. The findings are
// those of the stored plan, or, for a form shown again unsaved (u), of what it makes.
func (s *Server) showDepartment(w http.ResponseWriter, r *http.Request, c *reqCtx, status, version int, f departmentForm, errs fieldErrors, u *unsaved) {
	ctx := r.Context()
	pg := &departmentPage{Plan: s.header(ctx, c, c.plan, "department"), Form: f, Errors: errs,
		Levels: s.levelsFor(c.plan, c.plan.Framework), Frameworks: frameworks(), Version: version, Unsaved: u.notice()}
	if u != nil {
		pg.Reason = text(r, "reason")
	}
	order := departmentFields(&f)
	var checked *jixiao.Plan
	pg.Findings, checked = s.editorFindings(ctx, c, u, editorPage{Kind: "department"}, order)
	if checked != c.plan {
		pg.Levels = s.levelsFor(c.plan, checked.Framework)
	}
	pg.CanReview = c.can(ctx, actComment, c.planDept, c.plan.Status)
	pg.Review = pg.CanReview && r.URL.Query().Get("review") == "1"
	if err := s.withComments(ctx, c, pg.Findings, order, pg.Review, editorPage{Kind: "department"}.url(c.plan.ID)); err != nil {
		s.fail(w, r, c, err)
		return
	}
	if pg.Plan.Editable {
		pg.Findings.offerApply(c.plan.ID, c.plan.Version, true)
	}
	prepareIndicators(pg.Form.Indicators, "indicators", pg.Levels, pg.Findings)
	pg.Title, pg.Nav, pg.Wide = "部门整体支出绩效目标表", "plans", true
	pg.Crumbs = planCrumbs(c.plan, "部门整体支出绩效目标表")
	if v := r.URL.Query().Get("saved"); v != "" {
		pg.Flash = "已保存（版本 " + v + "）。"
	}
	if m := appliedFlash(r); m != "" {
		pg.Flash = m
	}
	if errs == nil && u == nil {
		pg.cacheKey = viewKey(c.plan, pg.Plan.Editable, "") + pg.Plan.lockKey() + pg.Findings.CacheKey()
	}
	s.render(w, r, c, status, "department", pg)
}

// budgetRow is one row of the two-column part of 年度预算申请: an income line beside a
// spending line, as the official table lays them out.
type budgetRow struct{ Left, Right *amountCell }

// BudgetRows pairs the income lines with the spending lines.
func (p *departmentPage) BudgetRows() []budgetRow {
	b := p.Form.Budget
	return []budgetRow{{&b[1], &b[4]}, {&b[2], &b[5]}, {&b[3], nil}}
}
