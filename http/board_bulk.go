package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"jixiao"
)

// boardBulk takes one action on the units selected on the status board (POST
// /review/board/bulk): approve or return their plans with one reason, each step taken
// only where the workflow allows it (state, role, the version the board showed), the
// others left as they are and counted; or remind them (催报, board_remind.go).
func boardBulk(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	a := jixiao.Action(r.PostFormValue("action"))
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	back := r.PostFormValue("back")
	if !strings.HasPrefix(back, "/review/board?") {
		back = "/review/board"
	}
	if len([]rune(reason)) > 2000 {
		return s.refuseBulk(w, r, c, back, jixiao.Errorf(jixiao.ETOOLARGE, "理由不能超过 2000 字。"))
	}
	ids := r.PostForm["dept"]
	if len(ids) == 0 {
		return jixiao.Errorf(jixiao.EINVALID, "没有选中任何单位：请先在审核进度表中勾选单位。")
	}
	c.auditAction = "board_bulk:" + string(a)
	var done, skipped int
	var names []string
	switch a {
	case "remind":
		n, err := s.remind(ctx, c, ids, reason)
		if err != nil {
			return err
		}
		done, skipped = n, len(ids)-n
	case jixiao.ActApprove, jixiao.ActReturn:
		if _, err := jixiao.NextStatus(jixiao.UnitApproved, a, c.user.Role, reason); err != nil {
			if refusedReason(a, err) { // a return without its reason: nothing is done
				return s.refuseBulk(w, r, c, back, err)
			}
			return err // the wrong role: nothing is done
		}
		for _, id := range ids {
			ok, name, err := s.bulkStep(r, c, id, a, reason)
			if err != nil {
				return err
			}
			if ok {
				done++
				names = append(names, name)
			} else {
				skipped++
			}
		}
	default:
		return jixiao.Errorf(jixiao.EINVALID, "未知的批量操作“%s”。", a)
	}
	c.auditDetail = fmt.Sprintf("批量%s：%d 个单位，跳过 %d 个", bulkLabel(a), done, skipped)
	if len(names) > 0 {
		c.auditDetail += "（" + strings.Join(names, "、") + "）"
	}
	if reason != "" {
		c.auditDetail += "，理由：" + reason
	}
	q := url.Values{"bulk": {string(a)}, "done": {strconv.Itoa(done)}, "skipped": {strconv.Itoa(skipped)}}
	http.Redirect(w, r, back+"&"+q.Encode(), http.StatusSeeOther)
	return nil
}

func bulkLabel(a jixiao.Action) string {
	if a == "remind" {
		return "催报"
	}
	return a.Label()
}

// bulkStep takes step a on the plan of the department named by the form value id, at the
// version the board showed (v<id> = plan:version). ok is false when the workflow does
// not allow it now (another state, a newer version, no plan): nothing is done for it.
func (s *Server) bulkStep(r *http.Request, c *reqCtx, id string, a jixiao.Action, reason string) (ok bool, name string, err error) {
	ctx := r.Context()
	pid, ver, found := strings.Cut(r.PostFormValue("v"+id), ":")
	planID, err1 := strconv.ParseInt(pid, 10, 64)
	version, err2 := strconv.Atoi(ver)
	if !found || err1 != nil || err2 != nil {
		return false, "", nil // the unit has no plan: nothing to approve or return
	}
	p, err := s.store.Plan(ctx, planID)
	if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
		return false, "", nil
	} else if err != nil {
		return false, "", err
	}
	dept, err := s.store.DepartmentByCode(ctx, p.DepartmentCode)
	if err != nil {
		return false, "", err
	}
	if strconv.FormatInt(dept.ID, 10) != id || !c.can(ctx, actWorkflow, dept, p.Status) || p.Version != version {
		return false, "", nil
	}
	to, err := jixiao.NextStatus(p.Status, a, c.user.Role, reason)
	if err != nil {
		return false, "", nil
	}
	rec := &jixiao.TransitionRecord{PlanID: p.ID, Version: version, Action: a, From: p.Status, To: to, Actor: c.user.Username, Reason: reason}
	if _, err := s.store.Transition(ctx, rec, nil); jixiao.ErrorCode(err) == jixiao.ECONFLICT {
		return false, "", nil // someone acted first
	} else if err != nil {
		return false, "", err
	}
	s.notifyStep(ctx, c, p, dept, a, reason)
	return true, dept.Name, nil
}

// bulkFlash is the board's line about the bulk action just taken.
func bulkFlash(r *http.Request) string {
	q := r.URL.Query()
	a := jixiao.Action(q.Get("bulk"))
	if a != "remind" && a != jixiao.ActApprove && a != jixiao.ActReturn {
		return ""
	}
	done, _ := strconv.Atoi(q.Get("done"))
	skipped, _ := strconv.Atoi(q.Get("skipped"))
	msg := fmt.Sprintf("已对 %d 个单位执行“%s”。", done, bulkLabel(a))
	if skipped > 0 {
		msg += fmt.Sprintf("另有 %d 个单位当前状态不允许此操作或已被他人处理，未做改动。", skipped)
	}
	return msg
}

// refuseBulk shows the board of back again, 422, with the units still selected and the
// reason kept in its box beside the message why the bulk step was refused.
func (s *Server) refuseBulk(w http.ResponseWriter, r *http.Request, c *reqCtx, back string, refused error) error {
	u, err := url.Parse(back)
	if err != nil {
		return refused
	}
	get := r.Clone(r.Context())
	get.URL = u
	pg, err := s.board(r.Context(), c, get)
	if err != nil {
		return err
	}
	checked := map[string]bool{}
	for _, id := range r.PostForm["dept"] {
		checked[id] = true
	}
	for i := range pg.Rows {
		pg.Rows[i].Checked = checked[strconv.FormatInt(pg.Rows[i].DeptID, 10)]
	}
	pg.Reason, pg.Problem = r.PostFormValue("reason"), jixiao.ErrorMessage(refused)
	pg.Title, pg.Nav, pg.Wide = fmt.Sprintf("%d年审核进度", pg.Year), "board", true
	c.auditDetail = "批量操作被拒：" + pg.Problem
	s.render(w, r, c, http.StatusUnprocessableEntity, "board", pg)
	return nil
}
