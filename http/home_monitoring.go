package http

import (
	"context"
	"fmt"

	"jixiao"
)

// monitoringWaits are the monitoring records' states that wait for a role: the unit's
// filler fills drafts and corrects returned ones (督促整改), its leader approves
// submitted ones, the finance bureau approves what the leader approved.
var monitoringWaits = map[jixiao.Role][]struct {
	status     jixiao.Status
	kind, text string
}{
	jixiao.RoleFiller: {
		{jixiao.Draft, "待填报", "%s：%d 张绩效监控表尚未提交%s。"},
		{jixiao.Returned, "已退回", "%s：%d 张绩效监控表被退回（督促整改），请按要求补充后重新提交。"},
	},
	jixiao.RoleLeader:   {{jixiao.Submitted, "待审核", "%s：%d 张绩效监控表已提交，待单位负责人审核。"}},
	jixiao.RoleReviewer: {{jixiao.UnitApproved, "待审核", "%s：%d 张绩效监控表已由单位负责人审核，待财政审核。"}},
}

// monitoringTodos are the 待办 of the open monitoring rounds in the user's region: one
// line per round and state that waits for the user's role, linked to the first such
// record (the finance bureau's to the round's board).
func (s *Server) monitoringTodos(ctx context.Context, c *reqCtx, root *jixiao.Department) ([]todo, error) {
	waits, ok := monitoringWaits[c.user.Role]
	if !ok {
		return nil, nil
	}
	rounds, err := s.store.MonitoringRounds(ctx, 0)
	if err != nil {
		return nil, err
	}
	var out []todo
	for i, rd := range rounds {
		if i >= 3 || rd.Status != jixiao.RoundOpen {
			continue
		}
		for _, w := range waits {
			b, err := s.store.MonitoringBoardOf(ctx, jixiao.MonitoringFilter{RoundID: rd.ID, RegionID: root.ID, Status: w.status, Limit: 1})
			if err != nil {
				return nil, err
			}
			if b.Total == 0 || len(b.Rows) == 0 {
				continue
			}
			due := ""
			if !rd.Deadline.IsZero() && w.status == jixiao.Draft {
				due = "，" + localTime(rd.Deadline) + " 截止"
			}
			args := []any{rd.MonitoringRound, b.Total}
			if w.status == jixiao.Draft {
				args = append(args, due)
			}
			text := fmt.Sprintf(w.text, args...)
			link := fmt.Sprintf("/plans/%d/monitoring/%d", b.Rows[0].PlanID, b.Rows[0].ID)
			if c.user.Role == jixiao.RoleReviewer {
				link = fmt.Sprintf("/review/monitoring/%d?status=%s", rd.ID, w.status)
			}
			out = append(out, todo{Kind: w.kind, Text: text, Link: link})
		}
	}
	return out, nil
}
