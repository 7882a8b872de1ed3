package http_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"jixiao"
)

// The finance bureau's table of self-evaluation scores: the reviewer sees every unit of
// the region, a 单位负责人 their own, a filler none; the export has its three sheets.
func TestScoreTable(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, id := range []int64{f.demo, f.other} {
		approve(t, f.store, id)
		if _, err := f.store.OpenSelfEvaluations(ctx, id, jixiao.SaveInfo{Author: "filler"}); err != nil {
			t.Fatal(err)
		}
	}
	p, err := f.store.Plan(ctx, f.demo)
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/review/scores?year=%d", p.Year)
	units := regexp.MustCompile(`<td data-label="单位">([^<]*)</td>`)
	seen := func(body string) map[string]int {
		out := map[string]int{}
		for _, m := range units.FindAllStringSubmatch(body, -1) {
			out[m[1]]++
		}
		return out
	}
	tables := len(p.Items()) + 1
	for _, tc := range []struct {
		who    string
		status int
		want   map[string]int
	}{
		{"reviewer", 200, map[string]int{p.Department: tables, "石峰区教育局": tables}},
		{"leader", 200, map[string]int{p.Department: tables}},
		{"filler", 403, map[string]int{}},
	} {
		st, body := f.login(tc.who).get(path)
		if st != tc.status {
			t.Errorf("%s: status %d, want %d", tc.who, st, tc.status)
			continue
		}
		if diff := cmp.Diff(tc.want, seen(body)); diff != "" {
			t.Errorf("%s sees (-want +got):\n%s", tc.who, diff)
		}
	}
	if _, body := f.login("reviewer").get(fmt.Sprintf("/review/scores?year=%d", p.Year+5)); !strings.Contains(body, "尚无绩效自评表") {
		t.Errorf("a year without self-evaluations:\n%s", snippet(body))
	}

	req, _ := http.NewRequest("GET", f.ts.URL+strings.Replace(path, "scores?", "scores.xlsx?", 1), nil)
	st, data, _ := f.login("reviewer").do(req)
	if st != 200 {
		t.Fatalf("export: %d %s", st, snippet(data))
	}
	x, err := excelize.OpenReader(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"单位得分", "低分单位", "未达成指标", "复核差额按单位", "复核差额按规则"}, x.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	rows, err := x.GetRows("单位得分")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, r := range rows[1:] {
		if len(r) > 3 && r[0] != "单位" {
			got[r[0]+" "+r[2]]++
		}
	}
	want := map[string]int{p.Department + " " + jixiao.Draft.Label(): tables, "石峰区教育局 " + jixiao.Draft.Label(): tables}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the export's rows by unit and state (-want +got):\n%s", diff)
	}
}
