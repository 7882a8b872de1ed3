package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"jixiao"
)

// TestSeparationOfDuties (三员分立, issue 13 item 11): the system administrator can
// neither see, change, disable nor reset the security and audit administrators'
// accounts, nor give an account their roles, nor choose the password of an account it
// makes (a region-wide reviewer above all): the password is random and shown once.
func TestSeparationOfDuties(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	admin := f.login("admin")
	for _, name := range []string{"auditor", "security"} {
		u, err := f.store.UserByUsername(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/admin/users/%d", u.ID)
		if st, _ := admin.get(path); st != http.StatusForbidden {
			t.Errorf("admin GET %s (%s): %d, want 403", path, name, st)
		}
		for _, form := range []url.Values{
			{"reset": {"1"}},
			{"name": {"x"}, "role": {string(u.Role)}, "department": {"430204"}, "disabled": {"1"}},
			{"name": {"x"}, "role": {"filler"}, "department": {"430204"}},
		} {
			form.Set("csrf", admin.csrf())
			if st, body := admin.post(path, form); st != http.StatusForbidden || !strings.Contains(body, "三员分立") {
				t.Errorf("admin POST %s %v: %d, want 403 saying 三员分立", path, form, st)
			}
		}
		after, _ := f.store.UserByUsername(ctx, name)
		if after.PasswordHash != u.PasswordHash || after.Disabled || after.Role != u.Role || after.Name != u.Name {
			t.Errorf("%s was changed by the administrator", name)
		}
		// The auditor still signs in with the password the administrator never knew.
		if st, _ := f.anon().signIn(name, password); st != http.StatusSeeOther {
			t.Errorf("%s signs in: %d", name, st)
		}
	}
	// No account is given a console-only role, and no password is chosen by the admin.
	for _, tc := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"username": {"shenji2"}, "name": {"审计"}, "role": {"auditor"}, "department": {"430204"}}, "请选择角色"},
		{url.Values{"username": {"anquan2"}, "name": {"安全"}, "role": {"security"}, "department": {"430204"}}, "请选择角色"},
		{url.Values{"username": {"quyu"}, "name": {"区审核"}, "role": {"reviewer"}, "department": {"430204"}, "password": {"Admin-knows-it-9"}}, "不能为账号设定密码"},
	} {
		tc.form.Set("csrf", admin.csrf())
		if st, body := admin.post("/admin/users", tc.form); st != http.StatusUnprocessableEntity || !strings.Contains(body, tc.want) {
			t.Errorf("create %v: %d, want 422 saying %q", tc.form, st, tc.want)
		}
		if _, err := f.store.UserByUsername(ctx, tc.form.Get("username")); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			t.Errorf("%s was created", tc.form.Get("username"))
		}
	}
	st, body := admin.post("/admin/users", url.Values{"csrf": {admin.csrf()}, "username": {"quyu"}, "name": {"区审核"}, "role": {"reviewer"}, "department": {"430204"}})
	m := passwordRe.FindStringSubmatch(body)
	if st != http.StatusOK || m == nil {
		t.Fatalf("create a reviewer: %d, no password shown:\n%s", st, snippet(body))
	}
	if st, _ := f.anon().signIn("quyu", unescape(m[1])); st != http.StatusSeeOther {
		t.Errorf("the reviewer signs in with the shown password: %d", st)
	}
	// The list shows them without an edit link.
	_, body = admin.get("/admin/users")
	u, _ := f.store.UserByUsername(ctx, "auditor")
	if strings.Contains(body, fmt.Sprintf(`href="/admin/users/%d"`, u.ID)) {
		t.Error("the user list links to the auditor's account")
	}
}

// TestAuditDetail (issue 13 item 13): account and department changes and CSRF refusals
// name their object and say what happened; an anonymous GET of an audited route is
// denied, not "ok".
func TestAuditDetail(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	admin := f.login("admin")
	admin.post("/admin/departments", url.Values{"csrf": {admin.csrf()}, "code": {"430204199"}, "name": {"区审计局"}, "parent": {"430204"}, "kind": {"department"}})
	admin.post("/admin/users", url.Values{"csrf": {admin.csrf()}, "username": {"newbie"}, "name": {"新人"}, "role": {"filler"}, "department": {"430204199"}})
	nb, err := f.store.UserByUsername(ctx, "newbie")
	if err != nil {
		t.Fatal(err)
	}
	d, _ := f.store.DepartmentByCode(ctx, "430204199")
	path := fmt.Sprintf("/admin/users/%d", nb.ID)
	admin.post(path, url.Values{"csrf": {admin.csrf()}, "name": {"新人"}, "role": {"leader"}, "department": {"430204199"}, "disabled": {"1"}})
	admin.post(path, url.Values{"csrf": {admin.csrf()}, "reset": {"1"}})
	admin.post(path, url.Values{"csrf": {"forged"}, "reset": {"1"}})
	f.anon().post("/login", url.Values{"username": {"filler"}, "password": {password}})
	f.anon().get("/audit")
	f.anon().get(fmt.Sprintf("/plans/%d/export.xlsx", f.demo))
	es := auditActions(t, f)
	obj := fmt.Sprintf("user:%d", nb.ID)
	for _, w := range []struct{ action, object, outcome, detail string }{
		{"department_create", fmt.Sprintf("department:%d", d.ID), "ok", "新建单位 区审计局（430204199"},
		{"user_create", obj, "ok", "新建账号 newbie"},
		{"user_update", obj, "ok", "角色 单位填报→单位负责人，停用"},
		{"user_reset", obj, "ok", "重置账号 newbie 的密码"},
		{"user_update", obj, "denied", "CSRF 校验失败"},
		{"audit_read", "", "denied", "未登录"},
		{"signin", "/login", "denied", "CSRF 校验失败"},
		{"export_xlsx", "", "denied", "未登录"},
	} {
		found := false
		for _, e := range es {
			if e.Action == w.action && e.Object == w.object && e.Outcome == w.outcome && strings.Contains(e.Detail, w.detail) {
				found = true
			}
		}
		if !found {
			t.Errorf("no audit entry %+v", w)
		}
	}
	for _, e := range es {
		if e.Actor == "" && e.Outcome == "ok" && e.Action != "setup_account" {
			t.Errorf("an anonymous request logged as ok: %+v", e)
		}
	}
}

var passwordRe = regexp.MustCompile(`<code class="password">([^<]+)</code>`)
