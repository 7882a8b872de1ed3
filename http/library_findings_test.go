package http_test

import (
	"context"
	"fmt"
	"html"
	"strings"
	"testing"

	"jixiao"
)

// TestLibraryFindingsOnPage: after a save, the department editor and the plan's overview
// show the library's warnings among the plan's findings, with their numbers, in the
// HTML itself (no script): a target below the unit's actual of last year, and a target
// far outside the range of similar units. A page shown before the library learnt is not
// served again from the page cache once it has.
func TestLibraryFindingsOnPage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p, err := f.store.Plan(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	p.Indicators = append(p.Indicators,
		jixiao.NewIndicator("产出指标", "产出数量", "组织培训次数", "≥5次", ""),
		jixiao.NewIndicator("产出指标", "产出数量", "开展培训次数", "≥100次", ""))
	if err := f.store.UpdatePlan(ctx, p, jixiao.SaveInfo{Author: "filler", Reason: "加两个培训指标"}); err != nil {
		t.Fatal(err)
	}
	c := f.login("filler")
	lastYear := "“组织培训次数”的指标值 5次 低于2024年的实际完成值 9次"
	outside := "“开展培训次数”的指标值 100次 远离同类单位的常见范围 9.75–13.25次（中位数 11.5，8 个指标值）"
	page := func(path string) string {
		t.Helper()
		st, body := c.get(path)
		if st != 200 {
			t.Fatalf("%s: %d\n%s", path, st, snippet(body))
		}
		return html.UnescapeString(body)
	}
	dept := fmt.Sprintf("/plans/%d/department", f.demo)
	if body := page(dept); strings.Contains(body, "低于2024年的实际完成值") {
		t.Fatalf("a warning before the library learnt anything")
	}
	seedLibrary(t, f.store)
	for _, path := range []string{dept, fmt.Sprintf("/plans/%d", f.demo)} {
		body := page(path)
		for _, want := range []string{lastYear, outside} {
			if !strings.Contains(body, want) {
				t.Errorf("%s does not show %q", path, want)
			}
		}
	}
	// Beside the cell: the department editor shows the warning next to the target.
	body := page(dept)
	i := strings.Index(body, lastYear)
	j := strings.LastIndex(body, lastYear)
	if i < 0 || i == j {
		t.Errorf("the last-year warning is not shown both beside its cell and in the summary (%d, %d)", i, j)
	}
	// The findings' 说明 link to the rule catalogue, which lists the library's rules.
	rules := page("/rules")
	for _, id := range []string{"library.range", "library.lastYear"} {
		if !strings.Contains(body, `href="/rules#`+id+`"`) && id == "library.lastYear" {
			t.Errorf("the editor's finding does not link to /rules#%s", id)
		}
		if !strings.Contains(rules, `<tr id="`+id+`">`) {
			t.Errorf("the rule catalogue has no row %s", id)
		}
	}
}
