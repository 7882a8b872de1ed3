package jixiao

// SelfEvaluation is one 绩效自评表: a project's (项目支出绩效自评表) or the department's
// (部门整体支出绩效自评表) year-end self-evaluation, as a unit files it. Every figure the
// table writes is kept as written — the unit's own 得分, 执行率 and 总分 included — so
// that the system's computed scores can stand beside them (package score) and a
// difference is reported, never silently replaced.
type SelfEvaluation struct {
	Title      string `json:"title"` // as written, e.g. 项目支出绩效自评表
	Year       int    `json:"year,omitempty"`
	Project    string `json:"project,omitempty"`    // 项目名称; empty for a department table
	Code       string `json:"code,omitempty"`       // 项目编码, when given
	Department string `json:"department,omitempty"` // 主管部门 / 预算部门
	Unit       string `json:"unit,omitempty"`       // 实施单位

	// Funds are the rows of the budget-execution part: 年度资金总额 first, then its
	// sources (其中：财政拨款, 上年结转资金, 其他资金 …) as the table lists them.
	Funds []FundExecution `json:"funds"`
	// Goals are 年度总体目标: what was expected and what was done.
	Goals []GoalOutcome `json:"goals,omitempty"`
	// Indicators are the indicator rows with their actuals.
	Indicators []IndicatorOutcome `json:"indicators"`

	WrittenWeight Decimal `json:"writtenWeight"` // 合计/总分 row's 分值, as written
	WrittenTotal  Decimal `json:"writtenTotal"`  // 总分 as written
	Grade         string  `json:"grade,omitempty"`
	Conclusion    string  `json:"conclusion,omitempty"` // 评价结论
	Problems      string  `json:"problems,omitempty"`   // 存在的问题
	Remedies      string  `json:"remedies,omitempty"`   // 改进措施
}

// FundExecution is one row of the budget-execution part of a self-evaluation (or
// monitoring) table. Amounts are in 万元 and exact; Rate is in percent as written.
type FundExecution struct {
	Name     string  `json:"name"`     // 年度资金总额, 财政拨款, 上年结转资金, 其他资金 …
	Initial  Decimal `json:"initial"`  // 年初预算数
	Adjusted Decimal `json:"adjusted"` // 全年预算数 / 调整后预算数 (A)
	Executed Decimal `json:"executed"` // 全年执行数 / 预算执行数 (B)
	Weight   Decimal `json:"weight"`   // 分值 / 权重
	Rate     Decimal `json:"rate"`     // 执行率 as written, percent
	Score    Decimal `json:"score"`    // 得分 as written
	Reason   string  `json:"reason,omitempty"`
	Path     string  `json:"-"` // where the row is, for messages (表1 第7行)
	// ExecutedAt is where the executed figure itself is, when read from a file (第31行,
	// 项目!D6): what a warning on the execution rate points at.
	ExecutedAt string `json:"-"`
}

// GoalOutcome is one 年度总体目标 row: 预期目标 and 实际完成情况.
type GoalOutcome struct {
	Expected string `json:"expected"`
	Actual   string `json:"actual"`
}

// IndicatorOutcome is an indicator row of a self-evaluation: the indicator with its
// target, what was achieved, its points and the unit's score.
type IndicatorOutcome struct {
	Indicator
	Actual    Target    `json:"actual"` // 实际完成值, read like a target
	Weight    Decimal   `json:"weight"` // 分值 / 权重
	Score     Decimal   `json:"score"`  // 得分 as written
	Direction Direction `json:"direction,omitempty"`
	Reason    string    `json:"reason,omitempty"` // 偏差原因分析及改进措施
	Where     string    `json:"-"`                // where the row is, for messages
}
