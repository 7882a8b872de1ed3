package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	jxhttp "jixiao/http"
	"jixiao/setup"
)

// openMonitoring approves the demo plan and opens the 2021 round 截至7月底 as the
// finance bureau, due in ten days by the server's clock; it returns the path of the
// demo plan's department record.
func openMonitoring(t *testing.T, f *fixture) (string, *jixiao.StoredMonitoring) {
	t.Helper()
	approve(t, f.store, f.demo)
	reviewer := f.login("reviewer")
	p, err := f.store.Plan(context.Background(), f.demo)
	if err != nil {
		t.Fatal(err)
	}
	st, body := reviewer.post("/review/monitoring", url.Values{"csrf": {reviewer.csrf()}, "year": {fmt.Sprint(p.Year)},
		"as_of": {"7"}, "deadline": {f.clock.Now().AddDate(0, 0, 10).Format("2006-01-02")}, "rules": {"national-2019"}})
	if st != 303 {
		t.Fatalf("open round: %d\n%s", st, snippet(body))
	}
	recs, err := f.store.PlanMonitoring(context.Background(), f.demo)
	if err != nil || len(recs) == 0 {
		t.Fatalf("records of the demo plan: %d, %v", len(recs), err)
	}
	return fmt.Sprintf("/plans/%d/monitoring/%d", f.demo, recs[0].ID), recs[0]
}

// TestMonitoringPages: the unit fills its record with spending behind schedule and sees
// the red warning beside the cell; the refusals name their cell; another unit cannot
// reach it; the workflow ends in 督促整改 with a banner; the board counts it; an
// adjustment reopens the plan.
func TestMonitoringPages(t *testing.T) {
	f := newFixture(t)
	path, rec := openMonitoring(t, f)
	filler, filler2, leader, reviewer := f.login("filler"), f.login("filler2"), f.login("leader"), f.login("reviewer")

	form := filler.form(path, path)
	form.Set("fe0", "20")
	form.Set("ia1", "30%")
	form.Set("il1", "possible")
	stale := cloneValues(form)
	stale.Set("version", "9")
	bad := cloneValues(form)
	bad.Set("ff0", "一百")
	other := strings.Replace(path, fmt.Sprintf("/plans/%d/", f.demo), fmt.Sprintf("/plans/%d/", f.other), 1)
	type step struct {
		who, path string
		form      url.Values
		status    int
		says      string
	}
	steps := []step{
		{"filler2", path, cloneValues(form), 403, "只能访问本单位"},
		{"filler2", other, cloneValues(form), 404, "没有编号为"},
		{"leader", path, cloneValues(form), 403, ""},
		{"filler", path, bad, 422, "预算执行 · 年度资金总额 · 全年预计执行数填写的“一百”不是数字"},
		{"filler", path, stale, 409, "您读取的是第 9 版"},
		{"filler", path, cloneValues(form), 303, ""},
		{"filler", path + "/transition", url.Values{"action": {"submit"}, "version": {"2"}}, 422, "未填写偏差原因"},
	}
	clients := map[string]*client{"filler": filler, "filler2": filler2, "leader": leader, "reviewer": reviewer}
	run := func(steps []step) {
		t.Helper()
		var got, want []string
		for _, s := range steps {
			c := clients[s.who]
			s.form.Set("csrf", c.csrf())
			st, body := c.post(s.path, s.form)
			got = append(got, fmt.Sprintf("%s %s %d %v", s.who, s.path, st, strings.Contains(unescape(body), s.says)))
			want = append(want, fmt.Sprintf("%s %s %d true", s.who, s.path, s.status))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("steps (-want +got):\n%s", diff)
		}
	}
	run(steps)
	st, body := filler.get(path)
	if st != 200 {
		t.Fatalf("record: %d", st)
	}
	if cell := cellHTML(t, body, "funds-0-executed"); !strings.Contains(cell, "红色预警") || !strings.Contains(cell, "低于序时进度 58.33%") {
		t.Errorf("no red warning beside 截至本期执行数:\n%s", cell)
	}
	if cell := cellHTML(t, body, "indicators-1-deviation"); !strings.Contains(cell, "黄色预警") || !strings.Contains(cell, "未填写偏差原因") {
		t.Errorf("no warning beside 偏差原因:\n%s", cell)
	}
	if !strings.Contains(body, "绩效指标 · 第2行") {
		t.Errorf("the alerts do not name their cell in words")
	}
	if st, _ := filler2.get(path); st != 403 {
		t.Errorf("another unit's filler reads the record: %d", st)
	}

	form = filler.form(path, path)
	form.Set("ic1", "经费保障")
	form.Set("id1", "资金下达较晚")
	form.Set("ir1", "加快支付进度")
	form.Set("csrf", filler.csrf())
	if st, body := filler.post(path, form); st != 303 {
		t.Fatalf("save with reasons: %d\n%s", st, snippet(body))
	}
	run([]step{
		{"filler", path + "/transition", url.Values{"action": {"submit"}, "version": {"3"}}, 303, ""},
		{"leader", path + "/transition", url.Values{"action": {"unit_approve"}, "version": {"4"}}, 303, ""},
		{"reviewer", path + "/transition", url.Values{"action": {"return"}, "version": {"5"}}, 422, "理由"},
		{"reviewer", path + "/transition", url.Values{"action": {"return"}, "version": {"5"}, "reason": {"执行进度严重滞后，请提出纠偏措施"}}, 303, ""},
	})
	if _, body := filler.get("/messages"); !strings.Contains(body, "督促整改（退回）") || !strings.Contains(body, "执行进度严重滞后") {
		t.Errorf("the unit is not told of the return:\n%s", snippet(body))
	}
	if _, body := filler.get(path); !strings.Contains(body, `id="returned"`) || !strings.Contains(body, "执行进度严重滞后，请提出纠偏措施") {
		t.Errorf("no return banner on the record:\n%s", snippet(body))
	}

	// The board: the record is red; the export lists it.
	round := fmt.Sprintf("/review/monitoring/%d", rec.RoundID)
	st, body = reviewer.get(round + "?level=red")
	if st != 200 || !strings.Contains(body, `id="count-red"`) || !strings.Contains(body, "红色预警 <b>1</b>") || !strings.Contains(body, path) {
		t.Errorf("board: %d\n%s", st, snippet(body))
	}
	if st, body := reviewer.get(round + "?view=unit"); st != 200 || !strings.Contains(body, `id="munits"`) ||
		!regexp.MustCompile(`中共株洲市石峰区委员会统一战线工作部</a></td><td><span class="level level-red">`).MatchString(body) {
		t.Errorf("board by unit: %d\n%s", st, snippet(body[strings.Index(body, "<main"):]))
	}
	if st, body := reviewer.get(round + "/board.xlsx"); st != 200 || !strings.HasPrefix(body, "PK") {
		t.Errorf("board export: %d", st)
	}
	if st, _ := filler.get(round); st != 403 {
		t.Errorf("a unit reads the board: %d", st)
	}

	// An adjustment from the record reopens the plan as a draft, linked.
	p, err := f.store.Plan(context.Background(), f.demo)
	if err != nil {
		t.Fatal(err)
	}
	run([]step{
		{"filler", path + "/adjust", url.Values{"plan_version": {fmt.Sprint(p.Version - 1)}, "reason": {"资金调减"}}, 409, "当前已是第"},
		{"filler", path + "/adjust", url.Values{"plan_version": {fmt.Sprint(p.Version)}, "reason": {"上级资金调减，调整数量指标"}}, 303, ""},
	})
	if p2, _ := f.store.Plan(context.Background(), f.demo); p2.Status != jixiao.Draft || p2.Version != p.Version+1 {
		t.Errorf("plan after adjustment: %s version %d", p2.Status, p2.Version)
	}
	if _, body := filler.get(path); !strings.Contains(body, "上级资金调减，调整数量指标") || !strings.Contains(body, "调整稿审核中") {
		t.Errorf("the record does not show its adjustment:\n%s", snippet(body))
	}
	es := auditActions(t, f)
	for _, a := range []struct{ who, action string }{{"reviewer", "monitoring_open"}, {"filler", "monitoring_save"}, {"filler", "monitoring_adjust"}, {"reviewer", "export_monitoring"}} {
		if !hasEntry(es, a.who, a.action, "ok") {
			t.Errorf("no audit entry %s by %s", a.action, a.who)
		}
	}
}

// A monitoring form posted after the session expired is kept through signing in again,
// shown unsaved, and its save is still version-checked.
func TestMonitoringResume(t *testing.T) {
	f := newFixture(t)
	path, rec := openMonitoring(t, f)
	c := f.login("filler")
	form := c.form(path, path)
	form.Set("fe0", "88.5")
	form.Set("remedy", "登录过期前写下的举措。")
	login := expireAndPost(t, f, c, path, form)
	if m, _ := f.store.MonitoringEntry(context.Background(), rec.ID); m.Version != 1 {
		t.Fatalf("the expired post saved version %d", m.Version)
	}
	st, body := signInFrom(t, c, login)
	if st != 200 || !strings.Contains(body, `id="resumed"`) {
		t.Fatalf("resumed record: %d\n%s", st, snippet(body))
	}
	shown := formValues(t, body, path)
	if shown.Get("fe0") != "88.5" || shown.Get("remedy") != "登录过期前写下的举措。" || shown.Get("version") != "1" {
		t.Fatalf("resumed form: fe0 %q remedy %q version %q", shown.Get("fe0"), shown.Get("remedy"), shown.Get("version"))
	}
	shown.Set("csrf", c.csrf())
	if st, body := c.post(path, shown); st != 303 {
		t.Fatalf("save the resumed form: %d\n%s", st, snippet(body))
	}
	if m, _ := f.store.MonitoringEntry(context.Background(), rec.ID); m.Version != 2 || m.Record.Remedy != "登录过期前写下的举措。" {
		t.Errorf("after saving the resumed form: version %d remedy %q", m.Version, m.Record.Remedy)
	}
}

// The dashboard counts the latest round's records by level, for the reviewer with links
// to the board, for the unit's leader without.
func TestDashboardMonitoring(t *testing.T) {
	f := newFixture(t)
	_, rec := openMonitoring(t, f)
	m, err := f.store.MonitoringEntry(context.Background(), rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	m.Record.Funds[0].Executed = jixiao.MustDecimal("1")
	m.Level, m.Alerts = jixiao.LevelRed, 1
	if err := f.store.SaveMonitoring(context.Background(), m, jixiao.SaveInfo{Author: "filler"}); err != nil {
		t.Fatal(err)
	}
	p, _ := f.store.Plan(context.Background(), f.demo)
	dash := fmt.Sprintf("/review/dashboard?year=%d", p.Year)
	st, body := f.login("reviewer").get(dash)
	link := fmt.Sprintf(`/review/monitoring/%d?level=red`, rec.RoundID)
	if st != 200 || !strings.Contains(body, `id="monitoring"`) || !strings.Contains(body, "红色预警 1 张") || !strings.Contains(body, link) {
		t.Errorf("reviewer's dashboard: %d\n%s", st, snippet(body[strings.Index(body, "<main"):]))
	}
	st, body = f.login("leader").get(dash)
	if st != 200 || !strings.Contains(body, `id="monitoring"`) || strings.Contains(body, link) {
		t.Errorf("leader's dashboard: %d, links to the board: %v", st, strings.Contains(body, link))
	}
}

// The API gives a plan's monitoring records and one record with its alerts, to the same
// users as the pages; every answer is checked against the OpenAPI document.
func TestAPIMonitoring(t *testing.T) {
	f := newFixture(t)
	_, rec := openMonitoring(t, f)
	ctx := context.Background()
	m, err := f.store.MonitoringEntry(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	m.Record.Funds[0].Executed = jixiao.MustDecimal("1")
	m.Level, m.Alerts = jixiao.LevelRed, 1
	if err := f.store.SaveMonitoring(ctx, m, jixiao.SaveInfo{Author: "filler"}); err != nil {
		t.Fatal(err)
	}
	tok := f.token("filler", "监控")
	list := f.call(t, tok, "GET", fmt.Sprintf("/api/v1/plans/%d/monitoring", f.demo), nil)
	var recs []struct {
		ID    int64  `json:"id"`
		Level string `json:"level"`
		Table int    `json:"table"`
	}
	if err := json.Unmarshal(list.body, &recs); err != nil || list.status != 200 || len(recs) != 4 || recs[0].Level != "red" || recs[1].Level != "none" {
		t.Fatalf("list: %d %v %+v", list.status, err, recs)
	}
	one := f.call(t, tok, "GET", fmt.Sprintf("/api/v1/plans/%d/monitoring/%d", f.demo, rec.ID), nil)
	var got struct {
		Alerts []struct{ Rule, Level, Path string } `json:"alerts"`
	}
	if err := json.Unmarshal(one.body, &got); err != nil || one.status != 200 || len(got.Alerts) != 1 ||
		got.Alerts[0].Rule != "execution.behind" || got.Alerts[0].Level != "red" || got.Alerts[0].Path != "funds[0].executed" {
		t.Errorf("record: %d %v %+v", one.status, err, got)
	}
	if r := f.call(t, f.token("filler2", "监控"), "GET", fmt.Sprintf("/api/v1/plans/%d/monitoring/%d", f.demo, rec.ID), nil); r.status != 403 {
		t.Errorf("another unit's filler reads the record through the API: %d", r.status)
	}
	if r := f.call(t, tok, "GET", fmt.Sprintf("/api/v1/plans/%d/monitoring/%d", f.other, rec.ID), nil); r.status != 403 && r.status != 404 {
		t.Errorf("the record under another plan: %d", r.status)
	}
}

// textTable writes rows as the tab-celled text of a Word table (cells on lines of their
// own starting with a tab, rows apart by a blank line), which every reader takes.
func textTable(rows [][]string) []byte {
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteString("\n")
		}
		for _, c := range r {
			b.WriteString("\t" + c + "\n")
		}
	}
	return []byte(b.String())
}

// uploadTo posts a file to path as a browser does: multipart, the CSRF token a field.
func (c *client) uploadTo(path, name string, data []byte) (int, string) {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", c.csrf())
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.f.ts.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	st, b, _ := c.do(req)
	return st, b
}

// TestMonitoringFiles: the record's print view in the official layout, its fill-in
// template, and a filled table (another province's layout) read into the form unsaved,
// then saved; a file of another project is refused, naming it.
func TestMonitoringFiles(t *testing.T) {
	f := newFixture(t)
	_, first := openMonitoring(t, f)
	recs, err := f.store.PlanMonitoring(context.Background(), f.demo)
	if err != nil {
		t.Fatal(err)
	}
	m := recs[1] // the first project
	path := fmt.Sprintf("/plans/%d/monitoring/%d", f.demo, m.ID)
	filler := f.login("filler")
	if st, body := filler.get(path + "/print"); st != 200 || !strings.Contains(body, "jx-sheet") || !strings.Contains(body, m.Record.Project) {
		t.Errorf("print view: %d\n%s", st, snippet(body))
	}
	if st, h, b := filler.getFile(path + "/template.xlsx"); st != 200 || !bytes.HasPrefix(b, []byte("PK")) || !strings.Contains(h.Get("Content-Disposition"), "monitoring.xlsx") {
		t.Errorf("template: %d %q", st, h.Get("Content-Disposition"))
	}
	in := m.Record.Indicators
	rows := [][]string{{"2021年项目支出绩效运行监控表"},
		{"项目名称", "430204-" + m.Record.Project},
		{"项目资金（万元）", "年初预算数", "调整后预算数", "截至7月底执行数", "执行率", "全年预计执行数"},
		{"年度资金总额", m.Record.Funds[0].Initial.String(), "", "1", "", "3"},
		{"一级指标", "二级指标", "三级指标", "年度指标值", "截至7月底实际完成值", "全年预计完成值", "完成目标可能性", "偏差原因类型", "偏差原因说明", "纠偏措施"},
		{in[0].Level1, in[0].Level2, in[0].Name, in[0].Target.Text, "1次", in[0].Target.Text, "有可能", "经费保障", "资金下达较晚", "加快资金拨付"},
	}
	st, body := filler.uploadTo(path+"/import", "监控表.txt", textTable(rows))
	if st != 200 || !strings.Contains(body, `id="imported"`) {
		t.Fatalf("import: %d\n%s", st, snippet(body))
	}
	form := formValues(t, body, path)
	want := url.Values{"fe0": {"1"}, "ff0": {"3"}, "il0": {"possible"}, "ic0": {"经费保障"}, "id0": {"资金下达较晚"}, "ir0": {"加快资金拨付"}, "version": {"1"}}
	for k, v := range want {
		if got := form.Get(k); got != v[0] {
			t.Errorf("imported form %s = %q, want %q", k, got, v[0])
		}
	}
	if s, _ := f.store.MonitoringEntry(context.Background(), m.ID); s.Version != 1 {
		t.Errorf("the import saved: version %d", s.Version)
	}
	form.Set("csrf", filler.csrf())
	if st, body := filler.post(path, form); st != 303 {
		t.Fatalf("save the imported form: %d\n%s", st, snippet(body))
	}
	s, _ := f.store.MonitoringEntry(context.Background(), m.ID)
	if s.Record.Funds[0].Executed.String() != "1" || s.Record.Indicators[0].Remedy != "加快资金拨付" || s.Level != jixiao.LevelRed {
		t.Errorf("saved after import: executed %s remedy %q level %q", s.Record.Funds[0].Executed, s.Record.Indicators[0].Remedy, s.Level)
	}
	rows[1][1] = "另一个项目"
	rows = append(rows, [][]string{{"2021年项目支出绩效运行监控表"}, {"项目名称", "第三个项目"}, rows[2], rows[3], rows[4], rows[5]}...)
	other := fmt.Sprintf("/plans/%d/monitoring/%d/import", f.demo, first.ID+2)
	if st, body := filler.uploadTo(other, "监控表.txt", textTable(rows)); st != 422 || !strings.Contains(unescape(body), "的绩效监控表（读到 2 张监控表）") {
		t.Errorf("a file of other projects: %d\n%s", st, snippet(body))
	}
}

// The 待办 list names the monitoring records waiting for each role.
func TestMonitoringTodos(t *testing.T) {
	f := newFixture(t)
	_, rec := openMonitoring(t, f)
	ctx := context.Background()
	filler, leader, reviewer := f.login("filler"), f.login("leader"), f.login("reviewer")
	if _, body := filler.get("/"); !strings.Contains(body, "4 张绩效监控表尚未提交") || !strings.Contains(body, "截止") {
		t.Errorf("the filler's 待办 does not list the records to fill:\n%s", snippet(body))
	}
	for _, a := range []struct {
		a    jixiao.Action
		role jixiao.Role
	}{{jixiao.ActSubmit, jixiao.RoleFiller}, {jixiao.ActUnitApprove, jixiao.RoleLeader}} {
		if a.a == jixiao.ActUnitApprove {
			if _, body := leader.get("/"); !strings.Contains(body, "1 张绩效监控表已提交，待单位负责人审核") {
				t.Errorf("the leader's 待办:\n%s", snippet(body))
			}
		}
		m, err := f.store.MonitoringEntry(ctx, rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		to, _ := jixiao.NextStatus(m.Status, a.a, a.role, "")
		if _, err := f.store.TransitionMonitoring(ctx, &jixiao.MonitoringStep{RecordID: m.ID, Version: m.Version, Action: a.a, From: m.Status, To: to, Actor: string(a.role)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, body := reviewer.get("/"); !strings.Contains(body, "1 张绩效监控表已由单位负责人审核，待财政审核") {
		t.Errorf("the reviewer's 待办:\n%s", snippet(body))
	}
	if _, body := filler.get("/"); !strings.Contains(body, "3 张绩效监控表尚未提交") {
		t.Errorf("the filler's 待办 after submitting one:\n%s", snippet(body))
	}
}

// A round concerns the region it was opened for, the regions within it and the finance
// bureaus above; a reviewer of another region neither lists nor reads it.
func TestMonitoringRoundRegions(t *testing.T) {
	f := newFixture(t)
	_, rec := openMonitoring(t, f)
	board := fmt.Sprintf("/review/monitoring/%d", rec.RoundID)
	r2 := f.login("reviewer2") // a reviewer of the other department only: the round is above it
	if st, _ := r2.get(board); st != 200 {
		t.Errorf("a round opened above the reviewer's region: %d", st)
	}
	// A round opened for the other department: the root's reviewer (above it) reads it.
	st, body := r2.post("/review/monitoring", url.Values{"csrf": {r2.csrf()}, "year": {"2021"}, "as_of": {"6"}, "rules": {"national-2019"}})
	if st != 303 {
		t.Fatalf("open a round for the other department: %d\n%s", st, snippet(body))
	}
	rounds, err := f.store.MonitoringRounds(context.Background(), 2021)
	if err != nil || len(rounds) != 2 {
		t.Fatalf("rounds: %d %v", len(rounds), err)
	}
	other := fmt.Sprintf("/review/monitoring/%d", rounds[0].ID) // newest first: as_of 7 before 6
	if rounds[0].AsOf != 6 {
		other = fmt.Sprintf("/review/monitoring/%d", rounds[1].ID)
	}
	if st, _ := f.login("reviewer").get(other); st != 200 {
		t.Errorf("the root's reviewer reads a round of a department below: %d", st)
	}
	if _, body := r2.get("/review/monitoring"); !strings.Contains(body, `href="`+other+`"`) || !strings.Contains(body, `href="`+board+`"`) {
		t.Errorf("reviewer2's rounds:\n%s", snippet(body))
	}
	// A reviewer of the demo department: the other department's round is not theirs.
	d, err := f.store.DepartmentByCode(context.Background(), setup.DemoDeptCode)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := jxhttp.HashPassword(password)
	if err := f.store.CreateUser(context.Background(), &jixiao.User{Username: "reviewer3", Name: "reviewer3", Role: jixiao.RoleReviewer,
		DepartmentID: d.ID, PasswordHash: h, Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	r3 := f.login("reviewer3")
	if st, _ := r3.get(other); st != 404 {
		t.Errorf("a round of another region: %d, want 404", st)
	}
	if _, body := r3.get("/review/monitoring"); strings.Contains(body, `href="`+other+`"`) || !strings.Contains(body, `href="`+board+`"`) {
		t.Errorf("reviewer3's rounds list another region's round, or not the one above:\n%s", snippet(body))
	}
}
