package http

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"jixiao"
)

// Comments on the cells of a self-evaluation table (the finance bureau's 审核意见 on a
// score, an actual, a 偏差原因 or the budget execution) are stored with the subject
// jixiao.SelfEvalSubject(table), so they never mix with the plan's own comments, lists
// and counts. They are answered like the plan's (POST /plans/{id}/comments/{cid}/answer,
// coming back to the table).

// seCommentForms are the detached forms of a self-evaluation page's comments: the new
// comment of each cell (a user who may comment) and the answer of each open comment (a
// user who may answer). The cells' fields belong to them by the form attribute, so they
// work inside the unit's form too.
type seCommentForms struct {
	Action      string   // POST target of a new comment
	Back        string   // the table, where both come back to
	NewComment  []string // the cells' paths
	AnswerForms []commentView
	PlanID      int64
	Open        int // comments not answered yet
	All         int
}

// selfEvalCommentCells are the cells of a table a comment may be on, in page order.
func selfEvalCommentCells(se *jixiao.SelfEvaluation) []string {
	out := []string{"budget"}
	for i := range se.Indicators {
		for _, f := range []string{"actual", "score", "reason"} {
			out = append(out, fmt.Sprintf("indicators[%d].%s", i, f))
		}
	}
	return out
}

// selfEvalComments reads the table's comments and returns, by cell path, what each
// cell shows (its comments, then the new comment's field), with the detached forms.
func (s *Server) selfEvalComments(ctx context.Context, c *reqCtx, rec *jixiao.SelfEvalRecord, base string) (map[string][]findingView, *seCommentForms, error) {
	cs, err := s.store.SubjectComments(ctx, rec.PlanID, jixiao.SelfEvalSubject(rec.Table))
	if err != nil {
		return nil, nil, err
	}
	forms := &seCommentForms{Action: base + "/comments", Back: base, PlanID: rec.PlanID, All: len(cs)}
	cells := selfEvalCommentCells(&rec.Eval)
	known := make(map[string]bool, len(cells))
	for _, p := range cells {
		known[p] = true
	}
	byCell := map[string][]findingView{}
	canAnswer := c.can(ctx, actAnswer, c.planDept, rec.Status)
	who := s.namer(ctx, actors(cs, func(cm jixiao.Comment) string { return cm.Author }))
	for _, cm := range cs {
		v := viewComment(cm, rec.PlanID)
		v.Author = who(cm.Author)
		v.Href = base + "#c-" + fmt.Sprint(cm.ID)
		if !cm.Answered {
			forms.Open++
			if canAnswer {
				v.FormID = fmt.Sprintf("ans-%d", cm.ID)
				forms.AnswerForms = append(forms.AnswerForms, v)
			}
		}
		cell := cm.Path
		if !known[cell] {
			cell = "budget" // a cell the table no longer has: shown at the top of the table
		}
		byCell[cell] = append(byCell[cell], findingView{Severity: "comment", Path: cm.Path, Comment: &v})
	}
	if c.can(ctx, actComment, c.planDept, rec.Status) {
		for _, p := range cells {
			byCell[p] = append(byCell[p], findingView{Severity: "addcomment", Path: p, FormID: "nc-" + fieldID(p)})
		}
		forms.NewComment = cells
	}
	return byCell, forms, nil
}

// selfEvalCommentAdd stores a reviewer's comment on a cell of a self-evaluation table
// (POST /plans/{id}/selfeval/{i}/comments: path, body).
func selfEvalCommentAdd(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	rec, err := s.selfEvalRecord(ctx, r, c)
	if err != nil {
		return err
	}
	path := strings.TrimSpace(r.PostFormValue("path"))
	ok := false
	for _, p := range selfEvalCommentCells(&rec.Eval) {
		ok = ok || p == path
	}
	if !ok {
		return jixiao.Errorf(jixiao.EINVALID, "审核意见针对的单元格“%s”不在%s中。", path, tableName(rec))
	}
	cm := &jixiao.Comment{PlanID: rec.PlanID, Subject: jixiao.SelfEvalSubject(rec.Table), Version: rec.Version, Path: path,
		Author: c.user.Username, Body: r.PostFormValue("body")}
	if err := s.store.AddComment(ctx, cm); err != nil {
		return err
	}
	if c.planDept != nil {
		s.tellFillers(ctx, c, c.planDept, jixiao.Message{Kind: "comment", Link: fmt.Sprintf("/plans/%d/selfeval/%d#c-%d", rec.PlanID, rec.Table, cm.ID),
			Subject: fmt.Sprintf("%s%d年%s有新的审核意见", c.planDept.Name, rec.Year, tableName(rec)),
			Body:    fmt.Sprintf("%s对%s提出审核意见：%s", c.user.Name, cellName(&rec.Eval, path), cm.Body)})
	}
	c.auditObject = fmt.Sprintf("plan:%d/selfeval:%d/comment:%d", rec.PlanID, rec.Table, cm.ID)
	c.auditDetail = "对" + tableName(rec) + "的" + cellName(&rec.Eval, path) + "提出审核意见"
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/selfeval/%d#c-%d", rec.PlanID, rec.Table, cm.ID), http.StatusSeeOther)
	return nil
}
