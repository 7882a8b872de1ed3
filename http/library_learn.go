package http

import (
	"context"
	"fmt"
	"net/http"

	"jixiao"
	"jixiao/library"
)

// libraryLearn rebuilds the learnt entries of the indicator library from every approved
// and published plan in the store and the stored self-evaluations' actuals (POST
// /review/library/learn), as `jixiao library learn --db` does; the bureau's own entries
// and the standard ones keep their words. One transaction; the suggestion cache reads
// the library again when its stamp moves.
func libraryLearn(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	info := jixiao.SaveInfo{Author: c.user.Username, Reason: "从已通过和已公开的绩效目标学习"}
	l, lr, err := s.learnLibrary(r.Context(), info)
	if err != nil {
		if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
			return s.showLibrary(w, r, c, http.StatusConflict, "无法学习："+jixiao.ErrorMessage(err)+"指标库未作任何改动，请再试一次。", "")
		}
		return err
	}
	learnt := 0
	for _, e := range l.Entries {
		if e.Stats != nil {
			learnt++
		}
	}
	c.auditDetail = fmt.Sprintf("%s：%d 份绩效目标，%d 份自评表，%d 条指标有统计", info.Reason, lr.Plans, lr.Evaluations, learnt)
	http.Redirect(w, r, fmt.Sprintf("/review/library?done=learn&plans=%d&evals=%d&learnt=%d", lr.Plans, lr.Evaluations, learnt), http.StatusSeeOther)
	return nil
}

// learnLibrary learns the library again from the store's approved and published plans
// and its self-evaluations, and saves what it learnt in one transaction.
func (s *Server) learnLibrary(ctx context.Context, info jixiao.SaveInfo) (*library.Library, *library.Learner, error) {
	l, err := library.Open(ctx, s.store)
	if err != nil {
		return nil, nil, err
	}
	lr := l.NewLearner(library.LearnOptions{})
	if err := lr.Store(ctx, s.store, jixiao.PlanFilter{}); err != nil {
		return nil, nil, err
	}
	if err := library.SaveLearnt(ctx, s.store, l, lr, info); err != nil {
		return nil, nil, err
	}
	return l, lr, nil
}
