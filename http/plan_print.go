package http

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"jixiao/render"
)

// printPage shows one table in the official layout, ready to print: the browser's print
// leaves out the navigation (print CSS), and the table's own CSS sets A4.
type printPage struct {
	layout
	Plan  planHeader
	Sheet template.HTML
	Back  string
	// Old is the version shown when it is not the current one (Current).
	Old, Current int
}

// planPrint shows the print view of one table (GET /plans/{id}/print/{table}); table is
// department, summary or item:N as in render.Table.
func planPrint(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	// ?version=N: an earlier version, e.g. the approved one beside an adjustment under
	// way, or any version of the history.
	p, err := s.planVersion(r.Context(), r, c)
	if err != nil {
		return err
	}
	which := r.PathValue("table")
	sheet := tableHTML(p, which)
	// tableHTML shows render's message for an unknown table; give a 404 instead.
	if err := render.Table(discard{}, p, which); err != nil {
		return err
	}
	pg := &printPage{Plan: s.header(r.Context(), c, p, which), Sheet: sheet, Back: "/plans/" + r.PathValue("id")}
	if p.Version != c.plan.Version {
		// An old version: its tables, downloads and the way back all stay on it.
		pg.Old, pg.Current = p.Version, c.plan.Version
		for i := range pg.Plan.Tables {
			if pg.Plan.Tables[i].Print != "" {
				pg.Plan.Tables[i].Print += "?version=" + strconv.Itoa(p.Version)
				pg.Plan.Tables[i].Edit = pg.Plan.Tables[i].Print
			}
		}
		pg.Plan.Editable = false
		pg.Plan.LockReason = fmt.Sprintf("这是第 %d 版（历史版本），当前为第 %d 版。", p.Version, c.plan.Version)
	}
	pg.Title, pg.Nav, pg.Wide = "打印视图", "plans", true
	pg.allowStyles(sheet)
	pg.Crumbs = planCrumbs(p, "打印视图")
	s.render(w, r, c, http.StatusOK, "print", pg)
	return nil
}

type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }
