package sqlite_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"jixiao/storetest"
)

// TestEachPlanSortsNoDocuments checks the plan of EachPlan's query: the listing is sorted
// in a co-routine that holds ids and codes, and the outer query, which reads the
// documents, needs no sort of its own. A temporary B-tree at the outer level would copy
// every document of the region into SQLite's sorter.
func TestEachPlanSortsNoDocuments(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	queries := storetest.EachPlanQueries(t, db)
	raw, err := sql.Open("sqlite", "file:"+db.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, pq := range queries {
		f := pq.Filter
		rows, err := raw.QueryContext(ctx, "EXPLAIN QUERY PLAN "+pq.SQL, pq.Args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		coroutine, outerSort := false, false
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
			coroutine = coroutine || strings.HasPrefix(detail, "CO-ROUTINE")
			outerSort = outerSort || (parent == 0 && strings.Contains(detail, "TEMP B-TREE"))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		if !coroutine || outerSort {
			t.Errorf("EachPlan(%+v): the documents are sorted (co-routine %v, outer sort %v):\n%s", f, coroutine, outerSort, strings.Join(plan, "\n"))
		}
	}
}
