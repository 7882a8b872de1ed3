package http

import (
	"context"
	"slices"

	"jixiao"
)

// action is something a user may be allowed to do.
type action int

// Actions; each is granted in roleActions and checked by authorize.
const (
	actNone       action = iota
	actSignedIn          // any signed-in user: sign out, change password
	actReadPlan          // read plans of departments in one's subtree
	actEditPlan          // change a plan of one's subtree while it is a draft
	actCreatePlan        // create a plan for a department of one's subtree
	actAdmin             // manage departments and accounts
	actWorkflow          // take a workflow step on a plan of one's subtree (which step: jixiao.NextStatus)
	actComment           // comment on cells of a plan of one's subtree (财政审核)
	actAnswer            // answer comments on a plan of one's subtree (单位填报)
	actDeadlines         // set the region's deadlines and grant exceptions (财政审核)
	actBoard             // the region's status board and its export (财政审核)
	actDashboard         // the dashboard of one's region or units (财政审核, 单位负责人)
	actAudit             // read the audit log (审计管理员)
	actSecurity          // security settings: the password policy, unlocking accounts (安全管理员)
	actSelfEval          // fill in the self-evaluations (绩效自评) of a plan of one's subtree (单位填报)
	actRecheck           // re-check (复核) the self-evaluation scores of one's region (财政审核)
	actMonitor           // fill in the monitoring records (绩效运行监控) of a plan of one's subtree and propose adjustments (单位填报)
	actLibrary           // browse, edit, import and export the indicator library (财政审核)
)

func (a action) String() string {
	switch a {
	case actSignedIn:
		return "signed-in"
	case actReadPlan:
		return "read-plan"
	case actEditPlan:
		return "edit-plan"
	case actCreatePlan:
		return "create-plan"
	case actAdmin:
		return "admin"
	case actWorkflow:
		return "workflow"
	case actComment:
		return "comment"
	case actAnswer:
		return "answer"
	case actDeadlines:
		return "deadlines"
	case actBoard:
		return "board"
	case actDashboard:
		return "dashboard"
	case actAudit:
		return "audit"
	case actSecurity:
		return "security"
	case actSelfEval:
		return "selfeval"
	case actRecheck:
		return "recheck"
	case actMonitor:
		return "monitor"
	case actLibrary:
		return "library"
	}
	return "none"
}

// roleActions grants actions to roles. 三员分立 (GB/T 22239-2019 8.1.4.2): the system
// administrator manages departments and accounts and reads no plans and no audit log;
// the security administrator sets the password policy and unlocks accounts; the audit
// administrator reads the audit log and nothing else. No role may change or delete an
// audit entry: there is no such route.
var roleActions = map[jixiao.Role]map[action]bool{
	jixiao.RoleAdmin:    {actSignedIn: true, actAdmin: true},
	jixiao.RoleSecurity: {actSignedIn: true, actSecurity: true},
	jixiao.RoleAuditor:  {actSignedIn: true, actAudit: true},
	jixiao.RoleReviewer: {actSignedIn: true, actReadPlan: true, actWorkflow: true, actComment: true, actDeadlines: true, actBoard: true, actDashboard: true, actRecheck: true, actLibrary: true},
	jixiao.RoleFiller:   {actSignedIn: true, actReadPlan: true, actEditPlan: true, actCreatePlan: true, actWorkflow: true, actAnswer: true, actSelfEval: true, actMonitor: true},
	jixiao.RoleLeader:   {actSignedIn: true, actReadPlan: true, actWorkflow: true, actDashboard: true},
}

// planScoped reports whether the action is limited to the user's department subtree.
func planScoped(a action) bool {
	switch a {
	case actReadPlan, actEditPlan, actCreatePlan, actWorkflow, actComment, actAnswer, actSelfEval, actRecheck, actMonitor:
		return true
	}
	return false
}

// authorize is the one access decision of the application: may the signed-in user of c
// do a, on dept (the department of the plan concerned; nil for a check of the role
// alone), given the plan's state st? It returns nil, or an *jixiao.Error with EFORBIDDEN
// or, for a plan that is not a draft, ELOCKED. Handlers never decide access themselves.
func authorize(ctx context.Context, c *reqCtx, a action, dept *jixiao.Department, st jixiao.Status) error {
	if c.user == nil {
		return jixiao.Errorf(jixiao.EUNAUTHORIZED, "请先登录。")
	}
	if c.user.Disabled {
		return jixiao.Errorf(jixiao.EFORBIDDEN, "账号已停用。")
	}
	if !roleActions[c.user.Role][a] {
		return jixiao.Errorf(jixiao.EFORBIDDEN, "“%s”角色无权进行此操作。", c.user.Role.Label())
	}
	if dept == nil || !planScoped(a) {
		return nil
	}
	in, err := c.inSubtree(ctx, dept.ID)
	if err != nil {
		return err
	}
	if !in {
		return jixiao.Errorf(jixiao.EFORBIDDEN, "无权访问“%s”的绩效目标：只能访问本单位及下属单位的数据。", dept.Name)
	}
	if a == actEditPlan {
		if !editable(st) {
			if c.plan != nil && c.plan.Status == st {
				return jixiao.Errorf(jixiao.ELOCKED, "%s", c.stateLockReason(ctx))
			}
			return jixiao.Errorf(jixiao.ELOCKED, "绩效目标处于“%s”状态，不能修改。", st.Label())
		}
		if c.deadline.Locked {
			return jixiao.Errorf(jixiao.ELOCKED, "%s", c.deadline.Reason)
		}
	}
	return nil
}

// stateLockReason says why the plan of c is read-only because of its state, and who put
// it there, by name (姓名) as pages show people, the username when the account has none:
// "绩效目标处于“已提交”状态（由 张三 于 2021-01-05 10:00 提交），…".
func (c *reqCtx) stateLockReason(ctx context.Context) string {
	st := c.plan.Status
	msg := "绩效目标处于“" + st.Label() + "”状态"
	if c.review != nil && c.review.LastTransition != nil && c.review.LastTransition.To == st {
		t := c.review.LastTransition
		who := t.Actor
		if names, err := c.store.UserNames(ctx, []string{t.Actor}); err == nil && names[t.Actor] != "" {
			who = names[t.Actor]
		}
		msg += "（由 " + who + " 于 " + t.Created.In(jixiao.ChinaTime()).Format("2006-01-02 15:04") + " " + t.Action.Label() + "）"
	}
	switch st {
	case jixiao.Submitted, jixiao.UnitApproved:
		return msg + "，正在审核中，不能修改。如需修改，请审核人退回。"
	case jixiao.Approved, jixiao.Published:
		return msg + "，不能直接修改。如需修改，请在概览页“调整”，调整稿将重新走审核流程，已通过的版本保持可见。"
	}
	return msg + "，不能修改。"
}

// editable reports whether a plan in state st may be changed by its unit.
func editable(st jixiao.Status) bool {
	return st == jixiao.Draft || st == jixiao.Returned || st == jixiao.StatusUnknown
}

// can is authorize as a yes or no, for showing or hiding buttons.
func (c *reqCtx) can(ctx context.Context, a action, dept *jixiao.Department, st jixiao.Status) bool {
	return authorize(ctx, c, a, dept, st) == nil
}

// departments returns the user's department and its subtree, read once per request.
func (c *reqCtx) departments(ctx context.Context) ([]*jixiao.Department, error) {
	if c.depts != nil {
		return c.depts, nil
	}
	if c.user == nil || c.user.DepartmentID == 0 {
		return []*jixiao.Department{}, nil // no department: an empty region
	}
	ds, err := c.store.Departments(ctx, c.user.DepartmentID)
	if err != nil {
		return nil, err
	}
	if ds == nil {
		ds = []*jixiao.Department{}
	}
	c.depts = ds
	return ds, nil
}

func (c *reqCtx) inSubtree(ctx context.Context, id int64) (bool, error) {
	if c.head != nil && c.head.Department.ID == id && c.user != nil {
		// The plan's department: its ancestors came with the plan's head, no need to
		// read the user's subtree.
		return c.user.DepartmentID != 0 && slices.Contains(c.head.Ancestors, c.user.DepartmentID), nil
	}
	ds, err := c.departments(ctx)
	if err != nil {
		return false, err
	}
	for _, d := range ds {
		if d.ID == id {
			return true, nil
		}
	}
	return false, nil
}

// departmentByCode finds a department of the user's subtree by code; ok is false when
// the subtree has none of that code.
func (c *reqCtx) departmentByCode(ctx context.Context, code string) (d *jixiao.Department, ok bool, err error) {
	ds, err := c.departments(ctx)
	if err != nil {
		return nil, false, err
	}
	for _, d := range ds {
		if d.Code == code {
			return d, true, nil
		}
	}
	return nil, false, nil
}
