package http_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/setup"
)

// navTodoRe finds the navigation's 待办 entry and what its badge shows.
var navTodoRe = regexp.MustCompile(`<a href="/">待办(?:<span class="count">([^<]*)</span>)?</a>`)

// TestHomeNavCount: the navigation's 待办 badge shows a count on every page, the home
// page too (its list once shadowed the count and printed a Go structure).
func TestHomeNavCount(t *testing.T) {
	f := newFixture(t)
	for _, user := range []string{"filler", "reviewer"} {
		c := f.login(user)
		for _, path := range []string{"/", "/messages"} {
			_, body := c.get(path)
			m := navTodoRe.FindStringSubmatch(body)
			if m == nil {
				t.Errorf("%s %s: no 待办 entry in the navigation", user, path)
				continue
			}
			if m[1] == "" && user == "reviewer" {
				continue // nothing waits for the reviewer: no badge
			}
			if !regexp.MustCompile(`^[1-9][0-9]*$`).MatchString(m[1]) {
				t.Errorf("%s %s: the 待办 badge shows %q, not a count", user, path, m[1])
			}
		}
	}
}

// TestBoardDefaultYear: a region whose plans are all of one past year (the demo's 2021)
// opens the board and the dashboard on that year, and their year selects offer it
// beside the years around now.
func TestBoardDefaultYear(t *testing.T) {
	f := newFixture(t)
	year := mustPlan(t, f, f.demo).Year
	cur := f.clock.Now().In(jixiao.ChinaTime()).Year()
	if year >= cur-2 {
		t.Fatalf("the demo plan is of %d: this test needs a year before the offered range", year)
	}
	reviewer := f.login("reviewer")
	optRe := regexp.MustCompile(`<option value="(\d+)"( selected)?>`)
	for _, path := range []string{"/review/board", "/review/dashboard"} {
		_, body := reviewer.get(path)
		i := strings.Index(body, `<select name="year">`)
		if i < 0 {
			t.Fatalf("%s: no year select", path)
		}
		sel := body[i : i+strings.Index(body[i:], "</select>")]
		var offered []int
		selected := 0
		for _, m := range optRe.FindAllStringSubmatch(sel, -1) {
			y, _ := strconv.Atoi(m[1])
			offered = append(offered, y)
			if m[2] != "" {
				selected = y
			}
		}
		want := []int{cur + 1, cur, cur - 1, cur - 2, year}
		if diff := cmp.Diff(want, offered); diff != "" {
			t.Errorf("%s: years offered (-want +got):\n%s", path, diff)
		}
		if selected != year {
			t.Errorf("%s opens on %d, want %d (the year with plans)", path, selected, year)
		}
	}
	_, body := reviewer.get("/review/board")
	if !strings.Contains(body, "中共株洲市石峰区委员会统一战线工作部") || !strings.Contains(body, "石峰区教育局") {
		t.Errorf("the board of the default year lacks the region's plans")
	}
	// The score table opens on the latest year with plans before this one.
	if _, body := reviewer.get("/review/scores"); !strings.Contains(body, strconv.Itoa(year)+"年绩效自评得分汇总") {
		t.Errorf("the score table does not open on %d", year)
	}
}

// TestFillerTodos: the filler's 待办 lists the unit's draft of a past year with its year,
// beside the offer to start the filing year's targets; no heading names a year the
// items are not of.
func TestFillerTodos(t *testing.T) {
	f := newFixture(t)
	p := mustPlan(t, f, f.demo)
	if p.Status != jixiao.Draft {
		t.Fatalf("the demo plan is %s, want a draft", p.Status)
	}
	cur := f.clock.Now().In(jixiao.ChinaTime()).Year()
	_, body := f.login("filler").get("/")
	i := strings.Index(body, `<section id="todos">`)
	if i < 0 {
		t.Fatal("no 待办 section")
	}
	sec := body[i : i+strings.Index(body[i:], "</section>")]
	var got []string
	for _, m := range regexp.MustCompile(`<a href="([^"]+)">([^<]+)</a>`).FindAllStringSubmatch(sec, -1) {
		got = append(got, m[1]+" "+m[2])
	}
	want := []string{
		fmt.Sprintf("/plans/%d %s的%d年绩效目标尚未提交。", p.ID, p.Department, p.Year),
		fmt.Sprintf("/plans/new %s尚未开始填报%d年绩效目标。", p.Department, cur),
		fmt.Sprintf("/plans/new 统战部机关服务中心尚未开始填报%d年绩效目标。", cur),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the filler's 待办 (-want +got):\n%s", diff)
	}
	if regexp.MustCompile(`<h2>\d+年`).MatchString(sec) {
		t.Errorf("a heading of the 待办 names one year: %s", sec[:200])
	}
}

// TestBoardUnitApproved: the board's status filter offers every status a plan can have,
// 单位已审核 among them; such a plan is counted as filed on the board and the dashboard.
func TestBoardUnitApproved(t *testing.T) {
	f := newFixture(t)
	year := mustPlan(t, f, f.other).Year
	storeStep(t, f, f.other, jixiao.ActSubmit, jixiao.RoleFiller)
	storeStep(t, f, f.other, jixiao.ActUnitApprove, jixiao.RoleLeader)
	reviewer := f.login("reviewer")
	_, body := reviewer.get(fmt.Sprintf("/review/board?year=%d", year))
	got := map[string]string{}
	for _, m := range stateCountRe.FindAllStringSubmatch(body, -1) {
		got[m[2]] = m[3]
	}
	want := map[string]string{"未开始": "0", "草稿": "1", "已提交": "0", "单位已审核": "1", "已退回": "0", "已通过": "0", "已公开": "0"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the board's status filter (-want +got):\n%s", diff)
	}
	_, body = reviewer.get(fmt.Sprintf("/review/board?year=%d&state=%s", year, "单位已审核"))
	if !strings.Contains(body, "石峰区教育局") || strings.Contains(body, "统一战线工作部</a>") {
		t.Errorf("the 单位已审核 filter does not list exactly the unit-approved plan")
	}
	_, dash := reviewer.get(fmt.Sprintf("/review/dashboard?year=%d", year))
	if !strings.Contains(dash, "单位已审核") || !strings.Contains(dash, "已提交及以后的单位 1 个") {
		t.Errorf("the dashboard does not count the unit-approved plan as filed")
	}
}

// TestFillerTodoAnswerPastYear: a comment to answer on the unit's plan of a past year
// is on the filler's 待办 (only the budget year's plans were asked before).
func TestFillerTodoAnswerPastYear(t *testing.T) {
	f := newFixture(t)
	p := mustPlan(t, f, f.demo)
	if cur := f.clock.Now().In(jixiao.ChinaTime()).Year(); p.Year >= cur {
		t.Fatalf("the demo plan is of %d: this test needs a past year", p.Year)
	}
	cm := &jixiao.Comment{PlanID: p.ID, Version: p.Version, Path: "duties", Author: "reviewer", Body: "请写明职责依据。"}
	if err := f.store.AddComment(context.Background(), cm); err != nil {
		t.Fatal(err)
	}
	_, body := f.login("filler").get("/")
	want := fmt.Sprintf(`<a href="/plans/%d">%s的%d年绩效目标有 1 条审核意见待答复。</a>`, p.ID, p.Department, p.Year)
	if !strings.Contains(body, want) {
		t.Errorf("the filler's 待办 lacks %s", want)
	}
}

// TestFillerTodoDeadlineNear: a filler's 待办 says 即将截止 for every year whose targets
// deadline is three days away or less and whose plan is not filed — the budget year and
// another year (a late year's targets) alike, and a past one a unit has had extended — and
// nothing for a deadline further away.
func TestFillerTodoDeadlineNear(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	root, err := f.store.DepartmentByCode(ctx, setup.DemoRootCode)
	if err != nil {
		t.Fatal(err)
	}
	now := f.clock.Now()
	cur := now.In(jixiao.ChinaTime()).Year()
	for _, d := range []struct {
		year int
		due  time.Time
	}{
		{cur + 1, now.Add(47 * time.Hour)}, // the budget year
		{cur - 1, now.Add(23 * time.Hour)}, // another year, near too
		{cur - 2, now.Add(10 * 24 * time.Hour)},
		{cur - 3, now.Add(-5 * 24 * time.Hour)}, // past, but extended for the unit (below)
	} {
		if err := f.store.SetDeadline(ctx, &jixiao.Deadline{RegionID: root.ID, Year: d.year, Due: d.due, SetBy: "reviewer", Set: now}); err != nil {
			t.Fatal(err)
		}
	}
	dept, err := f.store.DepartmentByCode(ctx, setup.DemoDeptCode)
	if err != nil {
		t.Fatal(err)
	}
	ex := &jixiao.DeadlineException{DepartmentID: dept.ID, Year: cur - 3, Until: now.Add(30 * time.Hour), GrantedBy: "reviewer", Reason: "机构改革"}
	if err := f.store.GrantException(ctx, ex); err != nil {
		t.Fatal(err)
	}
	_, body := f.login("filler").get("/")
	for _, want := range []string{
		fmt.Sprintf(`<a href="/plans?year=%d">%s的%d年绩效目标将于 `, cur+1, dept.Name, cur+1),
		fmt.Sprintf(`<a href="/plans?year=%d">%s的%d年绩效目标将于 `, cur-1, dept.Name, cur-1),
		fmt.Sprintf(`<a href="/plans?year=%d">%s的%d年绩效目标将于 `, cur-3, dept.Name, cur-3),
		"截止报送（还有 2 天）。", "截止报送（还有 1 天）。",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the filler's 待办 lacks %s", want)
		}
	}

	if strings.Contains(body, fmt.Sprintf("%d年绩效目标将于", cur-2)) {
		t.Errorf("a deadline ten days away is on the 待办")
	}
}
