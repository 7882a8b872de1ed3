package jixiao

import "strconv"

// SelfEvaluationsOf returns the blank self-evaluations of an approved plan, one per table:
// the department table first, then every fund item in order. Targets and the budget
// figures the plan has (年初预算数, also taken as 全年预算数 until the unit changes it) are
// copied; actuals, scores and texts are the unit's to fill.
func SelfEvaluationsOf(p *Plan) []SelfEvaluation {
	out := []SelfEvaluation{{
		Title: "部门整体支出绩效自评表", Year: p.Year, Department: p.Department, Unit: p.Department,
		Funds: []FundExecution{
			{Name: "年度资金总额", Initial: p.Budget.Total, Adjusted: p.Budget.Total},
			{Name: "其中：财政拨款", Initial: p.Budget.GeneralBudget.Add(p.Budget.GovFund), Adjusted: p.Budget.GeneralBudget.Add(p.Budget.GovFund)},
			{Name: "其他资金", Initial: p.Budget.OtherFunds, Adjusted: p.Budget.OtherFunds},
		},
		Goals:      goalsOf(p),
		Indicators: outcomesOf(p.Indicators),
	}}
	for _, it := range p.Items() {
		se := SelfEvaluation{Title: "项目支出绩效自评表", Year: p.Year, Project: it.Name,
			Department: p.Department, Unit: p.Department,
			Funds: []FundExecution{
				{Name: "年度资金总额", Initial: it.Amount, Adjusted: it.Amount},
				{Name: "其中：财政拨款"},
				{Name: "其他资金"},
			},
			Indicators: outcomesOf(it.Indicators)}
		if it.AnnualGoal != "" {
			se.Goals = []GoalOutcome{{Expected: it.AnnualGoal}}
		}
		out = append(out, se)
	}
	return out
}

func goalsOf(p *Plan) []GoalOutcome {
	var out []GoalOutcome
	for i, k := range p.KeyTasks {
		text := k.Objective
		if k.Item != "" {
			text = k.Item + "：" + k.Objective
		}
		if text == "" {
			text = "重点工作 " + strconv.Itoa(i+1)
		}
		out = append(out, GoalOutcome{Expected: text})
	}
	return out
}

func outcomesOf(ins []Indicator) []IndicatorOutcome {
	out := make([]IndicatorOutcome, len(ins))
	for i, in := range ins {
		out[i] = IndicatorOutcome{Indicator: in}
	}
	return out
}

// SameTargets reports the first indicator whose 一级/二级/三级 or 指标值 differs between
// a and b (-1 when none, or len when the counts differ): targets come from the approved
// plan and are read-only in a self-evaluation.
func SameTargets(a, b []IndicatorOutcome) int {
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	for i := range a {
		x, y := &a[i].Indicator, &b[i].Indicator
		if x.Level1 != y.Level1 || x.Level2 != y.Level2 || x.Name != y.Name || x.Target.Text != y.Target.Text {
			return i
		}
	}
	return -1
}
