package http

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"

	"jixiao"
	"jixiao/xlsx"
)

// dashboardExport downloads one table of the dashboard, with its total, as xlsx (GET
// /review/dashboard.xlsx?year=&dept=&table=status|tree|rules|late): the numbers behind
// its chart.
func dashboardExport(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	pg, err := s.dashboard(r.Context(), c, r)
	if err != nil {
		return err
	}
	want := r.URL.Query().Get("table")
	var sec *dashSection
	for _, x := range pg.Sections {
		if x.ID == want {
			sec = x
		}
	}
	if sec == nil {
		return jixiao.Errorf(jixiao.EINVALID, "统计表“%s”不存在：请从统计分析页面上各表下方的“导出本表 Excel”链接下载。", want)
	}
	header := make([]string, len(sec.Header))
	for i, h := range sec.Header {
		header[i] = h.Label
	}
	rows := make([][]any, 0, len(sec.Rows)+1)
	for _, r := range sec.Rows {
		rows = append(rows, r.Cells)
	}
	if sec.Total != nil && len(sec.Rows) > 0 {
		rows = append(rows, sec.Total.Cells)
	}
	title := fmt.Sprintf("%d年绩效目标 %s · %s", pg.Year, pg.Node.Name, sec.Title)
	var buf bytes.Buffer
	if err := xlsx.WriteTable(&buf, sec.Title, title, header, rows); err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("导出 %d 年统计表“%s”（%s，%d 行）", pg.Year, sec.Title, pg.Node.Name, len(sec.Rows))
	name := fmt.Sprintf("%s-%s-%d.xlsx", sec.Title, pg.Node.Name, pg.Year)
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename=\"dashboard.xlsx\"; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
	return nil
}
