package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"jixiao/postgres"
	"jixiao/storetest"
)

// TestEachPlanSortsNoDocuments checks the plan of EachPlan's query: no sort carries the
// revisions' documents (they are read by a subplan evaluated above the sort, on the rows
// it returns). A sort of the documents would hold every document of the region, hundreds
// of MB at province scale, spilled to disk.
func TestEachPlanSortsNoDocuments(t *testing.T) {
	ctx := context.Background()
	url := freshSchema(t)
	db, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	queries := storetest.EachPlanQueries(t, db)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, pq := range queries {
		f, q, args := pq.Filter, pq.SQL, pq.Args
		var plan []byte
		if err := conn.QueryRow(ctx, "EXPLAIN (VERBOSE, FORMAT JSON) "+q, args...).Scan(&plan); err != nil {
			t.Fatal(err)
		}
		var doc []struct{ Plan map[string]any }
		if err := json.Unmarshal(plan, &doc); err != nil {
			t.Fatal(err)
		}
		if bad := sortsOf(doc[0].Plan, "doc", "SubPlan"); len(bad) > 0 {
			t.Errorf("EachPlan(%+v): a sort carries the documents: %v\n%s", f, bad, plan)
		}
	}
}

// sortsOf returns the outputs of the sort nodes under n that mention any of words.
func sortsOf(n map[string]any, words ...string) []string {
	var out []string
	if strings.HasSuffix(fmt.Sprint(n["Node Type"]), "Sort") {
		outputs, _ := n["Output"].([]any)
		for _, o := range outputs {
			for _, w := range words {
				if strings.Contains(fmt.Sprint(o), w) {
					out = append(out, fmt.Sprint(o))
					break
				}
			}
		}
	}
	kids, _ := n["Plans"].([]any)
	for _, k := range kids {
		out = append(out, sortsOf(k.(map[string]any), words...)...)
	}
	return out
}
