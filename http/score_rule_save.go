package http

import (
	"fmt"
	"net/http"
	"strconv"

	"jixiao"
	"jixiao/score"
)

// scoreRuleSave stores the scoring rule the finance bureau chose for a year's
// self-evaluations of its region (POST /review/scores/rule: year, rule); every score of
// that year's tables is computed with it from then on.
func scoreRuleSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	year, err := strconv.Atoi(r.PostFormValue("year"))
	if err != nil || year < 1900 || year > 2200 {
		return jixiao.Errorf(jixiao.EINVALID, "年度“%s”不是有效的年份。", r.PostFormValue("year"))
	}
	rule, err := score.Lookup(r.PostFormValue("rule"))
	if err != nil || r.PostFormValue("rule") == "" {
		return jixiao.Errorf(jixiao.EINVALID, "没有名为“%s”的评分规则：请从列表中选择。", r.PostFormValue("rule"))
	}
	if c.user.DepartmentID == 0 {
		return jixiao.Errorf(jixiao.EFORBIDDEN, "您的账号不属于任何财政部门，不能选定评分规则。")
	}
	ch := &jixiao.ScoreRuleChoice{RegionID: c.user.DepartmentID, Year: year, Rule: rule.ID, SetBy: c.user.Username}
	if err := s.store.SetScoreRule(r.Context(), ch); err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("score_rule:%d:%d", ch.RegionID, year)
	c.auditDetail = fmt.Sprintf("选定 %d 年绩效自评的评分规则：%s（%s）", year, rule.Name, rule.ID)
	http.Redirect(w, r, fmt.Sprintf("/review/scores?year=%d&done=rule", year), http.StatusSeeOther)
	return nil
}
