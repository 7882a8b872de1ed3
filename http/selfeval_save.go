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
	if err := fillSelfEval(&rec.Eval, r); err != nil {
		pg, verr := s.selfEvalView(ctx, c, rec)
		if verr != nil {
			return verr
		}
		pg.Message = jixiao.ErrorMessage(err)
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
// figure that is not a number is an error naming its cell.
func fillSelfEval(se *jixiao.SelfEvaluation, r *http.Request) error {
	num := func(field, cell string) (jixiao.Decimal, error) {
		v := strings.TrimSpace(r.PostFormValue(field))
		if v == "" {
			return jixiao.Decimal{}, nil
		}
		d, err := jixiao.ParseDecimal(v)
		if err != nil {
			return d, jixiao.Errorf(jixiao.EINVALID, "%s填写的“%s”不是数字。", cell, v)
		}
		return d, nil
	}
	text := func(field string, max int) (string, error) {
		v := strings.TrimSpace(r.PostFormValue(field))
		if len([]rune(v)) > max {
			return v, jixiao.Errorf(jixiao.ETOOLARGE, "填写的内容不能超过 %d 字。", max)
		}
		return v, nil
	}
	var err error
	for i := range se.Funds {
		f := &se.Funds[i]
		if f.Adjusted, err = num(fmt.Sprintf("fa%d", i), "“"+f.Name+"”的全年预算数"); err != nil {
			return err
		}
		if f.Executed, err = num(fmt.Sprintf("fe%d", i), "“"+f.Name+"”的全年执行数"); err != nil {
			return err
		}
	}
	if len(se.Funds) > 0 {
		if se.Funds[0].Reason, err = text("freason", 2000); err != nil {
			return err
		}
	}
	for i := range se.Goals {
		if se.Goals[i].Actual, err = text(fmt.Sprintf("ga%d", i), 2000); err != nil {
			return err
		}
	}
	for i := range se.Indicators {
		in := &se.Indicators[i]
		cell := fmt.Sprintf("第 %d 行指标“%s”的", i+1, in.Name)
		if in.Weight, err = num(fmt.Sprintf("iw%d", i), cell+"分值"); err != nil {
			return err
		}
		actual, err := text(fmt.Sprintf("ia%d", i), 200)
		if err != nil {
			return err
		}
		in.Actual = jixiao.Target{}
		if actual != "" {
			in.Actual = jixiao.ParseTarget(actual)
		}
		if in.Score, err = num(fmt.Sprintf("is%d", i), cell+"评价人打分"); err != nil {
			return err
		}
		if in.Reason, err = text(fmt.Sprintf("ir%d", i), 2000); err != nil {
			return err
		}
	}
	if se.Problems, err = text("problems", 4000); err != nil {
		return err
	}
	se.Remedies, err = text("remedies", 4000)
	return err
}
