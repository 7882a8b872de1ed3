package http

import "net/http"

// scoreTableShow shows the finance bureau's table of self-evaluation scores (GET
// /review/scores?year=).
func scoreTableShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	pg, err := s.scoreTable(r.Context(), c, r)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("done") == "deadline" {
		pg.Flash = "已设定绩效自评报送截止时间：截止后各单位不能再保存或提交自评表。"
	}
	if r.URL.Query().Get("done") == "rule" {
		pg.Flash = "已选定评分规则：本年度的自评得分均按此规则计算。"
	}
	s.render(w, r, c, http.StatusOK, "review_scores", pg)
	return nil
}
