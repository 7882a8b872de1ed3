package bench

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"jixiao"
	"jixiao/sqlite"
)

func TestFormValues(t *testing.T) {
	page := `<html><form method="post" action="/login"><input name="x" value="no"></form>
<form method="post" action="/plans/3/department" class="editor">
<input type="hidden" name="csrf" value="t&amp;k">
<input name="submitter" value="石峰区&#34;统战部&#34;">
<input name="ro" value="r" readonly>
<input name="off" value="d" disabled>
<input type="checkbox" name="cb1" value="1" checked><input type="checkbox" name="cb2" value="2">
<select name="framework"><option value="a">A</option><option value="hunan-2021" selected>湖南</option></select>
<select name="none"><option value="first">1</option><option value="second">2</option></select>
<textarea name="duties" rows="8">（一）&lt;职责&gt;
第二行</textarea>
<button type="submit" name="op" value="add:keyTasks">＋</button>
<input type="submit" name="go" value="保存">
</form>`
	got, ok := FormValues(page, "/plans/3/department")
	if !ok {
		t.Fatal("form not found")
	}
	want := url.Values{
		"csrf": {"t&k"}, "submitter": {`石峰区"统战部"`}, "ro": {"r"}, "cb1": {"1"},
		"framework": {"hunan-2021"}, "none": {"first"}, "duties": {"（一）<职责>\n第二行"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if _, ok := FormValues(page, "/nowhere"); ok {
		t.Error("found a form that is not there")
	}
}

func TestGoals(t *testing.T) {
	tests := []struct {
		g           Goal
		met, farOff bool
	}{
		{Goal{Name: "ratio", Value: 1.9, Limit: 2, Max: true}, true, false},
		{Goal{Name: "ratio", Value: 3, Limit: 2, Max: true}, false, false},
		{Goal{Name: "ratio", Value: 4.1, Limit: 2, Max: true}, false, true},
		{Goal{Name: "indicators/s/core", Value: 1.2e6, Limit: 1e6}, true, false},
		{Goal{Name: "indicators/s/core", Value: 6e5, Limit: 1e6}, false, false},
		{Goal{Name: "indicators/s/core", Value: 4e5, Limit: 1e6}, false, true},
	}
	for _, tt := range tests {
		if tt.g.Met() != tt.met || tt.g.FarOff() != tt.farOff {
			t.Errorf("%v: met %v farOff %v, want %v %v", tt.g, tt.g.Met(), tt.g.FarOff(), tt.met, tt.farOff)
		}
	}
	rs := []Result{{Goals: []Goal{tests[1].g}}}
	rs[0].judge()
	if rs[0].Status != Fail || AnyFailed(rs, true) || !AnyFailed(rs, false) {
		t.Errorf("a goal missed by less than twice: status %s, quick fails %v, full fails %v", rs[0].Status, AnyFailed(rs, true), AnyFailed(rs, false))
	}
	rs = append(rs, Result{Status: Failed})
	if !AnyFailed(rs, true) {
		t.Error("a workload that could not run passes --quick")
	}
	skip := (&Config{}).skippedPostgres("import PostgreSQL")
	ci := (&Config{RequirePostgres: true}).skippedPostgres("import PostgreSQL")
	if skip.Status != Skipped || AnyFailed([]Result{skip}, true) || ci.Status != Failed || !AnyFailed([]Result{ci}, true) {
		t.Errorf("missing PostgreSQL: %s without CI, %s with CI=true", skip.Status, ci.Status)
	}
}

// TestRun runs every workload at tiny sizes on SQLite: each must produce its row with
// figures from both sides.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole benchmark at tiny sizes")
	}
	var log strings.Builder
	cfg := Config{
		Open: func(ctx context.Context, dsn string) (jixiao.Store, error) {
			return sqlite.Open(strings.TrimPrefix(dsn, "sqlite:"))
		},
		Dir: t.TempDir(),
		Log: &log,
		Custom: &Sizes{Parse: 3, Check: 5, Score: 5, Import: 4, XLSX: 2, WebPlans: 8, WebUsers: 8, WebRequests: 120,
			WebDuration: 20 * time.Second, WebThink: 5 * time.Millisecond, Rounds: 1, Dashboard: 20},
	}
	rs, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rs {
		names = append(names, r.Workload)
		if r.Status == Failed {
			t.Errorf("%s could not run: %s", r.Workload, r.Note)
			continue
		}
		if r.Status == Skipped {
			continue
		}
		if r.Time <= 0 || r.FloorTime <= 0 || r.Ratio <= 0 || r.Throughput == "" {
			t.Errorf("%s: time %s, floor %s, ratio %.2f, throughput %q", r.Workload, r.Time, r.FloorTime, r.Ratio, r.Throughput)
		}
	}
	want := []string{"parse (textdoc.Read)", "check (check.Check)", "monitor (monitor.Rules.Check)", "score (score.Rule.Score)", "import SQLite (ImportPlans)", "import PostgreSQL",
		"xlsx export (xlsx.Write)", "web read SQLite (GET plan pages)", "web save SQLite (POST department table)", "web PostgreSQL", "dashboard PostgreSQL"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("rows mismatch (-want +got):\n%s\nlog:\n%s", diff, log.String())
	}
	var md strings.Builder
	WriteMarkdown(&md, rs)
	if !strings.Contains(md.String(), "| check (check.Check) | 5 plans") || !strings.Contains(md.String(), "skipped (no PostgreSQL)") {
		t.Errorf("markdown:\n%s", md.String())
	}
}
