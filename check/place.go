package check

import (
	"regexp"
	"strconv"
	"strings"
)

// Place names a cell of a plan in words, as a person finds it on the printed tables:
// "部门整体表 · 年度绩效指标 · 第6行 指标值" for indicators[5].target. Findings, comments
// and explanations are stored under the code path (the key the editors and the checks
// share); people read this. An unknown path is returned as it is.
func Place(path string) string {
	segs := pathSegRe.FindAllStringSubmatch(path, -1)
	if len(segs) == 0 {
		return path
	}
	var out []string
	table := "部门整体表"
	i := 0
	next := func() (string, int, bool) {
		if i >= len(segs) {
			return "", 0, false
		}
		s := segs[i]
		i++
		n := -1
		if s[2] != "" {
			n, _ = strconv.Atoi(s[2])
		}
		return s[1], n, true
	}
	name, n, _ := next()
	// member reads what follows a project or a fund's item: a field of it (the place is
	// complete, returned with true) or its indicators (n is then the row, if any).
	member := func() (string, bool) {
		var ok bool
		if name, n, ok = next(); !ok {
			return strings.Join(out, " · "), true
		}
		if name != "indicators" {
			out = append(out, fieldWords(name))
			for f, _, ok := next(); ok; f, _, ok = next() {
				out = append(out, fieldWords(f))
			}
			return strings.Join(out, " · "), true
		}
		out = append(out, "绩效指标")
		return "", false
	}
	switch name {
	case "budget":
		out = append(out, table, "年度预算申请")
		if f, _, ok := next(); ok {
			out = append(out, fieldWords(f))
		}
		return strings.Join(out, " · ")
	case "projects":
		out = append(out, "项目支出绩效目标表")
		if n >= 0 {
			out = append(out, "第"+strconv.Itoa(n+1)+"个项目")
		}
		if done, ok := member(); ok {
			return done
		}
	case "duties":
		return table + " · 部门职责概述"
	case "keyTasks":
		out = append(out, table, "年度重点工作计划")
	case "indicators":
		out = append(out, table, "年度绩效指标")
	case "specialFunds":
		table = "专项资金绩效目标表"
		out = append(out, table)
		if n >= 0 {
			out = append(out, "第"+strconv.Itoa(n+1)+"项专项资金")
		}
		sub, m, ok := next()
		if !ok {
			return strings.Join(out, " · ")
		}
		if sub != "items" {
			out = append(out, fieldWords(sub))
			return strings.Join(out, " · ")
		}
		if m >= 0 {
			out = append(out, "第"+strconv.Itoa(m+1)+"个支出方向")
		}
		if done, ok := member(); ok {
			return done
		}
	default:
		return path
	}
	if n < 0 {
		return strings.Join(out, " · ")
	}
	cell := "第" + strconv.Itoa(n+1) + "行"
	for f, _, ok := next(); ok; f, _, ok = next() {
		cell += " " + fieldWords(f)
	}
	return strings.Join(append(out, cell), " · ")
}

var pathSegRe = regexp.MustCompile(`([A-Za-z]+)(?:\[(\d+)\])?`)

// fieldWords is the column a field of the plan is written in.
func fieldWords(f string) string {
	if w, ok := fieldNames[f]; ok {
		return w
	}
	return f
}

var fieldNames = map[string]string{
	"target": "指标值", "name": "名称", "level1": "一级指标", "level2": "二级指标", "note": "备注",
	"item": "事项", "owner": "责任单位", "objective": "工作目标", "parts": "分项",
	"total": "资金总额", "generalBudget": "一般公共预算拨款", "govFund": "政府性基金拨款", "otherFunds": "其他资金",
	"basic": "基本支出", "project": "项目支出", "amount": "金额", "period": "实施期",
	"periodGoal": "实施期绩效目标", "annualGoal": "年度绩效目标", "summary": "汇总表",
	"code": "项目编码", "authority": "主管部门", "unit": "实施单位", "funds": "资金来源", "weight": "权重",
	"direction": "指标方向", "kind": "指标值类型", "standard": "绩效标准", "explanation": "指标解释", "scoringRule": "评(扣)分标准",
}
