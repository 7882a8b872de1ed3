package http

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
)

// monitoringTransition takes a workflow step on one monitoring record (POST
// /plans/{id}/monitoring/{m}/transition): the unit submits, its 单位负责人 approves or
// returns, the finance bureau approves or returns with a reason (督促整改). Which step a
// user may take is jixiao.NextStatus's decision, as for plans. A record is submitted
// only when it is filled and every 有可能 / 完全不可能 has its reason and measure.
func monitoringTransition(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	m, err := s.monitoringEntry(ctx, r, c)
	if err != nil {
		return err
	}
	a := jixiao.Action(r.PostFormValue("action"))
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	c.auditAction = "monitoring_transition:" + string(a)
	c.auditObject = fmt.Sprintf("monitoring:%d", m.ID)
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || version <= 0 {
		return jixiao.Errorf(jixiao.EINVALID, "缺少绩效监控表的版本号，请刷新页面后重试。")
	}
	page := fmt.Sprintf("/plans/%d/monitoring/%d", m.PlanID, m.ID)
	if version != m.Version {
		refuseTransition(w, r, c, page, "stale", fmt.Sprintf("绩效监控表已被他人修改或处理：您看到的是第 %d 版，当前已是第 %d 版（%s），未能“%s”。",
			version, m.Version, m.Status.Label(), monitoringActionLabel(a)))
		return nil
	}
	if a == jixiao.ActAdjust || a == jixiao.ActPublish {
		return jixiao.Errorf(jixiao.EINVALID, "绩效监控表不能“%s”：调整绩效目标请在监控表下方“提出调整”。", a.Label())
	}
	if err := s.recordLocked(ctx, m, a == jixiao.ActSubmit); err != nil {
		return err
	}
	if a.NeedsReason() && reason == "" {
		refuseTransition(w, r, c, page, "reason", fmt.Sprintf("“%s”必须写明理由。", monitoringActionLabel(a)))
		return nil
	}
	to, err := jixiao.NextStatus(m.Status, a, c.user.Role, reason)
	if err == nil && len([]rune(reason)) > 2000 {
		err = jixiao.Errorf(jixiao.ETOOLARGE, "理由不能超过 2000 字。")
	}
	if err != nil && refusedReason(a, err) {
		// Show the record again with the reason kept in its box (督促整改 too short).
		pg, perr := s.monitoringView(ctx, c, m)
		if perr == nil && keepReason(pg.Buttons, a, r.PostFormValue("reason"), jixiao.ErrorMessage(err)) {
			c.auditDetail = monitoringActionLabel(a) + "被拒：" + jixiao.ErrorMessage(err)
			s.render(w, r, c, http.StatusUnprocessableEntity, "monitoring", pg)
			return nil
		}
	}
	if err != nil {
		return err
	}
	if a == jixiao.ActSubmit {
		pg, err := s.monitoringView(ctx, c, m)
		if err != nil {
			return err
		}
		if msg := monitoringSubmitRefusal(pg); msg != "" {
			refuseTransition(w, r, c, page, "submit", msg)
			return nil
		}
	}
	st := &jixiao.MonitoringStep{RecordID: m.ID, Version: version, Action: a, From: m.Status, To: to, Actor: c.user.Username, Reason: reason}
	nv, err := s.store.TransitionMonitoring(ctx, st)
	if err != nil {
		return err
	}
	s.notifyMonitoring(ctx, c, m, a, reason)
	c.auditDetail = fmt.Sprintf("%s %s：第 %d 版 %s → 第 %d 版 %s", monitoringTableName(m), monitoringActionLabel(a), version, m.Status.Label(), nv, to.Label())
	if reason != "" {
		c.auditDetail += "，理由：" + reason
	}
	http.Redirect(w, r, page+"?done="+string(a), http.StatusSeeOther)
	return nil
}

// notifyMonitoring tells the next people about a step on a monitoring record, as
// notifyStep does for plans: the leader of a submission, the finance bureau of the
// leader's approval, the unit of a return (督促整改) or an approval.
func (s *Server) notifyMonitoring(ctx context.Context, c *reqCtx, m *jixiao.StoredMonitoring, a jixiao.Action, reason string) {
	if c.planDept == nil {
		return
	}
	var roles []jixiao.Role
	switch a {
	case jixiao.ActSubmit:
		roles = []jixiao.Role{jixiao.RoleLeader}
	case jixiao.ActUnitApprove:
		roles = []jixiao.Role{jixiao.RoleReviewer}
	case jixiao.ActUnitReturn, jixiao.ActApprove, jixiao.ActReturn:
		roles = []jixiao.Role{jixiao.RoleFiller, jixiao.RoleLeader}
	default:
		return
	}
	to, err := s.recipients(ctx, c.planDept, roles...)
	if err != nil {
		s.log.Error("message recipients", "monitoring", m.ID, "err", err)
		return
	}
	name := monitoringTableName(m)
	msg := jixiao.Message{Kind: "monitoring_" + string(a), Link: fmt.Sprintf("/plans/%d/monitoring/%d", m.PlanID, m.ID), Sender: c.user.Name,
		Subject: fmt.Sprintf("%s%s%s：%s", c.planDept.Name, m.Record.Round, name, monitoringActionLabel(a))}
	msg.Body = fmt.Sprintf("%s对%s的%s（%s）执行了“%s”。", c.user.Name, c.planDept.Name, name, m.Record.Round, monitoringActionLabel(a))
	if reason != "" {
		msg.Body += "理由：" + reason
	}
	s.send(ctx, without(to, c.user.ID), msg)
}
