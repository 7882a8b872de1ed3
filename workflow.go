package jixiao

import (
	"strings"
	"time"
)

// Action is a workflow transition a user asks for.
type Action string

// Workflow actions (填报 → 提交 → 单位负责人审核 → 财政审核 → 公开, and 调整 after approval).
const (
	ActSubmit      Action = "submit"       // 提交: the unit's filler sends a draft for review
	ActUnitApprove Action = "unit_approve" // 单位负责人审核通过
	ActUnitReturn  Action = "unit_return"  // 单位负责人退回
	ActApprove     Action = "approve"      // 财政审核通过
	ActReturn      Action = "return"       // 财政退回
	ActPublish     Action = "publish"      // 公开
	ActAdjust      Action = "adjust"       // 调整: reopen an approved or published plan as a new draft
)

// Label is the Chinese name of the action.
func (a Action) Label() string {
	switch a {
	case ActSubmit:
		return "提交"
	case ActUnitApprove:
		return "单位负责人审核通过"
	case ActUnitReturn:
		return "单位负责人退回"
	case ActApprove:
		return "财政审核通过"
	case ActReturn:
		return "财政退回"
	case ActPublish:
		return "公开"
	case ActAdjust:
		return "调整"
	}
	return string(a)
}

// transition is one edge of the workflow.
type transition struct {
	from   []Status
	to     Status
	role   Role
	reason bool // a written reason is required (returns)
}

var transitions = map[Action]transition{
	ActSubmit:      {from: []Status{Draft, Returned, StatusUnknown}, to: Submitted, role: RoleFiller},
	ActUnitApprove: {from: []Status{Submitted}, to: UnitApproved, role: RoleLeader},
	ActUnitReturn:  {from: []Status{Submitted}, to: Returned, role: RoleLeader, reason: true},
	ActApprove:     {from: []Status{UnitApproved}, to: Approved, role: RoleReviewer},
	ActReturn:      {from: []Status{UnitApproved, Approved}, to: Returned, role: RoleReviewer, reason: true},
	ActPublish:     {from: []Status{Approved}, to: Published, role: RoleReviewer},
	// An adjustment (调整) reopens an approved or published plan as a draft that goes
	// through the same review; the approved version stays visible beside it
	// (ReviewState.ApprovedVersion) until the adjustment is approved in its turn.
	ActAdjust: {from: []Status{Approved, Published}, to: Draft, role: RoleFiller, reason: true},
}

// Actions returns the actions in the order they happen in a plan's life.
func Actions() []Action {
	return []Action{ActSubmit, ActUnitApprove, ActUnitReturn, ActApprove, ActReturn, ActPublish, ActAdjust}
}

// Editable reports whether a plan in this state can be changed by its unit. Submitted and
// approved plans are read-only; changing an approved plan means opening an adjustment.
func (s Status) Editable() bool {
	return s == Draft || s == Returned || s == StatusUnknown
}

// NextStatus returns the state a plan moves to when a user with role performs the action,
// or an error in Chinese saying why it may not: wrong role (EFORBIDDEN), wrong state
// (ELOCKED) or a missing reason (EINVALID). Department ownership, deadlines and the checks
// are the caller's to enforce; this is the state machine alone.
func NextStatus(current Status, action Action, role Role, reason string) (Status, error) {
	t, ok := transitions[action]
	if !ok {
		return current, Errorf(EINVALID, "未知的操作“%s”。", action)
	}
	if role != t.role {
		return current, Errorf(EFORBIDDEN, "只有%s可以执行“%s”。", t.role.Label(), action.Label())
	}
	allowed := false
	for _, f := range t.from {
		if f == current {
			allowed = true
			break
		}
	}
	if !allowed {
		return current, Errorf(ELOCKED, "申报当前状态为“%s”，不能执行“%s”。", current.Label(), action.Label())
	}
	if t.reason && len([]rune(strings.TrimSpace(reason))) < 2 {
		return current, Errorf(EINVALID, "“%s”必须写明理由。", action.Label())
	}
	return t.to, nil
}

// AllowedActions returns the actions a user with role may perform on a plan in state s.
func AllowedActions(s Status, role Role) []Action {
	var out []Action
	for _, a := range Actions() {
		if _, err := NextStatus(s, a, role, "理由充分"); err == nil {
			out = append(out, a)
		}
	}
	return out
}

// NeedsReason reports whether the action must be given a written reason (returns and
// adjustments).
func (a Action) NeedsReason() bool { return transitions[a].reason }

// TransitionRecord is one recorded workflow step: who did what, when, and why.
type TransitionRecord struct {
	ID      int64     `json:"id"`
	PlanID  int64     `json:"planId"`
	Version int       `json:"version"` // the plan version the action was taken on
	Result  int       `json:"result"`  // the version the step created (set by the store)
	Action  Action    `json:"action"`
	From    Status    `json:"from"`
	To      Status    `json:"to"`
	Actor   string    `json:"actor"`
	Reason  string    `json:"reason"`
	Created time.Time `json:"created"`
}
