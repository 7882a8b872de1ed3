package http

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"jixiao"
	"jixiao/check"
)

// localTime shows a time as users read it (UTC+8).
func localTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(jixiao.ChinaTime()).Format("2006-01-02 15:04")
}

// actionButton is one workflow step the user may take on the plan now.
type actionButton struct {
	Action  jixiao.Action
	Label   string
	Reason  bool   // a written reason is required (returns, adjustments)
	Link    string // a page to go to first (submitting: the checks and explanations)
	Primary bool
	Text    string // the reason as the user wrote it, when the step was refused
	Problem string // why the step with that reason was refused
}

// keepReason marks the button of action a with the reason the user wrote and why it
// was refused, so the page shown again keeps it in its box; false when the page has no
// such button.
func keepReason(bs []actionButton, a jixiao.Action, reason, problem string) bool {
	for i := range bs {
		if bs[i].Action == a && bs[i].Reason {
			bs[i].Text, bs[i].Problem = reason, problem
			return true
		}
	}
	return false
}

// refusedReason is true when err refuses a step for its written reason (missing, too
// short or too long): the page the user came from is shown again with the reason kept.
func refusedReason(a jixiao.Action, err error) bool {
	code := jixiao.ErrorCode(err)
	return a.NeedsReason() && (code == jixiao.EINVALID || code == jixiao.ETOOLARGE)
}

// workflowPanel is the overview's part about the review: what the user may do, why not,
// and what happened so far.
type workflowPanel struct {
	Buttons     []actionButton
	Blocked     string // why the user's next step is not possible now (deadline, errors)
	Transitions []transitionView
	Explained   []jixiao.Explanation // with the last submission
	Deadline    string
	Returned    *returnBanner // the reason of the return, while the plan is returned
}

type transitionView struct {
	Action, From, To, Actor, Reason, Created string
	Version, Result                          int
}

// workflow builds the panel for the plan of c.
func (s *Server) workflow(ctx context.Context, c *reqCtx, rep *check.Report) (*workflowPanel, error) {
	p := c.plan
	wp := &workflowPanel{}
	if c.can(ctx, actWorkflow, c.planDept, p.Status) {
		for _, a := range jixiao.AllowedActions(p.Status, c.user.Role) {
			b := actionButton{Action: a, Label: a.Label(), Reason: a.NeedsReason()}
			switch a {
			case jixiao.ActSubmit:
				b.Link, b.Primary = fmt.Sprintf("/plans/%d/submit", p.ID), true
				if c.deadline.Locked {
					wp.Blocked = c.deadline.Reason
					continue
				}
			case jixiao.ActUnitApprove, jixiao.ActApprove, jixiao.ActPublish:
				b.Primary = true
			}
			wp.Buttons = append(wp.Buttons, b)
		}
	}
	trs, err := s.store.Transitions(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	who := s.namer(ctx, actors(trs, func(t jixiao.TransitionRecord) string { return t.Actor }))
	wp.Returned = returned(p, trs, who)
	var lastSubmit *jixiao.TransitionRecord
	for i := len(trs) - 1; i >= 0; i-- {
		t := trs[i]
		wp.Transitions = append(wp.Transitions, transitionView{Action: t.Action.Label(), From: t.From.Label(), To: t.To.Label(),
			Actor: who(t.Actor), Reason: t.Reason, Created: localTime(t.Created), Version: t.Version, Result: t.Result})
		if t.Action == jixiao.ActSubmit && lastSubmit == nil {
			lastSubmit = &trs[i]
		}
	}
	if lastSubmit != nil {
		if wp.Explained, err = s.store.Explanations(ctx, p.ID, lastSubmit.Version); err != nil {
			return nil, err
		}
	}
	var d *jixiao.Deadline
	if c.head != nil && c.head.ID == p.ID && c.head.Year == p.Year {
		d = c.head.Deadline // the head read it with the plan (the same as DeadlineFor)
	} else if c.planDept != nil && c.planDept.ID != 0 {
		if d, err = s.store.DeadlineFor(ctx, c.planDept.ID, p.Year); jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			d = nil
		} else if err != nil {
			return nil, err
		}
	}
	if d != nil {
		wp.Deadline = localTime(d.Due) + "（" + d.SetBy + "设定）"
	}
	return wp, nil
}

// submitPage is the last step before submitting: the errors that block it, or the
// warnings each to be explained in writing.
type submitPage struct {
	layout
	Plan     planHeader
	Errors   []findingView
	Warnings []warningField
	Version  int
	Message  string
	Carried  int // explanations filled in from the last submission
	// Groups are the warnings by rule, in the order of their first warning: a rule with
	// several warnings has one box whose text stands for each of them left empty.
	Groups []warningGroup
	Shared bool // some group has a shared box
}

// warningGroup is the warnings of one rule on the submit page.
type warningGroup struct {
	Rule, Title string
	Key         string // the group's form field: "rule:" + Rule, when Shared
	Text        string
	Shared      bool // several warnings: the group's box is offered
	Start       int  // the number of its first warning on the page
	Warnings    []warningField
}

// warningField is one warning of the checks with its explanation field.
type warningField struct {
	findingView
	Key     string // rule|path: the form field is "ex:" + Key
	Text    string
	Carried bool     // Text was written for the same finding with the last submission
	More    []string // further warnings of the same rule about the same cell
}

func explanationKey(rule, path string) string { return rule + "|" + path }

// submitShow shows the submit page (GET /plans/{id}/submit).
func submitShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := s.canSubmit(c); err != nil {
		return err
	}
	return s.showSubmit(w, r, c, http.StatusOK, r, "")
}

// canSubmit refuses what the state machine, the role and the deadline refuse.
func (s *Server) canSubmit(c *reqCtx) error {
	if _, err := jixiao.NextStatus(c.plan.Status, jixiao.ActSubmit, c.user.Role, ""); err != nil {
		return err
	}
	if c.deadline.Locked {
		return jixiao.Errorf(jixiao.ELOCKED, "%s", c.deadline.Reason)
	}
	return nil
}

// showSubmit shows the submit page for the plan's current version. Each explanation box
// holds what posted holds for it (a refused or stale submission), else what was written
// for the same finding (rule and place) with the last submission, so that after a return
// only new warnings need new text.
func (s *Server) showSubmit(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, posted *http.Request, msg string) error {
	ctx := r.Context()
	p := c.plan
	last, err := s.lastExplanations(ctx, p.ID)
	if err != nil {
		return err
	}
	fs := findingsFor(s.checkPlan(p), p, editorPage{Kind: "overview"}, nil)
	pg := &submitPage{Plan: s.header(ctx, c, p, ""), Version: p.Version, Message: msg}
	seen := map[string]int{}
	for _, f := range fs.All {
		switch f.Severity {
		case string(check.Error):
			pg.Errors = append(pg.Errors, f)
		case string(check.Warning):
			// Warnings of one rule about one cell share one explanation.
			k := explanationKey(f.Rule, f.Path)
			if i, ok := seen[k]; ok {
				pg.Warnings[i].More = append(pg.Warnings[i].More, f.Message)
				continue
			}
			seen[k] = len(pg.Warnings)
			wf := warningField{findingView: f, Key: k}
			if vs, sent := posted.PostForm["ex:"+k]; sent && len(vs) > 0 {
				wf.Text = vs[0]
			} else if wf.Text = last[k]; wf.Text != "" {
				wf.Carried = true
				pg.Carried++
			}
			pg.Warnings = append(pg.Warnings, wf)
		}
	}
	pg.Groups = groupWarnings(pg.Warnings, posted)
	for _, g := range pg.Groups {
		pg.Shared = pg.Shared || g.Shared
	}
	pg.Title, pg.Nav = "提交审核", "plans"
	pg.Crumbs = planCrumbs(p, "提交审核")
	s.render(w, r, c, status, "submit", pg)
	return nil
}

// sharedField prefixes the submit form's field of the explanation shared by a rule's
// warnings.
const sharedField = "rule:"

// groupWarnings groups ws by rule, in the order of each rule's first warning, with the
// shared box's text as posted.
func groupWarnings(ws []warningField, posted *http.Request) []warningGroup {
	var out []warningGroup
	at := map[string]int{}
	for _, w := range ws {
		i, ok := at[w.Rule]
		if !ok {
			i = len(out)
			at[w.Rule] = i
			out = append(out, warningGroup{Rule: w.Rule, Title: ruleTitle(w.Rule), Key: sharedField + w.Rule})
		}
		out[i].Warnings = append(out[i].Warnings, w)
	}
	n := 1
	for i := range out {
		g := &out[i]
		g.Start, n = n, n+len(g.Warnings)
		g.Shared = len(g.Warnings) > 1
		if vs := posted.PostForm[g.Key]; g.Shared && len(vs) > 0 {
			g.Text = vs[0]
		}
	}
	return out
}

// lastExplanations maps rule|path to the explanation written with the plan's last
// submission; empty when it was never submitted.
func (s *Server) lastExplanations(ctx context.Context, planID int64) (map[string]string, error) {
	trs, err := s.store.Transitions(ctx, planID)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for i := len(trs) - 1; i >= 0; i-- {
		if trs[i].Action != jixiao.ActSubmit {
			continue
		}
		ex, err := s.store.Explanations(ctx, planID, trs[i].Version)
		if err != nil {
			return nil, err
		}
		for _, e := range ex {
			out[explanationKey(e.Rule, e.Path)] = e.Text
		}
		break
	}
	return out, nil
}

// transition takes a workflow step (POST /plans/{id}/transition): action, version (the
// version the user saw), reason, and for a submission an explanation per warning.
func transition(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	p := c.plan
	a := jixiao.Action(r.PostFormValue("action"))
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	c.auditAction = "transition:" + string(a)
	// The version first: a step taken on a page that is out of date is a conflict, even
	// when the state has moved on so that the step is no longer possible at all.
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || version <= 0 {
		return jixiao.Errorf(jixiao.EINVALID, "缺少绩效目标的版本号，请刷新页面后重试。")
	}
	if version != p.Version && a == jixiao.ActSubmit && s.canSubmit(c) == nil {
		// Still a draft to submit: show the current version's findings with the
		// explanations the user wrote kept in their boxes, rather than lose them.
		c.auditDetail = fmt.Sprintf("提交被拒：第 %d 版已不是最新版本（当前第 %d 版）", version, p.Version)
		return s.showSubmit(w, r, c, http.StatusConflict, r, s.changedSince(ctx, p, version))
	}
	if version != p.Version {
		return jixiao.Errorf(jixiao.ECONFLICT, "绩效目标已被他人修改或处理：您看到的是第 %d 版，当前已是第 %d 版（%s）。请重新打开后再“%s”。",
			version, p.Version, p.Status.Label(), a.Label())
	}
	to, err := jixiao.NextStatus(p.Status, a, c.user.Role, reason)
	if err == nil && len([]rune(reason)) > 2000 {
		err = jixiao.Errorf(jixiao.ETOOLARGE, "理由不能超过 2000 字。")
	}
	if err != nil {
		if refusedReason(a, err) {
			return s.refusePlanStep(w, r, c, a, r.PostFormValue("reason"), err)
		}
		return err
	}
	var ex []jixiao.Explanation
	if a == jixiao.ActSubmit {
		if c.deadline.Locked {
			return jixiao.Errorf(jixiao.ELOCKED, "%s", c.deadline.Reason)
		}
		rep := s.checkPlan(p)
		var missing int
		done := map[string]bool{}
		for _, f := range rep.Findings {
			switch f.Severity {
			case check.Error:
				c.auditDetail = "提交被拒：审核发现错误"
				return s.showSubmit(w, r, c, http.StatusUnprocessableEntity, r, "审核发现错误，改正后才能提交。")
			case check.Warning:
				k := explanationKey(f.Rule, f.Path)
				if done[k] {
					continue
				}
				done[k] = true
				text := strings.TrimSpace(r.PostFormValue("ex:" + k))
				if text == "" {
					// The rule's shared box stands for each of its warnings left empty.
					text = strings.TrimSpace(r.PostFormValue(sharedField + f.Rule))
				}
				if text == "" {
					missing++
					continue
				}
				if len([]rune(text)) > 2000 {
					return jixiao.Errorf(jixiao.ETOOLARGE, "情况说明不能超过 2000 字。")
				}
				ex = append(ex, jixiao.Explanation{PlanID: p.ID, Version: version, Rule: f.Rule, Path: f.Path, Text: text})
			}
		}
		if missing > 0 {
			c.auditDetail = "提交被拒：警告缺少情况说明"
			return s.showSubmit(w, r, c, http.StatusUnprocessableEntity, r, fmt.Sprintf("还有 %d 条警告没有写情况说明：每条警告都要说明原因后才能提交。", missing))
		}
	}
	rec := &jixiao.TransitionRecord{PlanID: p.ID, Version: version, Action: a, From: p.Status, To: to, Actor: c.user.Username, Reason: reason}
	nv, err := s.store.Transition(ctx, rec, ex)
	if err != nil {
		return err
	}
	s.notifyStep(ctx, c, p, c.planDept, a, reason)
	c.auditDetail = fmt.Sprintf("%s：第 %d 版 %s → 第 %d 版 %s", a.Label(), version, p.Status.Label(), nv, to.Label())
	if reason != "" {
		c.auditDetail += "，理由：" + reason
	}
	http.Redirect(w, r, fmt.Sprintf("/plans/%d?done=%s", p.ID, a), http.StatusSeeOther)
	return nil
}

// changedSince says who changed the plan and when since the version the user opened, for
// a submission refused as stale.
func (s *Server) changedSince(ctx context.Context, p *jixiao.Plan, version int) string {
	who, when := "", time.Time{}
	if trs, err := s.store.Transitions(ctx, p.ID); err == nil {
		for _, t := range trs {
			if t.Result == p.Version {
				who, when = t.Actor, t.Created
			}
		}
	}
	if who == "" {
		if revs, err := s.store.Revisions(ctx, p.ID); err == nil {
			for _, rv := range revs {
				if rv.Version == p.Version {
					who, when = rv.Author, rv.Created
				}
			}
		}
	}
	by := "他人"
	if who != "" {
		by = who + "于" + localTime(when)
	}
	return fmt.Sprintf("在您打开提交页面之后，绩效目标已被修改：%s保存了第 %d 版（您打开的是第 %d 版），尚未提交。下面是当前版本的审核结果，您写的情况说明已按问题保留在原处；请核对内容和说明后再提交。",
		by, p.Version, version)
}

// refusePlanStep shows the plan's overview again, 422, with the refused reason kept in
// the box of its step and the message beside it.
func (s *Server) refusePlanStep(w http.ResponseWriter, r *http.Request, c *reqCtx, a jixiao.Action, reason string, refused error) error {
	pg, err := s.planOverview(r, c)
	if err != nil {
		return err
	}
	if pg.Workflow == nil || !keepReason(pg.Workflow.Buttons, a, reason, jixiao.ErrorMessage(refused)) {
		return refused
	}
	c.auditDetail = a.Label() + "被拒：" + jixiao.ErrorMessage(refused)
	s.render(w, r, c, http.StatusUnprocessableEntity, "plan", pg)
	return nil
}
