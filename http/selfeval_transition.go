package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
)

// selfEvalTransition takes a workflow step on one self-evaluation table (POST
// /plans/{id}/selfeval/{i}/transition): which step the user may take is
// jixiao.NextStatus's decision, as for plans. A table is submitted only when every
// score could be computed and nothing blocks it: a missed indicator without 偏差原因 is
// refused with its cell named.
func selfEvalTransition(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	rec, err := s.selfEvalRecord(ctx, r, c)
	if err != nil {
		return err
	}
	a := jixiao.Action(r.PostFormValue("action"))
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	c.auditAction = "selfeval_transition:" + string(a)
	c.auditObject = fmt.Sprintf("selfeval:%d", rec.ID)
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || version <= 0 {
		return jixiao.Errorf(jixiao.EINVALID, "缺少绩效自评表的版本号，请刷新页面后重试。")
	}
	page := fmt.Sprintf("/plans/%d/selfeval/%d", rec.PlanID, rec.Table)
	if version != rec.Version {
		refuseTransition(w, r, c, page, "stale", fmt.Sprintf("绩效自评表已被他人修改或处理：您看到的是第 %d 版，当前已是第 %d 版（%s），未能“%s”。",
			version, rec.Version, rec.Status.Label(), a.Label()))
		return nil
	}
	if a == jixiao.ActSubmit {
		if err := s.selfEvalPastDue(ctx, rec); err != nil {
			return err
		}
	}
	if a == jixiao.ActAdjust {
		return jixiao.Errorf(jixiao.EINVALID, "绩效自评表不能“调整”：如需修改，请审核人退回。")
	}
	if a.NeedsReason() && reason == "" {
		refuseTransition(w, r, c, page, "reason", fmt.Sprintf("“%s”必须写明理由。", a.Label()))
		return nil
	}
	to, err := jixiao.NextStatus(rec.Status, a, c.user.Role, reason)
	if err == nil && len([]rune(reason)) > 2000 {
		err = jixiao.Errorf(jixiao.ETOOLARGE, "理由不能超过 2000 字。")
	}
	if err != nil && refusedReason(a, err) {
		// Show the table again with the reason kept in its box.
		pg, perr := s.selfEvalView(ctx, c, rec)
		if perr == nil && keepReason(pg.Buttons, a, r.PostFormValue("reason"), jixiao.ErrorMessage(err)) {
			c.auditDetail = a.Label() + "被拒：" + jixiao.ErrorMessage(err)
			s.render(w, r, c, http.StatusUnprocessableEntity, "selfeval", pg)
			return nil
		}
	}
	if err != nil {
		return err
	}
	if a == jixiao.ActSubmit {
		pg, err := s.selfEvalView(ctx, c, rec)
		if err != nil {
			return err
		}
		if msg := selfEvalSubmitRefusal(pg); msg != "" {
			refuseTransition(w, r, c, page, "submit", msg)
			return nil
		}
	}
	st := &jixiao.SelfEvalStep{RecordID: rec.ID, Version: version, Action: a, From: rec.Status, To: to, Actor: c.user.Username, Reason: reason}
	nv, err := s.store.TransitionSelfEvaluation(ctx, st)
	if err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("%s %s：第 %d 版 %s → 第 %d 版 %s", tableName(rec), a.Label(), version, rec.Status.Label(), nv, to.Label())
	if reason != "" {
		c.auditDetail += "，理由：" + reason
	}
	http.Redirect(w, r, page+"?done="+string(a), http.StatusSeeOther)
	return nil
}
