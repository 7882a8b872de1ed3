package http

import (
	"fmt"
	"net/http"

	"jixiao"
)

// planShowPage is a plan's overview: its tables, the findings of the checks with links
// to the cells, and links to history and print views.
type planShowPage struct {
	layout
	Plan     planHeader
	Findings *findingSet
	Total    string
	Project  string
	Items    int
	Projects int // 项目支出绩效目标表 of no special fund
	// ProjectsOnly: a plan of project tables and no department table (a province's
	// 项目支出绩效目标表 imported as it is): its money is the projects', summed here.
	ProjectsOnly  bool
	ProjectsTotal string
	Indicator     int
	LastYear      int64 // the department's plan of the year before, if any
	CanCopy       bool
	Workflow      *workflowPanel
	Comments      []commentView
	CanAnswer     bool
	Carried       *carriedView // last year's self-evaluation beside the carried-over indicators
}

// planShow shows a plan's overview (GET /plans/{id}).
func planShow(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	pg, err := s.planOverview(r, c)
	if err != nil {
		return err
	}
	s.render(w, r, c, http.StatusOK, "plan", pg)
	return nil
}

// planOverview builds the overview page of the plan of c.
func (s *Server) planOverview(r *http.Request, c *reqCtx) (*planShowPage, error) {
	ctx := r.Context()
	p := c.plan
	pg := &planShowPage{Plan: s.header(ctx, c, p, ""), Total: p.Budget.Total.String(), Project: p.Budget.Project.String(),
		Items: len(p.Items()), Projects: len(p.Projects), Indicator: p.IndicatorCount(), CanCopy: c.can(ctx, actCreatePlan, nil, "")}
	if len(p.Projects) > 0 && !p.Budget.Total.IsSet() && !p.Budget.Project.IsSet() && len(p.Indicators) == 0 && len(p.SpecialFunds) == 0 {
		var sum jixiao.Decimal
		for _, pr := range p.Projects {
			sum = sum.Add(pr.Amount)
		}
		pg.ProjectsOnly, pg.ProjectsTotal = true, sum.String()
	}
	rep, libKey := s.withLibraryFindings(ctx, p, s.checkPlan(p), true)
	pg.Findings = findingsFor(rep, p, editorPage{Kind: "overview"}, nil)
	pg.Findings.Overview = true
	pg.Findings.libraryKey = libKey
	if pg.Plan.Editable {
		pg.Findings.offerApply(p.ID, p.Version, false)
	}
	wp, err := s.workflow(ctx, c, nil)
	if err != nil {
		return nil, err
	}
	pg.Workflow = wp
	cs, err := s.comments(ctx, c)
	if err != nil {
		return nil, err
	}
	pg.CanAnswer = c.can(ctx, actAnswer, c.planDept, p.Status)
	who := s.namer(ctx, actors(cs, func(cm jixiao.Comment) string { return cm.Author }))
	for _, cm := range cs {
		v := viewComment(cm, p.ID)
		v.Author = who(cm.Author)
		if pg.CanAnswer && !cm.Answered {
			v.FormID = fmt.Sprintf("ans-%d", cm.ID)
		}
		pg.Comments = append(pg.Comments, v)
	}
	switch r.URL.Query().Get("imported") {
	case "":
	case "merge":
		pg.Flash = "已合并导入：文件中填写的内容已填入，其余内容保持不变。请检查各表的内容和下方的审核提示。"
	case "same":
		pg.Flash = "文件中的内容与当前绩效目标相同，未作修改，也没有生成新版本。"
	case "replace":
		pg.Flash = "已按文件替换。请检查各表的内容和下方的审核提示；如需找回原内容，可在“修改历史”中恢复到之前的版本。"
	default:
		pg.Flash = "已导入。请检查各表的内容和下方的审核提示。"
	}
	if r.URL.Query().Get("import") == "cancelled" {
		pg.Flash = "已取消导入，绩效目标未作任何修改。"
	}
	if a := jixiao.Action(r.URL.Query().Get("done")); a != "" {
		pg.Flash = doneFlash(a)
	}
	if c.planDept != nil && c.planDept.ID != 0 {
		last, err := s.store.PlanByDepartmentYear(ctx, c.planDept.ID, p.Year-1)
		if err == nil {
			pg.LastYear = last.ID
			if pg.Carried, err = s.carriedOver(ctx, c, p, last); err != nil {
				return nil, err
			}
		} else if jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			return nil, err
		}
	}
	pg.Title, pg.Nav = fmt.Sprintf("%s %d年绩效目标", p.Department, p.Year), "plans"
	pg.Crumbs = planCrumbs(p, "")
	pg.Crumbs[len(pg.Crumbs)-1].URL = ""
	return pg, nil
}
