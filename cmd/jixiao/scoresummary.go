package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"jixiao"
	"jixiao/document"
	"jixiao/render"
	"jixiao/score"
	"jixiao/selfeval"
	"jixiao/xlsx"
)

// readSelfEvaluations reads the self-evaluations of a file: the tables of a document
// (text, xlsx, docx), or, for a .jsonl file (what jixiao gen --selfeval writes), one
// jixiao.SelfEvaluation as JSON a line.
func readSelfEvaluations(file string) ([]*jixiao.SelfEvaluation, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, jixiao.WrapError(err, jixiao.EINVALID, "无法读取文件“%s”。", file)
	}
	if strings.HasSuffix(strings.ToLower(file), ".jsonl") {
		var out []*jixiao.SelfEvaluation
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
		for line := 1; sc.Scan(); line++ {
			if len(bytes.TrimSpace(sc.Bytes())) == 0 {
				continue
			}
			se := &jixiao.SelfEvaluation{}
			if err := json.Unmarshal(sc.Bytes(), se); err != nil {
				return nil, jixiao.WrapError(err, jixiao.EINVALID, "文件“%s”第 %d 行不是绩效自评表的 JSON。", file, line)
			}
			out = append(out, se)
		}
		if err := sc.Err(); err != nil {
			return nil, jixiao.WrapError(err, jixiao.EINVALID, "无法读取文件“%s”。", file)
		}
		if len(out) == 0 {
			return nil, jixiao.Errorf(jixiao.EINVALID, "文件“%s”中没有绩效自评表。", file)
		}
		return out, nil
	}
	if len(data) > document.MaxSize {
		return nil, jixiao.Errorf(jixiao.ETOOLARGE, "文件“%s”超过 %d MB，无法读取。", file, document.MaxSize>>20)
	}
	tables, err := document.Cells(file, data)
	if err != nil {
		return nil, err
	}
	return selfeval.ReadAll(file, tables)
}

// writeScoreSummary writes the finance bureau's table (score.Summarize) to an xlsx file
// of three sheets and, in text mode, its figures to w.
func writeScoreSummary(w io.Writer, file string, rule *score.Rule, scored []score.Scored, text bool) error {
	s := rule.Summarize(scored, jixiao.Decimal{}, 50)
	unitRow := func(u score.UnitScore) []any {
		grade := u.Grade
		if grade == "" {
			grade = "（尚有指标未计分）"
		}
		return []any{u.Department, orDashS(u.Project), u.Total.String(), grade, decOrDash(u.WrittenTotal), u.Errors, u.Warnings}
	}
	head := []string{"单位", "项目（空为部门整体）", "计算总分", "评价等级", "表中总分", "错误", "警告"}
	var units, low, missed [][]any
	for _, u := range s.Units {
		units = append(units, unitRow(u))
	}
	for _, u := range s.Low {
		low = append(low, unitRow(u))
	}
	for _, m := range s.Missed {
		missed = append(missed, []any{m.Name, m.Level1, m.Missed, m.Scored})
	}
	var b bytes.Buffer
	err := xlsx.WriteSheets(&b, []xlsx.Sheet{
		{Name: "单位得分", Title: "绩效自评得分汇总（评分规则：" + rule.Name + "）", Header: head, Rows: units},
		{Name: "低分单位", Title: "总分低于“" + rule.Grades[min(1, len(rule.Grades)-1)].Name + "”的自评表（由低到高）", Header: head, Rows: low},
		{Name: "未达成指标", Title: "最常未达成（失分）的指标", Header: []string{"三级指标", "一级指标", "失分的表数", "计分的表数"}, Rows: missed},
	})
	if err != nil {
		return err
	}
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		return jixiao.WrapError(err, jixiao.EINVALID, "无法写入文件“%s”。", file)
	}
	if text {
		var grades []string
		for _, g := range rule.Grades {
			grades = append(grades, fmt.Sprintf("%s %d", g.Name, s.ByGrade[g.Name]))
		}
		fmt.Fprintf(w, "\n汇总：自评表 %d 张，%s；低分 %d 张；常见未达成指标 %d 个。已写入“%s”。\n",
			len(s.Units), strings.Join(grades, "，"), len(s.Low), len(s.Missed), file)
	}
	return nil
}

// writeScoreReport writes the self-evaluation report (render.SelfEvaluationReportHTML) as
// HTML and/or prints it as PDF.
func writeScoreReport(ctx context.Context, htmlOut, pdfOut string, rule *score.Rule, scored []score.Scored) error {
	rep := render.SelfEvaluationReport{Rule: rule.Name}
	for _, s := range scored {
		rep.Evals = append(rep.Evals, render.SelfEvaluation{Record: s.Record, Result: s.Result})
	}
	var page bytes.Buffer
	if err := render.SelfEvaluationReportHTML(&page, rep); err != nil {
		return err
	}
	if htmlOut != "" {
		if err := os.WriteFile(htmlOut, page.Bytes(), 0o644); err != nil {
			return jixiao.WrapError(err, jixiao.EINVALID, "无法写入文件“%s”。", htmlOut)
		}
	}
	if pdfOut != "" {
		if printHTML == nil {
			return jixiao.Errorf(jixiao.EINTERNAL, "此版本未包含 PDF 输出。")
		}
		b, err := printHTML(ctx, page.Bytes())
		if err != nil {
			return err
		}
		if err := os.WriteFile(pdfOut, b, 0o644); err != nil {
			return jixiao.WrapError(err, jixiao.EINVALID, "无法写入文件“%s”。", pdfOut)
		}
	}
	return nil
}
