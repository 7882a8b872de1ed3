package http

import (
	"net/http"

	"jixiao"
)

// The self-evaluations (绩效自评) of a plan through the API: the records as the store
// keeps them (one per table, the department table first), read under the plan's access
// rule, like the pages /plans/{id}/selfeval and /plans/{id}/selfeval/{i}.

// apiSelfEvalList lists the plan's self-evaluation records (GET
// /api/v1/plans/{id}/selfevaluations); none before the unit opens its self-evaluation.
func apiSelfEvalList(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	recs, err := s.store.SelfEvaluations(r.Context(), c.plan.ID)
	if err != nil {
		return err
	}
	if recs == nil {
		recs = []*jixiao.SelfEvalRecord{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": recs})
}

// apiSelfEvalShow reads the record of table {i} (GET
// /api/v1/plans/{id}/selfevaluations/{i}), with the finance bureau's re-checks.
func apiSelfEvalShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	rec, err := s.selfEvalRecord(r.Context(), r, c)
	if err != nil {
		return err
	}
	rs, err := s.store.ReviewScores(r.Context(), rec.ID)
	if err != nil {
		return err
	}
	if rs == nil {
		rs = []jixiao.ReviewScore{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"record": rec, "reviewScores": rs})
}
