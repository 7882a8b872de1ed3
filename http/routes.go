package http

import "net/http"

// route is one entry of the route table. Every route of the application is declared here,
// once, with what it needs: whether a session is needed at all, the action the user must
// be allowed (checked by authorize, the one access decision), and whether the path's
// {id} names a plan whose department the action is checked against. The access-control
// matrix test walks this table, so a route added without its access fails that test.
type route struct {
	Method  string
	Pattern string // a ServeMux path pattern
	// Public routes need no session (sign-in). Every other route needs one.
	Public bool
	// Action is what the user must be allowed to do; actSignedIn for any signed-in user.
	Action action
	// OnPlan says the pattern has {id}, a plan: it is loaded and the action is checked
	// against the plan's department (and state, for edits) before the handler runs.
	OnPlan bool
	// CSRFExempt is set only for the sign-in form, which has no session yet and uses a
	// double-submit cookie instead (see loginCheck).
	CSRFExempt bool
	Handler    handlerFunc
}

// handlerFunc handles a request after wrap has authenticated and authorized it. A
// returned error is turned into an error page by Server.fail.
type handlerFunc func(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error

// routes is the route table.
func routes() []route {
	return []route{
		{Method: "GET", Pattern: "/login", Public: true, Handler: loginShow},
		{Method: "POST", Pattern: "/login", Public: true, CSRFExempt: true, Handler: loginCheck},
		{Method: "POST", Pattern: "/logout", Action: actSignedIn, Handler: logout},
		{Method: "GET", Pattern: "/account/password", Action: actSignedIn, Handler: passwordShow},
		{Method: "POST", Pattern: "/account/password", Action: actSignedIn, Handler: passwordSave},
		{Method: "GET", Pattern: "/{$}", Action: actSignedIn, Handler: home},
		{Method: "GET", Pattern: "/targets/preview", Action: actSignedIn, Handler: targetPreview},

		{Method: "GET", Pattern: "/plans", Action: actReadPlan, Handler: planList},
		{Method: "GET", Pattern: "/plans/new", Action: actCreatePlan, Handler: planNew},
		{Method: "POST", Pattern: "/plans", Action: actCreatePlan, Handler: planCreate},
		{Method: "GET", Pattern: "/plans/{id}", Action: actReadPlan, OnPlan: true, Handler: planShow},
		{Method: "GET", Pattern: "/plans/{id}/department", Action: actReadPlan, OnPlan: true, Handler: departmentEdit},
		{Method: "POST", Pattern: "/plans/{id}/department", Action: actEditPlan, OnPlan: true, Handler: departmentSave},
		{Method: "GET", Pattern: "/plans/{id}/funds", Action: actReadPlan, OnPlan: true, Handler: fundsEdit},
		{Method: "POST", Pattern: "/plans/{id}/funds", Action: actEditPlan, OnPlan: true, Handler: fundsSave},
		{Method: "GET", Pattern: "/plans/{id}/funds/{f}/items/{i}", Action: actReadPlan, OnPlan: true, Handler: itemEdit},
		{Method: "POST", Pattern: "/plans/{id}/funds/{f}/items/{i}", Action: actEditPlan, OnPlan: true, Handler: itemSave},
		{Method: "GET", Pattern: "/plans/{id}/print/{table}", Action: actReadPlan, OnPlan: true, Handler: planPrint},
		{Method: "GET", Pattern: "/plans/{id}/history", Action: actReadPlan, OnPlan: true, Handler: planHistory},
		{Method: "GET", Pattern: "/plans/{id}/diff", Action: actReadPlan, OnPlan: true, Handler: planDiff},

		{Method: "GET", Pattern: "/admin/departments", Action: actAdmin, Handler: adminDepartments},
		{Method: "POST", Pattern: "/admin/departments", Action: actAdmin, Handler: adminDepartmentCreate},
		{Method: "GET", Pattern: "/admin/users", Action: actAdmin, Handler: adminUsers},
		{Method: "POST", Pattern: "/admin/users", Action: actAdmin, Handler: adminUserCreate},
		{Method: "GET", Pattern: "/admin/users/{uid}", Action: actAdmin, Handler: adminUserEdit},
		{Method: "POST", Pattern: "/admin/users/{uid}", Action: actAdmin, Handler: adminUserSave},
	}
}
