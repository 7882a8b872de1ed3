package http

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"jixiao/render"
)

// selfEvalPrintPage is the print view of one self-evaluation table.
type selfEvalPrintPage struct {
	layout
	Heading, Department string
	Year                int
	Sheet               template.HTML
	Back                string
}

// selfEvalPrint shows one self-evaluation table in the official layout, ready to print
// (GET /plans/{id}/selfeval/{i}/print), with render.SelfEvaluationHTML.
func selfEvalPrint(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	rec, err := s.selfEvalRecord(ctx, r, c)
	if err != nil {
		return err
	}
	rule, err := s.ruleFor(ctx, rec.DepartmentID, rec.Year)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := render.SelfEvaluationHTML(&b, tableName(rec), []render.SelfEvaluation{{Record: &rec.Eval, Result: scoreRecord(rule, &rec.Eval)}}); err != nil {
		return err
	}
	// The document's body is the sheet; its CSS is the application's /static/render.css.
	doc := b.String()
	if i := strings.Index(doc, "<body"); i >= 0 {
		doc = doc[i:]
		if j := strings.Index(doc, ">"); j >= 0 {
			doc = doc[j+1:]
		}
	}
	if i := strings.LastIndex(doc, "</body>"); i >= 0 {
		doc = doc[:i]
	}
	sheet := template.HTML(doc) // render escapes every value itself (html/template)
	back := fmt.Sprintf("/plans/%d/selfeval/%d", rec.PlanID, rec.Table)
	pg := &selfEvalPrintPage{Heading: tableName(rec), Department: c.plan.Department, Year: rec.Year, Sheet: sheet, Back: back}
	pg.Title, pg.Nav, pg.Wide = "打印视图："+tableName(rec), "plans", true
	pg.allowStyles(sheet)
	pg.Crumbs = append(planCrumbs(c.plan, ""), crumb{Label: "绩效自评", URL: back}, crumb{Label: "打印视图"})
	c.auditObject = fmt.Sprintf("selfeval:%d", rec.ID)
	s.render(w, r, c, http.StatusOK, "selfeval_print", pg)
	return nil
}
