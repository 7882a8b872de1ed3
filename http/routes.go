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
	// Audit names the action the audit log records for this route. Every POST is
	// recorded (under its method and pattern when Audit is empty); a GET only when Audit
	// is set (downloads, print views, reading the audit log), or when it is refused.
	Audit string
	// Upload allows a multipart body of up to maxUpload bytes (the CSRF token is one of
	// its fields); every other route takes a urlencoded form of up to maxBody.
	Upload bool
	// Resumable marks an editor's form: posted after the session expired, it is kept
	// and shown again after signing in (form_resume.go).
	Resumable bool
	Handler   handlerFunc
}

// handlerFunc handles a request after wrap has authenticated and authorized it. A
// returned error is turned into an error page by Server.fail.
type handlerFunc func(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error

// routes is the route table.
func routes() []route {
	return []route{
		{Method: "GET", Pattern: "/login", Public: true, Handler: loginShow},
		{Method: "POST", Pattern: "/login", Public: true, CSRFExempt: true, Audit: "signin", Handler: loginCheck},
		{Method: "POST", Pattern: "/logout", Action: actSignedIn, Audit: "signout", Handler: logout},
		{Method: "GET", Pattern: "/account/password", Action: actSignedIn, Handler: passwordShow},
		{Method: "POST", Pattern: "/account/password", Action: actSignedIn, Audit: "password_change", Handler: passwordSave},
		{Method: "GET", Pattern: "/account/tokens", Action: actSignedIn, Handler: tokensShow},
		{Method: "POST", Pattern: "/account/tokens", Action: actSignedIn, Audit: "token_create", Handler: tokenCreate},
		{Method: "POST", Pattern: "/account/tokens/{tid}/revoke", Action: actSignedIn, Audit: "token_revoke", Handler: tokenRevoke},
		{Method: "GET", Pattern: "/{$}", Action: actSignedIn, Handler: home},
		{Method: "GET", Pattern: "/messages", Action: actSignedIn, Handler: messagesShow},
		{Method: "POST", Pattern: "/messages/read", Action: actSignedIn, Audit: "messages_read", Handler: messagesRead},
		{Method: "POST", Pattern: "/messages/mail", Action: actSignedIn, Audit: "mail_address", Handler: messagesMail},
		{Method: "GET", Pattern: "/targets/preview", Action: actSignedIn, Handler: targetPreview},
		{Method: "GET", Pattern: "/rules", Action: actSignedIn, Handler: rulesShow},
		{Method: "GET", Pattern: "/template.xlsx", Action: actSignedIn, Audit: "export_template", Handler: templateDownload},

		{Method: "GET", Pattern: "/plans", Action: actReadPlan, Handler: planList},
		{Method: "GET", Pattern: "/plans/new", Action: actCreatePlan, Handler: planNew},
		{Method: "POST", Pattern: "/plans", Action: actCreatePlan, Audit: "plan_create", Handler: planCreate},
		{Method: "GET", Pattern: "/plans/import", Action: actCreatePlan, Handler: planImportShow},
		{Method: "POST", Pattern: "/plans/import", Action: actCreatePlan, Audit: "plan_import", Upload: true, Handler: planImport},
		{Method: "POST", Pattern: "/plans/import/confirm", Action: actCreatePlan, Audit: "plan_import_confirm", Handler: planImportConfirm},
		{Method: "GET", Pattern: "/plans/{id}", Action: actReadPlan, OnPlan: true, Handler: planShow},
		{Method: "GET", Pattern: "/plans/{id}/department", Action: actReadPlan, OnPlan: true, Handler: departmentEdit},
		{Method: "POST", Pattern: "/plans/{id}/department", Action: actEditPlan, OnPlan: true, Audit: "plan_update", Resumable: true, Handler: departmentSave},
		{Method: "GET", Pattern: "/plans/{id}/funds", Action: actReadPlan, OnPlan: true, Handler: fundsEdit},
		{Method: "POST", Pattern: "/plans/{id}/funds", Action: actEditPlan, OnPlan: true, Audit: "plan_update", Resumable: true, Handler: fundsSave},
		{Method: "GET", Pattern: "/plans/{id}/funds/{f}/items/{i}", Action: actReadPlan, OnPlan: true, Handler: itemEdit},
		{Method: "POST", Pattern: "/plans/{id}/funds/{f}/items/{i}", Action: actEditPlan, OnPlan: true, Audit: "plan_update", Resumable: true, Handler: itemSave},
		{Method: "POST", Pattern: "/plans/{id}/projects", Action: actEditPlan, OnPlan: true, Audit: "plan_update", Handler: projectAdd},
		{Method: "GET", Pattern: "/plans/{id}/projects/{k}", Action: actReadPlan, OnPlan: true, Handler: projectEdit},
		{Method: "POST", Pattern: "/plans/{id}/projects/{k}", Action: actEditPlan, OnPlan: true, Audit: "plan_update", Resumable: true, Handler: projectSave},
		{Method: "POST", Pattern: "/plans/{id}/projects/{k}/delete", Action: actEditPlan, OnPlan: true, Audit: "plan_update", Handler: projectDelete},
		{Method: "POST", Pattern: "/plans/{id}/apply", Action: actEditPlan, OnPlan: true, Audit: "plan_apply", Handler: planApply},
		{Method: "GET", Pattern: "/plans/{id}/links", Action: actReadPlan, OnPlan: true, Handler: linksShow},
		{Method: "POST", Pattern: "/plans/{id}/links", Action: actEditPlan, OnPlan: true, Audit: "plan_links", Handler: linksSave},
		{Method: "GET", Pattern: "/plans/{id}/print/{table}", Action: actReadPlan, OnPlan: true, Audit: "print", Handler: planPrint},
		{Method: "GET", Pattern: "/plans/{id}/export.xlsx", Action: actReadPlan, OnPlan: true, Audit: "export_xlsx", Handler: planExportXLSX},
		{Method: "GET", Pattern: "/plans/{id}/export.pdf", Action: actReadPlan, OnPlan: true, Audit: "export_pdf", Handler: planExportPDF},
		{Method: "GET", Pattern: "/plans/{id}/history", Action: actReadPlan, OnPlan: true, Handler: planHistory},
		{Method: "POST", Pattern: "/plans/{id}/restore", Action: actEditPlan, OnPlan: true, Audit: "plan_restore", Handler: planRestore},
		{Method: "GET", Pattern: "/plans/{id}/diff", Action: actReadPlan, OnPlan: true, Handler: planDiff},
		{Method: "GET", Pattern: "/library/suggest", Action: actSignedIn, Handler: librarySuggest},
		{Method: "GET", Pattern: "/plans/{id}/library/suggest", Action: actReadPlan, OnPlan: true, Handler: librarySuggest},
		{Method: "GET", Pattern: "/plans/{id}/library/check", Action: actReadPlan, OnPlan: true, Handler: libraryCheck},

		// The review workflow: which step a user may take is jixiao.NextStatus's decision
		// (role and state); authorize checks the department.
		{Method: "GET", Pattern: "/plans/{id}/submit", Action: actWorkflow, OnPlan: true, Handler: submitShow},
		{Method: "POST", Pattern: "/plans/{id}/transition", Action: actWorkflow, OnPlan: true, Audit: "transition", Handler: transition},
		{Method: "POST", Pattern: "/plans/{id}/comments", Action: actComment, OnPlan: true, Audit: "comment", Handler: commentAdd},
		{Method: "POST", Pattern: "/plans/{id}/comments/{cid}/answer", Action: actAnswer, OnPlan: true, Audit: "comment_answer", Handler: commentAnswer},

		// 绩效自评: one record per table ({i}: 0 the department table, n the n-th item).
		{Method: "GET", Pattern: "/plans/{id}/selfeval", Action: actReadPlan, OnPlan: true, Handler: selfEvalList},
		{Method: "POST", Pattern: "/plans/{id}/selfeval", Action: actSelfEval, OnPlan: true, Audit: "selfeval_open", Handler: selfEvalOpen},
		{Method: "GET", Pattern: "/plans/{id}/selfeval/{i}", Action: actReadPlan, OnPlan: true, Handler: selfEvalShow},
		{Method: "POST", Pattern: "/plans/{id}/selfeval/{i}", Action: actSelfEval, OnPlan: true, Audit: "selfeval_save", Resumable: true, Handler: selfEvalSave},
		{Method: "POST", Pattern: "/plans/{id}/selfeval/{i}/transition", Action: actWorkflow, OnPlan: true, Audit: "selfeval_transition", Handler: selfEvalTransition},
		{Method: "POST", Pattern: "/plans/{id}/selfeval/{i}/recheck", Action: actRecheck, OnPlan: true, Audit: "selfeval_recheck", Handler: selfEvalRecheck},
		{Method: "POST", Pattern: "/plans/{id}/selfeval/{i}/comments", Action: actComment, OnPlan: true, Audit: "selfeval_comment", Handler: selfEvalCommentAdd},
		{Method: "GET", Pattern: "/plans/{id}/selfeval/{i}/print", Action: actReadPlan, OnPlan: true, Audit: "print_selfeval", Handler: selfEvalPrint},
		{Method: "GET", Pattern: "/plans/{id}/selfeval/report.pdf", Action: actReadPlan, OnPlan: true, Audit: "selfeval_report", Handler: selfEvalReport},

		// 绩效运行监控: the records of a plan ({m}: a record's id), filled by the unit, with
		// the adjustments proposed from them; the finance bureau's rounds and board.
		{Method: "GET", Pattern: "/plans/{id}/monitoring", Action: actReadPlan, OnPlan: true, Handler: monitoringList},
		{Method: "GET", Pattern: "/plans/{id}/monitoring/{m}", Action: actReadPlan, OnPlan: true, Handler: monitoringShow},
		{Method: "POST", Pattern: "/plans/{id}/monitoring/{m}", Action: actMonitor, OnPlan: true, Audit: "monitoring_save", Resumable: true, Handler: monitoringSave},
		{Method: "POST", Pattern: "/plans/{id}/monitoring/{m}/transition", Action: actWorkflow, OnPlan: true, Audit: "monitoring_transition", Handler: monitoringTransition},
		{Method: "POST", Pattern: "/plans/{id}/monitoring/{m}/adjust", Action: actMonitor, OnPlan: true, Audit: "monitoring_adjust", Handler: monitoringAdjust},
		{Method: "POST", Pattern: "/plans/{id}/monitoring/{m}/import", Action: actMonitor, OnPlan: true, Audit: "monitoring_import", Upload: true, Handler: monitoringImport},
		{Method: "GET", Pattern: "/plans/{id}/monitoring/{m}/print", Action: actReadPlan, OnPlan: true, Audit: "print_monitoring", Handler: monitoringPrint},
		{Method: "GET", Pattern: "/plans/{id}/monitoring/{m}/template.xlsx", Action: actReadPlan, OnPlan: true, Audit: "export_monitoring_template", Handler: monitoringTemplate},
		{Method: "GET", Pattern: "/review/monitoring", Action: actBoard, Handler: monitoringRounds},
		{Method: "POST", Pattern: "/review/monitoring", Action: actBoard, Audit: "monitoring_open", Handler: monitoringOpen},
		{Method: "GET", Pattern: "/review/monitoring/{rid}", Action: actBoard, Handler: monitoringBoard},
		{Method: "GET", Pattern: "/review/monitoring/{rid}/board.xlsx", Action: actBoard, Audit: "export_monitoring", Handler: monitoringBoardExport},
		{Method: "POST", Pattern: "/review/monitoring/{rid}/close", Action: actBoard, Audit: "monitoring_close", Handler: monitoringClose},
		{Method: "POST", Pattern: "/review/monitoring/{rid}/remind", Action: actBoard, Audit: "monitoring_remind", Handler: monitoringRemind},

		// The finance bureau's pages: its region is the subtree of the reviewer's department.
		{Method: "GET", Pattern: "/review/board", Action: actBoard, Handler: boardShow},
		{Method: "GET", Pattern: "/review/board.xlsx", Action: actBoard, Audit: "export_board", Handler: boardExport},
		{Method: "POST", Pattern: "/review/board/bulk", Action: actBoard, Audit: "board_bulk", Handler: boardBulk},
		{Method: "GET", Pattern: "/review/dashboard", Action: actDashboard, Handler: dashboardShow},
		{Method: "GET", Pattern: "/review/dashboard.xlsx", Action: actDashboard, Audit: "export_dashboard", Handler: dashboardExport},
		{Method: "GET", Pattern: "/review/scores", Action: actDashboard, Handler: scoreTableShow},
		{Method: "GET", Pattern: "/review/scores.xlsx", Action: actDashboard, Audit: "export_scores", Handler: scoreTableExport},
		{Method: "POST", Pattern: "/review/scores/rule", Action: actDeadlines, Audit: "score_rule_set", Handler: scoreRuleSave},
		{Method: "GET", Pattern: "/review/deadlines", Action: actDeadlines, Handler: deadlinesShow},
		{Method: "POST", Pattern: "/review/deadlines", Action: actDeadlines, Audit: "deadline_set", Handler: deadlineSave},
		{Method: "POST", Pattern: "/review/exceptions", Action: actDeadlines, Audit: "exception_grant", Handler: exceptionSave},
		{Method: "GET", Pattern: "/review/library", Action: actLibrary, Handler: libraryShow},
		{Method: "GET", Pattern: "/review/library.xlsx", Action: actLibrary, Audit: "export_library", Handler: libraryExport},
		{Method: "POST", Pattern: "/review/library/import", Action: actLibrary, Audit: "library_import", Upload: true, Handler: libraryImport},
		{Method: "POST", Pattern: "/review/library/learn", Action: actLibrary, Audit: "library_learn", Handler: libraryLearn},
		{Method: "GET", Pattern: "/review/library/{eid}", Action: actLibrary, Handler: libraryEntryShow},
		{Method: "POST", Pattern: "/review/library/{eid}", Action: actLibrary, Audit: "library_update", Handler: libraryEntrySave},

		// 预算公开: published plans, for anyone, without signing in.
		{Method: "GET", Pattern: "/public", Public: true, Handler: publicList},
		{Method: "GET", Pattern: "/public/plans/{id}/print/{table}", Public: true, Handler: publicPrint},

		{Method: "GET", Pattern: "/audit", Action: actAudit, Audit: "audit_read", Handler: auditLog},
		{Method: "GET", Pattern: "/security", Action: actSecurity, Handler: securityShow},
		{Method: "POST", Pattern: "/security/users/{uid}/unlock", Action: actSecurity, Audit: "unlock", Handler: securityUnlock},

		{Method: "GET", Pattern: "/admin/departments", Action: actAdmin, Handler: adminDepartments},
		{Method: "POST", Pattern: "/admin/departments", Action: actAdmin, Audit: "department_create", Handler: adminDepartmentCreate},
		{Method: "GET", Pattern: "/admin/departments/{did}", Action: actAdmin, Handler: adminDepartmentEdit},
		{Method: "POST", Pattern: "/admin/departments/{did}", Action: actAdmin, Audit: "department_update", Handler: adminDepartmentSave},
		{Method: "GET", Pattern: "/admin/directory", Action: actAdmin, Handler: adminDirectory},
		{Method: "GET", Pattern: "/admin/directory/template.xlsx", Action: actAdmin, Handler: adminDirectoryTemplate},
		{Method: "POST", Pattern: "/admin/directory/preview", Action: actAdmin, Audit: "directory_preview", Upload: true, Handler: adminDirectoryPreview},
		{Method: "POST", Pattern: "/admin/directory", Action: actAdmin, Audit: "directory_import", Handler: adminDirectoryImport},
		{Method: "GET", Pattern: "/admin/users", Action: actAdmin, Handler: adminUsers},
		{Method: "POST", Pattern: "/admin/users", Action: actAdmin, Audit: "user_create", Handler: adminUserCreate},
		{Method: "GET", Pattern: "/admin/users/{uid}", Action: actAdmin, Handler: adminUserEdit},
		{Method: "POST", Pattern: "/admin/users/{uid}", Action: actAdmin, Audit: "user_update", Handler: adminUserSave},
	}
}
