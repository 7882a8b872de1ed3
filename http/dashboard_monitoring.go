package http

import (
	"context"
	"fmt"

	"jixiao"
)

// monitoringSection: the records of the year's latest monitoring round (绩效运行监控) in
// the node's subtree by warning level, from the board's counts; nil when the year has
// no round. links: each level links to the board (the finance bureau's).
func (s *Server) monitoringSection(ctx context.Context, year int, node *jixiao.Department, links bool) (*dashSection, error) {
	rounds, err := s.store.MonitoringRounds(ctx, year)
	if err != nil || len(rounds) == 0 {
		return nil, err
	}
	rd := rounds[0]
	b, err := s.store.MonitoringBoardOf(ctx, jixiao.MonitoringFilter{RoundID: rd.ID, RegionID: node.ID, Limit: 1})
	if err != nil {
		return nil, err
	}
	sec := &dashSection{ID: "monitoring", Title: "绩效运行监控预警（" + rd.MonitoringRound.String() + "）",
		Header: []dashCol{{Label: "预警"}, {Label: "监控表数"}, {Label: "占比"}}}
	total := 0
	for _, n := range b.ByLevel {
		total += n
	}
	classes := map[string]string{jixiao.LevelRed: "sev-error", jixiao.LevelYellow: "sev-warning",
		jixiao.LevelGreen: "state-" + boardApproved, jixiao.LevelNone: "state-" + boardNotStarted}
	var bars []bar
	for _, l := range []string{jixiao.LevelRed, jixiao.LevelYellow, jixiao.LevelGreen, jixiao.LevelNone} {
		n, label := b.ByLevel[l], levelLabel(l)
		row := dashRow{Cells: []any{label, n, percent(n, total)}, Class: classes[l]}
		if links {
			level := l
			if l == jixiao.LevelNone {
				level = "none"
			}
			row.Link = fmt.Sprintf("/review/monitoring/%d?level=%s", rd.ID, level)
		}
		sec.Rows = append(sec.Rows, row)
		bars = append(bars, bar{Label: label, Value: float64(n), Text: fmt.Sprintf("%d（%s）", n, percent(n, total)), Class: classes[l]})
	}
	sec.Total = &dashRow{Cells: []any{"合计", total, percent(total, total)}}
	sec.Chart = barChart("chart-monitoring", "各预警等级的监控表数", bars, 0)
	sec.Note = fmt.Sprintf("序时进度 %s%%；红色预警 %d 张、黄色预警 %d 张，详见监控看板。", rd.MonitoringRound.TimeProgress(), b.ByLevel[jixiao.LevelRed], b.ByLevel[jixiao.LevelYellow])
	return sec, nil
}
