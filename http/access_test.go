package http_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	jxhttp "jixiao/http"
)

// who is one row of the access matrix: a role, signed in or not, acting on its own
// department's plan or on another department's.
type who struct {
	user  string // "" for anonymous
	other bool   // the {id} is another department's plan
}

func (w who) String() string {
	u := w.user
	if u == "" {
		u = "anonymous"
	}
	if w.other {
		return u + "/other-dept"
	}
	return u + "/own-dept"
}

// allowed is the expected matrix: for each route of the table, who gets through. A route
// missing here fails the test, so a new route cannot be added without deciding its
// access.
var allowed = map[string][]string{
	"GET /login":                           {"*"},
	"POST /login":                          {"*"},
	"POST /logout":                         {"signed-in"},
	"GET /account/password":                {"signed-in"},
	"POST /account/password":               {"signed-in"},
	"GET /account/tokens":                  {"signed-in"},
	"POST /account/tokens":                 {"signed-in"},
	"POST /account/tokens/{tid}/revoke":    {"signed-in"},
	"GET /{$}":                             {"signed-in"},
	"GET /targets/preview":                 {"signed-in"},
	"GET /template.xlsx":                   {"signed-in"},
	"GET /rules":                           {"signed-in"},
	"GET /plans":                           {"filler", "leader", "reviewer", "filler2"},
	"GET /plans/new":                       {"filler", "filler2"},
	"POST /plans":                          {"filler", "filler2"},
	"GET /plans/import":                    {"filler", "filler2"},
	"POST /plans/import":                   {"filler", "filler2"},
	"POST /plans/import/confirm":           {"filler", "filler2"},
	"GET /plans/{id}":                      {"filler", "leader", "reviewer", "filler2/other-dept"},
	"GET /plans/{id}/department":           {"filler", "leader", "reviewer", "filler2/other-dept"},
	"POST /plans/{id}/department":          {"filler", "filler2/other-dept"},
	"GET /plans/{id}/funds":                {"filler", "leader", "reviewer", "filler2/other-dept"},
	"POST /plans/{id}/funds":               {"filler", "filler2/other-dept"},
	"GET /plans/{id}/funds/{f}/items/{i}":  {"filler", "leader", "reviewer", "filler2/other-dept"},
	"POST /plans/{id}/funds/{f}/items/{i}": {"filler", "filler2/other-dept"},
	"POST /plans/{id}/apply":               {"filler", "filler2/other-dept"},
	"POST /plans/{id}/restore":             {"filler", "filler2/other-dept"},
	"GET /plans/{id}/links":                {"filler", "leader", "reviewer", "filler2/other-dept"},
	"POST /plans/{id}/links":               {"filler", "filler2/other-dept"},
	"GET /plans/{id}/print/{table}":        {"filler", "leader", "reviewer", "filler2/other-dept"},
	"GET /plans/{id}/export.xlsx":          {"filler", "leader", "reviewer", "filler2/other-dept"},
	"GET /plans/{id}/export.pdf":           {"filler", "leader", "reviewer", "filler2/other-dept"},
	"GET /plans/{id}/history":              {"filler", "leader", "reviewer", "filler2/other-dept"},
	"GET /plans/{id}/diff":                 {"filler", "leader", "reviewer", "filler2/other-dept"},
	"GET /library/suggest":                 {"signed-in"},
	"GET /plans/{id}/library/suggest":      {"filler", "leader", "reviewer", "filler2/other-dept"},
	"GET /plans/{id}/library/check":        {"filler", "leader", "reviewer", "filler2/other-dept"},
	// Workflow: which step a role may take is the state machine's (tested in workflow
	// tests); here, who reaches the handler at all.
	"GET /plans/{id}/submit":                   {"filler", "filler2/other-dept"},
	"POST /plans/{id}/transition":              {"filler", "leader", "reviewer", "filler2/other-dept"},
	"POST /plans/{id}/comments":                {"reviewer"},
	"POST /plans/{id}/comments/{cid}/answer":   {"filler", "filler2/other-dept"},
	"GET /plans/{id}/selfeval":                 {"filler", "leader", "reviewer", "filler2/other-dept"},
	"POST /plans/{id}/selfeval":                {"filler", "filler2/other-dept"},
	"GET /plans/{id}/selfeval/{i}":             {"filler", "leader", "reviewer", "filler2/other-dept"},
	"POST /plans/{id}/selfeval/{i}":            {"filler", "filler2/other-dept"},
	"POST /plans/{id}/selfeval/{i}/transition": {"filler", "leader", "reviewer", "filler2/other-dept"},
	"POST /plans/{id}/selfeval/{i}/recheck":    {"reviewer"},
	"POST /plans/{id}/selfeval/{i}/comments":   {"reviewer"},
	"GET /plans/{id}/selfeval/{i}/print":       {"filler", "leader", "reviewer", "filler2/other-dept"},
	"GET /plans/{id}/selfeval/report.pdf":      {"filler", "leader", "reviewer", "filler2/other-dept"},
	"GET /review/board":                        {"reviewer"},
	"GET /review/board.xlsx":                   {"reviewer"},
	"POST /review/board/bulk":                  {"reviewer"},
	"GET /review/dashboard":                    {"reviewer", "leader"},
	"GET /review/dashboard.xlsx":               {"reviewer", "leader"},
	"GET /review/scores":                       {"reviewer", "leader"},
	"GET /review/scores.xlsx":                  {"reviewer", "leader"},
	"POST /review/scores/rule":                 {"reviewer"},
	"GET /messages":                            {"signed-in"},
	"POST /messages/read":                      {"signed-in"},
	"POST /messages/mail":                      {"signed-in"},
	"GET /review/deadlines":                    {"reviewer"},
	"POST /review/deadlines":                   {"reviewer"},
	"POST /review/exceptions":                  {"reviewer"},
	"POST /review/library/learn":               {"reviewer"},
	"GET /review/library":                      {"reviewer"},
	"GET /review/library.xlsx":                 {"reviewer"},
	"POST /review/library/import":              {"reviewer"},
	"GET /review/library/{eid}":                {"reviewer"},
	"POST /review/library/{eid}":               {"reviewer"},
	"GET /public":                              {"*"},
	"GET /public/plans/{id}/print/{table}":     {"*"},
	"GET /audit":                               {"auditor"},
	"GET /security":                            {"security"},
	"POST /security/users/{uid}/unlock":        {"security"},
	"GET /admin/departments":                   {"admin"},
	"POST /admin/departments":                  {"admin"},
	"GET /admin/users":                         {"admin"},
	"POST /admin/users":                        {"admin"},
	"GET /admin/users/{uid}":                   {"admin"},
	"POST /admin/users/{uid}":                  {"admin"},
	// Project tables (项目支出绩效目标表) of Plan.Projects.
	"POST /plans/{id}/projects":            {"filler", "filler2/other-dept"},
	"GET /plans/{id}/projects/{k}":         {"filler", "leader", "reviewer", "filler2/other-dept"},
	"POST /plans/{id}/projects/{k}":        {"filler", "filler2/other-dept"},
	"POST /plans/{id}/projects/{k}/delete": {"filler", "filler2/other-dept"},

	// 绩效运行监控: a unit reaches only its own plans' records; the rounds and the board are the finance bureau's.
	"GET /plans/{id}/monitoring":                   {"filler", "leader", "reviewer", "filler2/other-dept"},
	"GET /plans/{id}/monitoring/{m}":               {"filler", "leader", "reviewer", "filler2/other-dept"},
	"POST /plans/{id}/monitoring/{m}":              {"filler", "filler2/other-dept"},
	"POST /plans/{id}/monitoring/{m}/transition":   {"filler", "leader", "reviewer", "filler2/other-dept"},
	"POST /plans/{id}/monitoring/{m}/adjust":       {"filler", "filler2/other-dept"},
	"POST /plans/{id}/monitoring/{m}/import":       {"filler", "filler2/other-dept"},
	"GET /plans/{id}/monitoring/{m}/print":         {"filler", "leader", "reviewer", "filler2/other-dept"},
	"GET /plans/{id}/monitoring/{m}/template.xlsx": {"filler", "leader", "reviewer", "filler2/other-dept"},
	"GET /review/monitoring":                       {"reviewer"},
	"POST /review/monitoring":                      {"reviewer"},
	"GET /review/monitoring/{rid}":                 {"reviewer"},
	"GET /review/monitoring/{rid}/board.xlsx":      {"reviewer"},
	"POST /review/monitoring/{rid}/close":          {"reviewer"},
	"POST /review/monitoring/{rid}/remind":         {"reviewer"},
	"GET /admin/departments/{did}":                 {"admin"},
	"POST /admin/departments/{did}":                {"admin"},
	"GET /admin/directory":                         {"admin"},
	"GET /admin/directory/template.xlsx":           {"admin"},
	"POST /admin/directory/preview":                {"admin"},
	"POST /admin/directory":                        {"admin"},
}

// expect says whether w may call the route, from the matrix. The reviewer's region is
// the root, so "own" and "other" are both its own; filler2 belongs to the other
// department, so for it the roles swap.
func expect(route string, w who) bool {
	for _, a := range allowed[route] {
		switch {
		case a == "*":
			return true
		case a == "signed-in":
			if w.user != "" {
				return true
			}
		case a == w.user && !w.other:
			return true
		case a == "reviewer" && w.user == "reviewer":
			return true
		case a == w.user+"/other-dept" && w.other:
			return true
		case a == w.user && !strings.Contains(route, "{id}"):
			return true
		}
	}
	return false
}

func TestAccessMatrix(t *testing.T) {
	f := newFixture(t)
	var whos []who
	for _, u := range []string{"", "admin", "security", "auditor", "reviewer", "filler", "leader", "filler2"} {
		whos = append(whos, who{u, false}, who{u, true})
	}
	clients := map[string]*client{"": f.anon()}
	for _, w := range whos {
		if w.user != "" && clients[w.user] == nil {
			clients[w.user] = f.login(w.user)
		}
	}
	for _, rt := range jxhttp.Routes() {
		key := rt.Method + " " + rt.Pattern
		if _, ok := allowed[key]; !ok {
			t.Errorf("route %s has no entry in the access matrix", key)
			continue
		}
		for _, w := range whos {
			if !strings.Contains(rt.Pattern, "{id}") && w.other {
				continue // the department does not enter into it
			}
			if rt.Pattern == "/login" || rt.Pattern == "/logout" || strings.HasPrefix(rt.Pattern, "/account/password") && rt.Method == "POST" {
				continue // sign-in and sign-out change the session; tested on their own
			}
			plan := f.demo
			if w.other {
				plan = f.other
			}
			path := strings.NewReplacer("{id}", fmt.Sprint(plan), "{f}", "0", "{i}", "0", "{table}", "department",
				"{uid}", fmt.Sprint(f.admin), "{did}", "1", "{cid}", "1", "{$}", "").Replace(rt.Pattern)
			c := clients[w.user]
			var st int
			var body string
			if rt.Method == "GET" {
				st, body = c.get(path)
			} else {
				form := url.Values{}
				if w.user != "" {
					form.Set("csrf", c.csrf())
				}
				// An empty form: allowed callers get a validation error, not a denial.
				st, body = c.post(path, form)
			}
			denied := st == http.StatusForbidden || st == http.StatusUnauthorized ||
				(st == http.StatusSeeOther && w.user == "" && rt.Method == "GET")
			if want := expect(key, w); want == denied {
				t.Errorf("%s %s as %s: status %d, want allowed=%v\n%s", rt.Method, path, w, st, want, snippet(body))
			}
		}
	}
}

func snippet(s string) string {
	if i := strings.Index(s, `<main`); i >= 0 {
		s = s[i:]
	}
	if len(s) > 600 {
		s = s[:600]
	}
	return s
}
