package jixiao

import (
	"context"
	"time"
)

// Department is a 部门 / 预算单位 in the region's tree: the finance bureau at the root,
// departments under it, their subordinate units under them.
type Department struct {
	ID       int64          `json:"id"`
	Code     string         `json:"code"` // 单位编码, unique
	Name     string         `json:"name"`
	ParentID int64          `json:"parentId,omitempty"` // 0 at the root
	Kind     DepartmentKind `json:"kind"`
	// Version counts the edits of EditDepartment (rename, move, retire), which name the
	// version they read; Retired (已撤销): no new plans, its history kept and readable.
	Version int  `json:"version"`
	Retired bool `json:"retired,omitempty"`
}

// DepartmentKind is the place of a department in the tree.
type DepartmentKind string

// Kinds of department.
const (
	KindBureau     DepartmentKind = "bureau"     // 财政局
	KindDepartment DepartmentKind = "department" // 部门
	KindUnit       DepartmentKind = "unit"       // 单位
)

// DepartmentService keeps the department tree.
type DepartmentService interface {
	// CreateDepartment stores d and sets d.ID; a duplicate code is EINVALID.
	CreateDepartment(ctx context.Context, d *Department) error
	UpdateDepartment(ctx context.Context, d *Department) error
	Department(ctx context.Context, id int64) (*Department, error)
	DepartmentByCode(ctx context.Context, code string) (*Department, error)
	// Departments returns the subtree under rootID (all departments when 0), parents
	// before children, siblings by code.
	Departments(ctx context.Context, rootID int64) ([]*Department, error)
}

// PlanFilter selects plans for listing. Zero fields do not filter.
type PlanFilter struct {
	Year         int
	DepartmentID int64  // this department and its whole subtree
	Department   string // a department code; this department and its subtree
	Status       Status
	Query        string // part of the department's name or code
	Limit        int    // 0: no limit
	Offset       int
	// After, when set, starts the page after this plan in the listing's order (keyset
	// paging: the API's cursor). The total Plans returns still counts every match.
	After *PlanCursor
	// SkipTotal spares Plans the count of every match (it returns -1 for the total): a
	// cursor's later pages, where the count would cost more than the page.
	SkipTotal bool
}

// PlanCursor is a plan's place in the listing's order (year descending, then department
// code, then id).
type PlanCursor struct {
	Year int
	Code string
	ID   int64
}

// PlanSummary is one row of a plan listing.
type PlanSummary struct {
	ID             int64     `json:"id"`
	DepartmentID   int64     `json:"departmentId"`
	DepartmentCode string    `json:"departmentCode"`
	Department     string    `json:"department"`
	Year           int       `json:"year"`
	Framework      string    `json:"framework"`
	Status         Status    `json:"status"`
	Version        int       `json:"version"`
	Revisions      int       `json:"revisions"`
	Updated        time.Time `json:"updated"`
	UpdatedBy      string    `json:"updatedBy"`
}

// SaveInfo says who saves a plan and why; it becomes the revision's record.
type SaveInfo struct {
	Author string
	Reason string
}

// PlanService keeps plans and their immutable revisions. Every save creates a revision
// holding the whole plan; a save names the version it was read at and a stale one is
// refused with ECONFLICT, so nothing is overwritten.
type PlanService interface {
	// CreatePlan stores p as a new plan at version 1, for the department with code
	// p.DepartmentCode. ECONFLICT when that department already has a plan for p.Year.
	CreatePlan(ctx context.Context, p *Plan, info SaveInfo) error
	// UpdatePlan saves p over the stored plan p.ID if it is still at p.Version, and sets
	// p.Version to the new version; ECONFLICT otherwise.
	UpdatePlan(ctx context.Context, p *Plan, info SaveInfo) error
	// ImportPlan stores p as the department's plan for p.Year: a new plan, or a new
	// revision of the existing one (never a duplicate). The department is found by
	// p.DepartmentCode, else by exact name, else created under the root. All or nothing.
	ImportPlan(ctx context.Context, p *Plan, info SaveInfo) (created bool, err error)
	// ImportPlans imports every plan as ImportPlan does, all in one transaction: all or
	// none, for a region's documents at once. It returns how many plans were created.
	ImportPlans(ctx context.Context, plans []*Plan, info SaveInfo) (created int, err error)
	Plan(ctx context.Context, id int64) (*Plan, error)
	PlanByDepartmentYear(ctx context.Context, departmentID int64, year int) (*Plan, error)
	// Plans lists the plans that match f and the total count without Limit/Offset.
	Plans(ctx context.Context, f PlanFilter) ([]PlanSummary, int, error)
	// EachPlan calls fn, one call at a time, with the current version of every plan that
	// matches f, as Plan returns it, in the order of Plans (Limit and Offset honoured).
	// The plans are read by one streaming query in one read transaction and each is
	// handed to fn as it arrives, so memory holds about one plan whatever their number;
	// fn may keep the plan. fn's error stops it and is returned, as is ctx's. n is the
	// number of plans fn returned nil for.
	EachPlan(ctx context.Context, f PlanFilter, fn func(*Plan) error) (n int, err error)
	Revisions(ctx context.Context, planID int64) ([]Revision, error)
	PlanAt(ctx context.Context, planID int64, version int) (*Plan, error)
}

// Role is what a user may do. 三员分立: system, security and audit administrators are
// separate roles.
type Role string

// Roles.
const (
	RoleAdmin    Role = "admin"    // 系统管理员: departments and accounts
	RoleSecurity Role = "security" // 安全管理员: security settings, unlocks
	RoleAuditor  Role = "auditor"  // 审计管理员: reads the audit log and nothing else
	RoleReviewer Role = "reviewer" // 财政审核: reads and reviews every plan of its region
	RoleFiller   Role = "filler"   // 单位填报: edits its own department's plans
	RoleLeader   Role = "leader"   // 单位负责人: approves its own department's plans
)

// Label is the Chinese name of the role.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "系统管理员"
	case RoleSecurity:
		return "安全管理员"
	case RoleAuditor:
		return "审计管理员"
	case RoleReviewer:
		return "财政审核"
	case RoleFiller:
		return "单位填报"
	case RoleLeader:
		return "单位负责人"
	}
	return string(r)
}

// User is an account.
type User struct {
	ID              int64     `json:"id"`
	Username        string    `json:"username"`
	Name            string    `json:"name"`
	PasswordHash    string    `json:"-"`
	Role            Role      `json:"role"`
	DepartmentID    int64     `json:"departmentId"` // the department a filler or leader belongs to; the region root for a reviewer
	Disabled        bool      `json:"disabled"`
	FailedLogins    int       `json:"failedLogins"`
	LockedUntil     time.Time `json:"lockedUntil"`
	PasswordChanged time.Time `json:"passwordChanged"`
	Created         time.Time `json:"created"`
	// Version counts the saves of the account (UpdateUser); a save names the version it
	// was read at, and a stale one is refused, as for plans. Sign-in counting
	// (ClaimSignIn, ResetSignIn) does not change it: it writes other columns.
	Version int `json:"version"`
	// MustChangePassword: the account was made by an administrator or an import with a
	// password the person did not choose; until they choose one, every page leads to the
	// password form (the password change clears it).
	MustChangePassword bool `json:"mustChangePassword"`
}

// UserService keeps accounts.
type UserService interface {
	CreateUser(ctx context.Context, u *User) error // sets u.ID; a duplicate username is EINVALID
	// UpdateUser saves the account's name, password, role, department and disabled flag
	// if it is still at u.Version, and sets u.Version to the new one; ECONFLICT when
	// someone saved it meanwhile. It never writes the sign-in count or lock (ClaimSignIn,
	// ResetSignIn do).
	UpdateUser(ctx context.Context, u *User) error
	User(ctx context.Context, id int64) (*User, error)
	UserByUsername(ctx context.Context, username string) (*User, error)
	Users(ctx context.Context) ([]*User, error)
	// UserNames maps each of the usernames that names an account to the account's name
	// (姓名), for pages that show who did what: the records keep the username. Unknown
	// usernames and accounts without a name are left out.
	UserNames(ctx context.Context, usernames []string) (map[string]string, error)
	// ClaimSignIn spends one sign-in attempt of the account named username before its
	// password is checked, in one atomic statement that never writes the rest of the
	// row: unless the account is locked at now, its failure count goes up by one, and
	// the attempt that brings it to maxFailed locks the account until lockUntil (the
	// count then starts again at 0). ok reports whether the attempt was spent (the
	// caller may check the password); a locked account spends none. u is the account
	// as the statement left it; ENOTFOUND when there is none.
	ClaimSignIn(ctx context.Context, username string, now time.Time, maxFailed int, lockUntil time.Time) (u *User, ok bool, err error)
	// ResetSignIn clears the failure count and the lock of user id (a good password).
	ResetSignIn(ctx context.Context, id int64) error
}

// Session is a signed-in browser. Sessions live in the store so that several server
// processes share them.
type Session struct {
	ID       string    `json:"-"` // a hash of the cookie's token, never the token itself
	UserID   int64     `json:"userId"`
	CSRF     string    `json:"-"`
	Created  time.Time `json:"created"`
	LastSeen time.Time `json:"lastSeen"`
	Expires  time.Time `json:"expires"`
}

// SessionService keeps sessions.
type SessionService interface {
	CreateSession(ctx context.Context, s *Session) error
	Session(ctx context.Context, id string) (*Session, error) // ENOTFOUND when absent or expired
	TouchSession(ctx context.Context, id string, lastSeen, expires time.Time) error
	DeleteSession(ctx context.Context, id string) error
	DeleteUserSessions(ctx context.Context, userID int64) error
}

// Store is everything a server needs from its database; sqlite and postgres implement it
// with the same behaviour (storetest holds them to it).
type Store interface {
	DepartmentService
	PlanService
	UserService
	SessionService
	HeadService
	Close() error
}
