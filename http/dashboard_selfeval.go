package http

import (
	"context"
	"fmt"
	"slices"
)

// The self-evaluation stage of the dashboard (绩效自评): the node's self-evaluations by
// state, by grade (评价等级) and by band of total score, each a dashSection with its
// chart, table and xlsx, counted by the store from the grade and total kept with every
// revision (SelfEvalTally), never from the documents.

// selfEvalSections computes the three sections for the node.
func (s *Server) selfEvalSections(ctx context.Context, v *dashView) ([]*dashSection, error) {
	cs, err := s.store.SelfEvalTally(ctx, v.T.Node.ID, v.Year)
	if err != nil {
		return nil, err
	}
	total := 0
	byState := map[string]int{}
	byGrade := map[string]int{}
	var bands [10]int
	unscored := 0
	for _, c := range cs {
		total += c.N
		byState[boardState(c.Status)] += c.N
		g := c.Grade
		if g == "" {
			g = "未评定"
		}
		byGrade[g] += c.N
		if c.Band < 0 {
			unscored += c.N
		} else {
			bands[min(max(c.Band, 0), 9)] += c.N // 100 分 counts with 90～100
		}
	}
	states := &dashSection{ID: "se-status", Title: "绩效自评：按状态统计",
		Header: []dashCol{{Label: "状态"}, {Label: "自评表数"}, {Label: "占比"}}}
	var bars []bar
	for _, st := range boardStates[1:] { // a self-evaluation exists once opened: no 未开始
		n := byState[st]
		states.Rows = append(states.Rows, dashRow{Cells: []any{st, n, percent(n, total)}, Class: "state-" + st})
		bars = append(bars, bar{Label: st, Value: float64(n), Text: fmt.Sprintf("%d（%s）", n, percent(n, total)), Class: "state-" + st})
	}
	states.Total = &dashRow{Cells: []any{"合计", total, percent(total, total)}}
	states.Chart = barChart("chart-se-status", "各状态的自评表数", bars, 0)
	if total == 0 {
		states.Rows = nil
		states.Note = fmt.Sprintf("%d 年尚无绩效自评表。", v.Year)
	}

	grades := &dashSection{ID: "se-grades", Title: "绩效自评：评价等级",
		Header: []dashCol{{Label: "评价等级"}, {Label: "自评表数"}, {Label: "占比"}}}
	order := []string{"优", "良", "中", "差"}
	for g := range byGrade {
		if !slices.Contains(order, g) && g != "未评定" {
			order = append(order, g)
		}
	}
	slices.Sort(order[4:])
	order = append(order, "未评定")
	bars = nil
	for _, g := range order {
		n, ok := byGrade[g]
		if !ok && !slices.Contains([]string{"优", "良", "中", "差"}, g) {
			continue
		}
		grades.Rows = append(grades.Rows, dashRow{Cells: []any{g, n, percent(n, total)}})
		bars = append(bars, bar{Label: g, Value: float64(n), Text: fmt.Sprintf("%d（%s）", n, percent(n, total)), Class: "state-" + boardApproved})
	}
	grades.Total = &dashRow{Cells: []any{"合计", total, percent(total, total)}}
	grades.Chart = barChart("chart-se-grades", "各评价等级的自评表数", bars, 0)
	if total == 0 {
		grades.Rows = nil
	}

	scores := &dashSection{ID: "se-scores", Title: "绩效自评：总分分布",
		Header: []dashCol{{Label: "总分"}, {Label: "自评表数"}, {Label: "占比"}}}
	bars = nil
	scored := total - unscored
	for b := 9; b >= 0; b-- {
		label := fmt.Sprintf("%d～%d 分", b*10, b*10+10)
		if b < 9 {
			label = fmt.Sprintf("%d～%d 分（不含 %d）", b*10, b*10+10, b*10+10)
		}
		n := bands[b]
		scores.Rows = append(scores.Rows, dashRow{Cells: []any{label, n, percent(n, scored)}})
		bars = append(bars, bar{Label: label, Value: float64(n), Text: fmt.Sprintf("%d（%s）", n, percent(n, scored)), Class: "state-" + boardSubmitted})
	}
	scores.Total = &dashRow{Cells: []any{"合计", scored, percent(scored, scored)}}
	scores.Chart = barChart("chart-se-scores", "自评总分的分布", bars, 0)
	if unscored > 0 {
		scores.Note = fmt.Sprintf("另有 %d 张自评表尚未填写总分，不计入。", unscored)
	}
	if scored == 0 {
		scores.Rows = nil
	}
	return []*dashSection{states, grades, scores}, nil
}
