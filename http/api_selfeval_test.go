package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"jixiao"
)

// TestAPISelfEval: a plan's self-evaluations through the API, each answer validated
// against the OpenAPI document (f.call): the list, one record with its re-checks, a
// table that does not exist, and another department's filler refused.
func TestAPISelfEval(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tok := f.token("filler", "自评同步")
	path := fmt.Sprintf("/api/v1/plans/%d/selfevaluations", f.demo)
	r := f.call(t, tok, "GET", path, nil)
	if r.status != http.StatusOK || string(r.body) != `{"items":[]}`+"\n" {
		t.Errorf("before the self-evaluation is opened: %d %s", r.status, r.body)
	}
	approve(t, f.store, f.demo)
	recs, err := f.store.OpenSelfEvaluations(ctx, f.demo, jixiao.SaveInfo{Author: "filler"})
	if err != nil {
		t.Fatal(err)
	}
	rec := recs[0]
	rec.Eval.WrittenTotal, rec.Eval.Grade = jixiao.MustDecimal("88"), "良"
	if err := f.store.SaveSelfEvaluation(ctx, rec, jixiao.SaveInfo{Author: "filler"}); err != nil {
		t.Fatal(err)
	}
	r = f.call(t, tok, "GET", path, nil)
	var list struct {
		Items []jixiao.SelfEvalRecord `json:"items"`
	}
	if err := json.Unmarshal(r.body, &list); err != nil || r.status != 200 {
		t.Fatalf("list: %d %v", r.status, err)
	}
	if len(list.Items) != len(recs) || list.Items[0].Eval.Grade != "良" || list.Items[0].Version != 2 {
		t.Errorf("list: %d records, first %+v", len(list.Items), list.Items[0])
	}
	r = f.call(t, tok, "GET", path+"/0", nil)
	var one struct {
		Record       jixiao.SelfEvalRecord `json:"record"`
		ReviewScores []jixiao.ReviewScore  `json:"reviewScores"`
	}
	if err := json.Unmarshal(r.body, &one); err != nil || r.status != 200 {
		t.Fatalf("record: %d %v", r.status, err)
	}
	if diff := cmp.Diff([]any{rec.ID, "88", 0}, []any{one.Record.ID, one.Record.Eval.WrittenTotal.String(), len(one.ReviewScores)}); diff != "" {
		t.Errorf("record (-want +got):\n%s", diff)
	}
	if r := f.call(t, tok, "GET", path+"/99", nil); r.status != http.StatusNotFound {
		t.Errorf("a table that does not exist: %d", r.status)
	}
	if r := f.call(t, f.token("filler2", "他人"), "GET", path, nil); r.status != http.StatusForbidden {
		t.Errorf("another department's filler: %d", r.status)
	}
}
