package storetest

import (
	"context"
	"testing"

	"jixiao"
)

// QueryLister is a store that tells the SQL its EachPlan runs.
type QueryLister interface {
	jixiao.Store
	EachPlanQuery(ctx context.Context, f jixiao.PlanFilter) (q string, args []any, err error)
}

// PlanQuery is the SQL and the arguments EachPlan runs for a filter.
type PlanQuery struct {
	Filter jixiao.PlanFilter
	SQL    string
	Args   []any
}

// EachPlanQueries stores three plans in s and returns the queries EachPlan runs for
// filters that use each of its clauses (year, subtree, status, search, page): the
// engines' tests read their query plans.
func EachPlanQueries(t *testing.T, s QueryLister) []PlanQuery {
	t.Helper()
	ctx := context.Background()
	m := Tree(t, s)
	for _, code := range []string{"D1", "D1-U1", "D2"} {
		if err := s.CreatePlan(ctx, SamplePlan(code, m[code].Name, 2022), jixiao.SaveInfo{Author: "张三"}); err != nil {
			t.Fatal(err)
		}
	}
	var out []PlanQuery
	for _, f := range []jixiao.PlanFilter{
		{}, {Year: 2022}, {Year: 2022, Department: "D1"}, {Status: jixiao.Draft}, {Query: "统战"},
		{Year: 2022, Limit: 2, Offset: 1},
	} {
		q, args, err := s.EachPlanQuery(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, PlanQuery{f, q, args})
	}
	return out
}
