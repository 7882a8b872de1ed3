package http_test

import (
	"net/http"
	"strings"
	"testing"

	"jixiao"
)

// TestPlanReturnRefusedKeepsReason: a return whose reason the server refuses shows the
// overview again with the reason in its box and the message beside it, 422.
func TestPlanReturnRefusedKeepsReason(t *testing.T) {
	f := newFixture(t)
	id := cleanPlan(t, f, 2022, false)
	filler, leader := f.login("filler"), f.login("leader")
	if st, body := filler.submit(id); st != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%s", st, snippet(body))
	}
	for _, tc := range []struct{ name, reason, says string }{
		{"too short", "改", "必须写明理由"},
		{"too long", strings.Repeat("理由", 1001), "不能超过 2000 字"},
	} {
		st, body := leader.act(id, jixiao.ActUnitReturn, 0, tc.reason)
		if st != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422\n%s", tc.name, st, snippet(body))
			continue
		}
		if !strings.Contains(body, tc.says) || !strings.Contains(body, `id="problem-unit_return"`) {
			t.Errorf("%s: the page does not say %q beside the box\n%s", tc.name, tc.says, snippet(body))
		}
		if got := boxText(body, "reason-unit_return"); got != tc.reason {
			t.Errorf("%s: the box holds %q, want the reason typed", tc.name, got)
		}
		wantState(t, f, id, jixiao.Submitted, 2)
	}
}

// boxText is the text of the textarea or input with the given id.
func boxText(body, id string) string {
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		return "(no box " + id + ")"
	}
	start := strings.LastIndex(body[:i], "<")
	tag := body[start:]
	if strings.HasPrefix(tag, "<input") {
		end := strings.Index(tag, ">")
		for _, a := range attrRe.FindAllStringSubmatch(tag[:end], -1) {
			if a[1] == "value" {
				return unescape(a[2])
			}
		}
		return ""
	}
	open := strings.Index(tag, ">")
	end := strings.Index(tag, "</textarea>")
	return unescape(tag[open+1 : end])
}
