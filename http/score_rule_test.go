package http_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/setup"
)

// The finance bureau picks the year's scoring rule: stored for its region, audited,
// refused when unknown, and the one the self-evaluations are scored with.
func TestScoreRuleChoice(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	approve(t, f.store, f.demo)
	if _, err := f.store.OpenSelfEvaluations(ctx, f.demo, jixiao.SaveInfo{Author: "filler"}); err != nil {
		t.Fatal(err)
	}
	p, _ := f.store.Plan(ctx, f.demo)
	reviewer := f.login("reviewer")
	page := fmt.Sprintf("/review/scores?year=%d", p.Year)
	if _, body := reviewer.get(page); !strings.Contains(body, `id="rule-form"`) || !strings.Contains(body, "尚未选定") {
		t.Fatalf("the rule picker:\n%s", snippet(body))
	}
	type answer struct {
		Status int
		Says   bool
	}
	var got, want []answer
	for _, tc := range []struct {
		rule   string
		status int
		says   string
	}{
		{"no-such-rule", 422, "没有名为“no-such-rule”的评分规则"},
		{"", 422, "请从列表中选择"},
		{"national-2020", 303, ""},
	} {
		st, body := reviewer.post("/review/scores/rule", url.Values{"csrf": {reviewer.csrf()}, "year": {fmt.Sprint(p.Year)}, "rule": {tc.rule}})
		if st == 400 {
			st = 422 // either is a refusal of the form
		}
		got = append(got, answer{st, strings.Contains(body, tc.says)})
		want = append(want, answer{tc.status, true})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("choosing rules (-want +got):\n%s", diff)
	}
	demo, _ := f.store.DepartmentByCode(ctx, setup.DemoDeptCode)
	ch, err := f.store.ScoreRuleFor(ctx, demo.ID, p.Year)
	if err != nil || ch.Rule != "national-2020" || ch.SetBy != "reviewer" {
		t.Fatalf("stored choice: %+v, %v", ch, err)
	}
	if !hasEntry(auditActions(t, f), "reviewer", "score_rule_set", "ok") {
		t.Error("choosing the rule is not audited")
	}
	if _, body := reviewer.get(page); !strings.Contains(body, "reviewer于") {
		t.Errorf("the page does not say who chose the rule:\n%s", snippet(body))
	}
	// The stored choice is what the pages score with: a rule since withdrawn, stored for
	// the other department, is named on its page and not on the demo's.
	other, _ := f.store.Plan(ctx, f.other)
	od, _ := f.store.DepartmentByCode(ctx, other.DepartmentCode)
	if err := f.store.SetScoreRule(ctx, &jixiao.ScoreRuleChoice{RegionID: od.ID, Year: p.Year, Rule: "withdrawn-2019", SetBy: "reviewer"}); err != nil {
		t.Fatal(err)
	}
	approve(t, f.store, f.other)
	if _, err := f.store.OpenSelfEvaluations(ctx, f.other, jixiao.SaveInfo{Author: "filler2"}); err != nil {
		t.Fatal(err)
	}
	if _, body := reviewer.get(fmt.Sprintf("/plans/%d/selfeval/0", other.ID)); !strings.Contains(body, "没有名为“withdrawn-2019”的评分规则") {
		t.Errorf("the other department is not scored with its region's rule:\n%s", snippet(body))
	}
	if _, body := reviewer.get(fmt.Sprintf("/plans/%d/selfeval/0", f.demo)); !strings.Contains(body, "全国通用评分规则") {
		t.Errorf("the demo department's page does not name its rule:\n%s", snippet(body))
	}
}
