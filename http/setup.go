package http

import (
	"context"
	"time"

	"jixiao"
	"jixiao/examples"
)

// SetupOptions configure the first start of a server on an empty database.
type SetupOptions struct {
	AdminUser     string // default "admin"
	AdminPassword string // "" makes a random one, returned in SetupResult
	Now           func() time.Time
}

// SetupResult says what Setup did.
type SetupResult struct {
	Done          bool   // false when the database already had accounts
	AdminUser     string //
	AdminPassword string // the random password made, else ""
	DemoPlanID    int64
	RootCode      string
	DemoCode      string
}

// Demo department tree: the finance bureau of the region as the root, and the department
// of the seed example under it.
const (
	DemoRootCode = "430204" // 株洲市石峰区 (administrative division code)
	DemoRootName = "株洲市石峰区财政局"
	DemoDeptCode = "430204101" // the seed's department
)

// Setup prepares an empty database for its first start: the region's root department
// (the finance bureau), the seed example as demo data (its department and its 2021
// plan), and the administrator. A database that already has an account is left alone,
// so running it at every start is safe.
func Setup(ctx context.Context, store jixiao.Store, opt SetupOptions) (SetupResult, error) {
	if opt.AdminUser == "" {
		opt.AdminUser = "admin"
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	users, err := store.Users(ctx)
	if err != nil {
		return SetupResult{}, err
	}
	if len(users) > 0 {
		return SetupResult{}, nil
	}
	res := SetupResult{Done: true, AdminUser: opt.AdminUser, RootCode: DemoRootCode, DemoCode: DemoDeptCode}
	depts, err := store.Departments(ctx, 0)
	if err != nil {
		return SetupResult{}, err
	}
	var root *jixiao.Department
	if len(depts) == 0 {
		root = &jixiao.Department{Code: DemoRootCode, Name: DemoRootName, Kind: jixiao.KindBureau}
		if err := store.CreateDepartment(ctx, root); err != nil {
			return SetupResult{}, err
		}
		p, err := examples.ShifengPlan()
		if err != nil {
			return SetupResult{}, err
		}
		d := &jixiao.Department{Code: DemoDeptCode, Name: p.Department, ParentID: root.ID, Kind: jixiao.KindDepartment}
		if err := store.CreateDepartment(ctx, d); err != nil {
			return SetupResult{}, err
		}
		p.DepartmentCode = d.Code
		if p.Status == jixiao.StatusUnknown {
			p.Status = jixiao.Draft
		}
		if _, err := store.ImportPlan(ctx, p, jixiao.SaveInfo{Author: "system", Reason: "示例数据：" + examples.ShifengName}); err != nil {
			return SetupResult{}, err
		}
		res.DemoPlanID = p.ID
	} else {
		root = depts[0]
		res.RootCode, res.DemoCode = root.Code, ""
	}
	pw := opt.AdminPassword
	if pw == "" {
		pw = RandomPassword()
		res.AdminPassword = pw
	}
	h, err := HashPassword(pw)
	if err != nil {
		return SetupResult{}, err
	}
	now := opt.Now()
	admin := &jixiao.User{Username: opt.AdminUser, Name: "系统管理员", PasswordHash: h, Role: jixiao.RoleAdmin,
		DepartmentID: root.ID, PasswordChanged: now, Created: now}
	if err := store.CreateUser(ctx, admin); err != nil {
		return SetupResult{}, err
	}
	return res, nil
}
