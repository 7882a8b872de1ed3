package http_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// keptFields lists the posted values of fields as the page's form shows them again.
func keptFields(t *testing.T, body, action string, fields []string) map[string]string {
	t.Helper()
	shown := formValues(t, body, action)
	got := map[string]string{}
	for _, f := range fields {
		got[f] = shown.Get(f)
	}
	return got
}

// openSelfEval opens the demo plan's self-evaluation (approved by then) as c and returns
// the path of its department table.
func openSelfEval(t *testing.T, f *fixture, c *client) string {
	t.Helper()
	se := fmt.Sprintf("/plans/%d/selfeval", f.demo)
	if st, body := c.post(se, url.Values{"csrf": {c.csrf()}}); st != 303 {
		t.Fatalf("open self-evaluation: %d\n%s", st, snippet(body))
	}
	return se + "/0"
}

// A monitoring form refused for one figure that is not a number comes back with every
// value as typed, the bad one too, the message beside its cell, and nothing saved.
func TestMonitoringRefusalKeepsTyping(t *testing.T) {
	f := newFixture(t)
	path, rec := openMonitoring(t, f)
	c := f.login("filler")
	form := c.form(path, path)
	form.Set("fe0", "20")
	form.Set("ia1", "30%")
	form.Set("il1", "possible")
	form.Set("csrf", c.csrf())
	if st, body := c.post(path, form); st != 303 {
		t.Fatalf("first save: %d\n%s", st, snippet(body))
	}
	form = c.form(path, path)
	typed := map[string]string{"fe0": "十万", "ff0": "88", "ia0": "12个", "if1": "95%", "ic1": "经费保障",
		"id1": "资金下达较晚", "ir1": "加快支付进度", "remedy": "尽快完成。", "deviation": "进度滞后。"}
	for k, v := range typed {
		form.Set(k, v)
	}
	form.Set("csrf", c.csrf())
	st, body := c.post(path, form)
	if st != 422 {
		t.Fatalf("bad number: %d\n%s", st, snippet(body))
	}
	fields := []string{"ia1", "il1"}
	want := map[string]string{"ia1": "30%", "il1": "possible"}
	for k, v := range typed {
		fields = append(fields, k)
		want[k] = v
	}
	if diff := cmp.Diff(want, keptFields(t, body, path, fields)); diff != "" {
		t.Errorf("the refused form (-typed +shown):\n%s", diff)
	}
	if cell := unescape(cellHTML(t, body, "funds-0-executed")); !strings.Contains(cell, "“十万”不是数字") {
		t.Errorf("no message beside 截至本期执行数:\n%s", cell)
	}
	if m, _ := f.store.MonitoringEntry(context.Background(), rec.ID); m.Version != 2 {
		t.Errorf("the refused form saved version %d", m.Version)
	}
}

// A self-evaluation form refused for one figure that is not a number comes back with
// every value as typed, the bad one too, the message beside its cell, and nothing saved.
func TestSelfEvalRefusalKeepsTyping(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	approve(t, f.store, f.demo)
	path := openSelfEval(t, f, c)
	form := c.form(path, path)
	version := form.Get("version")
	typed := map[string]string{"fe0": "五万", "fa0": "120", "ia0": "12个", "ia1": "98%", "iw2": "十二", "ir1": "资金下达较晚。",
		"problems": "部分项目进度滞后。", "remedies": "加快支付进度。", "freason": "年底集中支付。"}
	for k, v := range typed {
		form.Set(k, v)
	}
	form.Set("csrf", c.csrf())
	st, body := c.post(path, form)
	if st != 422 {
		t.Fatalf("bad number: %d\n%s", st, snippet(body))
	}
	var fields []string
	for k := range typed {
		fields = append(fields, k)
	}
	if diff := cmp.Diff(typed, keptFields(t, body, path, fields)); diff != "" {
		t.Errorf("the refused form (-typed +shown):\n%s", diff)
	}
	for id, says := range map[string]string{"funds-0-executed": "“五万”不是数字", "indicators-2-weight": "“十二”不是数字"} {
		if cell := unescape(cellHTML(t, body, id)); !strings.Contains(cell, says) {
			t.Errorf("no message %q beside %s:\n%s", says, id, cell)
		}
	}
	if shown := formValues(t, body, path); shown.Get("version") != version {
		t.Errorf("the refused form's version: %q, want %q", shown.Get("version"), version)
	}
}
