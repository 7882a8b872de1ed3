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
		return jixiao.Errorf(jixiao.EINVALID, "请求体缺少“version”（或请求头“If-Match”）：请填写读取时的版本号，以免覆盖他人的修改。")
	}
	if in.Version != m.Version {
		return jixiao.Errorf(jixiao.ECONFLICT, "绩效监控表已被他人修改：您读取的是第 %d 版，当前已是第 %d 版。请重新读取后再保存。", in.Version, m.Version)
	}
	round, err := s.store.MonitoringRoundByID(ctx, m.RoundID)
	if err != nil {
		return err
	}
	if err := s.monitoringLocked(round, m); err != nil {
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

// fillMonitoringJSON puts what the unit fills in from the posted record (raw) into rec
// through fillMonitoring, the form's fields named as the record's JSON fields in the
// messages (record.funds[0].executed …); the rows and targets must be the record's own.
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
		return jixiao.WrapError(err, jixiao.EINVALID, "字段“record”不是有效的绩效监控表：请提交读取到的“record”并只修改填报的内容。")
	}
	if len(in.Funds) != len(rec.Funds) {
		return jixiao.Errorf(jixiao.EINVALID, "字段“record.funds”有 %d 行，监控表有 %d 行资金：资金行来自审核通过的绩效目标，不能增删。", len(in.Funds), len(rec.Funds))
	}
	if len(in.Goals) > len(rec.Goals) {
		return jixiao.Errorf(jixiao.EINVALID, "字段“record.goals”有 %d 项，监控表只有 %d 项目标。", len(in.Goals), len(rec.Goals))
	}
	if i := jixiao.SameProgressTargets(rec.Indicators, in.Indicators); i >= 0 {
		if i >= len(rec.Indicators) || i >= len(in.Indicators) {
			return jixiao.Errorf(jixiao.EINVALID, "字段“record.indicators”有 %d 行，监控表有 %d 行指标：指标来自审核通过的绩效目标，不能增删。", len(in.Indicators), len(rec.Indicators))
		}
		return jixiao.Errorf(jixiao.EINVALID, "字段“record.indicators[%d]”的指标或指标值与审核通过的绩效目标（“%s” %s）不一致：指标值不能在监控中修改，如需修改请提出调整。",
			i, rec.Indicators[i].Name, rec.Indicators[i].Target.Text)
	}
	// The form's fields, and the JSON field each stands for.
	values, names := map[string]string{}, map[string]string{}
	put := func(field, name, v string) { values[field], names[field] = v, name }
	for i, f := range in.Funds {
		if f.Name != "" && f.Name != rec.Funds[i].Name {
			return jixiao.Errorf(jixiao.EINVALID, "字段“record.funds[%d].name”是“%s”，监控表此行是“%s”：资金行不能改名或换序。", i, f.Name, rec.Funds[i].Name)
		}
		at := fmt.Sprintf("record.funds[%d].", i)
		put(fmt.Sprintf("fa%d", i), at+"adjusted", jsonScalar(f.Adjusted))
		put(fmt.Sprintf("fe%d", i), at+"executed", jsonScalar(f.Executed))
		put(fmt.Sprintf("ff%d", i), at+"forecastExecuted", jsonScalar(f.ForecastExecuted))
	}
	for i, g := range in.Goals {
		put(fmt.Sprintf("ga%d", i), fmt.Sprintf("record.goals[%d].actual", i), g.Actual)
	}
	for i, x := range in.Indicators {
		at := fmt.Sprintf("record.indicators[%d].", i)
		put(fmt.Sprintf("ia%d", i), at+"actual.text", x.Actual.Text)
		put(fmt.Sprintf("if%d", i), at+"forecast.text", x.Forecast.Text)
		put(fmt.Sprintf("il%d", i), at+"likelihood", string(x.Likelihood))
		put(fmt.Sprintf("ic%d", i), at+"deviation.category", x.Deviation.Category)
		put(fmt.Sprintf("id%d", i), at+"deviation.text", x.Deviation.Text)
		put(fmt.Sprintf("ir%d", i), at+"remedy", x.Remedy)
	}
	put("deviation", "record.deviation", in.Deviation)
	put("remedy", "record.remedy", in.Remedy)
	return fillMonitoring(rec, func(f string) string { return values[f] }, func(f string) string { return "字段“" + names[f] + "”：" }).err()
}

// jsonScalar is a JSON string's text or a number as written; "" for null or nothing.
func jsonScalar(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	if t := strings.TrimSpace(string(v)); t != "null" {
		return t
	}
	return ""
}
