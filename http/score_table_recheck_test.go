package http_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"jixiao"
)

// The score table reports the finance bureau's re-check differences per unit and per
// clause of the scoring rule each re-checked score came from, on the page and in the xlsx.
func TestScoreTableRechecks(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// A row of the plan's table, with its actual, 分值 and (where the rule leaves it to
	// the evaluator) the unit's score.
	type fill struct {
		row                   int
		actual, weight, judge string
	}
	// recheck fills rows of table 0 of the plan, takes it to 单位已审核 and re-checks
	// row i with scores[i].
	var year int
	recheck := func(planID int64, fills []fill, scores map[int]string) {
		t.Helper()
		approve(t, f.store, planID)
		recs, err := f.store.OpenSelfEvaluations(ctx, planID, jixiao.SaveInfo{Author: "filler"})
		if err != nil {
			t.Fatal(err)
		}
		rec := recs[0]
		year = rec.Year
		for _, fl := range fills {
			in := &rec.Eval.Indicators[fl.row]
			in.Actual, in.Weight, in.Reason = jixiao.ParseTarget(fl.actual), jixiao.MustDecimal(fl.weight), "偏差原因。"
			if fl.judge != "" {
				in.Score = jixiao.MustDecimal(fl.judge)
			}
		}
		if err := f.store.SaveSelfEvaluation(ctx, rec, jixiao.SaveInfo{Author: "filler"}); err != nil {
			t.Fatal(err)
		}
		for _, st := range []struct {
			a        jixiao.Action
			from, to jixiao.Status
		}{{jixiao.ActSubmit, jixiao.Draft, jixiao.Submitted}, {jixiao.ActUnitApprove, jixiao.Submitted, jixiao.UnitApproved}} {
			v, err := f.store.TransitionSelfEvaluation(ctx, &jixiao.SelfEvalStep{RecordID: rec.ID, Version: rec.Version, Action: st.a, From: st.from, To: st.to, Actor: "leader"})
			if err != nil {
				t.Fatal(err)
			}
			rec.Version = v
		}
		for i, s := range scores {
			if err := f.store.AddReviewScore(ctx, &jixiao.ReviewScore{RecordID: rec.ID, Indicator: i, Score: jixiao.MustDecimal(s), Reason: "佐证不足", By: "reviewer"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The demo plan's department table: row 0 is compound (several counts), 1 and 2
	// bare rates (正向), 5 qualitative (良好), 8 a rate of 90%.
	recheck(f.demo, []fill{
		{0, "各类培训8次", "10", "8"}, // 评价人打分, 8
		{1, "100%", "10", ""},    // 正向, met: 10
		{2, "90%", "10", ""},     // 正向, ratio: 9
		{5, "良好", "10", ""},      // 定性, met: 10
		{8, "140%", "10", ""},    // ≥ 1.5 × 90%: 超额完成, 10
	}, map[int]string{0: "6", 1: "9", 2: "9", 5: "8", 8: "7"})
	recheck(f.other, []fill{{5, "良好", "10", ""}}, map[int]string{5: "7"})

	dept := map[int64]string{}
	for _, id := range []int64{f.demo, f.other} {
		p, err := f.store.Plan(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		dept[id] = p.Department
	}
	reviewer := f.login("reviewer")
	_, body := reviewer.get(fmt.Sprintf("/review/scores?year=%d", year))
	for _, want := range []string{`id="recheck-units"`, `id="recheck-clauses"`, "定性指标（分档）", "超额完成扣分"} {
		if !strings.Contains(body, want) {
			t.Errorf("the score table lacks %s:\n%s", want, snippet(body))
		}
	}
	req, _ := http.NewRequest("GET", fmt.Sprintf("%s/review/scores.xlsx?year=%d", f.ts.URL, year), nil)
	st, data, _ := reviewer.do(req)
	if st != 200 {
		t.Fatalf("export: %d %s", st, snippet(data))
	}
	x, err := excelize.OpenReader(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sheet := func(name string) [][]string {
		rows, err := x.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		return rows[2:] // the title and the header
	}
	got := map[string][][]string{"units": sheet("复核差额按单位"), "clauses": sheet("复核差额按规则")}
	want := map[string][][]string{
		"units": {
			{dept[f.demo], "1", "5", "4", "0", "-8.00"},
			{dept[f.other], "1", "1", "1", "0", "-3.00"},
		},
		"clauses": {
			{"定量正向指标（≥）", "1", "2", "1", "0", "-1.00"},
			{"定性指标（分档）", "2", "2", "2", "0", "-5.00"},
			{"超额完成扣分", "1", "1", "1", "0", "-3.00"},
			{"评价人打分（无法比较）", "1", "1", "1", "0", "-2.00"},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("re-check differences (-want +got):\n%s", diff)
	}
}
