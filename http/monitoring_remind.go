package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"jixiao"
)

// monitoringRemind reminds the units that have not filed their monitoring records (POST
// /review/monitoring/{rid}/remind, 催报): every unit of the reviewer's region with a
// record of the round still a draft or returned, or only the unit dept when the form
// names one. Their fillers and leaders get a message with the round's deadline and a
// link to their records.
func monitoringRemind(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	round, err := s.visibleRound(r, c)
	if err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("monitoring_round:%d", round.ID)
	if err := s.monitoringLocked(round, nil); err != nil {
		return err
	}
	note := strings.TrimSpace(r.PostFormValue("note"))
	if len([]rune(note)) > 500 {
		return jixiao.Errorf(jixiao.ETOOLARGE, "催报附言不能超过 500 字。")
	}
	only := int64(0)
	if v := r.PostFormValue("dept"); v != "" {
		if only, err = strconv.ParseInt(v, 10, 64); err != nil {
			return jixiao.Errorf(jixiao.EINVALID, "催报的单位“%s”不正确，请刷新页面后重试。", v)
		}
	}
	// The units with a record not filed yet, and the first plan of each (the link).
	plans := map[int64]int64{}
	var order []int64
	for _, st := range []jixiao.Status{jixiao.Draft, jixiao.Returned} {
		b, err := s.store.MonitoringBoardOf(ctx, jixiao.MonitoringFilter{RoundID: round.ID, RegionID: c.user.DepartmentID, Status: st, Limit: 1_000_000})
		if err != nil {
			return err
		}
		for _, row := range b.Rows {
			if _, ok := plans[row.DepartmentID]; !ok && (only == 0 || only == row.DepartmentID) {
				plans[row.DepartmentID] = row.PlanID
				order = append(order, row.DepartmentID)
			}
		}
	}
	var names []string
	for _, id := range order {
		d, err := s.store.Department(ctx, id)
		if err != nil {
			return err
		}
		m := jixiao.Message{Kind: "monitoring_remind", Link: fmt.Sprintf("/plans/%d/monitoring", plans[id]), Sender: c.user.Name,
			Subject: fmt.Sprintf("催报：请尽快填报并提交%s的绩效监控表", round.MonitoringRound)}
		m.Body = fmt.Sprintf("%s提醒%s尽快填报并提交%s的绩效监控表。", c.user.Name, d.Name, round.MonitoringRound)
		if !round.Deadline.IsZero() {
			m.Body += "报送截止时间：" + localTime(round.Deadline) + "。"
		}
		m.Body += note
		if ok, err := s.remindOne(ctx, d, m); err != nil {
			return err
		} else if ok {
			names = append(names, d.Name)
		}
	}
	c.auditDetail = fmt.Sprintf("催报%s未报送的单位 %d 个", round.MonitoringRound, len(names))
	if len(names) > 0 {
		c.auditDetail += "（" + strings.Join(names, "、") + "）"
	}
	if note != "" {
		c.auditDetail += "，附言：" + note
	}
	q := url.Values{"done": {"remind"}, "n": {strconv.Itoa(len(names))}}
	if only != 0 {
		q.Set("view", "unit")
	}
	http.Redirect(w, r, fmt.Sprintf("/review/monitoring/%d?%s", round.ID, q.Encode()), http.StatusSeeOther)
	return nil
}
