// Package jixiao is the domain of a budget performance management system (预算绩效管理系统):
// the Plan a department files each year, its indicators and typed targets, exact money,
// the errors users see, and the interfaces of the stores that keep plans.
//
// Adapters live in packages of their own (textdoc, check, render, sqlite, postgres, http,
// …) and import this one; cmd/jixiao wires them together.
package jixiao

import "time"

// Plan is one department's performance targets for one budget year (绩效目标申报): the
// department table (部门整体支出绩效目标表), the fund summary (专项资金预算绩效目标汇总表) and one
// project table per Project — grouped under a SpecialFund (the seed's 附件3 专项资金支出方向绩效目标表)
// or standing alone (a 项目支出绩效目标表, in Projects).
type Plan struct {
	ID             int64  `json:"id,omitempty"`
	Department     string `json:"department"`               // 部门名称
	DepartmentCode string `json:"departmentCode,omitempty"` // 单位编码, when known
	Submitter      string `json:"submitter,omitempty"`      // 填报单位, as written (often the same as Department)
	Year           int    `json:"year"`                     // 预算年度
	Framework      string `json:"framework,omitempty"`      // 指标体系 the plan follows, e.g. hunan-2021
	Status         Status `json:"status,omitempty"`
	Version        int    `json:"version,omitempty"` // store version the plan was read at; 0 for a new plan

	Budget     Budget      `json:"budget"`         // 年度预算申请
	Duties     string      `json:"duties"`         // 部门职责概述
	Goal       string      `json:"goal,omitempty"` // 年度总体绩效目标 of a department-wide table that states one
	KeyTasks   []KeyTask   `json:"keyTasks"`       // 年度重点工作计划
	Indicators []Indicator `json:"indicators"`     // 年度绩效指标 of the department table

	FundAuthority string        `json:"fundAuthority,omitempty"` // 项目主管部门, as written on the summary table
	FundsTotal    Amount        `json:"fundsTotal"`              // 合计 row of the summary table, as written; empty when not stated
	SpecialFunds  []SpecialFund `json:"specialFunds"`            // 专项资金

	// Projects are the project tables (项目支出绩效目标表) that belong to no special fund, in
	// the order of the document.
	Projects []Project `json:"projects,omitempty"`

	// Other are labels of the department-wide table a Plan has no field for, as written.
	Other []LabelValue `json:"other,omitempty"`

	// Links are the user-confirmed roll-up links between department indicators and the item
	// indicators they sum (the check package proposes them).
	Links []RollupLink `json:"links,omitempty"`
}

// Budget is the 年度预算申请 block of the department table, in 万元. An empty Amount is a
// cell that says nothing.
type Budget struct {
	Total         Amount `json:"total"`         // 资金总额
	GeneralBudget Amount `json:"generalBudget"` // 一般公共预算拨款
	GovFund       Amount `json:"govFund"`       // 政府性基金拨款
	OtherFunds    Amount `json:"otherFunds"`    // 其他资金
	Basic         Amount `json:"basic"`         // 基本支出
	Project       Amount `json:"project"`       // 项目支出
}

// KeyTask is one row of 年度重点工作计划.
type KeyTask struct {
	Item      string `json:"item"`      // 事项
	Owner     string `json:"owner"`     // 责任单位/科室
	Objective string `json:"objective"` // 工作目标

	// Spending and SpendingAmount are the 支出项目名称 and 预算金额（万元）, as written, of a
	// table whose 年度履职目标 ties each task to its spending (福建).
	Spending       string `json:"spending,omitempty"`
	SpendingAmount string `json:"spendingAmount,omitempty"`
}

// TaskMoney reports whether any of the tasks names its 支出项目 (spending) and whether any
// has its 预算金额 (amount): the task tables then have those columns.
func TaskMoney(ts []KeyTask) (spending, amount bool) {
	for _, t := range ts {
		spending, amount = spending || t.Spending != "", amount || t.SpendingAmount != ""
	}
	return spending, amount
}

// SpecialFund is one 专项资金 (所属专项), e.g. 业务性专项经费, and its items.
type SpecialFund struct {
	Name   string    `json:"name"`
	Amount Amount    `json:"amount"` // 金额 of its group row in the summary table, as written
	Items  []Project `json:"items"`
}

// FundItemSummary is one item row of 专项资金预算绩效目标汇总表, as written.
type FundItemSummary struct {
	No         string `json:"no,omitempty"` // 序号
	Amount     Amount `json:"amount"`       // 金额
	PeriodGoal string `json:"periodGoal"`   // 实施期绩效目标
	AnnualGoal string `json:"annualGoal"`   // 年度绩效目标
}

// Indicator is one row of a 年度绩效指标 table. The columns after Note are those of the
// national and provincial layouts; empty when the table has no such column.
type Indicator struct {
	Level1 string `json:"level1"` // 一级指标
	Level2 string `json:"level2"` // 二级指标
	Name   string `json:"name"`   // 三级指标
	Target Target `json:"target"` // 指标值
	Note   string `json:"note"`   // 备注

	Weight      string    `json:"weight,omitempty"`      // 权重 / 分值, as written (see WeightValue)
	Direction   Direction `json:"direction,omitempty"`   // 指标方向 正向 / 反向
	Kind        string    `json:"kind,omitempty"`        // 指标值类型 定量 / 定性, as written
	Standard    string    `json:"standard,omitempty"`    // 绩效标准 / 取值依据: 计划标准, 行业标准, …
	Explanation string    `json:"explanation,omitempty"` // 指标解释 / 指标值内容
	ScoringRule string    `json:"scoringRule,omitempty"` // 评(扣)分标准

	// Written keeps the separate columns a Target was built from (指标性质 | 指标值 | 度量单位),
	// as written; nil when the 指标值 stood in one cell (then Target.Text is as written).
	Written *WrittenTarget `json:"written,omitempty"`

	// Other are the row's values under columns an Indicator has no field for, by their
	// header as written: a half-year target beside the year's (江苏: 半年(程)指标值), last
	// year's actual value (黄石: 2021年实际实现值).
	Other []LabelValue `json:"other,omitempty"`
}

// WrittenTarget is a 指标值 written across the national layout's columns.
type WrittenTarget struct {
	Nature string `json:"nature,omitempty"` // 指标性质: ≥ ≤ = 定性
	Value  string `json:"value,omitempty"`  // 指标值 / 目标值
	Unit   string `json:"unit,omitempty"`   // 度量单位 / 计量单位
}

// RollupLink says that a department indicator (or one part of its compound target) is the
// sum of some item indicators (or parts of them). Paths are as in Finding.Path.
type RollupLink struct {
	Department string   `json:"department"` // e.g. indicators[0].target.parts[0]
	Items      []string `json:"items"`      // e.g. specialFunds[0].items[0].indicators[0].target.parts[0]
	Confirmed  bool     `json:"confirmed"`  // set by a user rather than proposed
}

// Status is the workflow state of a plan.
type Status string

// Workflow states (填报 / 提交 / 退回 / 审核通过 / 公开).
const (
	Draft         Status = "draft"         // 草稿
	Submitted     Status = "submitted"     // 已提交, waiting for the unit leader
	UnitApproved  Status = "unit_approved" // 单位负责人已审核, waiting for the finance bureau
	Returned      Status = "returned"      // 已退回 (back in the filler's hands)
	Approved      Status = "approved"      // 已通过
	Published     Status = "published"     // 已公开
	StatusUnknown Status = ""              // not stored yet
)

// Label is the Chinese name of the state for the user interface.
func (s Status) Label() string {
	switch s {
	case Draft, StatusUnknown:
		return "草稿"
	case Submitted:
		return "已提交"
	case UnitApproved:
		return "单位已审核"
	case Returned:
		return "已退回"
	case Approved:
		return "已通过"
	case Published:
		return "已公开"
	}
	return string(s)
}

// Revision is one immutable saved state of a plan: who saved it, when and why.
type Revision struct {
	PlanID  int64     `json:"planId"`
	Version int       `json:"version"`
	Author  string    `json:"author"`
	Reason  string    `json:"reason"`
	Created time.Time `json:"created"`
}

// Items returns every project of the plan's special funds in order (not Plan.Projects;
// see AllProjects).
func (p *Plan) Items() []*Project {
	var out []*Project
	for i := range p.SpecialFunds {
		for j := range p.SpecialFunds[i].Items {
			out = append(out, &p.SpecialFunds[i].Items[j])
		}
	}
	return out
}

// IndicatorCount returns the number of indicator rows in all tables of the plan.
func (p *Plan) IndicatorCount() int {
	n := len(p.Indicators)
	for _, f := range p.SpecialFunds {
		for _, it := range f.Items {
			n += len(it.Indicators)
		}
	}
	for _, pr := range p.Projects {
		n += len(pr.Indicators)
	}
	return n
}
