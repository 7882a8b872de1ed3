package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"jixiao"
	jxhttp "jixiao/http"
	"jixiao/setup"
	"jixiao/sqlite"
)

const reviewPW = "Review-pass-2021"

// startReviewServer is startServer with accounts for the review (a filler and a leader
// of the demo department, a reviewer of the region) and a small plan with no errors,
// whose id it returns.
func startReviewServer(t *testing.T, configure ...func(*jxhttp.Config)) (base string, plan int64) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "jixiao.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := setup.Setup(ctx, db, setup.Options{AdminPassword: adminPassword}); err != nil {
		t.Fatal(err)
	}
	h, err := jxhttp.HashPassword(reviewPW)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		name string
		role jixiao.Role
		dept string
	}{{"tianbao", jixiao.RoleFiller, setup.DemoDeptCode}, {"fuze", jixiao.RoleLeader, setup.DemoDeptCode}, {"shenhe", jixiao.RoleReviewer, setup.DemoRootCode}} {
		d, err := db.DepartmentByCode(ctx, u.dept)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.CreateUser(ctx, &jixiao.User{Username: u.name, Name: u.name, Role: u.role, DepartmentID: d.ID, PasswordHash: h, Created: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	dec := func(s string) jixiao.Decimal { x, _ := jixiao.ParseDecimal(s); return x }
	p := &jixiao.Plan{Department: "区委统战部", DepartmentCode: setup.DemoDeptCode, Year: 2022, Framework: "hunan-2021",
		Duties: "负责全区统一战线工作，选拨培养党外干部。",
		Budget: jixiao.Budget{Total: dec("100"), GeneralBudget: dec("100"), Basic: dec("100")},
		Indicators: []jixiao.Indicator{
			jixiao.NewIndicator("产出指标", "产出数量", "培训次数", "≥8次", ""),
			jixiao.NewIndicator("效益指标", "社会效益", "党外人士参与率", "良好", ""),
			jixiao.NewIndicator("效益指标", "社会公众及服务对象满意度", "服务对象满意度", "≥90%", ""),
			// Two names written as sentences: two warnings of one rule, which the submit
			// page lets the filler explain once.
			jixiao.NewIndicator("产出指标", "产出质量", "提升干部履职能力，推动工作。", "≥90%", ""),
			jixiao.NewIndicator("产出指标", "产出质量", "加强队伍建设，提高服务水平。", "≥90%", ""),
		}}
	if err := db.CreatePlan(ctx, p, jixiao.SaveInfo{Author: "tianbao"}); err != nil {
		t.Fatal(err)
	}
	cfg := jxhttp.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for _, c := range configure {
		c(&cfg)
	}
	srv, err := jxhttp.New(db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, l) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		db.Close()
	})
	return "http://" + l.Addr().String(), p.ID
}

func (tb *tab) wantStatus(label string) {
	tb.t.Helper()
	if got := tb.text(".planhead .status"); got != label {
		tb.t.Fatalf("%s: plan status %q, want %q\n%s", tb.name, got, label, tb.text("main"))
	}
}

// click clicks and waits for the page it leads to, which must be a 200.
func (tb *tab) click(sel string) {
	tb.t.Helper()
	if st := tb.submit(sel); st != 200 {
		tb.t.Fatalf("%s: click %s: status %d\n%s", tb.name, sel, st, tb.text("main"))
	}
}

// submitPlan goes through the submit page, explaining every warning.
func (tb *tab) submitPlan(plan string) {
	tb.t.Helper()
	tb.open(plan)
	tb.click("#act-submit")
	if n := tb.count("textarea[name^='ex:']"); n == 0 {
		tb.t.Fatalf("the submit page asks no explanation for the warnings:\n%s", tb.text("main"))
	}
	tb.shots2("36-submit")
	if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](`(function(){var n=0;document.querySelectorAll("textarea[name^='ex:']").forEach(function(t){t.value="已核对，按本单位实际情况填写";n++});return n})()`)); err != nil {
		tb.t.Fatal(err)
	}
	tb.click(".submitform button[type=submit]")
	tb.wantStatus("已提交")
}

// TestReviewWorkflow: a filler submits, the leader approves, the reviewer comments on
// one indicator and returns, the filler answers and resubmits, the leader approves
// again, the reviewer approves and publishes, and the plan appears on the public page.
func TestReviewWorkflow(t *testing.T) {
	bctx := browser(t)
	base, id := startReviewServer(t)
	shots := shotsDir(t)
	plan := fmt.Sprintf("/plans/%d", id)
	filler := newTab(t, bctx, "filler", base, shots)
	leader := newTab(t, bctx, "leader", base, shots)
	reviewer := newTab(t, bctx, "reviewer", base, shots)

	filler.signIn("tianbao", reviewPW)
	filler.submitPlan(plan)
	filler.shot("r01-submitted")
	filler.open(plan + "/department")
	if !strings.Contains(filler.text("#lock"), "已提交") {
		t.Errorf("the submitted plan's editor does not say why it is locked: %q", filler.text("#lock"))
	}

	leader.signIn("fuze", reviewPW)
	leader.open(plan)
	leader.click("#act-unit_approve")
	leader.wantStatus("单位已审核")

	// The reviewer comments on one indicator's target, in review mode, and returns.
	reviewer.signIn("shenhe", reviewPW)
	reviewer.open(plan + "/department?review=1")
	cell := "#f-indicators-1-target"
	if err := chromedp.Do(reviewer.ctx, chromedp.Click(chromedp.CSS(cell+" details.addcomment summary"))); err != nil {
		t.Fatal(err)
	}
	reviewer.set(cell+" textarea[name=body]", "“良好”无法衡量，请量化参与率")
	reviewer.click(cell + " details.addcomment button")
	if !strings.Contains(reviewer.text(cell), "无法衡量") {
		t.Fatalf("the comment is not beside its cell:\n%s", reviewer.text(cell))
	}
	reviewer.shot("r02-review-comment")
	reviewer.open(plan)
	reviewer.set("#reason-return", "请按审核意见修改指标值")
	reviewer.click("#act-return")
	reviewer.wantStatus("已退回")

	// The filler sees the comment in place, fixes the cell, answers, resubmits.
	filler.open(plan + "/department")
	if !strings.Contains(filler.text(cell), "无法衡量") {
		t.Fatalf("the filler does not see the comment beside the cell:\n%s", filler.text(cell))
	}
	filler.shot("r03-returned-with-comment")
	filler.set("input[name='indicators[1].target']", "≥90%")
	filler.click(".savebar button[value=save]")
	filler.set(cell+" .answerform input[name=answer]", "已改为≥90%")
	filler.click(cell + " .answerform button")
	if !strings.Contains(filler.text(cell), "已答复") {
		t.Fatalf("the comment is not marked answered:\n%s", filler.text(cell))
	}
	filler.submitPlan(plan)

	leader.open(plan)
	leader.click("#act-unit_approve")
	leader.wantStatus("单位已审核")

	reviewer.open(plan)
	if !strings.Contains(reviewer.text("#comments"), "已改为≥90%") {
		t.Errorf("the reviewer does not see the answer:\n%s", reviewer.text("#comments"))
	}
	reviewer.click("#act-approve")
	reviewer.wantStatus("已通过")
	reviewer.click("#act-publish")
	reviewer.wantStatus("已公开")
	if !strings.Contains(reviewer.text("#workflow"), "请按审核意见修改指标值") {
		t.Errorf("the history of steps lacks the return's reason:\n%s", reviewer.text("#workflow"))
	}
	reviewer.shot("r04-published")
	reviewer.open("/review/board?year=2022")
	if !strings.Contains(reviewer.text("table.board"), "已公开") {
		t.Errorf("the board does not show the plan as published:\n%s", reviewer.text("table.board"))
	}
	reviewer.shot("r05-board")

	// Anyone, without signing in, finds it on the public page and opens its table.
	public := newTab(t, bctx, "public", base, shots)
	public.open("/public")
	if !strings.Contains(public.text("table.public"), setup.DemoDeptCode) {
		t.Fatalf("the published plan is not on the public page:\n%s", public.text("main"))
	}
	public.shot("r06-public")
	public.click(fmt.Sprintf("a[href='/public/plans/%d/print/department']", id))
	if txt := public.text(".printarea"); !strings.Contains(txt, "部门整体支出绩效目标表") || !strings.Contains(txt, "≥90%") {
		t.Fatalf("the public table is not the published version:\n%s", txt)
	}
	public.shot("r07-public-table")
}
