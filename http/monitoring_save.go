package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
)

// monitoringSave saves the form of one monitoring record (POST
// /plans/{id}/monitoring/{m}) as a new version, read at the version the form was made
// from, with its warnings judged again and their level kept for the board. Targets are
// not in the form: they are the approved plan's, changed only by an adjustment. The op
// "resume" (a form kept over an expired session) shows the posted form without saving.
func monitoringSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	m, err := s.monitoringEntry(ctx, r, c)
	if err != nil {
		return err
	}
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || version <= 0 {
		return jixiao.Errorf(jixiao.EINVALID, "缺少绩效监控表的版本号，请刷新页面后重试。")
	}
	ps := fillMonitoring(&m.Record, r.PostFormValue, nil)
	ferr := ps.err()
	if ferr != nil || r.PostFormValue("op") == "resume" {
		m.Version = version // the form's version: saving it later is checked against it
		pg, err := s.monitoringView(ctx, c, m)
		if err != nil {
			return err
		}
		status := http.StatusOK
		if ferr != nil {
			pg.Message = jixiao.ErrorMessage(ferr)
			pg.showProblems(ps)
			c.auditDetail = "保存被拒：" + pg.Message
			status = http.StatusUnprocessableEntity
		} else {
			pg.ResumeNotice = true
		}
		s.render(w, r, c, status, "monitoring", pg)
		return nil
	}
	round, err := s.store.MonitoringRoundByID(ctx, m.RoundID)
	if err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("monitoring:%d", m.ID)
	if err := s.monitoringLocked(round, m); err != nil {
		return err
	}
	rs, err := monitoringRules(round.Rules)
	if err != nil {
		return err
	}
	judge(rs, m)
	m.Version = version
	if err := s.store.SaveMonitoring(ctx, m, jixiao.SaveInfo{Author: c.user.Username, Reason: "填写绩效监控表"}); err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("monitoring:%d", m.ID)
	c.auditDetail = fmt.Sprintf("保存%s，第 %d 版，%s（%d 条预警）", monitoringTableName(m), m.Version, levelLabel(m.Level), m.Alerts)
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/monitoring/%d?done=save", m.PlanID, m.ID), http.StatusSeeOther)
	return nil
}

// fillMonitoring puts what the unit fills in into rec, each value read by get under its
// form field's name: per money row 全年预算数 (fa0), 截至本期执行数 (fe0) and 全年预计执行数
// (ff0); per indicator 截至本期实际完成值 (ia0), 全年预计完成值 (if0) (read like targets),
// 完成目标可能性 (il0), 偏差原因 (ic0, id0) and 完善措施 (ir0); goals' progress (ga0) and the
// table's texts (deviation, remedy). A figure that is not a number, an unknown
// 完成目标可能性 or a text too long is a problem naming its cell, after where(field) when
// where is set (the API names its JSON field so); every cell is read, so a refused form
// keeps all that was typed.
func fillMonitoring(rec *jixiao.MonitoringRecord, get func(field string) string, where func(field string) string) fieldProblems {
	at := func(field string) string {
		if where == nil {
			return ""
		}
		return where(field)
	}
	var ps fieldProblems
	num := func(field, cell string) jixiao.Decimal {
		v := strings.TrimSpace(get(field))
		if v == "" {
			return jixiao.Decimal{}
		}
		d, err := jixiao.ParseDecimal(v)
		if err != nil {
			ps.add(field, v, jixiao.Errorf(jixiao.EINVALID, "%s%s填写的“%s”不是数字。", at(field), cell, v))
		}
		return d
	}
	text := func(field, cell string, max int) string {
		v := strings.TrimSpace(get(field))
		if len([]rune(v)) > max {
			ps.add(field, v, jixiao.Errorf(jixiao.ETOOLARGE, "%s%s不能超过 %d 字。", at(field), cell, max))
		}
		return v
	}
	for i := range rec.Funds {
		f := &rec.Funds[i]
		cell := "预算执行 · " + f.Name + " · "
		f.Adjusted = num(fmt.Sprintf("fa%d", i), cell+"全年预算数")
		f.Executed = num(fmt.Sprintf("fe%d", i), cell+"截至本期执行数")
		f.ForecastExecuted = num(fmt.Sprintf("ff%d", i), cell+"全年预计执行数")
	}
	for i := range rec.Goals {
		rec.Goals[i].Actual = text(fmt.Sprintf("ga%d", i), fmt.Sprintf("第 %d 项目标的执行情况", i+1), 2000)
	}
	for i := range rec.Indicators {
		in := &rec.Indicators[i]
		cell := fmt.Sprintf("绩效指标 · 第%d行“%s” · ", i+1, in.Name)
		actual := text(fmt.Sprintf("ia%d", i), cell+"截至本期实际完成值", 200)
		forecast := text(fmt.Sprintf("if%d", i), cell+"全年预计完成值", 200)
		in.Actual, in.Forecast = jixiao.Target{}, jixiao.Target{}
		if actual != "" {
			in.Actual = jixiao.ParseTarget(actual)
		}
		if forecast != "" {
			in.Forecast = jixiao.ParseTarget(forecast)
		}
		field := fmt.Sprintf("il%d", i)
		if l, ok := jixiao.ParseLikelihood(get(field)); ok {
			in.Likelihood = l
		} else {
			ps.add(field, get(field), jixiao.Errorf(jixiao.EINVALID, "%s%s完成目标可能性只能是确定能、有可能或完全不可能（接口中写“certain”“possible”“impossible”）。", at(field), cell))
		}
		in.Deviation.Category = text(fmt.Sprintf("ic%d", i), cell+"偏差原因类别", 40)
		in.Deviation.Text = text(fmt.Sprintf("id%d", i), cell+"偏差原因", 2000)
		in.Remedy = text(fmt.Sprintf("ir%d", i), cell+"完善措施", 2000)
	}
	rec.Deviation = text("deviation", "偏差或不能完成目标原因分析", 4000)
	rec.Remedy = text("remedy", "相关建议或举措", 4000)
	return ps
}

// showProblems puts each refused cell of a monitoring form back as it was typed, with
// its message beside it.
func (pg *monitoringPage) showProblems(ps fieldProblems) {
	for _, p := range ps {
		prefix, i := splitField(p.Field)
		switch {
		case prefix == "fa" && i < len(pg.Funds):
			pg.Funds[i].Adjusted, pg.Funds[i].AdjustedAlerts = p.Raw, append(pg.Funds[i].AdjustedAlerts, p.mark())
		case prefix == "fe" && i < len(pg.Funds):
			pg.Funds[i].Executed, pg.Funds[i].ExecutedAlerts = p.Raw, append(pg.Funds[i].ExecutedAlerts, p.mark())
		case prefix == "ff" && i < len(pg.Funds):
			pg.Funds[i].Forecast, pg.Funds[i].Rest = p.Raw, append(pg.Funds[i].Rest, p.mark())
		case prefix == "ia" && i < len(pg.Indicators):
			pg.Indicators[i].ActualAlerts = append(pg.Indicators[i].ActualAlerts, p.mark())
		case prefix == "if" && i < len(pg.Indicators):
			pg.Indicators[i].ForecastAlerts = append(pg.Indicators[i].ForecastAlerts, p.mark())
		case prefix == "il" && i < len(pg.Indicators):
			pg.Indicators[i].LikelihoodAlerts = append(pg.Indicators[i].LikelihoodAlerts, p.mark())
		case (prefix == "ic" || prefix == "id") && i < len(pg.Indicators):
			pg.Indicators[i].DeviationAlerts = append(pg.Indicators[i].DeviationAlerts, p.mark())
		case prefix == "ir" && i < len(pg.Indicators):
			pg.Indicators[i].RemedyAlerts = append(pg.Indicators[i].RemedyAlerts, p.mark())
		}
	}
}
