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
	"jixiao/setup"
)

// cleanPlan stores a small plan of the demo department for year with no errors and a
// few warnings (a missing 二级指标, a typo, no key tasks); broken adds an error (the
// totals do not add up).
func cleanPlan(t *testing.T, f *fixture, year int, broken bool) int64 {
	t.Helper()
	d := func(s string) jixiao.Decimal {
		x, err := jixiao.ParseDecimal(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	p := &jixiao.Plan{Department: "区委统战部", DepartmentCode: setup.DemoDeptCode, Year: year, Framework: "hunan-2021",
		Duties: "负责全区统一战线工作，选拨培养党外干部。",
		Budget: jixiao.Budget{Total: d("100"), GeneralBudget: d("100"), Basic: d("100")},
		Indicators: []jixiao.Indicator{
			jixiao.NewIndicator("产出指标", "产出数量", "培训次数", "≥8次", ""),
			jixiao.NewIndicator("效益指标", "社会效益", "党外人士参与率", "≥90%", ""),
			jixiao.NewIndicator("效益指标", "社会公众及服务对象满意度", "服务对象满意度", "≥90%", ""),
		}}
	if broken {
		p.Budget.Total = d("101")
	}
	if err := f.store.CreatePlan(context.Background(), p, jixiao.SaveInfo{Author: "filler"}); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

func (f *fixture) state(t *testing.T, id int64) (jixiao.Status, int) {
	t.Helper()
	p, err := f.store.Plan(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p.Status, p.Version
}

// act posts a workflow step as the client, on the plan's current version unless
// version is given.
func (c *client) act(id int64, a jixiao.Action, version int, reason string) (int, string) {
	c.t.Helper()
	if version == 0 {
		_, version = c.f.state(c.t.(*testing.T), id)
	}
	return c.post(fmt.Sprintf("/plans/%d/transition", id), url.Values{"csrf": {c.csrf()}, "action": {string(a)},
		"version": {fmt.Sprint(version)}, "reason": {reason}})
}

// submit fills in the submit page's form, with an explanation for every warning.
func (c *client) submit(id int64) (int, string) {
	c.t.Helper()
	st, body := c.get(fmt.Sprintf("/plans/%d/submit", id))
	if st != 200 {
		c.t.Fatalf("submit page: %d\n%s", st, snippet(body))
	}
	v := formValues(c.t, body, fmt.Sprintf("/plans/%d/transition", id))
	for k := range v {
		if strings.HasPrefix(k, "ex:") {
			v.Set(k, "已核对，按单位实际情况填写")
		}
	}
	return c.post(fmt.Sprintf("/plans/%d/transition", id), v)
}

func wantState(t *testing.T, f *fixture, id int64, st jixiao.Status, version int) {
	t.Helper()
	gs, gv := f.state(t, id)
	if gs != st || gv != version {
		t.Fatalf("plan %d: %s v%d, want %s v%d", id, gs, gv, st, version)
	}
}

// TestWorkflow walks a plan through every transition, as the browser does.
func TestWorkflow(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id := cleanPlan(t, f, 2022, false)
	filler, leader, reviewer := f.login("filler"), f.login("leader"), f.login("reviewer")

	// The overview offers each role its own steps only.
	_, body := filler.get(fmt.Sprintf("/plans/%d", id))
	if !strings.Contains(body, `id="act-submit"`) || strings.Contains(body, `id="act-approve"`) {
		t.Errorf("filler's overview: the submit button is missing or another role's is shown")
	}
	if _, body := leader.get(fmt.Sprintf("/plans/%d", id)); strings.Contains(body, `id="act-`) {
		t.Errorf("leader's overview of a draft shows a workflow button")
	}
	// The submit page asks one explanation per warning (rule and cell).
	_, body = filler.get(fmt.Sprintf("/plans/%d/submit", id))
	if n := strings.Count(body, `name="ex:`); n != 3 {
		t.Errorf("submit page: %d explanation fields, want 3 (framework.required, wording.typo, hunan.key-tasks)\n%s", n, snippet(body))
	}
	if st, body := filler.submit(id); st != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%s", st, snippet(body))
	}
	wantState(t, f, id, jixiao.Submitted, 2)
	ex, err := f.store.Explanations(ctx, id, 1)
	if err != nil || len(ex) != 3 {
		t.Errorf("explanations stored with the submission: %v, %v", ex, err)
	}
	if st, body := leader.act(id, jixiao.ActUnitApprove, 0, ""); st != http.StatusSeeOther {
		t.Fatalf("unit approve: %d\n%s", st, snippet(body))
	}
	wantState(t, f, id, jixiao.UnitApproved, 3)
	// The reviewer sees the explanations on the overview.
	if _, body := reviewer.get(fmt.Sprintf("/plans/%d", id)); !strings.Contains(body, "已核对，按单位实际情况填写") || !strings.Contains(body, `id="act-approve"`) {
		t.Errorf("reviewer's overview lacks the explanations or the approve button")
	}
	if st, _ := reviewer.act(id, jixiao.ActApprove, 0, ""); st != http.StatusSeeOther {
		t.Fatalf("approve: %d", st)
	}
	wantState(t, f, id, jixiao.Approved, 4)
	if st, _ := reviewer.act(id, jixiao.ActPublish, 0, ""); st != http.StatusSeeOther {
		t.Fatalf("publish: %d", st)
	}
	wantState(t, f, id, jixiao.Published, 5)
	trs, err := f.store.Transitions(ctx, id)
	if err != nil || len(trs) != 4 {
		t.Fatalf("transitions: %v, %v", trs, err)
	}
	for i, want := range []struct {
		a     jixiao.Action
		actor string
	}{{jixiao.ActSubmit, "filler"}, {jixiao.ActUnitApprove, "leader"}, {jixiao.ActApprove, "reviewer"}, {jixiao.ActPublish, "reviewer"}} {
		if trs[i].Action != want.a || trs[i].Actor != want.actor || trs[i].Created.IsZero() {
			t.Errorf("transition %d: %+v, want %s by %s", i, trs[i], want.a, want.actor)
		}
	}
	// The public page lists it, without signing in, and prints its tables.
	anon := f.anon()
	st, body := anon.get("/public")
	if st != 200 || !strings.Contains(body, setup.DemoDeptCode) || !strings.Contains(body, fmt.Sprintf("/public/plans/%d/print/department", id)) {
		t.Errorf("public list: %d\n%s", st, snippet(body))
	}
	if st, body := anon.get(fmt.Sprintf("/public/plans/%d/print/department", id)); st != 200 || !strings.Contains(body, "培训次数") {
		t.Errorf("public print: %d", st)
	}
	// A plan never published is not on the public pages.
	if st, _ := anon.get(fmt.Sprintf("/public/plans/%d/print/department", f.demo)); st != http.StatusNotFound {
		t.Errorf("public print of an unpublished plan: %d, want 404", st)
	}

	// Adjustment: the filler reopens the published plan; the published version stays
	// visible beside the draft and on the public page.
	if st, _ := filler.act(id, jixiao.ActAdjust, 0, ""); st != http.StatusUnprocessableEntity {
		t.Errorf("adjust without a reason: %d, want 422", st)
	}
	if st, _ := filler.act(id, jixiao.ActAdjust, 0, "年中追加预算"); st != http.StatusSeeOther {
		t.Fatalf("adjust: %d", st)
	}
	wantState(t, f, id, jixiao.Draft, 6)
	_, body = filler.get(fmt.Sprintf("/plans/%d/department", id))
	if !strings.Contains(body, "正在调整") || !strings.Contains(body, fmt.Sprintf("print/department?version=%d", 5)) || !strings.Contains(body, `value="save"`) {
		t.Errorf("the adjustment draft does not show the approved version beside it, or is not editable")
	}
	if st, body := filler.get(fmt.Sprintf("/plans/%d/print/department?version=5", id)); st != 200 || !strings.Contains(body, "培训次数") {
		t.Errorf("print of the approved version: %d", st)
	}
	if st, _ := anon.get(fmt.Sprintf("/public/plans/%d/print/department", id)); st != 200 {
		t.Errorf("the published version left the public page during the adjustment: %d", st)
	}
}

// TestWorkflowRefused: every refused step, and that a refusal changes nothing.
func TestWorkflowRefused(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id := cleanPlan(t, f, 2022, false)
	broken := cleanPlan(t, f, 2023, true)
	c := map[string]*client{}
	for _, u := range []string{"filler", "leader", "reviewer", "filler2", "reviewer2", "admin", "auditor"} {
		c[u] = f.login(u)
	}
	refused := func(name string, st int, body string, want int, id int64, s jixiao.Status, v int, text string) {
		t.Helper()
		if st != want {
			t.Errorf("%s: status %d, want %d\n%s", name, st, want, snippet(body))
		}
		if text != "" && !strings.Contains(body, text) {
			t.Errorf("%s: the page does not say %q\n%s", name, text, snippet(body))
		}
		gs, gv := f.state(t, id)
		if gs != s || gv != v {
			t.Errorf("%s: the plan moved to %s v%d", name, gs, gv)
		}
	}
	// Draft, version 1.
	st, body := c["leader"].act(id, jixiao.ActSubmit, 0, "")
	refused("leader submits", st, body, 403, id, jixiao.Draft, 1, "只有单位填报")
	st, body = c["reviewer"].act(id, jixiao.ActApprove, 0, "")
	refused("reviewer approves a draft", st, body, 423, id, jixiao.Draft, 1, "草稿")
	st, body = c["leader"].act(id, jixiao.ActUnitApprove, 0, "")
	refused("leader approves a draft", st, body, 423, id, jixiao.Draft, 1, "")
	st, body = c["filler2"].act(id, jixiao.ActSubmit, 0, "")
	refused("another department's filler submits", st, body, 403, id, jixiao.Draft, 1, "只能访问本单位")
	st, body = c["reviewer2"].act(id, jixiao.ActApprove, 0, "")
	refused("another region's reviewer", st, body, 403, id, jixiao.Draft, 1, "")
	st, body = c["admin"].act(id, jixiao.ActSubmit, 0, "")
	refused("admin", st, body, 403, id, jixiao.Draft, 1, "")
	st, body = c["auditor"].act(id, jixiao.ActSubmit, 0, "")
	refused("auditor", st, body, 403, id, jixiao.Draft, 1, "")
	st, body = c["filler"].act(id, jixiao.Action("delete"), 0, "")
	refused("unknown action", st, body, 400, id, jixiao.Draft, 1, "")
	st, body = c["filler"].act(id, jixiao.ActSubmit, 0, "")
	refused("submit without explanations", st, body, 422, id, jixiao.Draft, 1, "没有写情况说明")
	// Errors block the submission, and the page lists them.
	st, body = c["filler"].get(fmt.Sprintf("/plans/%d/submit", broken))
	if st != 200 || !strings.Contains(body, "改正后才能提交") || strings.Contains(body, `name="ex:`) {
		t.Errorf("submit page of a plan with errors: %d\n%s", st, snippet(body))
	}
	st, body = c["filler"].act(broken, jixiao.ActSubmit, 0, "")
	refused("submit with errors", st, body, 422, broken, jixiao.Draft, 1, "改正后才能提交")
	// A stale version: the page was read before a save.
	p, _ := f.store.Plan(ctx, id)
	p.Duties += "（改）"
	if err := f.store.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: "filler"}); err != nil {
		t.Fatal(err)
	}
	st, body = c["filler"].act(id, jixiao.ActSubmit, 1, "")
	refused("stale version", st, body, 409, id, jixiao.Draft, 2, "第 1 版")

	if st, _ := c["filler"].submit(id); st != 303 {
		t.Fatalf("submit: %d", st)
	}
	// Submitted, version 3.
	st, body = c["filler"].act(id, jixiao.ActSubmit, 0, "")
	refused("submit twice", st, body, 423, id, jixiao.Submitted, 3, "已提交")
	st, body = c["filler"].act(id, jixiao.ActUnitApprove, 0, "")
	refused("filler approves", st, body, 403, id, jixiao.Submitted, 3, "")
	st, body = c["reviewer"].act(id, jixiao.ActApprove, 0, "")
	refused("reviewer before the leader", st, body, 423, id, jixiao.Submitted, 3, "")
	st, body = c["leader"].act(id, jixiao.ActUnitReturn, 0, " ")
	refused("return without a reason", st, body, 422, id, jixiao.Submitted, 3, "必须写明理由")
	// Two leaders act on the same version: the second is stale.
	if st, _ := c["leader"].act(id, jixiao.ActUnitApprove, 3, ""); st != 303 {
		t.Fatalf("unit approve: %d", st)
	}
	st, body = c["leader"].act(id, jixiao.ActUnitReturn, 3, "再看看")
	refused("second step on one version", st, body, 409, id, jixiao.UnitApproved, 4, "")
	st, body = c["reviewer"].act(id, jixiao.ActPublish, 0, "")
	refused("publish before approval", st, body, 423, id, jixiao.UnitApproved, 4, "")
	st, body = c["leader"].act(id, jixiao.ActApprove, 0, "")
	refused("leader does the bureau's approval", st, body, 403, id, jixiao.UnitApproved, 4, "")
	if st, _ := c["reviewer"].act(id, jixiao.ActApprove, 0, ""); st != 303 {
		t.Fatalf("approve: %d", st)
	}
	st, body = c["filler"].act(id, jixiao.ActPublish, 0, "")
	refused("filler publishes", st, body, 403, id, jixiao.Approved, 5, "")
	st, body = c["leader"].act(id, jixiao.ActAdjust, 0, "调整")
	refused("leader opens an adjustment", st, body, 403, id, jixiao.Approved, 5, "")
	trs, _ := f.store.Transitions(ctx, id)
	if len(trs) != 3 {
		t.Errorf("%d transitions recorded, want 3 (the refused ones recorded nothing)", len(trs))
	}
}

// TestDeadline: after the deadline a draft is locked (editing and submitting) and every
// page says so and who set it; an exception reopens it until it runs out.
func TestDeadline(t *testing.T) {
	f := newFixture(t)
	id := cleanPlan(t, f, 2022, false)
	reviewer, filler := f.login("reviewer"), f.login("filler")
	due := f.clock.Now().In(jixiao.ChinaTime()).Add(-48 * time.Hour)
	st, body := reviewer.post("/review/deadlines", url.Values{"csrf": {reviewer.csrf()}, "year": {"2022"},
		"date": {due.Format("2006-01-02")}, "time": {"18:00"}})
	if st != 303 {
		t.Fatalf("set deadline: %d\n%s", st, snippet(body))
	}
	if st, body := reviewer.post("/review/deadlines", url.Values{"csrf": {reviewer.csrf()}, "year": {"2022"}, "date": {"31/01/2022"}}); st != 422 || !strings.Contains(body, "无法识别") {
		t.Errorf("a date that does not parse: %d", st)
	}
	_, body = filler.get(fmt.Sprintf("/plans/%d/department", id))
	if !strings.Contains(body, "截止时间") || !strings.Contains(body, "由reviewer设定") || strings.Contains(body, `value="save"`) {
		t.Errorf("the draft after the deadline is not locked with its reason\n%s", snippet(body))
	}
	v := formValues(t, body, fmt.Sprintf("/plans/%d/department", id))
	v.Set("csrf", filler.csrf())
	if st, body := filler.post(fmt.Sprintf("/plans/%d/department", id), v); st != http.StatusLocked || !strings.Contains(body, "截止时间") {
		t.Errorf("save after the deadline: %d, want 423 saying why", st)
	}
	if st, body := filler.act(id, jixiao.ActSubmit, 0, ""); st != http.StatusLocked || !strings.Contains(body, "截止时间") {
		t.Errorf("submit after the deadline: %d, want 423", st)
	}
	if st, _ := filler.get(fmt.Sprintf("/plans/%d/submit", id)); st != http.StatusLocked {
		t.Errorf("submit page after the deadline: %d, want 423", st)
	}
	// An exception for the department, granted with a reason, reopens it.
	until := f.clock.Now().In(jixiao.ChinaTime()).Add(72 * time.Hour)
	ex := url.Values{"csrf": {reviewer.csrf()}, "year": {"2022"}, "department": {setup.DemoDeptCode},
		"until_date": {until.Format("2006-01-02")}, "until_time": {"18:00"}}
	if st, _ := reviewer.post("/review/exceptions", ex); st != 422 {
		t.Errorf("exception without a reason: %d, want 422", st)
	}
	ex.Set("reason", "机构调整，资料待移交")
	if st, _ := reviewer.post("/review/exceptions", ex); st != 303 {
		t.Fatalf("grant exception: %d", st)
	}
	ex.Set("department", "999999")
	if st, _ := reviewer.post("/review/exceptions", ex); st != 422 {
		t.Errorf("exception for a department outside the region: %d, want 422", st)
	}
	if _, body := reviewer.get("/review/deadlines?year=2022"); !strings.Contains(body, "机构调整，资料待移交") {
		t.Error("the deadlines page does not list the exception")
	}
	_, body = filler.get(fmt.Sprintf("/plans/%d/department", id))
	if !strings.Contains(body, `value="save"`) {
		t.Error("the draft is still locked during the exception")
	}
	// When the exception runs out, the draft locks again and says so.
	f.clock.Add(96 * time.Hour)
	filler = f.login("filler") // the old session expired meanwhile
	if _, body := filler.get(fmt.Sprintf("/plans/%d/department", id)); strings.Contains(body, `value="save"`) || !strings.Contains(body, "延期已于") {
		t.Errorf("after the exception ran out the draft is not locked with its reason\n%s", snippet(body))
	}
	f.clock.Add(-96 * time.Hour)
	filler = f.login("filler")
	if st, _ := filler.submit(id); st != 303 {
		t.Errorf("submit with an exception: %d", st)
	}
}
