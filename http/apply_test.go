package http_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/check"
)

// compoundFinding is the seed's 产出数量 cell that holds several indicators at once, and
// the check's proposed split.
func compoundFinding(t *testing.T, p *jixiao.Plan) check.Finding {
	t.Helper()
	for _, f := range check.Check(p, check.Options{}).Findings {
		if f.Suggestion == nil || f.Suggestion.Kind != check.Split || strings.HasPrefix(f.Path, "specialFunds") {
			continue
		}
		var i int
		if _, err := fmt.Sscanf(f.Path, "indicators[%d]", &i); err != nil {
			continue
		}
		l2 := ""
		for k := i; k >= 0 && l2 == ""; k-- {
			l2 = p.Indicators[k].Level2
		}
		if l2 == "产出数量" {
			return f
		}
	}
	t.Fatal("no split suggestion for the seed's 产出数量 cell")
	return check.Finding{}
}

func TestApplySplitInOneStep(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	before, err := f.store.Plan(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	fd := compoundFinding(t, before)
	if n := len(fd.Suggestion.Split); n != 7 {
		t.Fatalf("the proposed split has %d rows, want 7", n)
	}
	c := f.login("filler")
	// On the overview, where nothing is being typed, the button beside the finding
	// belongs to a form that names the rule and the cell, and saves the stored plan
	// split. (On the editor it applies to the posted form: TestApplyKeepsTyping.)
	_, body := c.get(pathOf(f.demo))
	formRe := regexp.MustCompile(`<form method="post" action="/plans/\d+/apply" id="(apply-\d+)"[^>]*>(.*?)</form>`)
	var formID string
	for _, m := range formRe.FindAllStringSubmatch(body, -1) {
		if strings.Contains(m[2], `name="rule" value="`+fd.Rule+`"`) && strings.Contains(m[2], `name="path" value="`+html.EscapeString(fd.Path)+`"`) &&
			strings.Contains(m[2], fmt.Sprintf(`name="version" value="%d"`, before.Version)) {
			formID = m[1]
		}
	}
	if formID == "" {
		t.Fatalf("no apply form for %s at %s on the overview", fd.Rule, fd.Path)
	}
	if !strings.Contains(body, `form="`+formID+`" class="apply"`) || !strings.Contains(body, "一键拆分") {
		t.Fatalf("no 一键拆分 button for form %s", formID)
	}
	// The reader of the same page may not: no buttons without the right to edit.
	if _, lb := f.login("leader").get(pathOf(f.demo)); strings.Contains(lb, "/apply") {
		t.Error("the leader's page offers to apply a suggestion")
	}
	form := url.Values{"csrf": {c.csrf()}, "version": {fmt.Sprint(before.Version)}, "rule": {fd.Rule}, "path": {fd.Path}}
	req, _ := http.NewRequest("POST", f.ts.URL+pathOf(f.demo)+"/apply", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	st, rb, h := c.do(req)
	if st != http.StatusSeeOther {
		t.Fatalf("apply: status %d\n%s", st, snippet(rb))
	}
	after, err := f.store.Plan(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	if after.Version != before.Version+1 {
		t.Errorf("version %d, want %d", after.Version, before.Version+1)
	}
	if got, want := len(after.Indicators), len(before.Indicators)+6; got != want {
		t.Fatalf("%d indicators after the split, want %d", got, want)
	}
	var i int
	fmt.Sscanf(fd.Path, "indicators[%d]", &i)
	for k, want := range fd.Suggestion.Split {
		if got := after.Indicators[i+k]; got.Name != want.Name || got.Target.Text != want.Target.Text {
			t.Errorf("row %d: %q %q, want %q %q", i+k, got.Name, got.Target.Text, want.Name, want.Target.Text)
		}
	}
	if strings.Contains(fmt.Sprint(compoundPaths(after)), fd.Path) {
		t.Errorf("the split cell is still compound")
	}
	loc := h.Get("Location")
	if !strings.HasPrefix(loc, pathOf(f.demo)+"/department?saved=") {
		t.Fatalf("redirect to %q", loc)
	}
	_, page := c.get(loc)
	if !strings.Contains(page, "已按建议拆分为多个指标") {
		t.Errorf("no flash after the split")
	}
	// The same post again is stale: the conflict page, nothing saved.
	st, rb, _ = c.do(mustReq(t, f, form))
	if st != http.StatusConflict {
		t.Errorf("stale apply: status %d, want 409\n%s", st, snippet(rb))
	}
	if again, _ := f.store.Plan(ctx, f.demo); again.Version != after.Version {
		t.Errorf("stale apply saved version %d", again.Version)
	}
}

func mustReq(t *testing.T, f *fixture, form url.Values) *http.Request {
	req, err := http.NewRequest("POST", f.ts.URL+pathOf(f.demo)+"/apply", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

func compoundPaths(p *jixiao.Plan) []string {
	var out []string
	for i, in := range p.Indicators {
		if in.Target.Kind == jixiao.TargetCompound {
			out = append(out, fmt.Sprintf("indicators[%d]", i))
		}
	}
	return out
}

func TestApplyUnknownFinding(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	p, _ := f.store.Plan(context.Background(), f.demo)
	form := url.Values{"csrf": {c.csrf()}, "version": {fmt.Sprint(p.Version)}, "rule": {"no.such-rule"}, "path": {"indicators[0].target"}}
	st, body, _ := c.do(mustReq(t, f, form))
	if st != http.StatusBadRequest || !strings.Contains(body, "没有规则") {
		t.Errorf("status %d\n%s", st, snippet(body))
	}
	if q, _ := f.store.Plan(context.Background(), f.demo); q.Version != p.Version {
		t.Errorf("saved version %d", q.Version)
	}
}

// 一键拆分 on the editor applies to what the user typed, not to the stored plan: the
// typing stays, the split is shown unsaved, and one 保存 stores both.
func TestApplyKeepsTyping(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	before, _ := f.store.Plan(ctx, f.demo)
	fd := compoundFinding(t, before)
	c := f.login("filler")
	path := pathOf(f.demo) + "/department"
	_, page := c.get(path)
	op := "apply:" + fd.Rule + ":" + fd.Path
	if !strings.Contains(page, `form="editor" name="op" value="`+html.EscapeString(op)+`"`) {
		t.Fatalf("no 一键拆分 button submitting the editor for %s", op)
	}
	form := formValues(t, page, path)
	form.Set("duties", "尚未保存的职责修改。")
	form.Set("budget.basic", "137.0104")
	lastRow := len(before.Indicators) - 1 // not the split one
	form.Set(fmt.Sprintf("indicators[%d].note", lastRow), "未保存的备注")
	form.Set("op", op)
	st, body := c.post(path, form)
	if st != http.StatusOK || !strings.Contains(body, `id="unsaved"`) || !strings.Contains(body, "已按建议拆分为多个指标（尚未保存）") {
		t.Fatalf("apply on the editor: status %d\n%s", st, snippet(body))
	}
	if now, _ := f.store.Plan(ctx, f.demo); now.Version != before.Version {
		t.Fatalf("the apply saved version %d before 保存", now.Version)
	}
	shown := formValues(t, body, path)
	var i int
	fmt.Sscanf(fd.Path, "indicators[%d]", &i)
	got := map[string]string{"duties": shown.Get("duties"), "basic": shown.Get("budget.basic"), "note0": shown.Get(fmt.Sprintf("indicators[%d].note", lastRow+6)),
		"rows": fmt.Sprint(len(before.Indicators) + 6), "split0": shown.Get(fmt.Sprintf("indicators[%d].name", i))}
	want := map[string]string{"duties": "尚未保存的职责修改。", "basic": "137.0104", "note0": "未保存的备注",
		"rows": fmt.Sprint(countRows(shown, "indicators")), "split0": fd.Suggestion.Split[0].Name}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the form after the split (-want +got):\n%s", diff)
	}
	shown.Set("op", "save")
	if st, _ := c.post(path, shown); st != http.StatusSeeOther {
		t.Fatalf("save: %d", st)
	}
	after, _ := f.store.Plan(ctx, f.demo)
	if after.Version != before.Version+1 || after.Duties != "尚未保存的职责修改。" || len(after.Indicators) != len(before.Indicators)+6 ||
		after.Indicators[lastRow+6].Note != "未保存的备注" {
		t.Errorf("after save: v%d duties %q, %d rows, note %q", after.Version, after.Duties, len(after.Indicators), after.Indicators[lastRow+6].Note)
	}

	// A suggestion whose cell the user has since rewritten: nothing applied, typing kept.
	form = formValues(t, page, path)
	form.Set(fd.Path, "≥10次")
	form.Set("duties", "又一次修改。")
	form.Set("op", op)
	st, body = c.post(path, form)
	if st != http.StatusOK || !strings.Contains(body, "已没有规则") || !strings.Contains(body, "又一次修改。") {
		t.Errorf("stale suggestion: status %d\n%s", st, snippet(body))
	}
}

// countRows counts the rows list[0..] of a form.
func countRows(v url.Values, list string) int {
	n := 0
	for {
		if _, ok := v[fmt.Sprintf("%s[%d].name", list, n)]; !ok {
			return n
		}
		n++
	}
}
