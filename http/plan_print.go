package http

import (
	"html/template"
	"net/http"
	"strconv"

	"jixiao"

	"jixiao/render"
)

// printPage shows one table in the official layout, ready to print: the browser's print
// leaves out the navigation (print CSS), and the table's own CSS sets A4.
type printPage struct {
	layout
	Plan  planHeader
	Sheet template.HTML
	Back  string
}

// planPrint shows the print view of one table (GET /plans/{id}/print/{table}); table is
// department, summary or item:N as in render.Table.
func planPrint(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	p := c.plan
	if v := r.URL.Query().Get("version"); v != "" {
		// An earlier version, e.g. the approved one beside an adjustment under way.
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标没有第“%s”版。", v)
		}
		if p, err = s.store.PlanAt(r.Context(), c.plan.ID, n); err != nil {
			return err
		}
		p.ID, p.Version = c.plan.ID, n
	}
	which := r.PathValue("table")
	sheet := tableHTML(p, which)
	// tableHTML shows render's message for an unknown table; give a 404 instead.
	if err := render.Table(discard{}, p, which); err != nil {
		return err
	}
	pg := &printPage{Plan: s.header(r.Context(), c, p, which), Sheet: sheet, Back: "/plans/" + r.PathValue("id")}
	pg.Title, pg.Nav, pg.Wide = "打印视图", "plans", true
	pg.allowStyles(sheet)
	pg.Crumbs = planCrumbs(p, "打印视图")
	s.render(w, r, c, http.StatusOK, "print", pg)
	return nil
}

type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }
