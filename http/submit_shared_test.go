package http_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// TestSubmitSharedExplanation: the submit page offers one box per rule with several
// warnings; its text stands for each of that rule's warnings left empty and is stored as
// each one's explanation, while a warning's own text wins. A refusal keeps the shared
// texts. (The demo plan asked for 32 explanations one by one.)
func TestSubmitSharedExplanation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id := cleanPlan(t, f, 2022, false)
	p, err := f.store.Plan(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	// Three indicators written as sentences: three warnings of one rule.
	for _, name := range []string{"提升干部履职能力，推动工作。", "加强队伍建设，提高服务水平。", "完善工作机制，形成工作合力。"} {
		p.Indicators = append(p.Indicators, jixiao.NewIndicator("产出指标", "产出质量", name, "≥90%", ""))
	}
	if err := f.store.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: "filler"}); err != nil {
		t.Fatal(err)
	}
	c := f.login("filler")
	path := fmt.Sprintf("/plans/%d/submit", id)
	_, page := c.get(path)
	form := formValues(t, page, fmt.Sprintf("/plans/%d/transition", id))
	var shared, own []string
	for k := range form {
		switch {
		case strings.HasPrefix(k, "rule:"):
			shared = append(shared, k)
		case strings.HasPrefix(k, "ex:"):
			own = append(own, k)
		}
	}
	if len(shared) == 0 || len(own) < 2*len(shared) {
		t.Fatalf("the demo's submit page: %d shared boxes beside %d warnings", len(shared), len(own))
	}
	// Each warning whose rule has a shared box is left empty, but one; the others get their own text.
	sharedRule := map[string]bool{}
	for _, k := range shared {
		sharedRule[strings.TrimPrefix(k, "rule:")] = true
	}
	want := map[string]string{}
	var mine string
	for _, k := range own {
		key := strings.TrimPrefix(k, "ex:")
		rule := key[:strings.Index(key, "|")]
		switch {
		case sharedRule[rule] && mine == "":
			mine = key
			form.Set(k, "这一条单独说明。")
			want[key] = "这一条单独说明。"
		case sharedRule[rule]:
			form.Set(k, "")
			want[key] = "统一说明：" + rule + "。"
		default:
			form.Set(k, "单条说明。")
			want[key] = "单条说明。"
		}
	}
	for i, k := range shared {
		if i == 0 {
			form.Set(k, "") // first refused: one shared box empty
			continue
		}
		form.Set(k, "统一说明："+strings.TrimPrefix(k, "rule:")+"。")
	}
	st, body := c.post(fmt.Sprintf("/plans/%d/transition", id), form)
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, "条警告没有写情况说明") {
		t.Fatalf("a shared box left empty: status %d\n%s", st, snippet(body))
	}
	again := formValues(t, body, fmt.Sprintf("/plans/%d/transition", id))
	for _, k := range shared[1:] {
		if again.Get(k) != form.Get(k) {
			t.Errorf("refused: shared box %s shows %q, want %q", k, again.Get(k), form.Get(k))
		}
	}
	form.Set(shared[0], "统一说明："+strings.TrimPrefix(shared[0], "rule:")+"。")
	if st, body := c.post(fmt.Sprintf("/plans/%d/transition", id), form); st != http.StatusSeeOther {
		t.Fatalf("submit: status %d\n%s", st, snippet(body))
	}
	ex, err := f.store.Explanations(ctx, id, 2)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range ex {
		got[e.Rule+"|"+e.Path] = e.Text
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("explanations stored (-want +got):\n%s", diff)
	}
}
