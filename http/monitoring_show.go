package http

import (
	"net/http"

	"jixiao"
)

// monitoringShow shows one monitoring record (GET /plans/{id}/monitoring/{m}): the form
// while the unit may change it, every warning beside its cell, the workflow, the
// adjustments proposed from it. A form posted after the session expired is shown again
// as it was typed (form_resume.go).
func monitoringShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if ok, err := s.resumeForm(w, r, c, monitoringSave); ok {
		return err
	}
	ctx := r.Context()
	m, err := s.monitoringEntry(ctx, r, c)
	if err != nil {
		return err
	}
	pg, err := s.monitoringView(ctx, c, m)
	if err != nil {
		return err
	}
	switch r.URL.Query().Get("done") {
	case "save":
		pg.Flash = "已保存，预警已按规则重新判断。"
	case "":
	default:
		pg.Flash = doneFlash(jixiao.Action(r.URL.Query().Get("done")))
	}
	if key := r.URL.Query().Get("refused"); key == "submit" {
		pg.Message = monitoringSubmitRefusal(pg)
	} else if key != "" {
		pg.Message = refusalMessage(key, "绩效监控表")
	}
	s.render(w, r, c, http.StatusOK, "monitoring", pg)
	return nil
}
