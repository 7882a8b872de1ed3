package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
)

// selfEvalSave saves the form of one self-evaluation table (POST
// /plans/{id}/selfeval/{i}) as a new version, read at the version the form was made
// from; the server scores it when it is shown again. Targets are not in the form: they
// are the approved plan's. The op "resume" (a form kept through an expired session, see
// form_resume.go) shows the posted form again, not saved, at the version it was made
// from, so that its save is still version-checked.
func selfEvalSave(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	rec, err := s.selfEvalRecord(ctx, r, c)
	if err != nil {
		return err
	}
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || version <= 0 {
		return jixiao.Errorf(jixiao.EINVALID, "缺少绩效自评表的版本号，请刷新页面后重试。")
	}
	if ps := fillSelfEval(&rec.Eval, r); len(ps) > 0 {
		pg, verr := s.selfEvalView(ctx, c, rec)
		if verr != nil {
			return verr
		}
		pg.FormVersion = version // saving it later is checked against it
		pg.Message = jixiao.ErrorMessage(ps.err())
		pg.showProblems(ps)
		c.auditDetail = "保存被拒：" + pg.Message
		s.render(w, r, c, http.StatusUnprocessableEntity, "selfeval", pg)
		return nil
	}
	if r.PostFormValue("op") == "resume" {
		pg, err := s.selfEvalView(ctx, c, rec)
		if err != nil {
			return err
		}
		pg.FormVersion, pg.Unsaved = version, true
		pg.Flash = rowFlash(rowOp{Verb: "resume"})
		s.render(w, r, c, http.StatusOK, "selfeval", pg)
		return nil
	}
	if err := s.selfEvalPastDue(ctx, rec); err != nil {
		return err
	}
	rec.Version = version
	if err := s.store.SaveSelfEvaluation(ctx, rec, jixiao.SaveInfo{Author: c.user.Username, Reason: "填写绩效自评"}); err != nil {
		return err
	}
	c.auditObject = fmt.Sprintf("selfeval:%d", rec.ID)
	c.auditDetail = fmt.Sprintf("保存%s，第 %d 版", tableName(rec), rec.Version)
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/selfeval/%d?done=save", rec.PlanID, rec.Table), http.StatusSeeOther)
	return nil
}

// fillSelfEval puts the posted form into se: budget figures by source, goals' outcomes,
// per indicator 分值, 实际完成值, the evaluator's score and 偏差原因, and the texts. A
// figure that is not a number or a text too long is a problem naming its cell; every
// cell is read, so a refused form keeps all that was typed.
func fillSelfEval(se *jixiao.SelfEvaluation, r *http.Request) fieldProblems {
	var ps fieldProblems
	num := func(field, cell string) jixiao.Decimal {
		v := strings.TrimSpace(r.PostFormValue(field))
		if v == "" {
			return jixiao.Decimal{}
		}
		d, err := jixiao.ParseDecimal(v)
		if err != nil {
			ps.add(field, v, jixiao.Errorf(jixiao.EINVALID, "%s填写的“%s”不是数字。", cell, v))
		}
		return d
	}
	text := func(field, cell string, max int) string {
		v := strings.TrimSpace(r.PostFormValue(field))
		if len([]rune(v)) > max {
			ps.add(field, v, jixiao.Errorf(jixiao.ETOOLARGE, "%s填写的内容不能超过 %d 字。", cell, max))
		}
		return v
	}
	for i := range se.Funds {
		f := &se.Funds[i]
		f.Adjusted = num(fmt.Sprintf("fa%d", i), "“"+f.Name+"”的全年预算数")
		f.Executed = num(fmt.Sprintf("fe%d", i), "“"+f.Name+"”的全年执行数")
	}
	if len(se.Funds) > 0 {
		se.Funds[0].Reason = text("freason", "执行率偏低的原因", 2000)
	}
	for i := range se.Goals {
		se.Goals[i].Actual = text(fmt.Sprintf("ga%d", i), fmt.Sprintf("第 %d 项目标的实际完成情况", i+1), 2000)
	}
	for i := range se.Indicators {
		in := &se.Indicators[i]
		cell := fmt.Sprintf("第 %d 行指标“%s”的", i+1, in.Name)
		in.Weight = num(fmt.Sprintf("iw%d", i), cell+"分值")
		actual := text(fmt.Sprintf("ia%d", i), cell+"实际完成值", 200)
		in.Actual = jixiao.Target{}
		if actual != "" {
			in.Actual = jixiao.ParseTarget(actual)
		}
		in.Score = num(fmt.Sprintf("is%d", i), cell+"评价人打分")
		in.Reason = text(fmt.Sprintf("ir%d", i), cell+"偏差原因分析及改进措施", 2000)
	}
	se.Problems = text("problems", "存在的问题", 4000)
	se.Remedies = text("remedies", "改进措施", 4000)
	return ps
}

// showProblems puts each refused cell of a self-evaluation form back as it was typed,
// with its message beside it; texts are kept as typed by fillSelfEval.
func (pg *selfEvalPage) showProblems(ps fieldProblems) {
	for _, p := range ps {
		prefix, i := splitField(p.Field)
		switch {
		case prefix == "fa" && i < len(pg.Funds):
			pg.Funds[i].Adjusted, pg.Funds[i].AdjustedNotes = p.Raw, append(pg.Funds[i].AdjustedNotes, p.mark())
		case prefix == "fe" && i < len(pg.Funds):
			pg.Funds[i].Executed, pg.Funds[i].ExecutedNotes = p.Raw, append(pg.Funds[i].ExecutedNotes, p.mark())
		case prefix == "freason":
			pg.BudgetNotes = append(pg.BudgetNotes, p.mark())
		case prefix == "iw" && i < len(pg.Indicators):
			pg.Indicators[i].Weight, pg.Indicators[i].WeightNotes = p.Raw, append(pg.Indicators[i].WeightNotes, p.mark())
		case prefix == "is" && i < len(pg.Indicators):
			pg.Indicators[i].Judged, pg.Indicators[i].JudgeNotes = p.Raw, append(pg.Indicators[i].JudgeNotes, p.mark())
		case prefix == "ia" && i < len(pg.Indicators):
			pg.Indicators[i].ActualNotes = append(pg.Indicators[i].ActualNotes, p.mark())
		case prefix == "ir" && i < len(pg.Indicators):
			pg.Indicators[i].Findings = append(pg.Indicators[i].Findings, p.mark())
		}
	}
}
