package http

import (
	"fmt"
	"net/http"

	"jixiao"
)

// projectAdd adds a project table to the plan (POST /plans/{id}/projects), checked
// against the version the button was shown with, and opens its editor. The new table has
// the rows of the 二级指标 the plan's framework requires, to be filled in.
func projectAdd(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	version, err := postedVersion(r)
	if err != nil {
		return err
	}
	p, err := s.base(r.Context(), c, version)
	if err != nil {
		return err
	}
	p.Projects = append(p.Projects, newProject(p, s.levelsFor(p, p.Framework)))
	k := len(p.Projects) - 1
	return s.commitList(w, r, c, p, editorPage{Kind: "project", I: k}.url(p.ID), fmt.Sprintf("添加第 %d 个项目支出绩效目标表", k+1))
}

// newProject is an empty project table of p: one indicator row for each 二级指标 the
// framework fw requires (the plan's), and the plan's year as its period.
func newProject(p *jixiao.Plan, fw levelChoices) jixiao.Project {
	pr := jixiao.Project{Authority: p.Department}
	if p.Year > 0 {
		if per, ok := jixiao.ParsePeriod(fmt.Sprintf("%d.1-%d.12", p.Year, p.Year)); ok {
			pr.Period, pr.PeriodText = per, per.Text
		}
	}
	if fw != nil {
		for _, l1 := range fw.Level1 {
			for _, l2 := range l1.Level2 {
				if l1.Required && l2.Required {
					pr.Indicators = append(pr.Indicators, jixiao.Indicator{Level1: l1.Name, Level2: l2.Name})
				}
			}
		}
	}
	return pr
}

// commitList saves a plan whose list of tables changed (a project added or removed) and
// goes to back. A plan changed since the button was shown is refused with 409: there is
// no form of the user's to compare, so the page says to look again and repeat.
func (s *Server) commitList(w http.ResponseWriter, r *http.Request, c *reqCtx, p *jixiao.Plan, back, reason string) error {
	err := s.store.UpdatePlan(r.Context(), p, jixiao.SaveInfo{Author: c.user.Username, Reason: reason})
	if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
		return jixiao.Errorf(jixiao.ECONFLICT, "未保存：“%s”的 %d 年绩效目标在您打开页面后已被修改（现为第 %d 版），请返回绩效目标页面查看最新内容后重新操作。", p.Department, p.Year, c.plan.Version)
	} else if err != nil {
		return err
	}
	if c.review != nil {
		s.plans.put(planKey{p.ID, p.Version}, cachedPlan{p, c.review.LastTransition})
	}
	http.Redirect(w, r, fmt.Sprintf("%s?saved=%d", back, p.Version), http.StatusSeeOther)
	return nil
}
