package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/check"
)

// TestComments: the reviewer comments on one indicator's target in review mode and
// returns the plan; the filler sees the comment beside that cell, answers it, and the
// thread stays.
func TestComments(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id := cleanPlan(t, f, 2022, false)
	filler, leader, reviewer := f.login("filler"), f.login("leader"), f.login("reviewer")
	filler.submit(id)
	leader.act(id, jixiao.ActUnitApprove, 0, "")
	page := fmt.Sprintf("/plans/%d/department", id)
	_, body := reviewer.get(page)
	if strings.Contains(body, "提交意见") || !strings.Contains(body, "审核模式") {
		t.Errorf("outside review mode the cells have comment forms, or there is no way into review mode")
	}
	_, body = reviewer.get(page + "?review=1")
	cell := cellHTML(t, body, "f-indicators-1-target")
	if !strings.Contains(cell, `form="nc-f-indicators-1-target"`) {
		t.Fatalf("no comment form beside indicators[1].target:\n%s", cell)
	}
	v := formValues(t, body, fmt.Sprintf("/plans/%d/comments", id))
	if v.Get("path") == "" || v.Get("back") != page+"?review=1" {
		t.Errorf("comment form fields: %v", v)
	}
	// The first detached comment form is for the first cell; post to the target's.
	v = url.Values{"csrf": {reviewer.csrf()}, "path": {"indicators[1].target"}, "back": {page + "?review=1"}, "body": {"参与率口径不清，请写明分母"}}
	if st, _ := reviewer.post(fmt.Sprintf("/plans/%d/comments", id), v); st != 303 {
		t.Fatalf("comment: %d", st)
	}
	// The filler is told, with the cell named in words.
	if _, m := filler.get("/messages"); !strings.Contains(m, "对“部门整体表 · 年度绩效指标 · 第2行 指标值”提出审核意见：参与率口径不清，请写明分母") {
		t.Errorf("the filler got no message of the comment:\n%s", snippet(m))
	}
	v.Set("path", "indicators[1].target\"><script>")
	if st, _ := reviewer.post(fmt.Sprintf("/plans/%d/comments", id), v); st != 400 {
		t.Errorf("a comment on a path that is no cell: %d, want 400", st)
	}
	// Only the reviewer comments; only the filler of the department answers.
	v.Set("path", "duties")
	for _, c := range []*client{leader, filler, f.login("filler2")} {
		v.Set("csrf", c.csrf())
		if st, _ := c.post(fmt.Sprintf("/plans/%d/comments", id), v); st != 403 {
			t.Errorf("comment by a non-reviewer: %d, want 403", st)
		}
	}
	if st, _ := reviewer.act(id, jixiao.ActReturn, 0, "请按意见修改"); st != 303 {
		t.Fatalf("return: %d", st)
	}
	// The filler sees it in place, with an answer field, and the plan is editable again.
	_, body = filler.get(page)
	cell = cellHTML(t, body, "f-indicators-1-target")
	if !strings.Contains(cell, "参与率口径不清") || !strings.Contains(cell, "标记已答复") || !strings.Contains(body, `value="save"`) {
		t.Errorf("the returned plan does not show the comment beside its cell, or is not editable:\n%s", cell)
	}
	cs, _ := f.store.Comments(ctx, id)
	if len(cs) != 1 {
		t.Fatalf("%d comments", len(cs))
	}
	answer := fmt.Sprintf("/plans/%d/comments/%d/answer", id, cs[0].ID)
	if st, _ := f.login("filler2").post(answer, url.Values{"csrf": {f.login("filler2").csrf()}}); st != 403 {
		t.Errorf("another department answers: %d, want 403", st)
	}
	if st, _ := reviewer.post(answer, url.Values{"csrf": {reviewer.csrf()}}); st != 403 {
		t.Errorf("the reviewer answers: %d, want 403", st)
	}
	if st, _ := filler.post(answer, url.Values{"csrf": {filler.csrf()}, "answer": {"已改为“党外人士参与率（参与人数/应参与人数）”"}, "back": {page}}); st != 303 {
		t.Fatalf("answer: %d", st)
	}
	_, body = reviewer.get(fmt.Sprintf("/plans/%d", id))
	if !strings.Contains(body, "已答复") || !strings.Contains(body, "参与人数/应参与人数") || !strings.Contains(body, "请按意见修改") {
		t.Errorf("the overview does not show the answered thread and the return's reason")
	}
	if st, _ := filler.submit(id); st != 303 {
		t.Errorf("resubmit: %d", st)
	}
	if _, body := filler.get(page); !strings.Contains(cellHTML(t, body, "f-indicators-1-target"), "参与率口径不清") {
		t.Error("the thread left the cell after resubmission")
	}
}

// TestLockedPagesSayWhy: a submitted plan's pages say it is locked, by its state, and
// who put it there; a save is refused with the same reason.
func TestLockedPagesSayWhy(t *testing.T) {
	f := newFixture(t)
	id := cleanPlan(t, f, 2022, false)
	filler := f.login("filler")
	filler.submit(id)
	for _, path := range []string{"/plans/%d", "/plans/%d/department", "/plans/%d/funds", "/plans/%d/history"} {
		_, body := filler.get(fmt.Sprintf(path, id))
		if !strings.Contains(body, "🔒") || !strings.Contains(body, "已提交") || !strings.Contains(body, "由 filler") {
			t.Errorf("%s does not say why it is locked and by whom", fmt.Sprintf(path, id))
		}
	}
	st, body := filler.post(fmt.Sprintf("/plans/%d/department", id), url.Values{"csrf": {filler.csrf()}, "version": {"2"}})
	if st != http.StatusLocked || !strings.Contains(body, "由 filler") || !strings.Contains(body, "退回") {
		t.Errorf("save of a submitted plan: %d\n%s", st, snippet(body))
	}
	if _, body := f.login("leader").get(fmt.Sprintf("/plans/%d/department", id)); !strings.Contains(body, "🔒") {
		t.Error("the leader's view does not say it is read-only")
	}
}

// auditActions returns the actions of the log, oldest first.
func auditActions(t *testing.T, f *fixture) []jixiao.AuditEntry {
	t.Helper()
	es, _, err := f.store.AuditEntries(context.Background(), jixiao.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(es)-1; i < j; i, j = i+1, j-1 {
		es[i], es[j] = es[j], es[i]
	}
	return es
}

func hasEntry(es []jixiao.AuditEntry, actor, action, outcome string) bool {
	for _, e := range es {
		if e.Actor == actor && e.Action == action && e.Outcome == outcome {
			return true
		}
	}
	return false
}

// TestAuditTrail: sign-ins (failed and not), saves, transitions, exports, refusals and
// admin actions reach the log through the one helper in wrap; the auditor reads it and
// nothing else; the chain verifies.
func TestAuditTrail(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id := cleanPlan(t, f, 2022, false)
	f.anon().signIn("filler", "wrong")
	f.anon().signIn("nobody", "wrong")
	filler, reviewer, admin := f.login("filler"), f.login("reviewer"), f.login("admin")
	v := filler.form(fmt.Sprintf("/plans/%d/department", id), fmt.Sprintf("/plans/%d/department", id))
	v.Set("op", "save")
	if st, _ := filler.post(fmt.Sprintf("/plans/%d/department", id), v); st != 303 {
		t.Fatalf("save: %d", st)
	}
	filler.submit(id)
	reviewer.get("/review/board.xlsx?year=2022")
	reviewer.get(fmt.Sprintf("/plans/%d/print/department", id))
	filler.get("/admin/users") // refused
	admin.post("/admin/departments", url.Values{"csrf": {admin.csrf()}, "code": {"430204199"}, "name": {"区审计局"}, "parent": {"430204"}, "kind": {"department"}})
	es := auditActions(t, f)
	for _, w := range []struct{ actor, action, outcome string }{
		{"filler", "signin_failed", "denied"},
		{"nobody", "signin_failed", "denied"},
		{"filler", "signin", "ok"},
		{"filler", "plan_update", "ok"},
		{"filler", "transition:submit", "ok"},
		{"reviewer", "export_board", "ok"},
		{"reviewer", "print", "ok"},
		{"filler", "GET /admin/users", "denied"},
		{"admin", "department_create", "ok"},
	} {
		if !hasEntry(es, w.actor, w.action, w.outcome) {
			t.Errorf("no audit entry %s %s %s", w.actor, w.action, w.outcome)
		}
	}
	for _, e := range es {
		if e.Action == "transition:submit" && (e.Object != fmt.Sprintf("plan:%d", id) || !strings.Contains(e.Detail, "第 2 版")) {
			t.Errorf("transition entry: %+v", e)
		}
		if e.Addr == "" {
			t.Errorf("entry %d has no client address", e.Seq)
		}
	}
	if n, err := jixiao.VerifyAudit(ctx, f.store); err != nil || n != int64(len(es)) {
		t.Errorf("verify: %d, %v (log has %d)", n, err, len(es))
	}
	// The auditor reads, filters and pages the log; nobody else reads it.
	auditor := f.login("auditor")
	st, body := auditor.get("/audit?actor=filler&action=signin_failed")
	if st != 200 || !strings.Contains(body, "signin_failed") || strings.Contains(body, "plan_update") {
		t.Errorf("audit page filtered: %d\n%s", st, snippet(body))
	}
	for _, u := range []string{"admin", "security", "reviewer", "filler"} {
		if st, _ := f.login(u).get("/audit"); st != 403 {
			t.Errorf("%s reads the audit log: %d", u, st)
		}
	}
	// 三员分立: the auditor reads no plans and manages nothing.
	for _, path := range []string{"/plans", fmt.Sprintf("/plans/%d", id), "/admin/users", "/security"} {
		if st, _ := auditor.get(path); st != 403 {
			t.Errorf("auditor GET %s: %d, want 403", path, st)
		}
	}
	// No route of any method changes or deletes entries.
	for _, m := range []string{"POST", "PUT", "DELETE"} {
		req, _ := http.NewRequest(m, f.ts.URL+"/audit", strings.NewReader("csrf="+auditor.csrf()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if st, _, _ := auditor.do(req); st < 400 {
			t.Errorf("%s /audit: %d", m, st)
		}
	}
}

// TestBruteForce: five wrong passwords lock the account; the right one is then refused
// until the lock expires (the server's clock is moved), and the log shows it.
func TestBruteForce(t *testing.T) {
	f := newFixture(t)
	c := f.anon()
	for i := 0; i < 5; i++ {
		if st, _ := c.signIn("leader", "wrong-password"); st != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d", i+1, st)
		}
	}
	for _, after := range []time.Duration{0, time.Minute, 13 * time.Minute} { // 0, 1 and 14 minutes in
		f.clock.Add(after)
		if st, body := c.signIn("leader", password); st != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码错误") {
			t.Errorf("the right password %v into the lock: %d", after, st)
		}
	}
	f.clock.Add(2 * time.Minute) // 16 minutes: the 15-minute lock is over
	if st, _ := c.signIn("leader", password); st != http.StatusSeeOther {
		t.Errorf("after the lock expired: %d", st)
	}
	es := auditActions(t, f)
	if !hasEntry(es, "leader", "account_locked", "denied") || !hasEntry(es, "leader", "signin_locked", "denied") {
		t.Error("the lock and the refused sign-ins are not in the audit log")
	}
	// The security administrator may end a lock early.
	c = f.anon()
	for i := 0; i < 5; i++ {
		c.signIn("filler", "wrong-password")
	}
	sec := f.login("security")
	if _, body := sec.get("/security"); !strings.Contains(body, "filler") {
		t.Error("the security page does not list the locked account")
	}
	u, _ := f.store.UserByUsername(context.Background(), "filler")
	if st, _ := sec.post(fmt.Sprintf("/security/users/%d/unlock", u.ID), url.Values{"csrf": {sec.csrf()}}); st != 303 {
		t.Fatalf("unlock: %d", st)
	}
	if st, _ := c.signIn("filler", password); st != http.StatusSeeOther {
		t.Errorf("after the unlock: %d", st)
	}
}

// TestPasswordPolicy: at least 10 characters of 3 of the 4 classes, said in Chinese.
func TestPasswordPolicy(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	for _, tc := range []struct{ pw, want string }{
		{"Ab1-", "至少需要 10 位"},
		{"abcdefghij12", "至少 3 类"},
		{"ABCDEFGHIJKL", "至少 3 类"},
		{"Password12", "太常见"},
		{"Qwerty1234", "太常见"},
	} {
		st, body := c.post("/account/password", url.Values{"csrf": {c.csrf()}, "old": {password}, "new": {tc.pw}, "again": {tc.pw}})
		if st != 400 || !strings.Contains(body, tc.want) {
			t.Errorf("password %q: %d, want 400 with %q", tc.pw, st, tc.want)
		}
	}
	other := f.login("filler")
	if st, _ := c.post("/account/password", url.Values{"csrf": {c.csrf()}, "old": {password}, "new": {"Budget-2021x"}, "again": {"Budget-2021x"}}); st != 303 {
		t.Fatalf("a good password: %d", st)
	}
	if st, _ := other.get("/plans"); st != http.StatusSeeOther {
		t.Errorf("another session after the password change: %d, want it ended", st)
	}
}

// TestBoard: the finance bureau's board lists every department of its region with its
// state, counts, last change and days to the deadline; filters; exports; a reviewer of
// another region sees only that region.
func TestBoard(t *testing.T) {
	f := newFixture(t)
	id := cleanPlan(t, f, 2022, false)
	broken := cleanPlan(t, f, 2023, true)
	f.login("filler").submit(id)
	reviewer := f.login("reviewer")
	st, body := reviewer.get("/review/board?year=2022")
	if st != 200 {
		t.Fatalf("board: %d", st)
	}
	for _, want := range []string{"统一战线工作部", "石峰区教育局", "已提交", "未开始", "未设定",
		"另有 1 个下属单位由上级部门合并填报", "<td>—</td><td>—</td>"} {
		if !strings.Contains(body, want) {
			t.Errorf("board lacks %q", want)
		}
	}
	// 统战部机关服务中心 is a unit of 统一战线工作部, which files for it in 2022.
	if strings.Contains(body, "统战部机关服务中心") {
		t.Error("a unit whose parent files for it is on the board")
	}
	if _, body := reviewer.get("/review/board?year=2022&state=" + url.QueryEscape("已提交")); strings.Contains(body, "石峰区教育局") || !strings.Contains(body, "统一战线工作部") {
		t.Error("the state filter does not filter")
	}
	_, body = reviewer.get("/review/board?year=2023")
	p, _ := f.store.Plan(context.Background(), broken)
	var errs, warns int
	for _, x := range check.Check(p, check.Options{}).Findings {
		switch x.Severity {
		case check.Error:
			errs++
		case check.Warning:
			warns++
		}
	}
	if want := fmt.Sprintf("<td>%d</td><td>%d</td>", errs, warns); errs == 0 || !strings.Contains(body, want) {
		t.Errorf("the 2023 plan's %d errors and %d warnings are not on the board", errs, warns)
	}
	req, _ := http.NewRequest("GET", f.ts.URL+"/review/board.xlsx?year=2022", nil)
	st, data, h := reviewer.do(req)
	if st != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/vnd.openxmlformats") || !strings.HasPrefix(data, "PK") {
		t.Errorf("export: %d %s", st, h.Get("Content-Type"))
	}
	_, body = f.login("reviewer2").get("/review/board?year=2022")
	if strings.Contains(body, "统一战线工作部") || !strings.Contains(body, "石峰区教育局") {
		t.Error("a reviewer of another region sees departments outside it")
	}
}
