package http

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"

	"jixiao"
	"jixiao/pdf"
	"jixiao/render"
)

// selfEvalReport downloads the unit's self-evaluation report (绩效自评报告) as a PDF
// (GET /plans/{id}/selfeval/report.pdf): 基本情况, 自评结果, the goals, problems and
// remedies in the unit's words, and every self-evaluation table of the plan in the
// official layout, scored by the region's rule (render.SelfEvaluationReportHTML, as
// `jixiao score --pdf` prints it). Without Chromium the answer is 503 with a page
// saying so; each table's print view still works.
func selfEvalReport(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	recs, err := s.store.SelfEvaluations(ctx, c.plan.ID)
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		return jixiao.Errorf(jixiao.ENOTFOUND, "本单位尚未开始绩效自评，还没有可输出的绩效自评报告。")
	}
	rule, err := s.ruleFor(ctx, c.planDept.ID, c.plan.Year)
	if err != nil {
		return err
	}
	rep := render.SelfEvaluationReport{Unit: c.plan.Department, Year: c.plan.Year, Rule: rule.Name}
	for _, rec := range recs {
		rep.Evals = append(rep.Evals, render.SelfEvaluation{Record: &rec.Eval, Result: scoreRecord(rule, &rec.Eval)})
	}
	var page bytes.Buffer
	if err := render.SelfEvaluationReportHTML(&page, rep); err != nil {
		return err
	}
	pctx, cancel := context.WithTimeout(ctx, pdf.DefaultTimeout)
	defer cancel()
	b, err := s.printPage(pctx, page.Bytes())
	if errors.Is(err, pdf.ErrNoChromium) {
		s.noChromium(w, r, c)
		return nil
	} else if err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("plan:%d", c.plan.ID)
	c.auditDetail = fmt.Sprintf("下载绩效自评报告（%d 张自评表）", len(recs))
	attachment(w, pdfType, fmt.Sprintf("selfeval-report-%d.pdf", c.plan.ID),
		fmt.Sprintf("%s%d年度绩效自评报告.pdf", c.plan.Department, c.plan.Year))
	w.Write(b)
	return nil
}
