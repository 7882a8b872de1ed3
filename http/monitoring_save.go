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
	ferr := fillMonitoring(&m.Record, r.PostFormValue, nil)
	if ferr != nil || r.PostFormValue("op") == "resume" {
		m.Version = version // the form's version: saving it later is checked against it
		pg, err := s.monitoringView(ctx, c, m)
		if err != nil {
			return err
		}
		status := http.StatusOK
		if ferr != nil {
			pg.Message = jixiao.ErrorMessage(ferr)
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
// 完成目标可能性 or a text too long is an error naming its cell, after where(field) when
// where is set (the API names its JSON field so).
func fillMonitoring(rec *jixiao.MonitoringRecord, get func(field string) string, where func(field string) string) error {
	at := func(field string) string {
		if where == nil {
			return ""
		}
		return where(field)
	}
	num := func(field, cell string) (jixiao.Decimal, error) {
		v := strings.TrimSpace(get(field))
		if v == "" {
			return jixiao.Decimal{}, nil
		}
		d, err := jixiao.ParseDecimal(v)
		if err != nil {
			return d, jixiao.Errorf(jixiao.EINVALID, "%s%s填写的“%s”不是数字。", at(field), cell, v)
		}
		return d, nil
	}
	text := func(field, cell string, max int) (string, error) {
		v := strings.TrimSpace(get(field))
		if len([]rune(v)) > max {
			return v, jixiao.Errorf(jixiao.ETOOLARGE, "%s%s不能超过 %d 字。", at(field), cell, max)
		}
		return v, nil
	}
	var err error
	for i := range rec.Funds {
		f := &rec.Funds[i]
		cell := "预算执行 · " + f.Name + " · "
		if f.Adjusted, err = num(fmt.Sprintf("fa%d", i), cell+"全年预算数"); err != nil {
			return err
		}
		if f.Executed, err = num(fmt.Sprintf("fe%d", i), cell+"截至本期执行数"); err != nil {
			return err
		}
		if f.ForecastExecuted, err = num(fmt.Sprintf("ff%d", i), cell+"全年预计执行数"); err != nil {
			return err
		}
	}
	for i := range rec.Goals {
		if rec.Goals[i].Actual, err = text(fmt.Sprintf("ga%d", i), fmt.Sprintf("第 %d 项目标的执行情况", i+1), 2000); err != nil {
			return err
		}
	}
	for i := range rec.Indicators {
		in := &rec.Indicators[i]
		cell := fmt.Sprintf("绩效指标 · 第%d行“%s” · ", i+1, in.Name)
		actual, err := text(fmt.Sprintf("ia%d", i), cell+"截至本期实际完成值", 200)
		if err != nil {
			return err
		}
		forecast, err := text(fmt.Sprintf("if%d", i), cell+"全年预计完成值", 200)
		if err != nil {
			return err
		}
		in.Actual, in.Forecast = jixiao.Target{}, jixiao.Target{}
		if actual != "" {
			in.Actual = jixiao.ParseTarget(actual)
		}
		if forecast != "" {
			in.Forecast = jixiao.ParseTarget(forecast)
		}
		field := fmt.Sprintf("il%d", i)
		l, ok := jixiao.ParseLikelihood(get(field))
		if !ok {
			return jixiao.Errorf(jixiao.EINVALID, "%s%s完成目标可能性只能是确定能、有可能或完全不可能（接口中写“certain”“possible”“impossible”）。", at(field), cell)
		}
		in.Likelihood = l
		if in.Deviation.Category, err = text(fmt.Sprintf("ic%d", i), cell+"偏差原因类别", 40); err != nil {
			return err
		}
		if in.Deviation.Text, err = text(fmt.Sprintf("id%d", i), cell+"偏差原因", 2000); err != nil {
			return err
		}
		if in.Remedy, err = text(fmt.Sprintf("ir%d", i), cell+"完善措施", 2000); err != nil {
			return err
		}
	}
	if rec.Deviation, err = text("deviation", "偏差或不能完成目标原因分析", 4000); err != nil {
		return err
	}
	rec.Remedy, err = text("remedy", "相关建议或举措", 4000)
	return err
}
