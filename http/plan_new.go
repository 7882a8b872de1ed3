package http

import (
	"net/http"
	"strconv"

	"jixiao"
)

// planNewPage is the form that creates a plan.
type planNewPage struct {
	layout
	Year        int
	Departments []*jixiao.Department
	Department  string // code of the preselected department
	Source      string // empty, lastyear, copy
	From        int64
	Sources     []jixiao.PlanSummary // visible plans to copy
	Frameworks  []frameworkChoice
	Framework   string
	// Layouts are the region's layouts (填报样式) an empty plan may start in, each with its
	// fill-in template; Layout is the chosen one.
	Layouts []jixiao.Layout
	Layout  string
	Error   string
}

// planNew shows the form to create a plan (GET /plans/new): for a year and a department
// of the user's subtree, empty, as a copy of that department's plan of the year before,
// or as a copy of any plan the user may read.
func planNew(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	pg, err := s.newPlanPage(r, c)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	if v, err := strconv.ParseInt(q.Get("from"), 10, 64); err == nil {
		pg.From, pg.Source = v, "copy"
	}
	s.render(w, r, c, http.StatusOK, "plan_new", pg)
	return nil
}

func (s *Server) newPlanPage(r *http.Request, c *reqCtx) (*planNewPage, error) {
	ctx := r.Context()
	depts, err := c.departments(ctx)
	if err != nil {
		return nil, err
	}
	pg := &planNewPage{Year: s.cfg.Now().Year() + 1, Departments: depts, Source: "empty", Frameworks: frameworks(),
		Layouts: jixiao.Layouts, Layout: jixiao.Layouts[0].ID}
	if len(pg.Frameworks) > 0 {
		pg.Framework = pg.Frameworks[0].ID
	}
	for _, d := range depts {
		if d.ID == c.user.DepartmentID {
			pg.Department = d.Code
		}
	}
	if c.user.DepartmentID != 0 {
		srcs, _, err := s.store.Plans(ctx, jixiao.PlanFilter{DepartmentID: c.user.DepartmentID, Limit: 500})
		if err != nil {
			return nil, err
		}
		pg.Sources = srcs
	}
	pg.Title, pg.Nav = "新建绩效目标", "new"
	pg.Crumbs = []crumb{{Label: "绩效目标", URL: "/plans"}, {Label: "新建"}}
	return pg, nil
}
