package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/setup"
)

// otherPlan gives the other department (石峰区教育局) a plan for year, as its filler would.
func otherPlan(t *testing.T, f *fixture, year int) int64 {
	t.Helper()
	p, err := f.store.Plan(context.Background(), f.other)
	if err != nil {
		t.Fatal(err)
	}
	p.ID, p.Version, p.Year = 0, 0, year
	if err := f.store.CreatePlan(context.Background(), p, jixiao.SaveInfo{Author: "filler2"}); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// storeStep moves plan id one step in the store, as role, for the states no fixture
// user can reach through the pages (the other department has no leader).
func storeStep(t *testing.T, f *fixture, id int64, a jixiao.Action, role jixiao.Role) {
	t.Helper()
	ctx := context.Background()
	p, err := f.store.Plan(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	to, err := jixiao.NextStatus(p.Status, a, role, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Transition(ctx, &jixiao.TransitionRecord{PlanID: id, Version: p.Version, Action: a, From: p.Status, To: to, Actor: "test"}, nil); err != nil {
		t.Fatal(err)
	}
}

// TestFilingYear: the board and the dashboard open on next year once a deadline is set
// for it or a unit has begun it, else on the latest year with plans (the demo's).
func TestFilingYear(t *testing.T) {
	f := newFixture(t)
	cur := f.clock.Now().In(jixiao.ChinaTime()).Year()
	reviewer := f.login("reviewer")
	title := regexp.MustCompile(`<h1>(\d+)年`)
	year := func(path string) string {
		_, body := reviewer.get(path)
		m := title.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s has no year heading", path)
		}
		return m[1]
	}
	got := []string{year("/review/board"), year("/review/dashboard")}
	otherPlan(t, f, cur+1)
	got = append(got, year("/review/board"), year("/review/dashboard"), year("/review/board?year=2025"))
	c, n := fmt.Sprint(mustPlan(t, f, f.demo).Year), fmt.Sprint(cur+1)
	if diff := cmp.Diff([]string{c, c, n, n, "2025"}, got); diff != "" {
		t.Errorf("years shown (-want +got):\n%s", diff)
	}
}

var stateCountRe = regexp.MustCompile(`<option value="([^"]+)"[^>]*>([^（<]+)（(\d+)）</option>`)

// TestDashboard: the dashboard's numbers are the board's; its charts are SVG; its tables
// sort by links and export as xlsx with their totals; a leader sees only their units.
func TestDashboard(t *testing.T) {
	f := newFixture(t)
	id := cleanPlan(t, f, 2022, false)
	broken := otherPlan(t, f, 2022)
	f.login("filler").submit(id)
	reviewer := f.login("reviewer")
	_, board := reviewer.get("/review/board?year=2022")
	boardCounts := map[string]string{}
	for _, m := range stateCountRe.FindAllStringSubmatch(board, -1) {
		boardCounts[m[1]] = m[3]
	}
	st, body := reviewer.get("/review/dashboard?year=2022")
	if st != 200 {
		t.Fatalf("dashboard: %d\n%s", st, body)
	}
	for _, id := range []string{`<svg id="chart-status"`, `<svg id="chart-tree"`, `<svg id="chart-rules"`} {
		if !strings.Contains(body, id) {
			t.Errorf("dashboard lacks the chart %s", id)
		}
	}
	dashCounts := map[string]string{}
	for st := range boardCounts {
		m := regexp.MustCompile(`<td>` + st + `</td><td>(\d+)</td>`).FindStringSubmatch(body)
		if m == nil {
			t.Errorf("the status table lacks %s", st)
			continue
		}
		dashCounts[st] = m[1]
	}
	if diff := cmp.Diff(boardCounts, dashCounts); diff != "" || len(boardCounts) != 7 {
		t.Errorf("dashboard counts differ from the board's (-board +dashboard):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"未开始": "0", "草稿": "1", "已提交": "1", "单位已审核": "0", "已退回": "0", "已通过": "0", "已公开": "0"}, boardCounts); diff != "" {
		t.Errorf("board counts (-want +got):\n%s", diff)
	}
	// The rules: the broken plan's findings are counted.
	if !strings.Contains(body, `id="table-rules"`) {
		t.Error("no findings-by-rule table")
	}
	// Sorting the drill-down by 合计 descending, then ascending, reverses its rows.
	rowNames := func(body string) []string {
		sec := body[strings.Index(body, `id="table-tree"`):]
		sec = sec[:strings.Index(sec, "</tbody>")]
		var out []string
		for _, m := range regexp.MustCompile(`<tr><td>(?:<a href="[^"]*">)?([^<]+)`).FindAllStringSubmatch(sec, -1) {
			out = append(out, m[1])
		}
		return out
	}
	_, byName := reviewer.get("/review/dashboard?year=2022&sort=0&dir=desc")
	_, byNameUp := reviewer.get("/review/dashboard?year=2022&sort=0&dir=asc")
	down, up := rowNames(byName), rowNames(byNameUp)
	if len(down) != 2 || len(up) != 2 || down[0] != up[1] || down[1] != up[0] {
		t.Errorf("sorting by name: desc %v, asc %v", down, up)
	}
	// The export holds the table and its total.
	req, _ := http.NewRequest("GET", f.ts.URL+"/review/dashboard.xlsx?year=2022&table=status", nil)
	st, data, _ := reviewer.do(req)
	if st != 200 {
		t.Fatalf("export: %d %s", st, data)
	}
	x, err := excelize.OpenReader(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows(x.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"合计", "2", "100.0%"}, rows[len(rows)-1]); diff != "" {
		t.Errorf("export's total row (-want +got):\n%s", diff)
	}
	// A deadline passed: the draft of 教育局 is late (the sub-unit filed for by its
	// parent is not); an exception to a later day than now takes it off the list.
	ctx := context.Background()
	root, err := f.store.DepartmentByCode(ctx, setup.DemoRootCode)
	if err != nil {
		t.Fatal(err)
	}
	due := time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC)
	if err := f.store.SetDeadline(ctx, &jixiao.Deadline{RegionID: root.ID, Year: 2022, Due: due, SetBy: "审核员", Set: due}); err != nil {
		t.Fatal(err)
	}
	_, body = reviewer.get("/review/dashboard?year=2022")
	lateRows := func(body string) []string {
		i := strings.Index(body, `id="table-late"`)
		if i < 0 {
			return nil // no rows, no table
		}
		sec := body[i:]
		sec = sec[:strings.Index(sec, "</tbody>")]
		var out []string
		for _, m := range regexp.MustCompile(`<tr><td>(?:<a href="[^"]*">)?([^<]+)(?:</a>)?</td><td>([^<]+)`).FindAllStringSubmatch(sec, -1) {
			out = append(out, m[2])
		}
		return out
	}
	if diff := cmp.Diff([]string{"石峰区教育局"}, lateRows(body)); diff != "" || !strings.Contains(body, "逾期未提交 1 个") {
		t.Errorf("late units after the deadline (-want +got):\n%s", diff)
	}
	other, err := f.store.DepartmentByCode(ctx, mustPlan(t, f, broken).DepartmentCode)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.GrantException(ctx, &jixiao.DeadlineException{DepartmentID: other.ID, Year: 2022, Until: time.Now().Add(48 * time.Hour),
		GrantedBy: "审核员", Reason: "延期", Granted: due}); err != nil {
		t.Fatal(err)
	}
	_, body = reviewer.get("/review/dashboard?year=2022")
	if got := lateRows(body); len(got) != 0 || !strings.Contains(body, "逾期未提交 0 个") {
		t.Errorf("late units after the exception: %v", got)
	}
	// The leader sees their own units only.
	_, lb := f.login("leader").get("/review/dashboard?year=2022")
	if strings.Contains(lb, "石峰区教育局") || !strings.Contains(lb, "<svg") {
		t.Error("the leader's dashboard is not scoped to their units")
	}
	if st, _ := f.login("filler").get("/review/dashboard"); st != http.StatusForbidden {
		t.Errorf("a filler reads the dashboard: %d", st)
	}
}

// TestBoardBulk: one reason returns every selected plan the workflow allows; a stale
// row is left alone; the units are told, and the return shows on their 待办 list with
// its reason. 催报 reaches the selected unit's messages.
func TestBoardBulk(t *testing.T) {
	f := newFixture(t)
	a := cleanPlan(t, f, 2022, false)
	b := otherPlan(t, f, 2022)
	f.login("filler").submit(a)
	if st, body := f.login("leader").act(a, jixiao.ActUnitApprove, 0, ""); st != http.StatusSeeOther {
		t.Fatalf("unit approve: %d %s", st, snippet(body))
	}
	storeStep(t, f, b, jixiao.ActSubmit, jixiao.RoleFiller)
	storeStep(t, f, b, jixiao.ActUnitApprove, jixiao.RoleLeader)
	reviewer := f.login("reviewer")
	v := reviewer.form("/review/board?year=2022", "/review/board/bulk")
	depts := regexp.MustCompile(`name="dept" value="(\d+)"`).FindAllStringSubmatch(func() string { _, b := reviewer.get("/review/board?year=2022"); return b }(), -1)
	if len(depts) != 2 {
		t.Fatalf("board rows: %d", len(depts))
	}
	for _, d := range depts {
		v.Add("dept", d[1])
	}
	// Without a proper reason nothing is returned, and the board comes back with the
	// units still selected and the reason kept beside the message.
	v.Set("action", "return")
	v.Set("reason", "改")
	if st, body := reviewer.post("/review/board/bulk", v); st != http.StatusUnprocessableEntity || boxText(body, "bulk-reason") != "改" ||
		strings.Count(body, " checked>") != 2 || !strings.Contains(body, `id="bulk-problem"`) || !strings.Contains(body, "必须写明理由") {
		t.Errorf("a return with a one-character reason: %d, box %q, %d units selected\n%s", st, boxText(body, "bulk-reason"), strings.Count(body, " checked>"), snippet(body))
	}
	wantState(t, f, a, jixiao.UnitApproved, 3)
	// b moves on after the board was read: it is skipped, a is returned.
	storeStep(t, f, b, jixiao.ActApprove, jixiao.RoleReviewer)
	v.Set("reason", "年度绩效指标第2行的指标值不明确，请量化。")
	st, body := reviewer.post("/review/board/bulk", v)
	if st != http.StatusSeeOther {
		t.Fatalf("bulk return: %d %s", st, snippet(body))
	}
	wantState(t, f, a, jixiao.Returned, 4)
	wantState(t, f, b, jixiao.Approved, 4)
	_, body = reviewer.get("/review/board?year=2022&bulk=return&done=1&skipped=1")
	if !strings.Contains(body, "已对 1 个单位执行“财政退回”") || !strings.Contains(body, "另有 1 个单位") {
		t.Errorf("no flash of the bulk return")
	}
	filler := f.login("filler")
	_, home := filler.get("/?year=2022")
	for _, want := range []string{"已退回", "退回理由：年度绩效指标第2行的指标值不明确，请量化。", `<span class="count">`} {
		if !strings.Contains(home, want) {
			t.Errorf("the filler's home page lacks %q", want)
		}
	}
	// The returned plan opens with the reason, and says nothing has changed yet.
	_, pb := filler.get(fmt.Sprintf("/plans/%d", a))
	for _, want := range []string{`id="returned"`, "reviewer于", "退回理由：年度绩效指标第2行的指标值不明确，请量化。", "退回后尚未修改"} {
		if !strings.Contains(pb, want) {
			t.Errorf("the returned plan's page lacks %q", want)
		}
	}
	_, msgs := filler.get("/messages")
	if !strings.Contains(msgs, "财政退回") && !strings.Contains(msgs, "退回") {
		t.Errorf("the filler got no message of the return")
	}
	// 催报 the other department.
	v2 := reviewer.form("/review/board?year=2022", "/review/board/bulk")
	v2.Set("action", "remind")
	v2.Set("reason", "请于本周内提交。")
	v2.Add("dept", depts[1][1])
	if st, body := reviewer.post("/review/board/bulk", v2); st != http.StatusSeeOther {
		t.Fatalf("remind: %d %s", st, snippet(body))
	}
	_, m2 := f.login("filler2").get("/messages")
	if !strings.Contains(m2, "催报") || !strings.Contains(m2, "请于本周内提交。") {
		t.Errorf("the reminder did not reach filler2:\n%s", snippet(m2))
	}
	if strings.Contains(func() string { _, b := filler.get("/messages"); return b }(), "催报") {
		t.Error("the reminder reached a unit that was not selected")
	}
	// Marking read clears the count.
	c2 := f.login("filler2")
	if st, _ := c2.post("/messages/read", url.Values{"csrf": {c2.csrf()}}); st != http.StatusSeeOther {
		t.Errorf("mark read: %d", st)
	}
	if _, b := c2.get("/messages"); !strings.Contains(b, "其中未读 0 条") {
		t.Error("messages still unread after marking all read")
	}
}

func mustPlan(t *testing.T, f *fixture, id int64) *jixiao.Plan {
	t.Helper()
	p, err := f.store.Plan(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
