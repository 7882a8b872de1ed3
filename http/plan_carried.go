package http

import (
	"context"
	"fmt"

	"jixiao"
)

// carriedView is the results of last year's self-evaluation put beside next year's plan
// (结果应用): for each indicator carried over, last year's target, actual and score, and
// a warning where the new target asks for less than last year achieved.
type carriedView struct {
	Year      int    // last year
	PlanURL   string // last year's self-evaluations
	Rows      []carriedRow
	Backwards int
}

type carriedRow struct {
	Table, Name, Target           string
	LastTarget, LastActual, Score string
	Backwards                     bool
	Warning                       string
}

// carriedOver matches p's indicators with the self-evaluations of last, the
// department's plan of the year before, that the finance bureau approved (or
// published); nil when there is nothing to show.
func (s *Server) carriedOver(ctx context.Context, c *reqCtx, p, last *jixiao.Plan) (*carriedView, error) {
	recs, err := s.store.SelfEvaluations(ctx, last.ID)
	if err != nil {
		return nil, err
	}
	var evals []*jixiao.SelfEvaluation
	for _, rec := range recs {
		if rec.Status == jixiao.Approved || rec.Status == jixiao.Published {
			evals = append(evals, &rec.Eval)
		}
	}
	if len(evals) == 0 {
		return nil, nil
	}
	rule, err := s.ruleFor(ctx, c.planDept.ID, last.Year)
	if err != nil {
		return nil, err
	}
	v := &carriedView{Year: last.Year, PlanURL: fmt.Sprintf("/plans/%d/selfeval", last.ID)}
	warn := map[string]string{}
	for _, f := range rule.Backwards(p, evals) {
		warn[f.Path] = f.Message
	}
	for _, co := range rule.CarriedOver(p, evals) {
		row := carriedRow{Table: co.Table, Name: co.Name, Target: co.Target, LastTarget: co.LastTarget,
			LastActual: co.LastActual, Score: "未计分", Backwards: co.Backwards, Warning: warn[co.Path+".target"]}
		if row.Table == "" {
			row.Table = "部门整体"
		}
		if co.LastScore.IsSet() {
			row.Score = co.LastScore.String() + " / " + co.LastWeight.String()
		}
		if co.Backwards {
			v.Backwards++
		}
		v.Rows = append(v.Rows, row)
	}
	if len(v.Rows) == 0 {
		return nil, nil
	}
	return v, nil
}
