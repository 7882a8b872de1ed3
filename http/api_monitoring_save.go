package http

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
)

// apiMonitoringInput is the body of PUT /api/v1/plans/{id}/monitoring/{m}: the version
// read and the record as GET gave it, changed where the unit fills it in.
type apiMonitoringInput struct {
	Version int             `json:"version"`
	Record  json.RawMessage `json:"record"`
}

// apiMonitoringSave saves a monitoring record (PUT /api/v1/plans/{id}/monitoring/{m})
// over the version the client read (the body's version, or If-Match): 409 when stale,
// 423 once submitted, after the round's deadline or when the round is closed. Only what
// the unit fills in is taken from the body — per money row 全年预算数, 截至本期执行数,
// 全年预计执行数; per indicator 截至本期实际完成值, 全年预计完成值, 完成目标可能性, 偏差原因,
// 完善措施; the goals' progress and the table's texts — as on the form; the rows and
// targets must be the record's own (a change is refused, naming the field).
func apiMonitoringSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	m, err := s.monitoringEntry(ctx, r, c)
	if err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("monitoring:%d", m.ID)
	var in apiMonitoringInput
	if err := readJSON(r, &in); err != nil {
		return err
	}
	if in.Version == 0 {
		in.Version, _ = strconv.Atoi(strings.Trim(strings.TrimPrefix(r.Header.Get("If-Match"), "W/"), `"`))
	}
	if in.Version <= 0 {
		return jixiao.Errorf(jixiao.EINVALID, "请求体缺少“version”（或请求头 If-Match）：请填写读取时的版本号，以免覆盖他人的修改。")
	}
	if in.Version != m.Version {
		return jixiao.Errorf(jixiao.ECONFLICT, "绩效监控表已被他人修改：您读取的是第 %d 版，当前已是第 %d 版。请重新读取后再保存。", in.Version, m.Version)
	}
	round, err := s.store.MonitoringRoundByID(ctx, m.RoundID)
	if err != nil {
		return err
	}
	if err := s.monitoringLocked(round, true); err != nil {
		return err
	}
	if len(in.Record) == 0 || string(in.Record) == "null" {
		return jixiao.Errorf(jixiao.EINVALID, "请求体缺少“record”：请提交读取到的监控表并填写执行数和完成情况。")
	}
	if err := fillMonitoringJSON(&m.Record, in.Record); err != nil {
		return err
	}
	rs, err := monitoringRules(round.Rules)
	if err != nil {
		return err
	}
	judge(rs, m)
	m.Version = in.Version
	if err := s.store.SaveMonitoring(ctx, m, jixiao.SaveInfo{Author: c.user.Username, Reason: "填写绩效监控表（接口）"}); err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("接口保存%s，第 %d 版 → 第 %d 版，%s（%d 条预警）", monitoringTableName(m), in.Version, m.Version, levelLabel(m.Level), m.Alerts)
	w.Header().Set("ETag", fmt.Sprintf(`"%d"`, m.Version))
	return s.writeMonitoring(w, rs, m)
}

// fillMonitoringJSON puts what the unit fills in from the posted record (raw) into rec,
// as fillMonitoring does from the form; a figure that is not a number, an unknown
// 完成目标可能性, a text too long, or rows and targets not the record's are errors naming
// the field (record.funds[0].executed …).
func fillMonitoringJSON(rec *jixiao.MonitoringRecord, raw json.RawMessage) error {
	var in struct {
		Funds []struct {
			Name                                 string
			Adjusted, Executed, ForecastExecuted json.RawMessage
		} `json:"funds"`
		Goals []struct {
			Actual string `json:"actual"`
		} `json:"goals"`
		Indicators []jixiao.IndicatorProgress `json:"indicators"`
		Deviation  string                     `json:"deviation"`
		Remedy     string                     `json:"remedy"`
	}
	if err := json.Unmarshal(raw, &in); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return jixiao.WrapError(err, jixiao.EINVALID, "字段“record.%s”类型不对。", ute.Field)
		}
		return jixiao.WrapError(err, jixiao.EINVALID, "字段“record”不是有效的绩效监控表：请提交读取到的 record 并只修改填报的内容。")
	}
	if len(in.Funds) != len(rec.Funds) {
		return jixiao.Errorf(jixiao.EINVALID, "字段“record.funds”有 %d 行，监控表有 %d 行资金：资金行来自审核通过的绩效目标，不能增删。", len(in.Funds), len(rec.Funds))
	}
	num := func(v json.RawMessage, field, cell string) (jixiao.Decimal, error) {
		var d jixiao.Decimal
		if len(v) == 0 {
			return d, nil
		}
		if err := d.UnmarshalJSON(v); err != nil {
			return d, jixiao.WrapError(err, jixiao.EINVALID, "字段“%s”（%s）的 %s 不是数字。", field, cell, string(v))
		}
		return d, nil
	}
	text := func(v, field, cell string, max int) (string, error) {
		v = strings.TrimSpace(v)
		if len([]rune(v)) > max {
			return v, jixiao.Errorf(jixiao.ETOOLARGE, "字段“%s”（%s）不能超过 %d 字。", field, cell, max)
		}
		return v, nil
	}
	var err error
	for i, f := range in.Funds {
		out := &rec.Funds[i]
		at, cell := fmt.Sprintf("record.funds[%d].", i), "预算执行 · "+out.Name+" · "
		if f.Name != "" && f.Name != out.Name {
			return jixiao.Errorf(jixiao.EINVALID, "字段“%sname”是“%s”，监控表此行是“%s”：资金行不能改名或换序。", at, f.Name, out.Name)
		}
		if out.Adjusted, err = num(f.Adjusted, at+"adjusted", cell+"全年预算数"); err != nil {
			return err
		}
		if out.Executed, err = num(f.Executed, at+"executed", cell+"截至本期执行数"); err != nil {
			return err
		}
		if out.ForecastExecuted, err = num(f.ForecastExecuted, at+"forecastExecuted", cell+"全年预计执行数"); err != nil {
			return err
		}
	}
	if len(in.Goals) > len(rec.Goals) {
		return jixiao.Errorf(jixiao.EINVALID, "字段“record.goals”有 %d 项，监控表只有 %d 项目标。", len(in.Goals), len(rec.Goals))
	}
	for i, g := range in.Goals {
		if rec.Goals[i].Actual, err = text(g.Actual, fmt.Sprintf("record.goals[%d].actual", i), fmt.Sprintf("第 %d 项目标的执行情况", i+1), 2000); err != nil {
			return err
		}
	}
	if i := jixiao.SameProgressTargets(rec.Indicators, in.Indicators); i >= 0 {
		if i >= len(rec.Indicators) || i >= len(in.Indicators) {
			return jixiao.Errorf(jixiao.EINVALID, "字段“record.indicators”有 %d 行，监控表有 %d 行指标：指标来自审核通过的绩效目标，不能增删。", len(in.Indicators), len(rec.Indicators))
		}
		return jixiao.Errorf(jixiao.EINVALID, "字段“record.indicators[%d]”的指标或指标值与审核通过的绩效目标（“%s” %s）不一致：指标值不能在监控中修改，如需修改请提出调整。",
			i, rec.Indicators[i].Name, rec.Indicators[i].Target.Text)
	}
	for i := range in.Indicators {
		src, out := &in.Indicators[i], &rec.Indicators[i]
		at, cell := fmt.Sprintf("record.indicators[%d].", i), fmt.Sprintf("绩效指标 · 第%d行“%s” · ", i+1, out.Name)
		actual, err := text(src.Actual.Text, at+"actual.text", cell+"截至本期实际完成值", 200)
		if err != nil {
			return err
		}
		forecast, err := text(src.Forecast.Text, at+"forecast.text", cell+"全年预计完成值", 200)
		if err != nil {
			return err
		}
		out.Actual, out.Forecast = jixiao.Target{}, jixiao.Target{}
		if actual != "" {
			out.Actual = jixiao.ParseTarget(actual)
		}
		if forecast != "" {
			out.Forecast = jixiao.ParseTarget(forecast)
		}
		l, ok := jixiao.ParseLikelihood(string(src.Likelihood))
		if !ok {
			return jixiao.Errorf(jixiao.EINVALID, "字段“%slikelihood”（%s完成目标可能性）的“%s”无法识别：只能是 certain（确定能）、possible（有可能）或 impossible（完全不可能）。", at, cell, src.Likelihood)
		}
		out.Likelihood = l
		if out.Deviation.Category, err = text(src.Deviation.Category, at+"deviation.category", cell+"偏差原因类别", 40); err != nil {
			return err
		}
		if out.Deviation.Text, err = text(src.Deviation.Text, at+"deviation.text", cell+"偏差原因", 2000); err != nil {
			return err
		}
		if out.Remedy, err = text(src.Remedy, at+"remedy", cell+"完善措施", 2000); err != nil {
			return err
		}
	}
	if rec.Deviation, err = text(in.Deviation, "record.deviation", "偏差或不能完成目标原因分析", 4000); err != nil {
		return err
	}
	rec.Remedy, err = text(in.Remedy, "record.remedy", "相关建议或举措", 4000)
	return err
}
