package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
)

// planCreate creates a plan (POST /plans) and opens it.
func planCreate(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	year, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("year")))
	if err != nil || year < 2000 || year > 2100 {
		return s.planNewAgain(w, r, c, "预算年度无效：请填写四位年份，如 2022。")
	}
	code := r.PostFormValue("department")
	d, ok, err := c.departmentByCode(ctx, code)
	if err != nil {
		return err
	}
	if !ok {
		return jixiao.Errorf(jixiao.EFORBIDDEN, "无权为单位“%s”新建绩效目标：只能为本单位及下属单位新建。", code)
	}
	if err := authorize(ctx, c, actCreatePlan, d, jixiao.Draft); err != nil {
		return err
	}
	var p *jixiao.Plan
	reason := "新建"
	switch r.PostFormValue("source") {
	case "lastyear":
		src, err := s.store.PlanByDepartmentYear(ctx, d.ID, year-1)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return s.planNewAgain(w, r, c, fmt.Sprintf("“%s”没有 %d 年的绩效目标，无法复制上年。", d.Name, year-1))
		} else if err != nil {
			return err
		}
		p, reason = copyPlan(src, d, year), fmt.Sprintf("新建（复制 %d 年）", year-1)
	case "copy":
		id, _ := strconv.ParseInt(r.PostFormValue("from"), 10, 64)
		src, err := s.store.Plan(ctx, id)
		if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
			return s.planNewAgain(w, r, c, "请选择要复制的绩效目标。")
		} else if err != nil {
			return err
		}
		sd, ok, err := c.departmentByCode(ctx, src.DepartmentCode)
		if err != nil {
			return err
		}
		if !ok {
			return jixiao.Errorf(jixiao.EFORBIDDEN, "无权复制“%s”的绩效目标。", src.Department)
		}
		if err := authorize(ctx, c, actReadPlan, sd, src.Status); err != nil {
			return err
		}
		p, reason = copyPlan(src, d, year), fmt.Sprintf("新建（复制 %s %d 年）", src.Department, src.Year)
	default:
		p = emptyPlan(d, year, r.PostFormValue("framework"))
		if id := r.PostFormValue("layout"); id != "" {
			l, ok := jixiao.LayoutByID(id)
			if !ok {
				return s.planNewAgain(w, r, c, fmt.Sprintf("未知的填报样式“%s”，请从列表中选择。", id))
			}
			p = layoutPlan(d, year, l)
			reason = "新建（" + l.Name + "）"
		}
	}
	err = s.store.CreatePlan(ctx, p, jixiao.SaveInfo{Author: c.user.Username, Reason: reason})
	if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
		return s.planNewAgain(w, r, c, fmt.Sprintf("“%s”已有 %d 年的绩效目标，不能重复新建；请在列表中打开它。", d.Name, year))
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/plans/%d", p.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) planNewAgain(w http.ResponseWriter, r *http.Request, c *reqCtx, msg string) error {
	pg, err := s.newPlanPage(r, c)
	if err != nil {
		return err
	}
	pg.Error = msg
	if y, err := strconv.Atoi(r.PostFormValue("year")); err == nil {
		pg.Year = y
	}
	pg.Department, pg.Source, pg.Framework = r.PostFormValue("department"), r.PostFormValue("source"), r.PostFormValue("framework")
	if l := r.PostFormValue("layout"); l != "" {
		pg.Layout = l
	}
	pg.From, _ = strconv.ParseInt(r.PostFormValue("from"), 10, 64)
	s.render(w, r, c, http.StatusUnprocessableEntity, "plan_new", pg)
	return nil
}

// emptyPlan is a new plan with one indicator row for each 二级指标 the framework requires,
// so the unit starts from the table's shape rather than a blank page.
func emptyPlan(d *jixiao.Department, year int, framework string) *jixiao.Plan {
	p := &jixiao.Plan{Department: d.Name, DepartmentCode: d.Code, Submitter: d.Name, Year: year,
		Framework: framework, Status: jixiao.Draft}
	if fw := levelsOf(framework); fw != nil {
		p.Framework = fw.ID
		for _, l1 := range fw.Level1 {
			for _, l2 := range l1.Level2 {
				p.Indicators = append(p.Indicators, jixiao.Indicator{Level1: l1.Name, Level2: l2.Name})
			}
		}
	}
	p.KeyTasks = []jixiao.KeyTask{{}}
	return p
}

// layoutPlan is a new plan in the layout l: the seed's forms as emptyPlan makes them, or,
// for a layout of project tables, one empty 项目支出绩效目标表 and no department table.
func layoutPlan(d *jixiao.Department, year int, l jixiao.Layout) *jixiao.Plan {
	if !l.Projects {
		return emptyPlan(d, year, l.Framework)
	}
	p := &jixiao.Plan{Department: d.Name, DepartmentCode: d.Code, Submitter: d.Name, Year: year,
		Framework: l.Framework, Status: jixiao.Draft}
	p.Projects = []jixiao.Project{newProject(p, levelsOf(p.Framework))}
	return p
}

// copyPlan makes a draft for department d and year from src: every table as it was, the
// periods of the fund items moved by the difference in years.
func copyPlan(src *jixiao.Plan, d *jixiao.Department, year int) *jixiao.Plan {
	p := clonePlan(src)
	shift := year - src.Year
	p.ID, p.Version, p.Status, p.Year = 0, 0, jixiao.Draft, year
	if p.Submitter == "" || p.Submitter == p.Department || p.DepartmentCode != d.Code {
		p.Submitter = d.Name
	}
	p.Department, p.DepartmentCode = d.Name, d.Code
	if shift != 0 {
		for _, it := range p.Items() {
			if it.Period.IsSet() {
				it.Period.FromYear += shift
				it.Period.ToYear += shift
				it.Period.Text = fmt.Sprintf("%d.%d-%d.%d", it.Period.FromYear, it.Period.FromMonth, it.Period.ToYear, it.Period.ToMonth)
			}
		}
	}
	return p
}
