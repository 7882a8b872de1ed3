package http

import (
	"net/http"

	"jixiao"
)

// selfEvalShow shows one self-evaluation table (GET /plans/{id}/selfeval/{i}): the form
// while the unit may change it, the scores with their arithmetic and the findings beside
// their cells, the re-checks and the workflow.
func selfEvalShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if ok, err := s.resumeForm(w, r, c, selfEvalSave); ok {
		return err
	}
	ctx := r.Context()
	rec, err := s.selfEvalRecord(ctx, r, c)
	if err != nil {
		return err
	}
	pg, err := s.selfEvalView(ctx, c, rec)
	if err != nil {
		return err
	}
	switch r.URL.Query().Get("done") {
	case "save":
		pg.Flash = "已保存，得分已按评分规则重新计算。"
	case "recheck":
		pg.Flash = "复核得分已记录。"
	case "":
	default:
		pg.Flash = doneFlash(jixiao.Action(r.URL.Query().Get("done")))
	}
	if key := r.URL.Query().Get("refused"); key == "submit" {
		pg.Message = selfEvalSubmitRefusal(pg)
	} else if key != "" {
		pg.Message = refusalMessage(key, "绩效自评表")
	}
	s.render(w, r, c, http.StatusOK, "selfeval", pg)
	return nil
}
