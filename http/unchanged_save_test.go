package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestUnchangedSavesKeepEverything: saving an editor's form as it was shown changes
// nothing of the plan but its version (the demo's summary table as written, its 合计 and a
// key task's “1+4” used to be lost on a save of another table).
func TestUnchangedSavesKeepEverything(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	ctx := context.Background()
	content := func() string {
		p, err := f.store.Plan(ctx, f.demo)
		if err != nil {
			t.Fatal(err)
		}
		q := *p
		q.Version = 0
		b, _ := json.MarshalIndent(&q, "", " ")
		return string(b)
	}
	start := content()
	for _, page := range []string{"/department", "/funds", "/funds/0/items/0", "/funds/0/items/2"} {
		path := fmt.Sprintf("/plans/%d%s", f.demo, page)
		form := c.form(path, path)
		form.Set("op", "save")
		if st, body := c.post(path, form); st != http.StatusSeeOther {
			t.Fatalf("save %s: %d\n%s", page, st, snippet(body))
		}
		if d := cmp.Diff(start, content()); d != "" {
			t.Errorf("an unchanged save of %s changed the plan (-before +after):\n%s", page, d)
		}
	}

	// A changed amount makes that item's summary row derived, and the fund's amount and the
	// 合计 the sums; the other items keep their rows as written.
	path := fmt.Sprintf("/plans/%d/funds/0/items/1", f.demo)
	form := c.form(path, path)
	form.Set("op", "save")
	form.Set("specialFunds[0].items[1].amount", "12")
	if st, body := c.post(path, form); st != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", st, snippet(body))
	}
	p, err := f.store.Plan(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	items := p.SpecialFunds[0].Items
	if items[1].Summary != nil || items[0].Summary == nil || items[2].Summary == nil {
		t.Errorf("summary rows after changing item 2's amount: %v %v %v", items[0].Summary, items[1].Summary, items[2].Summary)
	}
	if got := p.SpecialFunds[0].Amount.String(); got != "32" {
		t.Errorf("fund amount %s, want 32", got)
	}
	if got := p.FundsTotal.String(); got != "32" {
		t.Errorf("合计 %s, want 32", got)
	}

	// 按附件3重新生成: the rows as written are dropped on the user's word, and the summary
	// then agrees with 附件3 (the seed's three disagreements are gone).
	fp := fmt.Sprintf("/plans/%d/funds", f.demo)
	if _, body := c.get(fp); !strings.Contains(body, `id="derive-summary"`) {
		t.Fatal("no button to derive the summary from 附件3")
	}
	form = c.form(fp, fp)
	form.Set("op", "derive")
	if st, body := c.post(fp, form); st != http.StatusSeeOther {
		t.Fatalf("derive: %d\n%s", st, snippet(body))
	}
	p, _ = f.store.Plan(ctx, f.demo)
	for _, it := range p.Items() {
		if it.Summary != nil {
			t.Errorf("item %s keeps its written row after 按附件3重新生成", it.Name)
		}
	}
	if _, body := c.get(fp); strings.Contains(body, `id="derive-summary"`) || strings.Contains(body, "不一致，点此查看原文") {
		t.Error("the derive button or the disagreement is still offered")
	}
}
