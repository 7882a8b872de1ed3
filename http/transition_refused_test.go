package http_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A refused workflow step on a self-evaluation table or a monitoring record sends the
// browser back to the table's page (303), which says why: the address bar is never left
// on the POST.
func TestTransitionRefusalRedirects(t *testing.T) {
	f := newFixture(t)
	mon, _ := openMonitoring(t, f)
	c := f.login("filler")
	se := openSelfEval(t, f, c)
	seVersion, monVersion := c.form(se, se).Get("version"), c.form(mon, mon).Get("version")
	steps := []struct {
		page, action, version, says string
	}{
		{se, "submit", seVersion, "不能提交：有"},
		{se, "submit", "99", "绩效自评表已被他人修改或处理，操作未执行"},
		{mon, "submit", monVersion, "不能提交：有"},
		{mon, "submit", "99", "绩效监控表已被他人修改或处理，操作未执行"},
	}
	type result struct {
		Status   int
		Location string
		Page     int
		Says     bool
	}
	var got, want []result
	for _, s := range steps {
		req, _ := http.NewRequest("POST", f.ts.URL+s.page+"/transition", strings.NewReader(url.Values{"csrf": {c.csrf()},
			"action": {s.action}, "version": {s.version}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		st, _, h := c.do(req)
		r := result{Status: st, Location: h.Get("Location")}
		if r.Location != "" {
			pst, body := c.get(r.Location)
			r.Page, r.Says = pst, strings.Contains(unescape(body), s.says)
		}
		got = append(got, r)
		key := "submit"
		if s.version == "99" {
			key = "stale"
		}
		want = append(want, result{Status: 303, Location: s.page + "?refused=" + key, Page: 200, Says: true})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("refused steps (-want +got):\n%s", diff)
	}
	es := auditActions(t, f)
	if !hasEntry(es, "filler", "selfeval_transition:submit", "failed") || !hasEntry(es, "filler", "monitoring_transition:submit", "failed") {
		t.Errorf("the refused steps are not audited as failed")
	}
}

// A self-evaluation submit refused for scores the evaluator has still to give names each
// such indicator by its row and 三级指标, and marks its 评价人打分 cell.
func TestSelfEvalRefusalNamesPendingScores(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	approve(t, f.store, f.demo)
	se := openSelfEval(t, f, c)
	_, page := c.get(se)
	// The rows whose score waits for the evaluator: those with a 评价人打分 input.
	var pending []string
	for i := 0; strings.Contains(page, fmt.Sprintf(`id="indicators-%d-score"`, i)); i++ {
		if cell := cellHTML(t, page, fmt.Sprintf("indicators-%d-score", i)); strings.Contains(cell, `name="is`) {
			name := regexp.MustCompile(`aria-label="([^"]*)评价人打分"`).FindStringSubmatch(cell)[1]
			pending = append(pending, fmt.Sprintf("第 %d 行指标“%s”", i+1, unescape(name)))
		}
	}
	if len(pending) == 0 {
		t.Fatal("the demo table has no score left to the evaluator")
	}
	st, _ := c.post(se+"/transition", url.Values{"csrf": {c.csrf()}, "action": {"submit"}, "version": {c.form(se, se).Get("version")}})
	if st != 303 {
		t.Fatalf("submit: %d", st)
	}
	_, body := c.get(se + "?refused=submit")
	msg := unescape(regexp.MustCompile(`(?s)id="se-message"[^>]*>(.*?)</p>`).FindStringSubmatch(body)[1])
	var named, marked []string
	for i := 0; strings.Contains(body, fmt.Sprintf(`id="indicators-%d-score"`, i)); i++ {
		cell := unescape(cellHTML(t, body, fmt.Sprintf("indicators-%d-score", i)))
		if strings.Contains(cell, "尚未打分") {
			marked = append(marked, fmt.Sprint(i))
		}
	}
	for _, p := range pending {
		if strings.Contains(msg, p+"的评价人打分") {
			named = append(named, p)
		}
	}
	if diff := cmp.Diff(pending, named); diff != "" {
		t.Errorf("rows named in the refusal (-pending +named):\n%s\n%s", diff, msg)
	}
	if len(marked) != len(pending) {
		t.Errorf("%d 评价人打分 cells marked, %d pending", len(marked), len(pending))
	}
}
