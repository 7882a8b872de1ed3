package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
)

// selfEvalRecheck records the finance bureau's re-check of one indicator (POST
// /plans/{id}/selfeval/{i}/recheck): 复核得分 with its reason, kept beside the unit's
// score, while the table waits for the bureau.
func selfEvalRecheck(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	rec, err := s.selfEvalRecord(ctx, r, c)
	if err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("selfeval:%d", rec.ID)
	i, err := strconv.Atoi(r.PostFormValue("indicator"))
	if err != nil || i < 0 || i >= len(rec.Eval.Indicators) {
		return jixiao.Errorf(jixiao.EINVALID, "请选择要复核的指标。")
	}
	v := strings.TrimSpace(r.PostFormValue("score"))
	sc, err := jixiao.ParseDecimal(v)
	if err != nil {
		return jixiao.Errorf(jixiao.EINVALID, "第 %d 行指标“%s”的复核得分“%s”不是数字。", i+1, rec.Eval.Indicators[i].Name, v)
	}
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if len([]rune(reason)) > 2000 {
		return jixiao.Errorf(jixiao.ETOOLARGE, "复核理由不能超过 2000 字。")
	}
	rs := &jixiao.ReviewScore{RecordID: rec.ID, Indicator: i, Score: sc, Reason: reason, By: c.user.Username}
	if err := s.store.AddReviewScore(ctx, rs); err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("复核%s第 %d 行指标“%s”：复核得分 %s，理由：%s", tableName(rec), i+1, rec.Eval.Indicators[i].Name, sc, reason)
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/selfeval/%d?done=recheck#ind-%d", rec.PlanID, rec.Table, i), http.StatusSeeOther)
	return nil
}
