package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"jixiao"
)

// planListPage lists the plans the user may see.
type planListPage struct {
	layout
	Plans       []jixiao.PlanSummary
	Total       int
	Departments []*jixiao.Department
	Statuses    []jixiao.Status
	Filter      planFilterForm
	Page, Pages int
	Prev, Next  string
	NoDept      bool
}

type planFilterForm struct {
	Year       string
	Department string
	Status     string
	Q          string
}

const plansPerPage = 50

// planList lists the plans of the user's department subtree (GET /plans), filtered by
// year, department, status and a search in the department's name or code, a page at a
// time.
func planList(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	q := r.URL.Query()
	pg := &planListPage{Statuses: []jixiao.Status{jixiao.Draft, jixiao.Submitted, jixiao.UnitApproved, jixiao.Returned, jixiao.Approved, jixiao.Published}}
	pg.Title, pg.Nav = "绩效目标", "plans"
	pg.Crumbs = []crumb{{Label: "绩效目标"}}
	pg.Filter = planFilterForm{Year: strings.TrimSpace(q.Get("year")), Department: strings.TrimSpace(q.Get("department")),
		Status: q.Get("status"), Q: strings.TrimSpace(q.Get("q"))}
	depts, err := c.departments(ctx)
	if err != nil {
		return err
	}
	pg.Departments = depts
	if c.user.DepartmentID == 0 || len(depts) == 0 {
		// An account without a department sees nothing (a zero DepartmentID would
		// otherwise mean "every department" to the store).
		pg.NoDept = true
		s.render(w, r, c, http.StatusOK, "plans", pg)
		return nil
	}
	f := jixiao.PlanFilter{DepartmentID: c.user.DepartmentID, Query: pg.Filter.Q, Limit: plansPerPage}
	if pg.Filter.Year != "" {
		y, err := strconv.Atoi(pg.Filter.Year)
		if err != nil || y < 1900 || y > 2200 {
			return jixiao.Errorf(jixiao.EINVALID, "年度“%s”无效：请填写四位年份，如 2021。", pg.Filter.Year)
		}
		f.Year = y
	}
	if pg.Filter.Department != "" {
		d, ok, err := c.departmentByCode(ctx, pg.Filter.Department)
		if err != nil {
			return err
		}
		if !ok {
			return jixiao.Errorf(jixiao.EFORBIDDEN, "无权查看单位“%s”的绩效目标。", pg.Filter.Department)
		}
		f.DepartmentID = d.ID
	}
	if pg.Filter.Status != "" {
		f.Status = jixiao.Status(pg.Filter.Status)
	}
	pg.Page = 1
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		pg.Page = n
	}
	f.Offset = (pg.Page - 1) * plansPerPage
	plans, total, err := s.store.Plans(ctx, f)
	if err != nil {
		return err
	}
	pg.Plans, pg.Total = plans, total
	who := s.namer(ctx, actors(plans, func(p jixiao.PlanSummary) string { return p.UpdatedBy }))
	for i := range pg.Plans {
		pg.Plans[i].UpdatedBy = who(pg.Plans[i].UpdatedBy)
	}
	pg.Pages = max(1, (total+plansPerPage-1)/plansPerPage)
	link := func(page int) string {
		v := url.Values{}
		for k, val := range map[string]string{"year": pg.Filter.Year, "department": pg.Filter.Department, "status": pg.Filter.Status, "q": pg.Filter.Q} {
			if val != "" {
				v.Set(k, val)
			}
		}
		v.Set("page", fmt.Sprint(page))
		return "/plans?" + v.Encode()
	}
	if pg.Page > 1 {
		pg.Prev = link(pg.Page - 1)
	}
	if pg.Page < pg.Pages {
		pg.Next = link(pg.Page + 1)
	}
	s.render(w, r, c, http.StatusOK, "plans", pg)
	return nil
}
