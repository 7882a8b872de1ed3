package http_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/setup"
)

// addProject presses 添加项目支出绩效目标表 on the plan's page and returns the editor's path.
func addProject(t *testing.T, f *fixture, c *client) string {
	t.Helper()
	form := c.form(pathOf(f.demo), pathOf(f.demo)+"/projects")
	st, _, h := c.postH(pathOf(f.demo)+"/projects", form)
	if st != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), pathOf(f.demo)+"/projects/") {
		t.Fatalf("add project: %d to %q", st, h.Get("Location"))
	}
	return strings.SplitN(h.Get("Location"), "?", 2)[0]
}

// A standalone project (Plan.Projects) is added, filled in with the national columns and
// the optional ones, saved, and read back as typed.
func TestProjectEditor(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	path := addProject(t, f, c)
	if path != pathOf(f.demo)+"/projects/0" {
		t.Fatalf("new project at %s", path)
	}
	form := c.form(path+"?columns=all", path)
	pre := "projects[0]"
	for k, v := range map[string]string{
		".name": "农村公路养护", ".code": "43000021T000000123456", ".authority": "某县交通运输局", ".unit": "某县公路建设养护中心",
		".amount": "120.5", ".fiscal": "100.5", ".other": "20", ".period": "2021.1-2021.12",
		".periodGoal": "完成县乡道养护。", ".annualGoal": "养护县乡道 300 公里。",
	} {
		form.Set(pre+k, v)
	}
	// The new table has a row for each 二级指标 the framework requires: remove them all.
	for form.Has(pre + ".indicators[0].name") {
		form = c.rowOp(path, form, "del:"+pre+".indicators:0")
	}
	form = c.rowOp(path, form, "add:"+pre+".indicators")
	form = c.rowOp(path, form, "add:"+pre+".indicators")
	rows := []map[string]string{
		{"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "nature": "≥", "value": "300", "unit": "公里", "weight": "20",
			"direction": "正向", "kind": "定量", "standard": "计划标准", "explanation": "全年养护的县乡道里程", "scoring": "每少 10 公里扣 1 分", "note": "县乡道"},
		{"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "沿线群众满意度", "nature": "≥", "value": "90", "unit": "%", "weight": "10",
			"direction": "正向", "kind": "定量", "standard": "历史标准"},
	}
	for i, r := range rows {
		for k, v := range r {
			form.Set(fmt.Sprintf("%s.indicators[%d].%s", pre, i, k), v)
		}
	}
	form.Set("op", "save")
	if st, body := c.post(path, form); st != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", st, snippet(body))
	}
	p, err := f.store.Plan(context.Background(), f.demo)
	if err != nil {
		t.Fatal(err)
	}
	amount := func(s string) jixiao.Amount { d, _ := jixiao.ParseDecimal(s); return d }
	in := func(l1, l2, name, target, note string) jixiao.Indicator {
		return jixiao.NewIndicator(l1, l2, name, target, note)
	}
	i1 := in("产出指标", "数量指标", "养护里程", "≥300公里", "县乡道")
	i1.Written = &jixiao.WrittenTarget{Nature: "≥", Value: "300", Unit: "公里"}
	i1.Weight, i1.Direction, i1.Kind, i1.Standard = "20", jixiao.DirectionPositive, "定量", "计划标准"
	i1.Explanation, i1.ScoringRule = "全年养护的县乡道里程", "每少 10 公里扣 1 分"
	i2 := in("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "")
	i2.Written = &jixiao.WrittenTarget{Nature: "≥", Value: "90", Unit: "%"}
	i2.Weight, i2.Direction, i2.Kind, i2.Standard = "10", jixiao.DirectionPositive, "定量", "历史标准"
	per, _ := jixiao.ParsePeriod("2021.1-2021.12")
	want := []jixiao.Project{{Name: "农村公路养护", Code: "43000021T000000123456", Authority: "某县交通运输局", Unit: "某县公路建设养护中心",
		Amount: amount("120.5"), Funds: []jixiao.FundLine{
			{Source: jixiao.FundTotal, Label: "年度资金总额", Text: "120.5", Amount: amount("120.5")},
			{Source: jixiao.FundFiscal, Label: "其中：财政拨款", Text: "100.5", Amount: amount("100.5")},
			{Source: jixiao.FundOther, Label: "其他资金", Text: "20", Amount: amount("20")},
		},
		Period: per, PeriodText: "2021.1-2021.12", PeriodGoal: "完成县乡道养护。", AnnualGoal: "养护县乡道 300 公里。",
		Indicators: []jixiao.Indicator{i1, i2}}}
	if d := cmp.Diff(want, p.Projects, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("stored project mismatch (-want +got):\n%s", d)
	}
	// The plan's page lists the table with its editor and print view; the print view
	// shows the national columns.
	_, page := c.get(pathOf(f.demo))
	if !strings.Contains(page, `href="`+path+`"`) || !strings.Contains(page, "项目支出绩效目标表（农村公路养护）") {
		t.Errorf("the plan's page does not link the project's editor")
	}
	if st, pr := c.get(pathOf(f.demo) + "/print/project:1"); st != 200 || !strings.Contains(pr, "沿线群众满意度") || !strings.Contains(pr, "公里") {
		t.Errorf("print view: %d", st)
	}
	// An amount that is not a number is refused beside its cell, nothing saved.
	bad := c.form(path, path)
	bad.Set(pre+".fiscal", "一百")
	if st, body := c.post(path, bad); st != http.StatusUnprocessableEntity || !strings.Contains(body, "“其中：财政拨款”") {
		t.Errorf("bad amount: %d", st)
	}
	if st, _ := c.get(pathOf(f.demo) + "/projects/5"); st != http.StatusNotFound {
		t.Errorf("missing project: %d", st)
	}
}

// Two users edit the same project: the later save gets the conflict page (409) and
// overwrites nothing; a stale delete is refused the same way.
func TestProjectStaleSave(t *testing.T) {
	f := newFixture(t)
	a, b := f.login("filler"), f.login("filler")
	path := addProject(t, f, a)
	fa, fb := a.form(path, path), b.form(path, path)
	del := b.form(path, path+"/delete")
	fa.Set("projects[0].name", "甲的项目")
	if st, _ := a.post(path, fa); st != http.StatusSeeOther {
		t.Fatalf("first save: %d", st)
	}
	fb.Set("projects[0].name", "乙的项目")
	if st, body := b.post(path, fb); st != http.StatusConflict || !strings.Contains(body, "保存冲突") {
		t.Errorf("stale save: %d\n%s", st, snippet(body))
	}
	if st, body := b.post(path+"/delete", del); st != http.StatusConflict || !strings.Contains(body, "已被修改") {
		t.Errorf("stale delete: %d\n%s", st, snippet(body))
	}
	p, _ := f.store.Plan(context.Background(), f.demo)
	if len(p.Projects) != 1 || p.Projects[0].Name != "甲的项目" {
		t.Fatalf("after the stale save and delete: %+v", p.Projects)
	}
	// A current delete removes it.
	del = a.form(path, path+"/delete")
	if st, _ := a.post(path+"/delete", del); st != http.StatusSeeOther {
		t.Fatalf("delete: %d", st)
	}
	if p, _ := f.store.Plan(context.Background(), f.demo); len(p.Projects) != 0 {
		t.Errorf("after delete: %d projects", len(p.Projects))
	}
}

// A project form posted after the session expired comes back, unsaved, after signing in.
func TestProjectResume(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	path := addProject(t, f, c)
	form := c.form(path, path)
	form.Set("projects[0].name", "过期前输入的项目")
	form.Set("projects[0].indicators[0].value", "12")
	form.Set("op", "save")
	login := expireAndPost(t, f, c, path, form)
	st, body := signInFrom(t, c, login)
	if st != 200 || !strings.Contains(body, "已恢复您在登录过期前填写的内容") {
		t.Fatalf("resumed editor: %d\n%s", st, snippet(body))
	}
	shown := formValues(t, body, path)
	if shown.Get("projects[0].name") != "过期前输入的项目" || shown.Get("projects[0].indicators[0].value") != "12" || shown.Get("version") != "2" {
		t.Errorf("resumed form: %q %q v%s", shown.Get("projects[0].name"), shown.Get("projects[0].indicators[0].value"), shown.Get("version"))
	}
	if p, _ := f.store.Plan(context.Background(), f.demo); p.Projects[0].Name != "" {
		t.Errorf("resuming saved %q", p.Projects[0].Name)
	}
}

// Creating a plan offers the region's layouts: in a layout of project tables the plan is
// one empty 项目支出绩效目标表 in the layout's framework, with no department table; each
// layout's fill-in template downloads and reads back.
func TestPlanInLayout(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	_, page := c.get("/plans/new")
	for _, l := range jixiao.Layouts {
		if !strings.Contains(page, `<option value="`+l.ID+`"`) || !strings.Contains(page, `id="dl-template-`+l.ID+`"`) {
			t.Errorf("the new plan page does not offer the layout %s and its template", l.ID)
		}
	}
	form := formValues(t, page, "/plans")
	form.Set("year", "2025")
	form.Set("department", setup.DemoDeptCode)
	form.Set("source", "empty")
	form.Set("layout", "national")
	st, _, h := c.postH("/plans", form)
	if st != http.StatusSeeOther {
		t.Fatalf("create: %d %v", st, form)
	}
	var id int64
	fmt.Sscanf(h.Get("Location"), "/plans/%d", &id)
	p, err := f.store.Plan(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Framework != "national-2021" || len(p.Projects) != 1 || len(p.Indicators) != 0 || len(p.KeyTasks) != 0 {
		t.Errorf("plan in the national layout: framework %q, %d projects, %d department indicators, %d key tasks", p.Framework, len(p.Projects), len(p.Indicators), len(p.KeyTasks))
	}
	_, show := c.get(pathOf(id))
	if !strings.Contains(show, pathOf(id)+"/projects/0") || strings.Contains(show, "部门整体支出绩效目标表") || strings.Contains(show, "尚无专项资金") {
		t.Errorf("the plan's page of a project layout lists the wrong tables:\n%s", snippet(show))
	}
	form.Set("layout", "nowhere")
	form.Set("year", "2026")
	if st, body, _ := c.postH("/plans", form); st != http.StatusUnprocessableEntity || !strings.Contains(body, "未知的填报样式") {
		t.Errorf("unknown layout: %d", st)
	}
	for _, l := range jixiao.Layouts {
		st, body := c.get("/template.xlsx?year=2025&layout=" + l.ID)
		if st != 200 {
			t.Errorf("template of %s: %d", l.ID, st)
			continue
		}
		f, err := excelize.OpenReader(strings.NewReader(body))
		if err != nil {
			t.Errorf("template of %s: %v", l.ID, err)
			continue
		}
		want := "附件3"
		if l.Projects {
			want = "项目表1"
		}
		if !slices.Contains(f.GetSheetList(), want) {
			t.Errorf("template of %s has sheets %q, want %s", l.ID, f.GetSheetList(), want)
		}
		f.Close()
	}
}
