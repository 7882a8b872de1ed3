package http_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestAPIMonitoringSave: a unit saves its monitoring record through the API with the
// version read (in the body or If-Match); a stale version is 409; a figure that is not
// a number, a changed target or an unknown 完成目标可能性 is 400 naming the field; the
// leader cannot save; after the round's deadline it is 423; the save is audited.
func TestAPIMonitoringSave(t *testing.T) {
	f := newFixture(t)
	_, rec := openMonitoring(t, f)
	tok := f.token("filler", "监控填报")
	path := fmt.Sprintf("/api/v1/plans/%d/monitoring/%d", f.demo, rec.ID)
	read := func() map[string]any {
		t.Helper()
		r := f.call(t, tok, "GET", path, nil)
		var m map[string]any
		if err := json.Unmarshal(r.body, &m); err != nil || r.status != 200 {
			t.Fatalf("read: %d %v", r.status, err)
		}
		return m["record"].(map[string]any)
	}
	fill := func(record map[string]any) {
		record["funds"].([]any)[0].(map[string]any)["executed"] = "20"
		in := record["indicators"].([]any)[1].(map[string]any)
		in["actual"] = map[string]any{"text": "30%"}
		in["likelihood"] = "possible"
		in["deviation"] = map[string]any{"category": "经费保障", "text": "资金下达较晚"}
		in["remedy"] = "加快支付进度"
	}
	record := read()
	fill(record)
	r := f.call(t, tok, "PUT", path, map[string]any{"version": 1, "record": record})
	var saved struct {
		Version int    `json:"version"`
		Level   string `json:"level"`
		Record  struct {
			Funds []struct {
				Executed string `json:"executed"`
			} `json:"funds"`
		} `json:"record"`
		Alerts []struct{ Rule, Path string } `json:"alerts"`
	}
	if err := json.Unmarshal(r.body, &saved); err != nil || r.status != 200 || saved.Version != 2 || saved.Level != "red" ||
		saved.Record.Funds[0].Executed != "20" || r.header.Get("ETag") != `"2"` {
		t.Fatalf("save: %d %v %+v ETag %s\n%s", r.status, err, saved, r.header.Get("ETag"), clip(r.body))
	}

	detail := func(r apiResp) string {
		if r.status < 400 {
			return ""
		}
		d, _ := r.problem(t)["detail"].(string)
		return d
	}
	type result struct {
		Status int
		Says   bool
	}
	bad := func(change func(map[string]any)) map[string]any {
		rec := read()
		change(rec)
		return map[string]any{"version": 2, "record": rec}
	}
	cases := []struct {
		name string
		body map[string]any
		says string
		want int
	}{
		{"stale", map[string]any{"version": 1, "record": read()}, "您读取的是第 1 版", 409},
		{"no version", map[string]any{"record": read()}, "version", 400},
		{"not a number", bad(func(r map[string]any) { r["funds"].([]any)[0].(map[string]any)["executed"] = "一百" }), "record.funds[0].executed", 400},
		{"target changed", bad(func(r map[string]any) {
			r["indicators"].([]any)[0].(map[string]any)["target"] = map[string]any{"text": "1个"}
		}), "record.indicators[0]", 400},
		{"likelihood", bad(func(r map[string]any) { r["indicators"].([]any)[1].(map[string]any)["likelihood"] = "maybe" }), "record.indicators[1].likelihood", 400},
		{"a row more", bad(func(r map[string]any) { r["funds"] = append(r["funds"].([]any), map[string]any{"name": "其他"}) }), "record.funds", 400},
	}
	var got, want []string
	for _, c := range cases {
		r := f.call(t, tok, "PUT", path, c.body)
		got = append(got, fmt.Sprintf("%s %d %v", c.name, r.status, strings.Contains(detail(r), c.says)))
		want = append(want, fmt.Sprintf("%s %d true", c.name, c.want))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("refused saves (-want +got):\n%s", diff)
	}
	// If-Match instead of the body's version.
	if r := f.callWith(t, tok, "PUT", path, map[string]any{"record": read()}, http.Header{"If-Match": {`"2"`}}); r.status != 200 || r.header.Get("ETag") != `"3"` {
		t.Errorf("save with If-Match: %d %s\n%s", r.status, r.header.Get("ETag"), clip(r.body))
	}
	if r := f.call(t, f.token("leader", "监控"), "PUT", path, map[string]any{"version": 3, "record": read()}); r.status != 403 {
		t.Errorf("the leader saves the record: %d", r.status)
	}
	if !hasEntry(auditActions(t, f), "filler", "monitoring_save", "ok") {
		t.Error("the API's save is not audited")
	}
	f.clock.Add(11 * 24 * time.Hour)
	r = f.call(t, tok, "PUT", path, map[string]any{"version": 3, "record": read()})
	if r.status != 423 || !strings.Contains(detail(r), "报送截止时间") {
		t.Errorf("save after the deadline: %d %s", r.status, clip(r.body))
	}
}
