// Package monitor holds the warnings (预警) of mid-year monitoring (绩效运行监控): pure
// functions over a jixiao.MonitoringRecord that return alerts, each yellow or red and
// pointing at its cell. The rules are data (rules/*.json, one set per region): which
// checks run, at which level, with which thresholds (序时进度 minus 10 points is yellow,
// minus 20 red; 执行率 over 100%; an actual at 1.5× its target) and the region's list
// of 偏差原因 categories. The checks themselves compare actuals with
// jixiao.CompareActual, the comparison the self-evaluation scores with.
//
// Why not check/'s rule packs: their expressions run over a plan's scopes (plan,
// table, item, indicator, amount) and see a target, never an actual beside it or the
// round's month; the monitoring checks need CompareActual and the time progress, which
// an expression would have to grow functions for. The packs' shape is kept — an id, a
// level, thresholds as data, one file per region — so that the two can merge once
// check/ has a record scope.
package monitor

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"

	"jixiao"
)

// Level is an alert's colour: yellow (黄色预警) or red (红色预警).
type Level string

// Levels.
const (
	Yellow Level = "yellow"
	Red    Level = "red"
)

// Label is the Chinese name of the level.
func (l Level) Label() string {
	if l == Red {
		return "红色预警"
	}
	return "黄色预警"
}

// Alert is one 预警: a finding of a monitoring rule.
type Alert struct {
	Rule    string `json:"rule"`
	Level   Level  `json:"level"`
	Path    string `json:"path"`            // the cell: funds[0].executed, indicators[2].forecast
	Where   string `json:"where,omitempty"` // the cell in the file read, when read from one
	Message string `json:"message"`         // one Chinese sentence
}

// Rule is one monitoring rule as the rule file writes it; which fields matter depends
// on the id.
type Rule struct {
	ID    string `json:"id"`
	Level Level  `json:"level"`
	// Points: execution.behind fires when 执行率 < 序时进度 − Points (percentage points).
	Points jixiao.Decimal `json:"points"`
	// Percent: execution.over fires when 执行率 > Percent.
	Percent jixiao.Decimal `json:"percent"`
	// Ratio: actual.far-above fires when 截至本期实际完成值 ≥ Ratio × 指标值.
	Ratio jixiao.Decimal `json:"ratio"`
}

// Rules is a region's set of monitoring rules.
type Rules struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Basis      string   `json:"basis"`
	Categories []string `json:"categories"` // 偏差原因 categories allowed
	Rules      []Rule   `json:"rules"`

	behind []Rule // execution.behind, largest Points first
}

// The checks known; a rule file naming another is refused.
var known = []string{"execution.behind", "execution.over", "forecast.below-target", "likelihood.no-reason", "likelihood.no-remedy", "likelihood.impossible", "deviation.category", "actual.far-above", "actual.unreadable"}

// DefaultRules is the national rule set (财预〔2019〕136号).
const DefaultRules = "national-2019"

//go:embed rules/*.json
var files embed.FS

// Lookup returns the embedded rule set with the given id.
func Lookup(id string) (*Rules, error) {
	data, err := fs.ReadFile(files, "rules/"+id+".json")
	if err != nil {
		ids, _ := IDs()
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "没有名为“%s”的监控预警规则；可用的有：%s。", id, strings.Join(ids, "、"))
	}
	return Parse(data)
}

// IDs lists the embedded rule sets.
func IDs() ([]string, error) {
	ents, err := fs.ReadDir(files, "rules")
	if err != nil {
		return nil, fmt.Errorf("read embedded rules: %w", err)
	}
	var ids []string
	for _, e := range ents {
		ids = append(ids, strings.TrimSuffix(e.Name(), ".json"))
	}
	return ids, nil
}

// Parse reads a rule set from JSON and checks it: every id known, every level yellow
// or red, the thresholds a rule needs present.
func Parse(data []byte) (*Rules, error) {
	var rs Rules
	if err := json.Unmarshal(data, &rs); err != nil {
		return nil, jixiao.WrapError(err, jixiao.EINVALID, "监控预警规则文件不是有效的 JSON。")
	}
	for i, r := range rs.Rules {
		if !slices.Contains(known, r.ID) {
			return nil, jixiao.Errorf(jixiao.EINVALID, "监控预警规则第%d条的编号“%s”无法识别。", i+1, r.ID)
		}
		if r.Level != Yellow && r.Level != Red {
			return nil, jixiao.Errorf(jixiao.EINVALID, "监控预警规则第%d条（%s）的级别应为“yellow”（黄色）或“red”（红色），而不是“%s”。", i+1, r.ID, r.Level)
		}
		need := map[string]jixiao.Decimal{"execution.behind": r.Points, "execution.over": r.Percent, "actual.far-above": r.Ratio}
		if d, ok := need[r.ID]; ok && !d.IsSet() {
			return nil, jixiao.Errorf(jixiao.EINVALID, "监控预警规则第%d条（%s）缺少阈值。", i+1, r.ID)
		}
		if r.ID == "execution.behind" {
			rs.behind = append(rs.behind, r)
		}
	}
	sort.SliceStable(rs.behind, func(i, j int) bool { return rs.behind[i].Points.Cmp(rs.behind[j].Points) > 0 })
	return &rs, nil
}

func (rs *Rules) rule(id string) (Rule, bool) {
	for _, r := range rs.Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Check returns the alerts of a record, in the order of the table: money rows first,
// then indicator rows. The round's month gives the 序时进度; a record whose round has
// no month (AsOf 0) is not checked against it.
func (rs *Rules) Check(rec *jixiao.MonitoringRecord) []Alert {
	var out []Alert
	out = rs.money(rec, out)
	return rs.indicators(rec, out)
}

// Worst is the worst level among the alerts, empty when there are none (绿色).
func Worst(alerts []Alert) Level {
	var w Level
	for _, a := range alerts {
		if a.Level == Red {
			return Red
		}
		w = Yellow
	}
	return w
}

func (rs *Rules) money(rec *jixiao.MonitoringRecord, out []Alert) []Alert {
	progress := rec.Round.TimeProgress()
	over, hasOver := rs.rule("execution.over")
	for i, f := range rec.Funds {
		where := f.Path
		if f.ExecutedAt != "" {
			where = f.ExecutedAt
		}
		budget := f.Budget()
		if !f.Executed.IsSet() || !budget.IsSet() || budget.Micros() <= 0 {
			continue
		}
		rate := f.ExecutionRate()
		if hasOver && rate.Cmp(over.Percent) > 0 {
			out = append(out, Alert{Rule: over.ID, Level: over.Level, Path: fmt.Sprintf("funds[%d].executed", i), Where: where,
				Message: fmt.Sprintf("“%s”执行数 %s 万元超过全年预算数 %s 万元，执行率 %s%% 高于 %s%%。", f.Name, f.Executed, budget, rate, over.Percent)})
		}
		if i > 0 || rec.Round.AsOf == 0 {
			continue // 序时进度 is watched on the total (年度资金总额), the first row
		}
		for _, r := range rs.behind {
			if rate.Cmp(progress.Sub(r.Points)) < 0 {
				out = append(out, Alert{Rule: r.ID, Level: r.Level, Path: fmt.Sprintf("funds[%d].executed", i), Where: where,
					Message: fmt.Sprintf("截至%d月底执行率 %s%%，低于序时进度 %s%% 超过 %s 个百分点。", rec.Round.AsOf, rate, progress, r.Points)})
				break
			}
		}
	}
	return out
}

func (rs *Rules) indicators(rec *jixiao.MonitoringRecord, out []Alert) []Alert {
	below, hasBelow := rs.rule("forecast.below-target")
	noReason, hasNoReason := rs.rule("likelihood.no-reason")
	noRemedy, hasNoRemedy := rs.rule("likelihood.no-remedy")
	impossible, hasImpossible := rs.rule("likelihood.impossible")
	category, hasCategory := rs.rule("deviation.category")
	far, hasFar := rs.rule("actual.far-above")
	unreadable, hasUnreadable := rs.rule("actual.unreadable")
	tableReason := strings.TrimSpace(rec.Deviation) != ""
	tableRemedy := strings.TrimSpace(rec.Remedy) != ""
	for i := range rec.Indicators {
		in := &rec.Indicators[i]
		at := func(cell string) string { return fmt.Sprintf("indicators[%d].%s", i, cell) }
		name := in.Name
		if hasBelow && strings.TrimSpace(in.Forecast.Text) != "" {
			if c := jixiao.CompareActual(in.Target, in.Forecast); c.Comparable && !c.Met {
				out = append(out, Alert{Rule: below.ID, Level: below.Level, Path: at("forecast"), Where: in.Where,
					Message: fmt.Sprintf("“%s”全年预计完成值“%s”达不到指标值“%s”。", name, in.Forecast.Text, in.Target.Text)})
			}
		}
		if hasImpossible && in.Likelihood == jixiao.LikelihoodImpossible {
			out = append(out, Alert{Rule: impossible.ID, Level: impossible.Level, Path: at("likelihood"), Where: in.Where,
				Message: fmt.Sprintf("“%s”的完成目标可能性为“完全不可能”，应分析原因并采取纠偏措施或按程序调整绩效目标。", name)})
		}
		if hasNoReason && (in.Likelihood == jixiao.LikelihoodPossible || in.Likelihood == jixiao.LikelihoodImpossible) &&
			in.Deviation.IsZero() && !tableReason {
			out = append(out, Alert{Rule: noReason.ID, Level: noReason.Level, Path: at("deviation"), Where: in.Where,
				Message: fmt.Sprintf("“%s”的完成目标可能性为“%s”，但未填写偏差原因。", name, in.Likelihood.Label())})
		}
		if hasNoRemedy && (in.Likelihood == jixiao.LikelihoodPossible || in.Likelihood == jixiao.LikelihoodImpossible) &&
			strings.TrimSpace(in.Remedy) == "" && !tableRemedy {
			out = append(out, Alert{Rule: noRemedy.ID, Level: noRemedy.Level, Path: at("remedy"), Where: in.Where,
				Message: fmt.Sprintf("“%s”的完成目标可能性为“%s”，但未填写完善措施（纠偏措施）。", name, in.Likelihood.Label())})
		}
		if hasCategory && in.Deviation.Category != "" && !slices.Contains(rs.Categories, in.Deviation.Category) {
			out = append(out, Alert{Rule: category.ID, Level: category.Level, Path: at("deviation.category"), Where: in.Where,
				Message: fmt.Sprintf("“%s”的偏差原因类别“%s”不在本地区的类别中（%s）。", name, in.Deviation.Category, strings.Join(rs.Categories, "、"))})
		}
		if hasUnreadable && in.Target.Kind != jixiao.TargetNotApplicable {
			for _, v := range []struct {
				cell, label string
				t           jixiao.Target
			}{{"actual", "截至本期实际完成值", in.Actual}, {"forecast", "全年预计完成值", in.Forecast}} {
				if v.t.Kind == jixiao.TargetUnreadable {
					out = append(out, Alert{Rule: unreadable.ID, Level: unreadable.Level, Path: at(v.cell), Where: in.Where,
						Message: fmt.Sprintf("“%s”的%s“%s”无法与指标值“%s”比较：请按指标值的写法填写数值和单位或定性结果。", name, v.label, v.t.Text, in.Target.Text)})
				}
			}
		}
		if hasFar && strings.TrimSpace(in.Actual.Text) != "" {
			if c := jixiao.CompareActual(in.Target, in.Actual); c.Numeric && c.Comparable && farAbove(c, far.Ratio) {
				out = append(out, Alert{Rule: far.ID, Level: far.Level, Path: at("actual"), Where: in.Where,
					Message: fmt.Sprintf("“%s”截至本期已完成“%s”，达到指标值“%s”的 %s 倍以上，指标值可能设定偏低。", name, in.Actual.Text, in.Target.Text, far.Ratio)})
			}
		}
	}
	return out
}

// farAbove: a more-is-better target (≥, >, or a bare figure) with a positive value,
// and an actual at ratio × the target or more.
func farAbove(c jixiao.Comparison, ratio jixiao.Decimal) bool {
	if c.Op == jixiao.OpLE || c.Op == jixiao.OpLT || c.Target.Micros() <= 0 {
		return false
	}
	return jixiao.Percent(c.Actual, c.Target).Cmp(ratio.MulInt(100)) >= 0
}
