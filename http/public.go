package http

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"jixiao"
	"jixiao/render"
)

// publicPage lists the published plans (预算公开) for anyone, without signing in.
type publicPage struct {
	layout
	Year  int
	Years []int
	Plans []publicPlan
}

type publicPlan struct {
	jixiao.PublishedPlan
	When   string
	Tables []tableLink
}

// publicList lists the published plans (GET /public?year=).
func publicList(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	all, err := s.store.PublishedPlans(ctx, 0)
	if err != nil {
		return err
	}
	pg := &publicPage{Year: yearParam(r, 0)}
	seen := map[int]bool{}
	for _, pp := range all {
		if !seen[pp.Year] {
			seen[pp.Year] = true
			pg.Years = append(pg.Years, pp.Year)
		}
		if pg.Year != 0 && pp.Year != pg.Year {
			continue
		}
		p, err := s.store.PlanAt(ctx, pp.PlanID, pp.Version)
		if err != nil {
			return err
		}
		v := publicPlan{PublishedPlan: pp, When: localTime(pp.Published)}
		for _, ref := range render.Tables(p) {
			l := tableLink{Title: ref.Title, Print: fmt.Sprintf("/public/plans/%d/print/%s", pp.PlanID, ref.Which)}
			if ref.Name != "" {
				l.Title += "（" + ref.Name + "）"
			}
			v.Tables = append(v.Tables, l)
		}
		pg.Plans = append(pg.Plans, v)
	}
	pg.Title = "预算绩效目标公开"
	s.render(w, r, c, http.StatusOK, "public", pg)
	return nil
}

// publicPrintPage is a published table in the official layout.
type publicPrintPage struct {
	layout
	Plan  jixiao.PublishedPlan
	Sheet template.HTML
}

// publicPrint shows one table of a plan's published version
// (GET /public/plans/{id}/print/{table}). A plan never published is not found, and an
// adjustment under way is not shown: the public sees the published version only.
func publicPrint(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	notFound := jixiao.Errorf(jixiao.ENOTFOUND, "没有编号为“%s”的已公开绩效目标。", r.PathValue("id"))
	if err != nil || id <= 0 {
		return notFound
	}
	st, err := s.store.ReviewState(ctx, id)
	if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
		return notFound
	} else if err != nil {
		return err
	}
	if st.PublishedVersion == 0 {
		return notFound
	}
	p, err := s.store.PlanAt(ctx, id, st.PublishedVersion)
	if err != nil {
		return err
	}
	which := r.PathValue("table")
	if err := render.Table(discard{}, p, which); err != nil {
		return err
	}
	pg := &publicPrintPage{Sheet: tableHTML(p, which)}
	pg.Plan = jixiao.PublishedPlan{PlanID: id, DepartmentCode: p.DepartmentCode, Department: p.Department, Year: p.Year, Version: st.PublishedVersion}
	pg.allowStyles(pg.Sheet)
	pg.Title, pg.Wide = fmt.Sprintf("%s %d年绩效目标（公开）", p.Department, p.Year), true
	pg.Crumbs = []crumb{{Label: "预算绩效目标公开", URL: "/public"}, {Label: pg.Title}}
	s.render(w, r, c, http.StatusOK, "public_print", pg)
	return nil
}
