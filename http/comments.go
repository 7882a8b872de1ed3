package http

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"jixiao"
)

// commentView is a reviewer's comment as a page shows it beside its cell.
type commentView struct {
	ID         int64
	Path       string
	Author     string
	Body       string
	Created    string
	Answered   bool
	AnsweredBy string
	AnsweredAt string
	Answer     string
	Href       string // the cell, on its editor page
	// FormID is the id of the answer form (outside the editor's form, see
	// commentForms) when the user may answer; "" otherwise.
	FormID string
}

func viewComment(cm jixiao.Comment, planID int64) commentView {
	v := commentView{ID: cm.ID, Path: cm.Path, Author: cm.Author, Body: cm.Body, Created: localTime(cm.Created),
		Answered: cm.Answered, AnsweredBy: cm.AnsweredBy, Answer: cm.Answer,
		Href: homePage(cm.Path).url(planID) + "#" + fieldID(cm.Path)}
	if cm.Answered {
		v.AnsweredAt = localTime(cm.AnsweredAt)
	}
	return v
}

// withComments puts the plan's comments beside the cells of the page whose fields are
// order, and, in review mode for a user who may comment, a small comment form beside
// every cell. Both kinds ride in the findingSet, whose cells every editor already shows.
func (s *Server) withComments(ctx context.Context, c *reqCtx, fs *findingSet, order []string, review bool, back string) error {
	cs, err := s.comments(ctx, c)
	if err != nil {
		return err
	}
	fields := make(map[string]bool, len(order))
	for _, f := range order {
		fields[f] = true
	}
	canAnswer := c.can(ctx, actAnswer, c.planDept, c.plan.Status)
	canComment := review && c.can(ctx, actComment, c.planDept, c.plan.Status)
	fs.PlanID, fs.Back, fs.ReturnTo = c.plan.ID, back, back
	if review {
		fs.ReturnTo = back + "?review=1"
	}
	answered := 0
	who := s.namer(ctx, actors(cs, func(cm jixiao.Comment) string { return cm.Author }))
	for _, cm := range cs {
		v := viewComment(cm, c.plan.ID)
		v.Author = who(cm.Author)
		if cm.Answered {
			answered++
		} else if canAnswer {
			v.FormID = fmt.Sprintf("ans-%d", cm.ID)
			fs.AnswerForms = append(fs.AnswerForms, v)
		}
		fs.Comments = append(fs.Comments, v)
		if cell, ok := anchor(fields, order, cm.Path); ok {
			fs.byCell[cell] = append(fs.byCell[cell], findingView{Severity: "comment", Path: cm.Path, Comment: &v})
		}
	}
	if canComment {
		for _, f := range order {
			fs.byCell[f] = append(fs.byCell[f], findingView{Severity: "addcomment", Path: f, FormID: "nc-" + fieldID(f)})
		}
		fs.NewComment = order
	}
	fs.commentKey = fmt.Sprintf("|c%s/%d|%t|%t", commentsKey(cs), answered, canAnswer, canComment)
	return nil
}

// validCommentPath is a path of the plan as the checks and the editors name cells.
var validCommentPath = regexp.MustCompile(`^[A-Za-z]+(\[\d+\])?(\.[A-Za-z]+(\[\d+\])?)*$`)

// backTo returns the page to go back to after a comment: an editor or the overview of
// the same plan, never anywhere else.
func backTo(r *http.Request, planID int64) string {
	back := r.PostFormValue("back")
	prefix := "/plans/" + strconv.FormatInt(planID, 10)
	if back != prefix && !strings.HasPrefix(back, prefix+"/") && !strings.HasPrefix(back, prefix+"?") {
		return prefix
	}
	if strings.ContainsAny(back, "\\#\r\n") || strings.Contains(back, "//") {
		return prefix
	}
	return back
}

// commentAdd stores a reviewer's comment on a cell (POST /plans/{id}/comments).
func commentAdd(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	path := strings.TrimSpace(r.PostFormValue("path"))
	if len(path) > 200 || !validCommentPath.MatchString(path) {
		return jixiao.Errorf(jixiao.EINVALID, "审核意见针对的单元格“%s”无效。", path)
	}
	cm := &jixiao.Comment{PlanID: c.plan.ID, Version: c.plan.Version, Path: path, Author: c.user.Username, Body: r.PostFormValue("body")}
	if err := s.store.AddComment(r.Context(), cm); err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("plan:%d/comment:%d", c.plan.ID, cm.ID)
	c.auditDetail = "对 " + path + " 提出审核意见"
	s.notifyComment(r.Context(), c, c.plan, c.planDept, path, cm.Body)
	http.Redirect(w, r, backTo(r, c.plan.ID)+"#"+fieldID(path), http.StatusSeeOther)
	return nil
}

// commentAnswer records the filler's answer (POST /plans/{id}/comments/{cid}/answer).
func commentAnswer(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	id, err := strconv.ParseInt(r.PathValue("cid"), 10, 64)
	if err != nil || id <= 0 {
		return jixiao.Errorf(jixiao.ENOTFOUND, "审核意见“%s”不存在。", r.PathValue("cid"))
	}
	// The answer is checked against the number of answers the page showed (seen; none
	// on the answer form), so it never replaces one the filler has not seen; every
	// earlier answer stays in the comment's history.
	seen := 0
	if v := r.PostFormValue("seen"); v != "" {
		if seen, err = strconv.Atoi(v); err != nil || seen < 0 {
			return jixiao.Errorf(jixiao.EINVALID, "答复表单无效，请刷新页面后重试。")
		}
	}
	answer := strings.TrimSpace(r.PostFormValue("answer"))
	n, err := s.store.AnswerCommentAt(r.Context(), c.plan.ID, id, seen, c.user.Username, answer)
	if err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("plan:%d/comment:%d", c.plan.ID, id)
	c.auditDetail = "答复审核意见"
	if n > 1 {
		c.auditDetail = fmt.Sprintf("修改审核意见的答复（第 %d 次答复，此前的答复保留）", n)
	}
	if answer == "" {
		c.auditDetail += "：标记已答复，未填写答复内容"
	} else {
		c.auditDetail += "：" + clipText(answer, 100)
	}
	http.Redirect(w, r, backTo(r, c.plan.ID)+fmt.Sprintf("#c-%d", id), http.StatusSeeOther)
	return nil
}

// clipText is s cut to at most n characters, with … when it was longer.
func clipText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
