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
	_, body := c.get(pathOf(f.demo) + "/department")
	// The button beside the finding belongs to a form that names the rule and the cell.
	formRe := regexp.MustCompile(`<form method="post" action="/plans/\d+/apply" id="(apply-\d+)"[^>]*>(.*?)</form>`)
	var formID string
	for _, m := range formRe.FindAllStringSubmatch(body, -1) {
		if strings.Contains(m[2], `name="rule" value="`+fd.Rule+`"`) && strings.Contains(m[2], `name="path" value="`+html.EscapeString(fd.Path)+`"`) &&
			strings.Contains(m[2], fmt.Sprintf(`name="version" value="%d"`, before.Version)) {
			formID = m[1]
		}
	}
	if formID == "" {
		t.Fatalf("no apply form for %s at %s on the editor", fd.Rule, fd.Path)
	}
	if !strings.Contains(body, `form="`+formID+`" class="apply"`) || !strings.Contains(body, "一键拆分") {
		t.Fatalf("no 一键拆分 button for form %s", formID)
	}
	// The reader of the same page may not: no buttons without the right to edit.
	if _, lb := f.login("leader").get(pathOf(f.demo) + "/department"); strings.Contains(lb, "/apply") {
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
