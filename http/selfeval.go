package http

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/check"
	"jixiao/score"
)

// The self-evaluation (绩效自评) pages share what is here: finding the record of a
// request, scoring it with the rule, and the view of a scored table.

// ruleFor is the scoring rule of a department's self-evaluations of a year: the one its
// region's finance bureau chose (score_rules), else the national one.
func (s *Server) ruleFor(ctx context.Context, departmentID int64, year int) (*score.Rule, error) {
	c, err := s.store.ScoreRuleFor(ctx, departmentID, year)
	if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
		return score.Lookup(score.DefaultRule)
	} else if err != nil {
		return nil, err
	}
	return score.Lookup(c.Rule)
}

// selfEvalRecord returns the record of table {i} of the plan of c.
func (s *Server) selfEvalRecord(ctx context.Context, r *http.Request, c *reqCtx) (*jixiao.SelfEvalRecord, error) {
	i, err := strconv.Atoi(r.PathValue("i"))
	if err != nil || i < 0 {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "没有这张绩效自评表。")
	}
	recs, err := s.store.SelfEvaluations(ctx, c.plan.ID)
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		if rec.Table == i {
			return rec, nil
		}
	}
	return nil, jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标“%s %d年”没有第 %d 张绩效自评表：请先在“绩效自评”页开始自评。", c.plan.Department, c.plan.Year, i)
}

// scoreRecord scores a record's table by the rule (the unit's scores being the
// evaluator's where the rule leaves them to the evaluator).
func scoreRecord(rule *score.Rule, se *jixiao.SelfEvaluation) *score.Result {
	return rule.Score(score.FromRecord(se))
}

// reviewedTotal is the total after the finance bureau's re-checks: each re-checked
// indicator counts with its 复核得分 instead of its computed score.
func reviewedTotal(res *score.Result, reviews map[int]jixiao.ReviewScore) (total, diff jixiao.Decimal) {
	total, diff = res.Total, jixiao.Int(0)
	for i, rs := range reviews {
		if i < len(res.Indicators) && res.Indicators[i].Score.IsSet() {
			d := rs.Score.Sub(res.Indicators[i].Score)
			total, diff = total.Add(d), diff.Add(d)
		}
	}
	return total, diff
}

// seIndicatorView is one indicator row of the form: what the unit filled, what the rule
// computed with its arithmetic, the findings of its cells and the re-check.
type seIndicatorView struct {
	Index                      int
	Level1, Level2, Name       string
	Target, Actual, Weight     string
	Judged, Reason             string
	NeedsJudge                 bool // the rule leaves the score to the evaluator
	Pending                    bool // and the evaluator has not scored it yet
	Score, Arithmetic, Method  string
	Findings                   []findingView // and the comments on the 偏差原因
	ActualNotes, ScoreNotes    []findingView // the comments on the actual, on the score
	WeightNotes, JudgeNotes    []findingView // a refused 分值, 评价人打分
	Review, ReviewReason, ByBy string
}

type seFundView struct {
	Index                             int
	Name, Initial, Adjusted, Executed string
	Total                             bool
	AdjustedNotes, ExecutedNotes      []findingView // a refused figure
}

type seGoalView struct {
	Index            int
	Expected, Actual string
}

// selfEvalPage is the form (and view) of one self-evaluation table.
type selfEvalPage struct {
	layout
	Plan        planHeader
	Rec         *jixiao.SelfEvalRecord
	Heading     string
	Editable    bool
	Funds       []seFundView
	FundReason  string
	Goals       []seGoalView
	Indicators  []seIndicatorView
	Problems    string
	Remedies    string
	Execution   score.ExecutionScore
	Total       string
	Arithmetic  string
	Grade       string
	Complete    bool
	Findings    []findingView // every finding, each naming its cell
	BudgetNotes []findingView
	Reviewed    string // total after re-checks, when any
	ReviewDiff  string
	Buttons     []actionButton
	CanRecheck  bool
	Steps       []transitionView
	Message     string
	Base        string
	Rule        string // the scoring rule's name
	Due         string // the region's self-evaluation deadline, if set
	Comments    *seCommentForms
	// FormVersion is the version the form was made from (the record's, but for a form
	// resumed after an expired session); Unsaved marks a form shown again, not saved.
	FormVersion int
	Unsaved     bool
}

// tableName names a record's table for headings and messages.
func tableName(rec *jixiao.SelfEvalRecord) string {
	if rec.Table == 0 {
		return "部门整体支出绩效自评表"
	}
	return "项目支出绩效自评表：" + rec.Eval.Project
}

// cellName says which cell a finding's path names, for messages: "第 3 行“完成率”的偏差原因".
func cellName(se *jixiao.SelfEvaluation, path string) string {
	var i int
	var field string
	if _, err := fmt.Sscanf(path, "indicators[%d]", &i); err == nil && i >= 0 && i < len(se.Indicators) {
		if j := strings.Index(path, "]."); j >= 0 {
			field = path[j+2:]
		}
		name := fmt.Sprintf("第 %d 行指标“%s”", i+1, se.Indicators[i].Name)
		switch field {
		case "reason":
			return name + "的偏差原因分析及改进措施"
		case "actual":
			return name + "的实际完成值"
		case "weight":
			return name + "的分值"
		case "score":
			return name + "的得分"
		}
		return name
	}
	switch {
	case strings.HasPrefix(path, "budget"):
		return "预算执行情况"
	case path == "indicators":
		return "指标分值"
	}
	return "总分"
}

// selfEvalView builds the page of rec with its scores.
func (s *Server) selfEvalView(ctx context.Context, c *reqCtx, rec *jixiao.SelfEvalRecord) (*selfEvalPage, error) {
	rule, err := s.ruleFor(ctx, rec.DepartmentID, rec.Year)
	if err != nil {
		return nil, err
	}
	res := scoreRecord(rule, &rec.Eval)
	all, err := s.store.ReviewScores(ctx, rec.ID)
	if err != nil {
		return nil, err
	}
	reviews := jixiao.LatestReviewScores(all)
	se := &rec.Eval
	base := fmt.Sprintf("/plans/%d/selfeval/%d", rec.PlanID, rec.Table)
	pg := &selfEvalPage{Plan: s.header(ctx, c, c.plan, ""), Rec: rec, Heading: tableName(rec), Base: base, FormVersion: rec.Version, Rule: rule.Name,
		Editable: rec.Status.Editable() && c.can(ctx, actSelfEval, c.planDept, jixiao.Draft),
		Problems: se.Problems, Remedies: se.Remedies, Execution: res.Execution,
		Total: res.Total.String(), Arithmetic: res.Arithmetic, Grade: res.Grade, Complete: res.Complete,
		CanRecheck: rec.Status == jixiao.UnitApproved && c.can(ctx, actRecheck, c.planDept, rec.Status)}
	for i, f := range se.Funds {
		pg.Funds = append(pg.Funds, seFundView{Index: i, Name: f.Name, Initial: f.Initial.String(),
			Adjusted: f.Adjusted.String(), Executed: f.Executed.String(), Total: i == 0})
		if i == 0 {
			pg.FundReason = f.Reason
		}
	}
	for i, g := range se.Goals {
		pg.Goals = append(pg.Goals, seGoalView{Index: i, Expected: g.Expected, Actual: g.Actual})
	}
	byPath := map[string][]findingView{}
	for _, f := range res.Findings {
		v := findingView{Severity: string(f.Severity), Label: f.Severity.Label(), Icon: severityIcon(f.Severity),
			Rule: f.Rule, Path: f.Path, Message: cellName(se, f.Path) + "：" + f.Message, Arithmetic: f.Arithmetic,
			Href: "#" + strings.NewReplacer("[", "-", "]", "", ".", "-").Replace(f.Path)}
		pg.Findings = append(pg.Findings, v)
		key := f.Path
		if j := strings.Index(key, "]"); j >= 0 {
			key = key[:j+1]
		} else if strings.HasPrefix(key, "budget") {
			key = "budget"
		}
		byPath[key] = append(byPath[key], v)
	}
	notes, forms, err := s.selfEvalComments(ctx, c, rec, base)
	if err != nil {
		return nil, err
	}
	pg.Comments, pg.BudgetNotes = forms, append(byPath["budget"], notes["budget"]...)
	due, ex, err := s.selfEvalDue(ctx, rec)
	if err != nil {
		return nil, err
	}
	pg.Due = dueText(due, ex, s.cfg.Now())
	suggested := rule.SuggestWeights(se.Indicators)
	for i := range se.Indicators {
		in, sc := &se.Indicators[i], res.Indicators[i]
		v := seIndicatorView{Index: i, Level1: in.Level1, Level2: in.Level2, Name: in.Name, Target: in.Target.Text,
			Actual: in.Actual.Text, Weight: in.Weight.String(), Judged: in.Score.String(), Reason: in.Reason,
			NeedsJudge: sc.Method == score.MethodJudged || sc.Method == score.MethodPending, Pending: sc.Method == score.MethodPending,
			Score: sc.Score.String(), Arithmetic: sc.Arithmetic, Method: methodLabel(sc.Method),
			Findings:    append(byPath[fmt.Sprintf("indicators[%d]", i)], notes[fmt.Sprintf("indicators[%d].reason", i)]...),
			ActualNotes: notes[fmt.Sprintf("indicators[%d].actual", i)], ScoreNotes: notes[fmt.Sprintf("indicators[%d].score", i)]}
		if !in.Weight.IsSet() && pg.Editable {
			v.Weight = suggested[i].String() // proposed; stored with the first save
		}
		if rv, ok := reviews[i]; ok {
			v.Review, v.ReviewReason, v.ByBy = rv.Score.String(), rv.Reason, rv.By
		}
		pg.Indicators = append(pg.Indicators, v)
	}
	if len(reviews) > 0 {
		t, d := reviewedTotal(res, reviews)
		pg.Reviewed, pg.ReviewDiff = t.String(), d.String()
	}
	if c.can(ctx, actWorkflow, c.planDept, rec.Status) {
		for _, a := range jixiao.AllowedActions(rec.Status, c.user.Role) {
			if a == jixiao.ActAdjust {
				continue
			}
			pg.Buttons = append(pg.Buttons, actionButton{Action: a, Label: a.Label(), Reason: a.NeedsReason(),
				Primary: a == jixiao.ActSubmit || a == jixiao.ActUnitApprove || a == jixiao.ActApprove || a == jixiao.ActPublish})
		}
	}
	steps, err := s.store.SelfEvaluationSteps(ctx, rec.ID)
	if err != nil {
		return nil, err
	}
	who := s.namer(ctx, actors(steps, func(t jixiao.SelfEvalStep) string { return t.Actor }))
	for i := len(steps) - 1; i >= 0; i-- {
		t := steps[i]
		pg.Steps = append(pg.Steps, transitionView{Action: t.Action.Label(), From: t.From.Label(), To: t.To.Label(),
			Actor: who(t.Actor), Reason: t.Reason, Created: localTime(t.Created), Version: t.Version, Result: t.Result})
	}
	pg.Title, pg.Nav, pg.Wide = "绩效自评："+pg.Heading, "plans", true
	pg.Crumbs = append(planCrumbs(c.plan, ""), crumb{Label: "绩效自评", URL: fmt.Sprintf("/plans/%d/selfeval", rec.PlanID)}, crumb{Label: pg.Heading})
	return pg, nil
}

func methodLabel(m score.Method) string {
	switch m {
	case score.MethodFull:
		return "达成，得满分"
	case score.MethodRatio:
		return "按比例计分"
	case score.MethodJudged:
		return "评价人打分"
	case score.MethodPending:
		return "待评价人打分"
	}
	return string(m)
}

// blocking returns the findings that keep a table from being submitted: errors (a
// missed indicator without 偏差原因, a missing 分值 …) and scores still to be given,
// one per indicator the evaluator has still to score, named by its row.
func blocking(pg *selfEvalPage) []findingView {
	var out []findingView
	for _, f := range pg.Findings {
		if f.Rule == "score.pending" {
			for _, in := range pg.Indicators {
				if in.Pending {
					out = append(out, pendingScore(in))
				}
			}
		} else if f.Severity == string(check.Error) || f.Rule == "score.actual.missing" {
			out = append(out, f)
		}
	}
	return out
}

// pendingScore is the finding of an indicator whose score waits for the evaluator.
func pendingScore(in seIndicatorView) findingView {
	return findingView{Severity: string(check.Error), Label: check.Error.Label(), Icon: severityIcon(check.Error), Rule: "score.pending",
		Path: fmt.Sprintf("indicators[%d].score", in.Index), Href: fmt.Sprintf("#indicators-%d-score", in.Index), Here: true,
		Message: fmt.Sprintf("第 %d 行指标“%s”的评价人打分：尚未打分，总分暂不完整。", in.Index+1, in.Name)}
}
