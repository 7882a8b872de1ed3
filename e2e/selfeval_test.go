package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"jixiao"
	jxhttp "jixiao/http"
	"jixiao/setup"
	"jixiao/sqlite"
)

// startSelfEvalServer is startReviewServer on the demo plan, which it approves through
// the store (the plan's own review is TestReviewWorkflow's): a filler and a leader of
// the demo department, a reviewer of the region. It returns the demo plan's id.
func startSelfEvalServer(t *testing.T) (base string, plan int64) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "jixiao.db"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := setup.Setup(ctx, db, setup.Options{AdminPassword: adminPassword})
	if err != nil {
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
	for _, st := range []struct {
		a    jixiao.Action
		role jixiao.Role
	}{{jixiao.ActSubmit, jixiao.RoleFiller}, {jixiao.ActUnitApprove, jixiao.RoleLeader}, {jixiao.ActApprove, jixiao.RoleReviewer}} {
		p, err := db.Plan(ctx, res.DemoPlanID)
		if err != nil {
			t.Fatal(err)
		}
		to, err := jixiao.NextStatus(p.Status, st.a, st.role, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Transition(ctx, &jixiao.TransitionRecord{PlanID: p.ID, Version: p.Version, Action: st.a, From: p.Status, To: to, Actor: string(st.role)}, nil); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := jxhttp.New(db, jxhttp.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
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
	return "http://" + l.Addr().String(), res.DemoPlanID
}

// shots2 takes a screenshot at 1280 and at 390 pixels wide.
func (tb *tab) shots2(name string) {
	tb.t.Helper()
	for _, w := range []int64{1280, 390} {
		if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(w, 900)); err != nil {
			tb.t.Fatal(err)
		}
		tb.shot(fmt.Sprintf("%s-%d", name, w))
	}
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		tb.t.Fatal(err)
	}
}

func (tb *tab) wantSEStatus(label string) {
	tb.t.Helper()
	if got := tb.text(".planhead .status"); got != label {
		tb.t.Fatalf("%s: self-evaluation status %q, want %q\n%s", tb.name, got, label, tb.text("main"))
	}
}

// TestSelfEvaluation: the filler opens the demo plan's self-evaluation, fills the
// department table with one indicator missed, sees the computed scores with their
// arithmetic and the 偏差原因 the missed one demands (submitting without it is refused,
// naming the cell), writes it and submits; the leader approves; the finance bureau
// lowers one score with a reason (复核得分 beside 自评得分, the difference in the list),
// approves and publishes. The filler then makes next year's plan from this one with
// 工作及时完成率 asked at ≥85%, below last year's 90%: its overview shows last year's
// target, actual and score beside the new target, and the warning.
func TestSelfEvaluation(t *testing.T) {
	bctx := browser(t)
	base, id := startSelfEvalServer(t)
	shots := shotsDir(t)
	plan := fmt.Sprintf("/plans/%d", id)
	table := plan + "/selfeval/0"
	filler := newTab(t, bctx, "filler", base, shots)
	leader := newTab(t, bctx, "leader", base, shots)
	reviewer := newTab(t, bctx, "reviewer", base, shots)

	filler.signIn("tianbao", reviewPW)
	filler.open(plan)
	filler.click("#selfeval")
	filler.click("#se-open")
	if n := filler.count("#se-list tbody tr"); n != 4 {
		t.Fatalf("%d self-evaluation tables, want 4 (the department and 3 items):\n%s", n, filler.text("main"))
	}
	filler.open(table)
	if n := filler.count("input[name^=ia]"); n != 9 {
		t.Fatalf("%d indicator rows to fill, want 9:\n%s", n, filler.text("main"))
	}
	// Everything as planned, but 工作及时完成率 (100%) reached only 90%.
	js[int](filler, `(function(){
		document.querySelector("input[name=fe0]").value = document.querySelector("input[name=fa0]").value;
		document.querySelector("input[name=fe1]").value = document.querySelector("input[name=fa1]").value;
		var n = 0;
		document.querySelectorAll("#indicators tbody tr").forEach(function(tr, i){
			tr.querySelector("input[name^=ia]").value = tr.children[3].innerText.trim(); n++;
		});
		document.querySelectorAll("textarea[name^=ga]").forEach(function(t){ t.value = "已按计划完成。"; });
		return n })()`)
	filler.set("input[name=ia2]", "90%")
	filler.set("textarea[name=problems]", "个别工作完成不及时。")
	filler.set("textarea[name=remedies]", "建立工作台账，按月督办。")
	filler.click("#se-save")
	// The scores the rule leaves to the evaluator (compound and inapplicable targets).
	judged := filler.count("input[name^=is]")
	if judged != 4 {
		t.Fatalf("%d scores left to the evaluator, want 4:\n%s", judged, filler.text("#indicators"))
	}
	js[int](filler, `(function(){ var n=0; document.querySelectorAll("input[name^=is]").forEach(function(e){
		var w = e.closest("tr").querySelector("input[name^=iw]").value; e.value = w; n++ }); return n })()`)
	filler.click("#se-save")
	if got := filler.text("#score-2"); !strings.Contains(got, "10.80") || !strings.Contains(got, "90") || !strings.Contains(got, "× 分值 12") {
		t.Errorf("the missed indicator's score does not show its arithmetic: %q", got)
	}
	if got := filler.text("#indicators-2-reason"); !strings.Contains(got, "须填写偏差原因") {
		t.Errorf("the missed indicator does not demand a 偏差原因 beside its cell: %q", got)
	}
	if got := filler.text("#total"); got != "98.80" {
		t.Errorf("total %q, want 98.80 (100 less 1.20 for the missed indicator)\n%s", got, filler.text("#se-total"))
	}
	filler.shots2("s01-selfeval-scored")
	// At phone width the tables fit: no sideways scrolling inside them.
	filler.viewport(390, 900)
	if got := filler.sideways("#budget", "#goals", "#indicators"); got != "" {
		t.Errorf("at 390 px the self-evaluation's tables scroll sideways: %s", got)
	}
	filler.viewport(1366, 900)

	// Submitting without the 偏差原因 is refused, naming the cell, on the table's own page
	// (the refusal redirects there, so a reload does not post again).
	if st := filler.submit("#act-submit"); st != 200 {
		t.Fatalf("submit without 偏差原因: status %d, want the table again", st)
	}
	if u := js[string](filler, `location.pathname + location.search`); !strings.HasSuffix(u, "?refused=submit") {
		t.Errorf("after the refused submit the address is %q", u)
	}
	if msg := filler.text("#se-message"); !strings.Contains(msg, "第 3 行指标“工作及时完成率”的偏差原因分析及改进措施") {
		t.Errorf("the refusal does not name the cell: %q", msg)
	}
	filler.shot("s02-submit-refused")
	filler.open(table)
	filler.set("textarea[name=ir2]", "部分调研报告因疫情推迟至次年一月完成；今后提前安排。")
	filler.click("#se-save")
	filler.click("#act-submit")
	filler.wantSEStatus("已提交")

	leader.signIn("fuze", reviewPW)
	leader.open(table)
	leader.click("#act-unit_approve")
	leader.wantSEStatus("单位已审核")

	// The finance bureau lowers the missed indicator's score.
	reviewer.signIn("shenhe", reviewPW)
	reviewer.open(table)
	reviewer.set("#review-2 input[name=score]", "9")
	reviewer.set("#review-2 input[name=reason]", "佐证材料显示完成率为 75%，按实调减。")
	reviewer.click("#review-2 button")
	if got := reviewer.text("#review-2"); !strings.Contains(got, "9") || !strings.Contains(got, "按实调减") {
		t.Errorf("复核得分 is not beside 自评得分: %q", got)
	}
	if got := reviewer.text("#reviewed"); !strings.Contains(got, "97.00") || !strings.Contains(got, "-1.80") {
		t.Errorf("the re-checked total: %q, want 97.00 and a difference of -1.80", got)
	}
	reviewer.shots2("s03-recheck")
	// The bureau comments on the 偏差原因 of the missed indicator; the unit answers
	// beside the cell (the comment is the table's, not the plan's).
	js[bool](reviewer, `document.querySelector("#indicators-2-reason details.addcomment").open = true`)
	reviewer.set("#indicators-2-reason textarea[name=body]", "请补充推迟完成的调研报告清单。")
	reviewer.click("#indicators-2-reason details.addcomment button")
	if got := reviewer.text("#indicators-2-reason"); !strings.Contains(got, "请补充推迟完成的调研报告清单。") || !strings.Contains(got, "待答复") {
		t.Errorf("the comment is not beside the 偏差原因: %q", got)
	}
	filler.open(table)
	filler.set("#indicators-2-reason input[name=answer]", "已补充：推迟的三份报告已于次年一月报送。")
	filler.click("#indicators-2-reason .answerform button")
	if got := filler.text("#indicators-2-reason"); !strings.Contains(got, "已答复") || !strings.Contains(got, "三份报告") {
		t.Errorf("the answer is not beside the 偏差原因: %q", got)
	}
	filler.shots2("s03b-selfeval-comment")
	reviewer.open(table)
	reviewer.click("#act-approve")
	reviewer.wantSEStatus("已通过")
	reviewer.click("#act-publish")
	reviewer.wantSEStatus("已公开")
	if got := reviewer.text("#workflow"); !strings.Contains(got, "单位负责人审核通过") || !strings.Contains(got, "公开") {
		t.Errorf("the steps are not recorded: %q", got)
	}
	reviewer.open(plan + "/selfeval")
	row := reviewer.text("#se-list tbody tr")
	if !regexp.MustCompile(`98\.80[\s\S]*97\.00[\s\S]*-1\.80`).MatchString(row) || !strings.Contains(row, "已公开") {
		t.Errorf("the list does not show self-evaluated and re-checked totals with the difference: %q", row)
	}
	reviewer.shots2("s04-list")
	// The finance bureau's table of the year's scores, linked from the list.
	reviewer.click("#se-scores")
	if row := reviewer.text("#scores tbody tr"); !regexp.MustCompile(`部门整体支出绩效自评表[\s\S]*已公开[\s\S]*98\.80[\s\S]*优[\s\S]*97\.00[\s\S]*-1\.80`).MatchString(row) {
		t.Errorf("the score table's first row: %q", row)
	}
	if got := reviewer.text("#missed"); !strings.Contains(got, "没有在两张以上自评表中失分的指标") {
		t.Errorf("indicators most often missed, with one table scored: %q", got)
	}
	if got := reviewer.text("#recheck-clauses"); !regexp.MustCompile(`定量正向指标（≥）[\s\S]*-1\.80`).MatchString(got) {
		t.Errorf("the re-check difference by rule: %q", got)
	}
	reviewer.shots2("s04b-scores")
	// The self-evaluation stage's deadline and exceptions, linked from the table.
	reviewer.click("#due-set")
	if got := reviewer.text("h1"); got != "绩效自评报送截止时间" {
		t.Errorf("the deadlines page of the self-evaluation stage: %q", got)
	}
	reviewer.shots2("s04c-selfeval-deadlines")
	reviewer.open(table + "/print")
	if txt := reviewer.text(".printarea"); !strings.Contains(txt, "部门整体支出绩效自评表") || !strings.Contains(txt, "工作及时完成率") {
		t.Errorf("the print view is not the table:\n%s", txt)
	}
	reviewer.shots2("s05-print")

	// Next year's plan: last year's results beside the carried-over targets.
	filler.open(plan)
	year := js[int](filler, `parseInt(document.title.match(/(\d{4})年/)[1])`)
	filler.open(fmt.Sprintf("/plans/new?from=%d", id))
	filler.set("#year", fmt.Sprint(year+1))
	filler.click("form.narrow button.primary")
	next := regexp.MustCompile(`^/plans/\d+`).FindString(filler.location())
	if next == "" || next == plan {
		t.Fatalf("next year's plan was not made: at %q\n%s", filler.location(), filler.text("main"))
	}
	filler.open(next + "/department")
	filler.set(`input[name="indicators[2].target"]`, "≥85%")
	filler.click(`button[value=save]`)
	filler.open(next)
	carried := filler.text("#carried")
	for _, want := range []string{fmt.Sprintf("上年绩效自评结果（%d年）", year), "工作及时完成率", "≥85%", "90%", "10.80 / 12",
		"“工作及时完成率”的指标值“≥85%”低于上年实际完成值“90%”"} {
		if !strings.Contains(carried, want) {
			t.Errorf("next year's plan does not show %q beside the carried-over targets:\n%s", want, carried)
		}
	}
	if n := filler.count("#carried tr.backwards"); n != 1 {
		t.Errorf("%d backwards warnings, want 1:\n%s", n, carried)
	}
	filler.shots2("s06-next-year")
}
