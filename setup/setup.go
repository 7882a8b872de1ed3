// Package setup prepares an empty database for a server's first start: the region's
// root department (the finance bureau), the seed example as demo data, and the three
// administrators of 三员分立 — the system administrator, the security administrator and
// the audit administrator. cmd/jixiao serve calls it at every start; it is not part of
// the web application (package http), which therefore needs neither the examples nor
// the knowledge of which accounts a new installation gets.
package setup

import (
	"context"
	"strconv"
	"strings"
	"time"

	"jixiao"
	"jixiao/account"
	"jixiao/examples"
)

// Options configure the first start. An empty username takes the default (admin,
// security, auditor); an empty password makes a random one, returned in Result once.
type Options struct {
	AdminUser, AdminPassword       string
	SecurityUser, SecurityPassword string
	AuditorUser, AuditorPassword   string
	Now                            func() time.Time
}

// Account is one administrator Setup created, with its password when Setup made it up.
type Account struct {
	Username string
	Role     jixiao.Role
	Password string // the random password made, else "" (it came from the options)
}

// Result says what Setup did.
type Result struct {
	Done       bool      // the database was empty: the root, the demo data and all three accounts were made
	Accounts   []Account // the administrators created, in the order admin, security, auditor
	DemoPlanID int64
	RootCode   string
	DemoCode   string
}

// Demo department tree: the finance bureau of the region as the root, and the department
// of the seed example under it.
const (
	DemoRootCode = "430204" // 株洲市石峰区 (administrative division code)
	DemoRootName = "株洲市石峰区财政局"
	DemoDeptCode = "430204101" // the seed's department
)

// Setup prepares the database. On an empty one (no account) it makes the root
// department, loads the seed example as demo data (its department and its 2021 plan)
// and creates the three administrators. On a database that has accounts it only adds a
// security or audit administrator when there is none of that role (a database from
// before 三员分立 was enforced), so running it at every start is safe. A password given
// in the options must pass the password policy.
func Setup(ctx context.Context, store jixiao.Store, opt Options) (Result, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	wanted := []struct {
		user, password, name string
		role                 jixiao.Role
	}{
		{or(opt.AdminUser, "admin"), opt.AdminPassword, "系统管理员", jixiao.RoleAdmin},
		{or(opt.SecurityUser, "security"), opt.SecurityPassword, "安全管理员", jixiao.RoleSecurity},
		{or(opt.AuditorUser, "auditor"), opt.AuditorPassword, "审计管理员", jixiao.RoleAuditor},
	}
	for _, w := range wanted {
		if !account.ValidUsername(w.user) {
			return Result{}, jixiao.Errorf(jixiao.EINVALID, "%s的用户名“%s”无效：只能由 3～32 位字母、数字、点、下划线或连字符组成。", w.name, w.user)
		}
		if w.password != "" {
			if msg := account.Policy(w.password, w.user); msg != "" {
				return Result{}, jixiao.Errorf(jixiao.EINVALID, "%s“%s”的初始密码不符合密码策略：%s。", w.name, w.user, strings.TrimSuffix(msg, "。"))
			}
		}
	}
	users, err := store.Users(ctx)
	if err != nil {
		return Result{}, err
	}
	has := map[jixiao.Role]bool{}
	for _, u := range users {
		has[u.Role] = true
	}
	res := Result{Done: len(users) == 0}
	depts, err := store.Departments(ctx, 0)
	if err != nil {
		return Result{}, err
	}
	var root *jixiao.Department
	switch {
	case len(depts) > 0:
		root = depts[0]
		res.RootCode = root.Code
	case res.Done:
		if root, res.DemoPlanID, err = demo(ctx, store); err != nil {
			return Result{}, err
		}
		res.RootCode, res.DemoCode = DemoRootCode, DemoDeptCode
	}
	for _, w := range wanted {
		if !res.Done && (w.role == jixiao.RoleAdmin || has[w.role]) {
			continue // a database with accounts has its administrator; add only what is missing
		}
		a := Account{Username: w.user, Role: w.role}
		pw := w.password
		if pw == "" {
			pw = account.Random()
			a.Password = pw
		}
		h, err := account.Hash(pw)
		if err != nil {
			return Result{}, err
		}
		now := opt.Now()
		u := &jixiao.User{Username: w.user, Name: w.name, PasswordHash: h, Role: w.role, PasswordChanged: now, Created: now}
		if root != nil {
			u.DepartmentID = root.ID
		}
		if err := store.CreateUser(ctx, u); err != nil {
			return Result{}, err
		}
		res.Accounts = append(res.Accounts, a)
		if as, ok := store.(jixiao.AuditService); ok {
			how := "初始密码取自环境变量"
			if a.Password != "" {
				how = "初始密码随机生成并在控制台显示一次"
			}
			e := &jixiao.AuditEntry{Time: now, Actor: "system", Action: "setup_account", Object: "user:" + strconv.FormatInt(u.ID, 10),
				Detail: "首次启动创建" + w.name + "账号 " + u.Username + "，" + how, Addr: "console", Outcome: "ok"}
			if err := as.AppendAudit(ctx, e); err != nil {
				return Result{}, err
			}
		}
	}
	return res, nil
}

// demo makes the root department and loads the seed example under it.
func demo(ctx context.Context, store jixiao.Store) (*jixiao.Department, int64, error) {
	root := &jixiao.Department{Code: DemoRootCode, Name: DemoRootName, Kind: jixiao.KindBureau}
	if err := store.CreateDepartment(ctx, root); err != nil {
		return nil, 0, err
	}
	p, err := examples.ShifengPlan()
	if err != nil {
		return nil, 0, err
	}
	d := &jixiao.Department{Code: DemoDeptCode, Name: p.Department, ParentID: root.ID, Kind: jixiao.KindDepartment}
	if err := store.CreateDepartment(ctx, d); err != nil {
		return nil, 0, err
	}
	p.DepartmentCode = d.Code
	if p.Status == jixiao.StatusUnknown {
		p.Status = jixiao.Draft
	}
	if _, err := store.ImportPlan(ctx, p, jixiao.SaveInfo{Author: "system", Reason: "示例数据：" + examples.ShifengName}); err != nil {
		return nil, 0, err
	}
	return root, p.ID, nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
