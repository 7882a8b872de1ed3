package http

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strings"

	"jixiao"
	"jixiao/document"
	"jixiao/render"
	"jixiao/selfeval"
	"jixiao/xlsx"
)

// Tables in and out of a monitoring record: the official layout to print, the fill-in
// template of the plan (xlsx, targets pre-filled) and a filled table read back into the
// form.

type monitoringPrintPage struct {
	layout
	Heading, Department string
	Round               string
	Sheet               template.HTML
	Back                string
}

// monitoringPrint shows one record in 136号's layout, every alert marking its cell, ready
// to print (GET /plans/{id}/monitoring/{m}/print), with render.MonitoringHTML.
func monitoringPrint(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	m, err := s.monitoringEntry(r.Context(), r, c)
	if err != nil {
		return err
	}
	rs, err := s.roundRules(r, m.RoundID)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := render.MonitoringHTML(&b, monitoringTableName(m), []render.Monitoring{{Record: &m.Record, Alerts: rs.Check(&m.Record)}}); err != nil {
		return err
	}
	doc := b.String() // the document's body is the sheet; its CSS is render.css and style.css
	if i := strings.Index(doc, "<body"); i >= 0 {
		doc = doc[i:]
		if j := strings.Index(doc, ">"); j >= 0 {
			doc = doc[j+1:]
		}
	}
	if i := strings.LastIndex(doc, "</body>"); i >= 0 {
		doc = doc[:i]
	}
	sheet := template.HTML(doc) // render escapes every value itself (html/template)
	back := fmt.Sprintf("/plans/%d/monitoring/%d", m.PlanID, m.ID)
	pg := &monitoringPrintPage{Heading: monitoringTableName(m), Department: c.plan.Department, Round: m.Record.Round.String(), Sheet: sheet, Back: back}
	pg.Title, pg.Nav, pg.Wide = "打印视图："+pg.Heading, "plans", true
	pg.allowStyles(sheet)
	pg.Crumbs = append(planCrumbs(c.plan, ""), crumb{Label: "绩效运行监控", URL: back}, crumb{Label: "打印视图"})
	c.auditObject = fmt.Sprintf("monitoring:%d", m.ID)
	s.render(w, r, c, http.StatusOK, "monitoring_print", pg)
	return nil
}

// monitoringTemplate downloads the fill-in template of the record's plan and round
// (GET /plans/{id}/monitoring/{m}/template.xlsx): one sheet per table, the approved
// targets pre-filled, the round's 偏差原因 categories as drop-down lists.
func monitoringTemplate(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	m, err := s.monitoringEntry(ctx, r, c)
	if err != nil {
		return err
	}
	p, err := s.store.PlanAt(ctx, m.PlanID, m.PlanVersion)
	if err != nil {
		return err
	}
	rs, err := s.roundRules(r, m.RoundID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := xlsx.MonitorTemplate(&buf, p, m.Record.Round, rs.Categories); err != nil {
		return err
	}
	name := fmt.Sprintf("%s%s绩效监控表.xlsx", c.plan.Department, m.Record.Round)
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename=\"monitoring.xlsx\"; filename*=UTF-8''"+url.PathEscape(name))
	c.auditObject = fmt.Sprintf("monitoring:%d", m.ID)
	c.auditDetail = fmt.Sprintf("下载绩效监控填报模板（%s，绩效目标第 %d 版）", m.Record.Round, m.PlanVersion)
	_, err = w.Write(buf.Bytes())
	return err
}

// monitoringImport reads a filled monitoring table (xlsx, docx or text, in any layout the
// readers recognise) into the record's form (POST /plans/{id}/monitoring/{m}/import):
// the table of the same project (or the department table), its figures, actuals,
// likelihoods, reasons and measures, matched by name. Nothing is saved: the form is
// shown with what was read, to be checked and saved under the version check.
func monitoringImport(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	m, err := s.monitoringEntry(ctx, r, c)
	if err != nil {
		return err
	}
	if !m.Status.Editable() {
		return jixiao.Errorf(jixiao.ELOCKED, "绩效监控表当前状态为“%s”，不能导入。", m.Status.Label())
	}
	c.auditObject = fmt.Sprintf("monitoring:%d", m.ID)
	if err := s.recordLocked(ctx, m, true); err != nil {
		return err
	}
	show := func(status int, msg, note string) error {
		pg, err := s.monitoringView(ctx, c, m)
		if err != nil {
			return err
		}
		pg.Message, pg.Imported = msg, note
		c.auditDetail = msg + note
		s.render(w, r, c, status, "monitoring", pg)
		return nil
	}
	f, fh, err := r.FormFile(uploadField)
	if err != nil {
		return show(http.StatusUnprocessableEntity, "请选择已填写的绩效监控表文件（xlsx、docx 或文本表格）。", "")
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	name := fh.Filename
	tables, err := document.Cells(name, data)
	if err != nil {
		return show(http.StatusUnprocessableEntity, "无法读取文件：“"+name+"”："+jixiao.ErrorMessage(err), "")
	}
	recs, err := selfeval.ReadAllMonitoring(name, tables)
	if err != nil {
		return show(http.StatusUnprocessableEntity, "无法读取文件“"+name+"”中的绩效监控表："+jixiao.ErrorMessage(err), "")
	}
	src := pickMonitoring(m, recs)
	if src == nil {
		want := "部门整体支出绩效监控表"
		if m.Table > 0 {
			want = "项目“" + m.Record.Project + "”的绩效监控表"
		}
		return show(http.StatusUnprocessableEntity, fmt.Sprintf("文件“%s”中没有%s（读到 %d 张监控表）。", name, want, len(recs)), "")
	}
	n := mergeMonitoring(&m.Record, src)
	return show(http.StatusOK, "", fmt.Sprintf("已从文件“%s”读入 %d 处填写内容，尚未保存：请核对后点击“保存并判断预警”。", name, n))
}

// pickMonitoring finds the table of recs that is m's: the project's by name (a code
// before the name allowed), or the department's; a file of one table is taken as it is.
func pickMonitoring(m *jixiao.StoredMonitoring, recs []*jixiao.MonitoringRecord) *jixiao.MonitoringRecord {
	for _, rec := range recs {
		if m.Table == 0 && rec.Project == "" {
			return rec
		}
		if m.Table > 0 && rec.Project != "" && (strings.Contains(rec.Project, m.Record.Project) || strings.Contains(m.Record.Project, rec.Project)) {
			return rec
		}
	}
	if len(recs) == 1 {
		return recs[0]
	}
	return nil
}

// mergeMonitoring copies what a unit fills from src into dst, never the targets: money
// rows by name (or place, when the rows are as many), indicators by name (or place),
// goals by place, the table's texts. It returns how many cells it filled.
func mergeMonitoring(dst, src *jixiao.MonitoringRecord) int {
	n := 0
	for i, sf := range src.Funds {
		j := -1
		for k, df := range dst.Funds {
			if strings.TrimSpace(df.Name) == strings.TrimSpace(sf.Name) {
				j = k
				break
			}
		}
		if j < 0 && len(src.Funds) == len(dst.Funds) {
			j = i
		}
		if j < 0 {
			continue
		}
		d := &dst.Funds[j]
		for _, c := range []struct{ to, from *jixiao.Decimal }{{&d.Adjusted, &sf.Adjusted}, {&d.Executed, &sf.Executed}, {&d.ForecastExecuted, &sf.ForecastExecuted}} {
			if c.from.IsSet() {
				*c.to = *c.from
				n++
			}
		}
	}
	for i, si := range src.Indicators {
		j := -1
		for k := range dst.Indicators {
			if strings.TrimSpace(dst.Indicators[k].Name) == strings.TrimSpace(si.Name) {
				j = k
				break
			}
		}
		if j < 0 && len(src.Indicators) == len(dst.Indicators) {
			j = i
		}
		if j < 0 {
			continue
		}
		d := &dst.Indicators[j]
		if si.Actual.Text != "" {
			d.Actual, n = si.Actual, n+1
		}
		if si.Forecast.Text != "" {
			d.Forecast, n = si.Forecast, n+1
		}
		if si.Likelihood != jixiao.LikelihoodNone {
			d.Likelihood, n = si.Likelihood, n+1
		}
		if !si.Deviation.IsZero() {
			d.Deviation, n = si.Deviation, n+1
		}
		if si.Remedy != "" {
			d.Remedy, n = si.Remedy, n+1
		}
	}
	for i := range min(len(src.Goals), len(dst.Goals)) {
		if src.Goals[i].Actual != "" {
			dst.Goals[i].Actual, n = src.Goals[i].Actual, n+1
		}
	}
	if src.Deviation != "" {
		dst.Deviation, n = src.Deviation, n+1
	}
	if src.Remedy != "" {
		dst.Remedy, n = src.Remedy, n+1
	}
	return n
}
