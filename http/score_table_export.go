package http

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"

	"jixiao/xlsx"
)

// scoreTableExport writes the score table as xlsx (GET /review/scores.xlsx?year=): the
// tables' scores, the low scorers and the indicators most often missed, one sheet each.
func scoreTableExport(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	pg, err := s.scoreTable(r.Context(), c, r)
	if err != nil {
		return err
	}
	head := []string{"单位", "自评表", "状态", "自评得分", "评价等级", "复核后得分", "复核差额", "错误", "警告"}
	row := func(x scoreRow) []any {
		return []any{x.Department, x.Table, x.Status, x.Total, x.Grade, x.Reviewed, x.Diff, x.Errors, x.Warnings}
	}
	var units, low, missed, byUnit, byClause [][]any
	for _, x := range pg.Rows {
		units = append(units, row(x))
	}
	for _, x := range pg.Low {
		low = append(low, row(x))
	}
	for _, m := range pg.Missed {
		missed = append(missed, []any{m.Name, m.Level1, m.Missed, m.Scored})
	}
	recheck := func(rs []recheckRow) [][]any {
		out := [][]any{}
		for _, x := range rs {
			out = append(out, []any{x.Name, x.Tables, x.Checked, x.Lowered, x.Raised, x.Diff})
		}
		return out
	}
	byUnit, byClause = recheck(pg.RecheckUnits), recheck(pg.RecheckClauses)
	recheckHead := []string{"", "复核的表数", "复核的指标数", "调低", "调高", "复核差额合计"}
	var buf bytes.Buffer
	err = xlsx.WriteSheets(&buf, []xlsx.Sheet{
		{Name: "单位得分", Title: fmt.Sprintf("%d年绩效自评得分汇总（评分规则：%s）", pg.Year, pg.Rule), Header: head, Rows: units},
		{Name: "低分单位", Title: "得分低于 " + pg.LowBelow + " 的自评表（由低到高）", Header: head, Rows: low},
		{Name: "未达成指标", Title: "最常未达成（失分）的指标", Header: []string{"三级指标", "一级指标", "失分的表数", "计分的表数"}, Rows: missed},
		{Name: "复核差额按单位", Title: "财政复核差额（复核得分 − 自评得分），按单位", Header: append([]string{"单位"}, recheckHead[1:]...), Rows: byUnit},
		{Name: "复核差额按规则", Title: "财政复核差额（复核得分 − 自评得分），按评分规则条款", Header: append([]string{"评分规则条款"}, recheckHead[1:]...), Rows: byClause},
	})
	if err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("导出 %d 年绩效自评得分汇总（%d 张自评表）", pg.Year, len(pg.Rows))
	name := fmt.Sprintf("绩效自评得分汇总-%d.xlsx", pg.Year)
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename=\"scores.xlsx\"; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
	return nil
}
