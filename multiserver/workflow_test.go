package multiserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao"
	"jixiao/bench"
)

// This file runs the review workflow across the two servers: every step on the server
// the previous one did not use, stale and racing steps through different servers, a
// deadline set on one server that locks drafts on the other, and at the end the audit
// log those steps wrote, from both processes, as one unbroken chain.

func planPath(id int64, rest string) string { return fmt.Sprintf("/plans/%d%s", id, rest) }

// cleanPlan stores a small plan of the demo department for year with no errors and a
// few warnings (as http's tests do), so that it can be submitted once each warning is
// explained.
func (cl *cluster) cleanPlan(t *testing.T, year int) int64 {
	t.Helper()
	d := func(s string) jixiao.Decimal {
		x, err := jixiao.ParseDecimal(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	p := &jixiao.Plan{Department: cl.dept.Name, DepartmentCode: cl.dept.Code, Year: year, Framework: "hunan-2021",
		Duties: "负责全区统一战线工作，选拨培养党外干部。",
		Budget: jixiao.Budget{Total: d("100"), GeneralBudget: d("100"), Basic: d("100")},
		Indicators: []jixiao.Indicator{
			jixiao.NewIndicator("产出指标", "产出数量", "培训次数", "≥8次", ""),
			jixiao.NewIndicator("效益指标", "社会效益", "党外人士参与率", "≥90%", ""),
			jixiao.NewIndicator("效益指标", "社会公众及服务对象满意度", "服务对象满意度", "≥90%", ""),
		}}
	if err := cl.store.CreatePlan(cl.ctx, p, jixiao.SaveInfo{Author: "filler"}); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// state reads the plan's state and version from the database.
func (cl *cluster) state(t *testing.T, id int64) (jixiao.Status, int) {
	t.Helper()
	p, err := cl.store.Plan(cl.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return p.Status, p.Version
}

func (cl *cluster) wantState(t *testing.T, what string, id int64, st jixiao.Status, version int) {
	t.Helper()
	if gs, gv := cl.state(t, id); gs != st || gv != version {
		t.Fatalf("%s: plan %d is %s at version %d, want %s at version %d", what, id, gs, gv, st, version)
	}
}

func (cl *cluster) transitions(t *testing.T, id int64) []jixiao.TransitionRecord {
	t.Helper()
	trs, err := cl.store.Transitions(cl.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return trs
}

// wantEntry is an entry the audit log must hold once the test is over: who, what, on
// what, with which outcome, through which server (by the client address the request to
// it came from). Ordered entries must appear in the order they were expected; an
// unordered one (the two sides of a race) only somewhere.
type wantEntry struct {
	actor, action, object, outcome, addr string
	unordered                            bool
}

func (e wantEntry) String() string {
	return fmt.Sprintf("%s %s %s %s from %s", e.actor, e.action, e.object, e.outcome, e.addr)
}

// expect notes an entry the request just made through base must have written.
func (cl *cluster) expect(actor, action, object, outcome, base string) {
	cl.want = append(cl.want, wantEntry{actor: actor, action: action, object: object, outcome: outcome, addr: cl.addrs[base]})
}

func (cl *cluster) expectUnordered(actor, action, object, outcome, base string) {
	cl.want = append(cl.want, wantEntry{actor, action, object, outcome, cl.addrs[base], true})
}

// stepForm returns the form of the overview's button for action a: what a browser
// posts when the button is pressed. ok is false when the page has no such button.
func stepForm(page string, id int64, a jixiao.Action) (url.Values, bool) {
	i := strings.Index(page, `name="action" value="`+string(a)+`"`)
	if i < 0 {
		return nil, false
	}
	start := strings.LastIndex(page[:i], "<form")
	end := strings.Index(page[i:], "</form>")
	if start < 0 || end < 0 {
		return nil, false
	}
	return bench.FormValues(page[start:i+end+len("</form>")], planPath(id, "/transition"))
}

// overview reads the plan's overview on base.
func (c client) overview(base, cookie string, id int64) string {
	c.t.Helper()
	st, page := c.get(base+planPath(id, ""), cookie)
	if st != http.StatusOK {
		c.t.Fatalf("GET %s%s: status %d", base, planPath(id, ""), st)
	}
	return page
}

// step opens the plan's overview on base and returns the form of the button for a,
// failing the test when the page offers no such step.
func (c client) step(base, cookie string, id int64, a jixiao.Action) url.Values {
	c.t.Helper()
	f, ok := stepForm(c.overview(base, cookie, id), id, a)
	if !ok {
		c.t.Fatalf("the overview of plan %d on %s has no %q button", id, base, a)
	}
	return f
}

// take presses the button for a on the overview on base, with reason when not empty,
// and wants the step taken (303).
func (c client) take(base, cookie string, id int64, a jixiao.Action, reason string) {
	c.t.Helper()
	f := c.step(base, cookie, id, a)
	if reason != "" {
		f.Set("reason", reason)
	}
	if st, loc, body := c.post(base+planPath(id, "/transition"), cookie, f); st != http.StatusSeeOther {
		c.t.Fatalf("%s on %s: status %d (location %q)\n%s", a, base, st, loc, snippet(body))
	}
}

// submit opens the submit page on base, writes an explanation for every warning and
// posts it there, wanting the submission taken.
func (c client) submit(base, cookie string, id int64) {
	c.t.Helper()
	path := planPath(id, "/submit")
	st, page := c.get(base+path, cookie)
	if st != http.StatusOK {
		c.t.Fatalf("GET %s%s: status %d\n%s", base, path, st, snippet(page))
	}
	if strings.Contains(page, `id="blocking"`) {
		c.t.Fatalf("the submit page of plan %d lists errors: the test plan must have none\n%s", id, snippet(page))
	}
	f, ok := bench.FormValues(page, planPath(id, "/transition"))
	if !ok {
		c.t.Fatalf("GET %s%s: no submit form", base, path)
	}
	n := 0
	for k := range f {
		if strings.HasPrefix(k, "ex:") {
			f.Set(k, "已核对，按单位实际情况填写")
			n++
		}
	}
	if n == 0 {
		c.t.Errorf("the submit page of plan %d asks for no explanation; the test plan has warnings", id)
	}
	if st, loc, body := c.post(base+planPath(id, "/transition"), cookie, f); st != http.StatusSeeOther {
		c.t.Fatalf("submit on %s: status %d (location %q)\n%s", base, st, loc, snippet(body))
	}
}

// csrf returns the session's CSRF token as a page on base shows it (in the sign-out form).
func (c client) csrf(base, cookie string) string {
	c.t.Helper()
	_, page := c.get(base+"/plans", cookie)
	f, ok := bench.FormValues(page, "/logout")
	if !ok || f.Get("csrf") == "" {
		c.t.Fatalf("no CSRF token on %s/plans", base)
	}
	return f.Get("csrf")
}

// snippet shortens a page for an error message: its main text, without the layout.
func snippet(page string) string {
	if i := strings.Index(page, "<main"); i >= 0 {
		page = page[i:]
	}
	if len(page) > 1500 {
		page = page[:1500] + "…"
	}
	return page
}

// workflowAcrossServers walks a plan through the review, each step on the other server
// than the step before: the filler submits on A; the leader returns it with a reason on
// B; the filler sees that on A and submits again there; the leader approves on B; the
// finance reviewer approves on A and publishes on B; the public page of A shows it. A
// second leader and a second reviewer act on versions already moved on, through the
// other server, and are refused without changing anything.
func workflowAcrossServers(t *testing.T, cl *cluster) {
	c, a, b := cl.client(t), cl.a, cl.b
	id := cl.cleanPlan(t, 2022)
	obj := fmt.Sprintf("plan:%d", id)
	transition := planPath(id, "/transition")
	filler := c.signIn(a, "filler")
	leader := c.signIn(b, "leader")
	leader2 := c.signIn(a, "leader2")
	reviewer := c.signIn(a, "reviewer")
	reviewer2 := c.signIn(b, "reviewer2")

	publicLink := fmt.Sprintf("/public/plans/%d/print/department", id)
	if _, page := c.get(a+"/public", ""); strings.Contains(page, publicLink) {
		t.Fatal("the public page lists the plan before it is published")
	}

	// The filler has the draft's editor open on B, and submits on A.
	editor := planPath(id, "/department")
	onB := c.form(b, editor, filler)
	cl.wantState(t, "the new plan", id, jixiao.Draft, 1)
	c.submit(a, filler, id)
	cl.expect("filler", "transition:submit", obj, "ok", a)
	cl.wantState(t, "after the submission on A", id, jixiao.Submitted, 2)
	// B refuses the editor's save at once: the plan is submitted, and by whom.
	onB.Set("duties", "提交后在服务器乙上修改")
	st, _, body := c.post(b+editor, filler, onB)
	if st != http.StatusLocked || !strings.Contains(body, "已提交") || !strings.Contains(body, "由 填报人 于") {
		t.Errorf("save on B of the plan submitted on A: status %d, want 423 saying it is submitted by 填报人 (the filler by name)\n%s", st, snippet(body))
	}
	cl.expect("filler", "plan_update", obj, "denied", b)
	cl.wantState(t, "after the refused save", id, jixiao.Submitted, 2)

	// The leader returns it on B, with a reason.
	const reason = "产出指标偏少，请补充培训人次和覆盖面"
	c.take(b, leader, id, jixiao.ActUnitReturn, reason)
	cl.expect("leader", "transition:unit_return", obj, "ok", b)
	cl.wantState(t, "after the return on B", id, jixiao.Returned, 3)
	// The filler sees on A that it is returned, why and by whom, and may edit it again.
	page := c.overview(a, filler, id)
	for _, want := range []string{"已退回", reason, "负责人甲", `id="act-submit"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the filler's overview on A of the returned plan lacks %q", want)
		}
	}
	if _, page := c.get(a+editor, filler); !strings.Contains(page, `value="save"`) {
		t.Error("the returned plan's editor on A has no save button")
	}
	// The filler submits again on A.
	c.submit(a, filler, id)
	cl.expect("filler", "transition:submit", obj, "ok", a)
	cl.wantState(t, "after the second submission", id, jixiao.Submitted, 4)

	// Both leaders open the submission (version 4): leader2 on A, leader on B. The
	// leader approves on B; leader2's return from version 4, through A, comes too late.
	stale, ok := stepForm(c.overview(a, leader2, id), id, jixiao.ActUnitReturn)
	if !ok {
		t.Fatal("leader2's overview on A has no return button")
	}
	stale.Set("reason", "第二位负责人也要退回")
	c.take(b, leader, id, jixiao.ActUnitApprove, "")
	cl.expect("leader", "transition:unit_approve", obj, "ok", b)
	cl.wantState(t, "after the leader's approval on B", id, jixiao.UnitApproved, 5)
	st, _, body = c.post(a+transition, leader2, stale)
	if st != http.StatusConflict || !strings.Contains(body, "第 4 版") {
		t.Errorf("leader2's return of version 4 on A after the approval on B: status %d, want 409 naming version 4\n%s", st, snippet(body))
	}
	cl.expect("leader2", "transition:unit_return", obj, "failed", a)
	cl.wantState(t, "after the stale return", id, jixiao.UnitApproved, 5)

	// Both reviewers open it (version 5): reviewer2 on B, reviewer on A. The reviewer
	// approves on A; reviewer2's return from version 5, through B, comes too late.
	stale, ok = stepForm(c.overview(b, reviewer2, id), id, jixiao.ActReturn)
	if !ok {
		t.Fatal("reviewer2's overview on B has no return button")
	}
	stale.Set("reason", "第二位审核人也要退回")
	c.take(a, reviewer, id, jixiao.ActApprove, "")
	cl.expect("reviewer", "transition:approve", obj, "ok", a)
	cl.wantState(t, "after the approval on A", id, jixiao.Approved, 6)
	st, _, body = c.post(b+transition, reviewer2, stale)
	if st != http.StatusConflict || !strings.Contains(body, "第 5 版") {
		t.Errorf("reviewer2's return of version 5 on B after the approval on A: status %d, want 409 naming version 5\n%s", st, snippet(body))
	}
	cl.expect("reviewer2", "transition:return", obj, "failed", b)
	// A step on the current version that the state no longer allows: the leader
	// approving again, through B, is refused as the wrong state.
	if _, ok := stepForm(c.overview(b, leader, id), id, jixiao.ActUnitApprove); ok {
		t.Error("the leader's overview on B offers to approve an approved plan")
	}
	st, _, body = c.post(b+transition, leader, url.Values{"csrf": {c.csrf(b, leader)}, "action": {string(jixiao.ActUnitApprove)}, "version": {"6"}})
	if st != http.StatusLocked || !strings.Contains(body, "已通过") {
		t.Errorf("the leader's approval of the approved plan on B: status %d, want 423 naming its state\n%s", st, snippet(body))
	}
	cl.expect("leader", "transition:unit_approve", obj, "denied", b)
	cl.wantState(t, "after the refused steps", id, jixiao.Approved, 6)

	// The reviewer publishes on B; the public page of A lists it and prints its table.
	c.take(b, reviewer, id, jixiao.ActPublish, "")
	cl.expect("reviewer", "transition:publish", obj, "ok", b)
	cl.wantState(t, "after the publication on B", id, jixiao.Published, 7)
	st, page = c.get(a+"/public", "")
	if st != http.StatusOK || !strings.Contains(page, publicLink) || !strings.Contains(page, cl.dept.Code) {
		t.Errorf("the public page on A after the publication on B: status %d, the plan missing\n%s", st, snippet(page))
	}
	if st, page := c.get(a+publicLink, ""); st != http.StatusOK || !strings.Contains(page, "培训次数") {
		t.Errorf("the public print on A: status %d", st)
	}

	// The plan's history holds the six steps and nothing of the refused ones.
	type step struct {
		a     jixiao.Action
		actor string
		from  int
	}
	want := []step{{jixiao.ActSubmit, "filler", 1}, {jixiao.ActUnitReturn, "leader", 2}, {jixiao.ActSubmit, "filler", 3},
		{jixiao.ActUnitApprove, "leader", 4}, {jixiao.ActApprove, "reviewer", 5}, {jixiao.ActPublish, "reviewer", 6}}
	trs := cl.transitions(t, id)
	if len(trs) != len(want) {
		t.Fatalf("%d transitions recorded, want %d: %+v", len(trs), len(want), trs)
	}
	for i, w := range want {
		if tr := trs[i]; tr.Action != w.a || tr.Actor != w.actor || tr.Version != w.from || tr.Result != w.from+1 {
			t.Errorf("transition %d: %s by %s on version %d → %d; want %s by %s on %d → %d", i, tr.Action, tr.Actor, tr.Version, tr.Result, w.a, w.actor, w.from, w.from+1)
		}
	}
	if trs[1].Reason != reason {
		t.Errorf("the return's reason: %q", trs[1].Reason)
	}
	rs, err := cl.store.ReviewState(cl.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if rs.ApprovedVersion != 7 || rs.PublishedVersion != 7 {
		t.Errorf("review state %+v, want approved and published version 7", rs)
	}
}

// racingSteps: two leaders press their buttons on the same submission at the same moment,
// one approving through A and one returning through B. Exactly one step is taken, the
// other is refused as a conflict, whichever server checks first. A few rounds.
func racingSteps(t *testing.T, cl *cluster) {
	c, a, b := cl.client(t), cl.a, cl.b
	id := cl.cleanPlan(t, 2023)
	obj := fmt.Sprintf("plan:%d", id)
	transition := planPath(id, "/transition")
	filler := c.signIn(b, "filler")
	leader := c.signIn(a, "leader")
	leader2 := c.signIn(b, "leader2")
	reviewer := c.signIn(b, "reviewer")

	type result struct {
		st   int
		body string
		err  error
	}
	wins := map[string]int{}
	var byHandler, byStore int
	const rounds = 4
	for round := range rounds {
		// The filler submits, on A and B in turn.
		sub := []string{a, b}[round%2]
		c.submit(sub, filler, id)
		cl.expect("filler", "transition:submit", obj, "ok", sub)
		_, v := cl.state(t, id)
		cl.wantState(t, "before the race", id, jixiao.Submitted, v)
		n := len(cl.transitions(t, id))

		fa := c.step(a, leader, id, jixiao.ActUnitApprove)
		fb := c.step(b, leader2, id, jixiao.ActUnitReturn)
		fb.Set("reason", "同时退回")
		var ra, rb result
		start := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			<-start
			ra.st, _, ra.body, ra.err = c.try(a+transition, leader, fa)
		}()
		go func() {
			defer wg.Done()
			<-start
			rb.st, _, rb.body, rb.err = c.try(b+transition, leader2, fb)
		}()
		close(start)
		wg.Wait()
		if ra.err != nil || rb.err != nil {
			t.Fatalf("round %d: %v, %v", round, ra.err, rb.err)
		}
		var loser result
		switch {
		case ra.st == http.StatusSeeOther && rb.st == http.StatusConflict:
			wins["A"]++
			loser = rb
			cl.expectUnordered("leader", "transition:unit_approve", obj, "ok", a)
			cl.expectUnordered("leader2", "transition:unit_return", obj, "failed", b)
			cl.wantState(t, "after A won the race", id, jixiao.UnitApproved, v+1)
		case rb.st == http.StatusSeeOther && ra.st == http.StatusConflict:
			wins["B"]++
			loser = ra
			cl.expectUnordered("leader", "transition:unit_approve", obj, "failed", a)
			cl.expectUnordered("leader2", "transition:unit_return", obj, "ok", b)
			cl.wantState(t, "after B won the race", id, jixiao.Returned, v+1)
		default:
			t.Fatalf("round %d: approval on A %d, return on B %d; want one 303 and one 409\nA: %s\nB: %s",
				round, ra.st, rb.st, snippet(ra.body), snippet(rb.body))
		}
		switch {
		case strings.Contains(loser.body, "绩效目标已被他人修改或处理"):
			byHandler++ // the loser's server read the plan after the winner's step
		case strings.Contains(loser.body, "绩效目标已被他人处理或修改"):
			byStore++ // both read version v; the database refused the second step
		default:
			t.Errorf("round %d: the refused step's page does not say why\n%s", round, snippet(loser.body))
		}
		if trs := cl.transitions(t, id); len(trs) != n+1 {
			t.Fatalf("round %d: %d transitions after the race, want %d", round, len(trs), n+1)
		}
		// An approved submission goes back to the filler through the bureau (on B).
		if st, _ := cl.state(t, id); st == jixiao.UnitApproved {
			c.take(b, reviewer, id, jixiao.ActReturn, "退回以便下一轮")
			cl.expect("reviewer", "transition:return", obj, "ok", b)
		}
	}
	t.Logf("%d races: A won %d, B won %d; the loser refused by its server's check %d times, by the database %d times",
		rounds, wins["A"], wins["B"], byHandler, byStore)
}

// deadlineAcrossServers: a deadline the reviewer sets on B locks the draft the filler
// has open on A at once: the save is refused (423) with the reason, and A's pages say so.
func deadlineAcrossServers(t *testing.T, cl *cluster) {
	c, a, b := cl.client(t), cl.a, cl.b
	id := cl.demo // the 2021 draft; no other plan of 2021 is in the region
	obj := fmt.Sprintf("plan:%d", id)
	filler := c.signIn(a, "filler")
	reviewer := c.signIn(b, "reviewer")
	editor := planPath(id, "/department")
	st, page := c.get(a+editor, filler)
	if st != http.StatusOK || !strings.Contains(page, `value="save"`) {
		t.Fatalf("the draft's editor on A before the deadline: status %d, or no save button", st)
	}
	f, ok := bench.FormValues(page, editor)
	if !ok {
		t.Fatal("no editor form on A")
	}
	status, v0 := cl.state(t, id)
	if !status.Editable() {
		t.Fatalf("the demo plan is %s, not a draft", status)
	}

	// The reviewer sets 2021's deadline on B to yesterday 09:00 (UTC+8).
	_, page = c.get(b+"/review/deadlines?year=2021", reviewer)
	dl, ok := bench.FormValues(page, "/review/deadlines")
	if !ok {
		t.Fatal("no deadline form on B")
	}
	due := time.Now().In(jixiao.ChinaTime()).Add(-24 * time.Hour)
	dl.Set("year", "2021")
	dl.Set("date", due.Format("2006-01-02"))
	dl.Set("time", "09:00")
	if st, loc, body := c.post(b+"/review/deadlines", reviewer, dl); st != http.StatusSeeOther {
		t.Fatalf("set the deadline on B: status %d (location %q)\n%s", st, loc, snippet(body))
	}
	cl.expect("reviewer", "deadline_set", fmt.Sprintf("deadline:%d/2021", cl.root.ID), "ok", b)
	reason := "已过 " + due.Format("2006年1月2日") + " 09:00 的报送截止时间（由reviewer设定），草稿已锁定"

	// A refuses the save of the form it served before, saying why.
	f.Set("submitter", "截止后在服务器甲保存")
	st, _, body := c.post(a+editor, filler, f)
	if st != http.StatusLocked || !strings.Contains(body, reason) {
		t.Errorf("save on A after the deadline set on B: status %d, want 423 with %q\n%s", st, reason, snippet(body))
	}
	cl.expect("filler", "plan_update", obj, "denied", a)
	cl.wantState(t, "after the refused save", id, status, v0)
	// A's editor says so and offers no save; its submit page refuses; B agrees.
	if _, page := c.get(a+editor, filler); !strings.Contains(page, reason) || strings.Contains(page, `value="save"`) {
		t.Errorf("the editor on A after the deadline: the lock reason missing or a save button shown\n%s", snippet(page))
	}
	if st, page := c.get(a+planPath(id, "/submit"), filler); st != http.StatusLocked || !strings.Contains(page, reason) {
		t.Errorf("the submit page on A after the deadline: status %d, want 423 with the reason", st)
	}
	cl.expect("filler", "GET /plans/{id}/submit", obj, "denied", a)
	if _, page := c.get(b+editor, filler); !strings.Contains(page, reason) || strings.Contains(page, `value="save"`) {
		t.Errorf("the editor on B after the deadline: the lock reason missing or a save button shown")
	}
}

// auditChain: `jixiao audit verify` passes on the database both servers wrote, and the
// log holds every entry the steps above expected, from the server each went to, in one
// chain without gaps.
func auditChain(t *testing.T, cl *cluster) {
	run := func(args ...string) ([]byte, error) {
		cmd := exec.CommandContext(cl.ctx, cl.bin, append(args, "--db", cl.dsn)...)
		cmd.Env = append(os.Environ(), "JIXIAO_DB=")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			err = fmt.Errorf("jixiao %s: %w\n%s%s", strings.Join(args, " "), err, out, stderr.String())
		}
		return out, err
	}
	out, err := run("audit", "verify")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "审计日志完整") {
		t.Fatalf("jixiao audit verify: %s", out)
	}
	out, err = run("audit", "list", "--format", "json", "--limit", "1000000")
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Total   int                 `json:"total"`
		Entries []jixiao.AuditEntry `json:"entries"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatalf("jixiao audit list --format json: %v", err)
	}
	es := log.Entries
	if len(es) != log.Total || len(es) == 0 {
		t.Fatalf("audit list gave %d of %d entries", len(es), log.Total)
	}
	slices.Reverse(es) // oldest first
	prev := ""
	addrs := map[string]bool{}
	for i, e := range es {
		if e.Seq != int64(i+1) || e.PrevHash != prev || e.Hash != e.ComputeHash() {
			t.Fatalf("entry %d: seq %d, its chain link or hash broken", i+1, e.Seq)
		}
		prev = e.Hash
		addrs[e.Addr] = true
	}
	match := func(w wantEntry, e jixiao.AuditEntry) bool {
		return e.Actor == w.actor && e.Action == w.action && e.Object == w.object && e.Outcome == w.outcome && e.Addr == w.addr
	}
	next := 0 // the ordered expectations are a subsequence of the log
	found := 0
	for _, w := range cl.want {
		if w.unordered {
			if !slices.ContainsFunc(es, func(e jixiao.AuditEntry) bool { return match(w, e) }) {
				t.Errorf("the audit log lacks %s", w)
			}
			continue
		}
		k := slices.IndexFunc(es[next:], func(e jixiao.AuditEntry) bool { return match(w, e) })
		if k < 0 {
			t.Errorf("the audit log lacks %s after entry %d", w, next)
			continue
		}
		next += k + 1
		found++
	}
	if cl.addrs[cl.a] != cl.addrs[cl.b] && (!addrs[cl.addrs[cl.a]] || !addrs[cl.addrs[cl.b]]) {
		t.Errorf("the log has entries from addresses %v, want both %s (A) and %s (B)", addrs, cl.addrs[cl.a], cl.addrs[cl.b])
	}
	t.Logf("audit log: %d entries in one chain; %d expected entries found in order, %d in all", len(es), found, len(cl.want))
}
