package http

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/check"
)

// findingView is one finding of the checks as a page shows it.
type findingView struct {
	Severity    string // error, warning, info, pass (a CSS class)
	Label       string // 错误, 警告, 提示, 通过
	Icon        string // ✖ ▲ ℹ ✔: severity is never told by colour alone
	Rule        string
	Path        string
	Message     string
	Explanation string
	Arithmetic  string
	Href        string // the cell it concerns: this page's field, or another page's
	Here        bool   // shown beside a cell of this page
	// Place names the finding's cell in words, as comments do (place.go), where the
	// page shows it away from that cell: in the summary, or beside the first cell of
	// the row or the enclosing cell it concerns. "" beside its own cell.
	Place string
	// Comment is set for a reviewer's comment shown beside its cell (Severity
	// "comment"); FormID for the comment form of review mode (Severity "addcomment").
	Comment *commentView
	FormID  string
	// A finding with a suggestion the system can apply in one step: the button's label
	// (一键拆分, 采纳修改), what it does, and the id of its form (set by offerApply, on
	// pages of a plan the user may change).
	Apply, ApplyText, ApplyForm string
	// ApplyOp is set instead of ApplyForm for a finding beside a cell of the editor:
	// the value of its button, which submits the editor's form (see offerApply).
	ApplyOp string
	apply   int // 1 + the finding's index in the report; 0 without a suggestion
}

// findingSet is the report of the checks laid out for one page: findings by the cell
// (field path) they are shown beside, and every finding of the plan for the summary.
type findingSet struct {
	Framework               string
	Errors, Warnings, Infos int
	All                     []findingView // errors, warnings and info, most serious first
	Passes                  []findingView
	byCell                  map[string][]findingView
	Overview                bool // shown on the overview, which covers every table: no “在其他表中”

	// The review's comments (see withComments).
	PlanID      int64
	Back        string // the editor, without review mode
	ReturnTo    string // where a comment form comes back to (the editor, in review mode if on)
	Comments    []commentView
	AnswerForms []commentView // comments the user may answer
	NewComment  []string      // the cells a comment form is shown beside (review mode)
	commentKey  string
	libraryKey  string // the library's stamp when its warnings are among the findings

	// ApplyForms are the forms of the findings' one-step fixes (offerApply); the
	// buttons beside the cells and in the summary belong to them by the form attribute.
	ApplyForms []applyForm
}

// applyForm posts one finding's fix to POST /plans/{id}/apply.
type applyForm struct {
	ID, Rule, Path string
	PlanID         int64
	Version        int
}

// offerApply gives every finding with a suggestion its button, for a page of a plan the
// user may change; version is the plan's version the report is of. On an editor
// (inEditor) the button of a finding shown beside one of the editor's cells submits the
// editor's own form ("apply:RULE:PATH"), so the fix applies to what the user typed, not
// to the stored plan; the others get a form of their own, POST /plans/{id}/apply, which
// applies the fix to the stored version and saves it.
func (fs *findingSet) offerApply(planID int64, version int, inEditor bool) {
	if fs == nil {
		return
	}
	set := func(v *findingView) {
		if v.apply == 0 {
			return
		}
		if inEditor && v.Here {
			v.ApplyOp = "apply:" + v.Rule + ":" + v.Path
		} else {
			v.ApplyForm = "apply-" + strconv.Itoa(v.apply)
		}
	}
	for i := range fs.All {
		v := &fs.All[i]
		set(v)
		if v.ApplyForm != "" {
			fs.ApplyForms = append(fs.ApplyForms, applyForm{ID: v.ApplyForm, Rule: v.Rule, Path: v.Path, PlanID: planID, Version: version})
		}
	}
	for _, vs := range fs.byCell {
		for i := range vs {
			set(&vs[i])
		}
	}
}

// CacheKey names what the comments add to the page (see viewKey).
func (fs *findingSet) CacheKey() string {
	if fs == nil {
		return ""
	}
	return fs.commentKey + fs.libraryKey
}

// Open is the number of comments not answered yet.
func (fs *findingSet) Open() int {
	n := 0
	for _, c := range fs.Comments {
		if !c.Answered {
			n++
		}
	}
	return n
}

// At returns the findings shown beside the cell at path.
func (fs *findingSet) At(path string) []findingView {
	if fs == nil {
		return nil
	}
	return fs.byCell[path]
}

// AtRow returns the findings about a whole row (e.g. "indicators[3]") that have no cell
// of their own on the page.
func (fs *findingSet) AtRow(path string) []findingView { return fs.At(path) }

// Total is the number of findings that are not passes.
func (fs *findingSet) Total() int { return fs.Errors + fs.Warnings + fs.Infos }

var sevIcon = map[check.Severity]string{check.Error: "✖", check.Warning: "▲", check.Info: "ℹ", check.Pass: "✔"}

// editorPage names one table editor of a plan: the department table, the fund summary, or
// the table (附件3) of fund item I of fund F.
type editorPage struct {
	Kind string // department, funds, item, project (I: the project of Plan.Projects)
	F, I int
}

func (e editorPage) url(planID int64) string {
	switch e.Kind {
	case "funds":
		return fmt.Sprintf("/plans/%d/funds", planID)
	case "item":
		return fmt.Sprintf("/plans/%d/funds/%d/items/%d", planID, e.F, e.I)
	case "project":
		return fmt.Sprintf("/plans/%d/projects/%d", planID, e.I)
	}
	return fmt.Sprintf("/plans/%d/department", planID)
}

// homePage says which editor holds the cell at path.
func homePage(path string) editorPage {
	if strings.HasPrefix(path, "specialFunds[") {
		f, rest := leadingIndex(path[len("specialFunds["):])
		if strings.HasPrefix(rest, ".items[") {
			i, rest2 := leadingIndex(rest[len(".items["):])
			if f >= 0 && i >= 0 && !strings.HasPrefix(rest2, ".summary") {
				return editorPage{Kind: "item", F: f, I: i}
			}
		}
		return editorPage{Kind: "funds"}
	}
	if rest, ok := strings.CutPrefix(path, "projects["); ok {
		if k, _ := leadingIndex(rest); k >= 0 {
			return editorPage{Kind: "project", I: k}
		}
	}
	if strings.HasPrefix(path, "fundsTotal") || strings.HasPrefix(path, "fundAuthority") {
		return editorPage{Kind: "funds"}
	}
	return editorPage{Kind: "department"}
}

// leadingIndex reads "12]rest" into 12 and "rest".
func leadingIndex(s string) (int, string) {
	j := strings.IndexByte(s, ']')
	if j < 0 {
		return -1, s
	}
	n, err := strconv.Atoi(s[:j])
	if err != nil {
		return -1, s
	}
	return n, s[j+1:]
}

// parentPath strips the last step of a path: "a[1].b" → "a[1]" → "a" → "".
func parentPath(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndexAny(p, ".["); i >= 0 {
		return p[:i]
	}
	return ""
}

// anchor finds the cell of fields (the paths of a page's cells, in page order) that a
// finding at path is shown beside: the cell itself, the first cell of a row the finding
// names as a whole, or the nearest enclosing cell ("indicators[0].target.parts[2]" is
// shown beside "indicators[0].target"). ok is false when the page has no such cell.
func anchor(fields map[string]bool, order []string, path string) (string, bool) {
	if fields[path] {
		return path, true
	}
	if strings.HasSuffix(path, "]") {
		for _, f := range order {
			if strings.HasPrefix(f, path+".") {
				return f, true
			}
		}
	}
	for p := parentPath(path); p != ""; p = parentPath(p) {
		if fields[p] {
			return p, true
		}
	}
	return "", false
}

// checkPlan runs the checks on p. Reports of stored versions are cached by plan and
// version: a version's content never changes, so a report computed once holds.
func (s *Server) checkPlan(p *jixiao.Plan) *check.Report {
	if p.ID != 0 && p.Version > 0 {
		k := planKey{p.ID, p.Version}
		if r, ok := s.reports.get(k); ok {
			return r
		}
		r := check.Check(p, check.Options{})
		s.reports.put(k, r)
		return r
	}
	return check.Check(p, check.Options{})
}

// reportAt is the check report of plan id at version: from the cache without reading
// the plan when it holds that version's, else of the plan read now (its current
// version, which a save in between may have moved past version).
func (s *Server) reportAt(ctx context.Context, id int64, version int) (*check.Report, error) {
	if r, ok := s.reports.get(planKey{id, version}); ok {
		return r, nil
	}
	if cp, ok := s.plans.get(planKey{id, version}); ok {
		return s.checkPlan(cp.plan), nil
	}
	p, err := s.store.Plan(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.checkPlan(p), nil
}

// findingsFor lays out the report of p for the editor page at, whose cells are the
// field paths in order.
func findingsFor(r *check.Report, p *jixiao.Plan, at editorPage, order []string) *findingSet {
	fields := make(map[string]bool, len(order))
	for _, f := range order {
		fields[f] = true
	}
	fs := &findingSet{Framework: r.FrameworkName, byCell: map[string][]findingView{}}
	view := func(k int, f check.Finding) findingView {
		v := findingView{Severity: string(f.Severity), Label: f.Severity.Label(), Icon: sevIcon[f.Severity],
			Rule: f.Rule, Path: f.Path, Message: f.Message, Explanation: f.Explanation, Arithmetic: f.Arithmetic}
		if sg := f.Suggestion; sg != nil {
			v.apply, v.ApplyText, v.Apply = k+1, sg.Text, "采纳修改"
			if sg.Kind == check.Split {
				v.Apply = "一键拆分"
			}
		}
		home := homePage(f.Path)
		if cellPath, ok := anchor(fields, order, f.Path); ok {
			v.Here = true
			v.Href = "#" + fieldID(cellPath)
			beside := v
			if cellPath != f.Path {
				beside.Place = place(f.Path)
			}
			fs.byCell[cellPath] = append(fs.byCell[cellPath], beside)
		} else {
			v.Href = home.url(p.ID) + "#" + fieldID(f.Path)
		}
		v.Place = place(f.Path)
		return v
	}
	for k, f := range r.Findings {
		switch f.Severity {
		case check.Error:
			fs.Errors++
		case check.Warning:
			fs.Warnings++
		default:
			fs.Infos++
		}
		fs.All = append(fs.All, view(k, f))
	}
	for _, f := range r.Passes {
		v := findingView{Severity: "pass", Label: "通过", Icon: "✔", Rule: f.Rule, Path: f.Path,
			Message: f.Message, Arithmetic: f.Arithmetic, Explanation: f.Explanation}
		if cellPath, ok := anchor(fields, order, f.Path); ok {
			v.Here, v.Href = true, "#"+fieldID(cellPath)
		} else {
			v.Href = homePage(f.Path).url(p.ID) + "#" + fieldID(f.Path)
		}
		fs.Passes = append(fs.Passes, v)
	}
	return fs
}
