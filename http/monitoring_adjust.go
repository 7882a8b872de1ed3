package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
)

// monitoringAdjust proposes an adjustment (调整) of the plan's targets or budget from a
// monitoring record (POST /plans/{id}/monitoring/{m}/adjust): the approved plan is
// reopened as a draft linked to the record, to be changed and taken through the review
// again; the approved version stays in the history until the adjustment is approved.
func monitoringAdjust(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	m, err := s.monitoringEntry(ctx, r, c)
	if err != nil {
		return err
	}
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if len([]rune(reason)) > 2000 {
		return jixiao.Errorf(jixiao.ETOOLARGE, "调整理由不能超过 2000 字。")
	}
	version, err := strconv.Atoi(r.PostFormValue("plan_version"))
	if err != nil || version <= 0 {
		return jixiao.Errorf(jixiao.EINVALID, "缺少绩效目标的版本号，请刷新页面后重试。")
	}
	c.auditObject = fmt.Sprintf("plan:%d", m.PlanID)
	if err := s.recordLocked(ctx, m, false); err != nil {
		return err
	}
	a := &jixiao.Adjustment{RecordID: m.ID, Actor: c.user.Username, Reason: reason}
	if err := s.store.ProposeAdjustment(ctx, a, version); err != nil {
		return err
	}
	s.notifyStep(ctx, c, c.plan, c.planDept, jixiao.ActAdjust, "依据绩效监控表提出调整："+reason)
	c.auditDetail = fmt.Sprintf("依据%s（编号 %d）提出调整：绩效目标第 %d 版 → 调整稿第 %d 版，理由：%s", monitoringTableName(m), m.ID, version, a.Draft, reason)
	http.Redirect(w, r, fmt.Sprintf("/plans/%d?done=adjust", m.PlanID), http.StatusSeeOther)
	return nil
}
