package http

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"jixiao"
)

// monitoringLocked refuses a change in round rd: any change once the round is closed
// (结束本轮监控), and the unit's save or submit of the record filing after the round's
// deadline, with ELOCKED saying why and whom to ask. filing is nil for other changes;
// a record returned for correction (退回, 督促整改) was filed in time and may still be
// corrected and submitted again.
func (s *Server) monitoringLocked(rd *jixiao.StoredRound, filing *jixiao.StoredMonitoring) error {
	if rd.Status == jixiao.RoundClosed {
		return jixiao.Errorf(jixiao.ELOCKED, "监控轮次“%s”已结束，绩效监控表只能查看和导出，不能再修改或办理；如有疑问，请联系财政部门。", rd.MonitoringRound)
	}
	if filing != nil && filing.Status != jixiao.Returned {
		return pastDue(s.cfg.Now(), rd.Deadline, "本轮绩效监控", "绩效监控表")
	}
	return nil
}

// recordLocked is monitoringLocked for record m, reading its round; unit: the change is
// the unit's save or submit of m.
func (s *Server) recordLocked(ctx context.Context, m *jixiao.StoredMonitoring, unit bool) error {
	rd, err := s.store.MonitoringRoundByID(ctx, m.RoundID)
	if err != nil {
		return err
	}
	if unit {
		return s.monitoringLocked(rd, m)
	}
	return s.monitoringLocked(rd, nil)
}

// visibleRound reads round {rid} of the path if it concerns the user's region.
func (s *Server) visibleRound(r *http.Request, c *reqCtx) (*jixiao.StoredRound, error) {
	rid, err := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	if err != nil {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "没有这个监控轮次。")
	}
	round, err := s.store.MonitoringRoundByID(r.Context(), rid)
	if err != nil {
		return nil, err
	}
	if c.user.DepartmentID == 0 {
		return nil, jixiao.Errorf(jixiao.EFORBIDDEN, "您的账号没有分配单位，无法查看本地区的数据。")
	}
	if ok, err := s.roundVisible(r.Context(), c, round); err != nil {
		return nil, err
	} else if !ok {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "监控轮次（编号 %d）不属于本地区。", rid)
	}
	return round, nil
}

// monitoringClose ends a round (POST /review/monitoring/{rid}/close, 结束本轮监控): only
// the finance bureau that opened it; from then on every record of the round is
// read-only, still shown, printed and exported.
func monitoringClose(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	round, err := s.visibleRound(r, c)
	if err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("monitoring_round:%d", round.ID)
	if round.DepartmentID != c.user.DepartmentID {
		return jixiao.Errorf(jixiao.EFORBIDDEN, "监控轮次“%s”由上级财政部门开启，只能由开启它的财政部门结束。", round.MonitoringRound)
	}
	rd, err := s.store.CloseMonitoringRound(r.Context(), round.ID)
	if err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("结束监控轮次 %s（监控表 %d 张）", rd.MonitoringRound, rd.Records)
	http.Redirect(w, r, fmt.Sprintf("/review/monitoring/%d?done=close", rd.ID), http.StatusSeeOther)
	return nil
}
