package http_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// After a workflow step, the plan, monitoring and self-evaluation pages say what was
// done in one sentence each, the same on the three pages, without a doubled 已.
func TestDoneFlash(t *testing.T) {
	f := newFixture(t)
	mon, _ := openMonitoring(t, f)
	c := f.login("filler")
	se := openSelfEval(t, f, c)
	flash := regexp.MustCompile(`<p class="flash" role="status">(.*?)</p>`)
	want := map[string]string{
		"submit":       "✔ 已提交。",
		"unit_approve": "✔ 单位负责人已审核通过。",
		"unit_return":  "✔ 单位负责人已退回。",
		"approve":      "✔ 财政已审核通过。",
		"return":       "✔ 财政已退回。",
		"publish":      "✔ 已公开。",
		"adjust":       "✔ 已提出调整，绩效目标已重新打开为草稿。",
		"nonsense":     "",
	}
	for _, page := range []string{fmt.Sprintf("/plans/%d", f.demo), mon, se} {
		got := map[string]string{}
		for a := range want {
			st, body := c.get(page + "?done=" + a)
			if st != 200 {
				t.Fatalf("%s?done=%s: %d", page, a, st)
			}
			if m := flash.FindStringSubmatch(body); m != nil {
				got[a] = unescape(m[1])
			} else {
				got[a] = ""
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", page, diff)
		}
	}
}
