package http_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"jixiao"
)

// TestDashboardSelfEval: the dashboard's self-evaluation sections count the region's
// self-evaluations by state, grade and total, with their charts and xlsx.
func TestDashboardSelfEval(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	approve(t, f.store, f.demo)
	recs, err := f.store.OpenSelfEvaluations(ctx, f.demo, jixiao.SaveInfo{Author: "filler"})
	if err != nil {
		t.Fatal(err)
	}
	r := recs[0]
	r.Eval.WrittenTotal, r.Eval.Grade = jixiao.MustDecimal("92.5"), "优"
	if err := f.store.SaveSelfEvaluation(ctx, r, jixiao.SaveInfo{Author: "filler"}); err != nil {
		t.Fatal(err)
	}
	p, _ := f.store.Plan(ctx, f.demo)
	c := f.login("reviewer")
	st, body := c.get("/review/dashboard?year=" + itoa(p.Year))
	if st != 200 {
		t.Fatalf("dashboard: %d", st)
	}
	for _, id := range []string{`<svg id="chart-se-status"`, `<svg id="chart-se-grades"`, `<svg id="chart-se-scores"`} {
		if !strings.Contains(body, id) {
			t.Errorf("no chart %s", id)
		}
	}
	cell := func(label string) string {
		sec := body[strings.Index(body, `id="se-status"`):] // the self-evaluation sections
		m := regexp.MustCompile(`<td>` + regexp.QuoteMeta(label) + `</td><td>(\d+)</td>`).FindStringSubmatch(sec)
		if m == nil {
			return "-"
		}
		return m[1]
	}
	got := map[string]string{"优": cell("优"), "良": cell("良"), "90～100 分": cell("90～100 分"), "草稿": cell("草稿")}
	want := map[string]string{"优": "1", "良": "0", "90～100 分": "1", "草稿": itoa(len(recs))}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("self-evaluation counts (-want +got):\n%s", diff)
	}
	req, _ := http.NewRequest("GET", f.ts.URL+"/review/dashboard.xlsx?year="+itoa(p.Year)+"&table=se-grades", nil)
	st, data, _ := c.do(req)
	if st != 200 {
		t.Fatalf("export: %d", st)
	}
	x, err := excelize.OpenReader(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(x.GetSheetList()[0])
	if diff := cmp.Diff([]string{"优", "1", "100.0%"}, rows[2]); diff != "" && len(recs) == 1 {
		t.Errorf("export's first row (-want +got):\n%s", diff)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
