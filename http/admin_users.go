package http

import (
	"net/http"

	"jixiao"
	"jixiao/account"
)

// usersPage lists the accounts, with the form that adds one.
type usersPage struct {
	layout
	Users       []userRow
	Roles       []roleChoice
	Departments []deptNode
	Form        userInput
	Error       string
	NewPassword string // shown once after an account is created or a password reset
	NewUser     string
}

type userRow struct {
	*jixiao.User
	Department  string
	Locked      bool
	ConsoleOnly bool // a security or audit administrator: not the administrator's to change
}

type roleChoice struct {
	Role  jixiao.Role
	Label string
}

// assignableRoles are the roles the administrator hands out here. The security and audit
// administrators (三员分立) are made by first-start setup and `jixiao users` only
// (account.ConsoleOnly).
var assignableRoles = []jixiao.Role{jixiao.RoleFiller, jixiao.RoleLeader, jixiao.RoleReviewer, jixiao.RoleAdmin}

func roleChoices() []roleChoice {
	out := make([]roleChoice, len(assignableRoles))
	for i, r := range assignableRoles {
		out[i] = roleChoice{r, r.Label()}
	}
	return out
}

type userInput struct {
	Username, Name, Department string
	Role                       jixiao.Role
}

// adminUsers lists the accounts (GET /admin/users).
func adminUsers(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.showUsers(w, r, c, http.StatusOK, userInput{Role: jixiao.RoleFiller}, "", "", "")
}

func (s *Server) showUsers(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, in userInput, msg, newUser, newPassword string) error {
	ctx := r.Context()
	users, err := s.store.Users(ctx)
	if err != nil {
		return err
	}
	ds, err := s.store.Departments(ctx, 0)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, d := range ds {
		names[d.ID] = d.Name
	}
	pg := &usersPage{Roles: roleChoices(), Departments: tree(ds), Form: in, Error: msg, NewUser: newUser, NewPassword: newPassword}
	now := s.cfg.Now()
	for _, u := range users {
		pg.Users = append(pg.Users, userRow{User: u, Department: names[u.DepartmentID], Locked: now.Before(u.LockedUntil),
			ConsoleOnly: account.ConsoleOnly(u.Role)})
	}
	pg.Title, pg.Nav = "账号管理", "users"
	pg.Crumbs = []crumb{{Label: "系统管理"}, {Label: "账号管理"}}
	s.render(w, r, c, status, "admin_users", pg)
	return nil
}
