package score

import (
	"jixiao"
)

// Blank makes the self-evaluations a unit fills in at the year's end from its approved
// plan: one 部门整体支出绩效自评表 for the department table and one 项目支出绩效自评表 per
// fund item, each with the approved targets (年度指标值, read-only for the unit), the
// budget (年初预算数 and 全年预算数, to be corrected where the budget was adjusted) and
// the points of the rule spread over the indicators: each 一级's points (产出 50, 效益 30,
// 满意度 10) in equal shares, whole points where they divide, else hundredths, the
// remainder on the first rows, so that every table adds up to 100 with budget execution.
// An 一级 the rule does not know (成本 as an 一级 in some frameworks) shares the 产出
// points; the points of an 一级 the table lacks go to the first 一级 it has. Actuals,
// scores and reasons are left empty.
func (r *Rule) Blank(p *jixiao.Plan) []*jixiao.SelfEvaluation {
	unit := p.Submitter
	if unit == "" {
		unit = p.Department
	}
	var out []*jixiao.SelfEvaluation
	dept := &jixiao.SelfEvaluation{Title: "部门整体支出绩效自评表", Year: p.Year, Department: p.Department, Unit: unit}
	fin := p.Budget.GeneralBudget.Add(p.Budget.GovFund)
	dept.Funds = []jixiao.FundExecution{
		{Name: "年度资金总额", Initial: p.Budget.Total, Adjusted: p.Budget.Total, Weight: r.Execution.Points},
		{Name: "财政拨款", Initial: fin, Adjusted: fin},
		{Name: "上年结转资金"},
		{Name: "其他资金", Initial: p.Budget.OtherFunds, Adjusted: p.Budget.OtherFunds},
	}
	for _, k := range p.KeyTasks {
		g := k.Objective
		if k.Item != "" {
			g = k.Item + "：" + k.Objective
		}
		dept.Goals = append(dept.Goals, jixiao.GoalOutcome{Expected: g})
	}
	dept.Indicators = r.blankIndicators(p.Indicators)
	out = append(out, dept)
	for _, it := range p.AllProjects() { // the special funds' items, then standalone projects
		{
			e := &jixiao.SelfEvaluation{Title: "项目支出绩效自评表", Year: p.Year, Project: it.Name, Department: p.Department, Unit: unit}
			e.Funds = []jixiao.FundExecution{
				{Name: "年度资金总额", Initial: it.Amount, Adjusted: it.Amount, Weight: r.Execution.Points},
				{Name: "当年财政拨款", Initial: it.Amount, Adjusted: it.Amount},
				{Name: "上年结转资金"},
				{Name: "其他资金"},
			}
			if it.AnnualGoal != "" {
				e.Goals = []jixiao.GoalOutcome{{Expected: it.AnnualGoal}}
			}
			e.Indicators = r.blankIndicators(it.Indicators)
			out = append(out, e)
		}
	}
	return out
}

// blankIndicators copies the plan's indicators with the rule's points spread over them.
func (r *Rule) blankIndicators(ins []jixiao.Indicator) []jixiao.IndicatorOutcome {
	out := make([]jixiao.IndicatorOutcome, len(ins))
	if len(r.Weights) == 0 {
		for i := range ins {
			out[i].Indicator = ins[i]
		}
		return out
	}
	groups := make([][]int, len(r.Weights))
	for i := range ins {
		out[i].Indicator = ins[i]
		k := r.category(ins[i].Level1, ins[i].Level2)
		if k < 0 {
			k = 0
		}
		groups[k] = append(groups[k], i)
	}
	points := make([]jixiao.Decimal, len(r.Weights))
	first := -1
	for k, w := range r.Weights {
		points[k] = w.Points
		if first < 0 && len(groups[k]) > 0 {
			first = k
		}
	}
	if first < 0 {
		return out
	}
	for k := range r.Weights {
		if len(groups[k]) == 0 {
			points[first] = points[first].Add(points[k])
		}
	}
	for k, rows := range groups {
		if len(rows) == 0 {
			continue
		}
		for j, w := range share(points[k], len(rows)) {
			out[rows[j]].Weight = w
		}
	}
	return out
}

// share splits points into n shares that add up exactly: whole points when there are at
// least as many points as shares and they divide into whole numbers, else hundredths; the
// remainder goes one unit each to the first shares.
func share(points jixiao.Decimal, n int) []jixiao.Decimal {
	places := 2
	hund := points.Micros() / 10_000 // points in hundredths
	if hund%100 == 0 && hund/100 >= int64(n) {
		places = 0
	}
	units := hund
	if places == 0 {
		units = hund / 100
	}
	base, rem := units/int64(n), units%int64(n)
	out := make([]jixiao.Decimal, n)
	for i := range out {
		u := base
		if int64(i) < rem {
			u++
		}
		out[i] = jixiao.NewDecimal(u, places)
	}
	return out
}
