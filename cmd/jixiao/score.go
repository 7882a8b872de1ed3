package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"jixiao"
	"jixiao/check"
	"jixiao/render"
	"jixiao/score"
)

func init() {
	register(&command{
		Name:    "score",
		Summary: "读取绩效自评表并按评分规则计分：逐项列出表中得分与计算得分、总分、等级和发现的问题；有错误时退出码为 1",
		Usage:   "FILE... [--rule national-2020] [--format text|json] [-o out.html] [--report out.html] [--pdf out.pdf] [--summary out.xlsx]",
		Run:     runScore,
	})
}

// scoreReport is what `jixiao score --format json` prints: the table as read and the
// scores (total, writtenTotal, grade, execution, indicators, findings).
type scoreReport struct {
	File string `json:"file"`
	*score.Result
	Record *jixiao.SelfEvaluation `json:"record"`
}

// runScore reads a self-evaluation table and scores it. Exit codes as check: 0 no
// errors, 1 errors found, 2 the file (or an option) cannot be read.
func runScore(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["score"])
	ruleID := fs.String("rule", score.DefaultRule, "评分规则（默认为财预〔2020〕10号的全国通用规则）")
	format := addFormatFlag(fs)
	out := fs.String("o", "", "另将计分后的自评表按官方版式写成 HTML 文件（A4 打印，表中得分不同处加注）")
	report := fs.String("report", "", "另将绩效自评报告（基本情况、自评结果、问题和改进措施、各自评表）写成 HTML 文件")
	pdfOut := fs.String("pdf", "", "另将绩效自评报告打印为 PDF 文件（Chromium）")
	summary := fs.String("summary", "", "另将全部自评表的得分汇总写成 Excel 文件：各单位得分和等级、低分单位、最常未达成的指标")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return errUsage
	}
	if *format != "text" && *format != "json" {
		return jixiao.Errorf(jixiao.EINVALID, "--format 应为“text”或“json”，而不是“%s”。", *format)
	}
	rule, err := score.Lookup(*ruleID)
	if err != nil {
		return err
	}
	var reports []scoreReport
	errors := false
	var sheets []render.SelfEvaluation
	var scored []score.Scored
	for _, file := range pos {
		recs, err := readSelfEvaluations(file)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			res := rule.Score(score.FromRecord(rec))
			scored = append(scored, score.Scored{Record: rec, Result: res})
			if *summary == "" {
				sheets = append(sheets, render.SelfEvaluation{Record: rec, Result: res})
				reports = append(reports, scoreReport{File: file, Result: res, Record: rec})
			}
			for _, f := range res.Findings {
				errors = errors || f.Severity == check.Error
			}
			if *format == "text" && *summary == "" {
				if len(scored) > 1 {
					fmt.Fprintln(e.Stdout, "\n"+strings.Repeat("—", 30)+"\n")
				}
				printScore(e.Stdout, file, rule, rec, res)
			}
		}
	}
	if *report != "" || *pdfOut != "" {
		if err := writeScoreReport(ctx, *report, *pdfOut, rule, scored); err != nil {
			return err
		}
	}
	if *summary != "" {
		if err := writeScoreSummary(e.Stdout, *summary, rule, scored, *format == "text"); err != nil {
			return err
		}
	}
	if *out != "" {
		var b bytes.Buffer
		if err := render.SelfEvaluationHTML(&b, "", sheets); err != nil {
			return err
		}
		if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
			return jixiao.WrapError(err, jixiao.EINVALID, "无法写入文件“%s”。", *out)
		}
	}
	if *format == "json" && len(reports) > 0 {
		// One table: its report; a file of several tables (one per project): an array.
		var v any = reports
		if len(reports) == 1 {
			v = reports[0]
		}
		if err := writeJSON(e.Stdout, v); err != nil {
			return err
		}
	}
	if errors {
		return exitError{1}
	}
	return nil
}

func printScore(w io.Writer, file string, rule *score.Rule, rec *jixiao.SelfEvaluation, res *score.Result) {
	fmt.Fprintf(w, "计分：%s", file)
	if rec.Project != "" {
		fmt.Fprintf(w, "（%s）", rec.Project)
	} else if rec.Department != "" {
		fmt.Fprintf(w, "（%s）", rec.Department)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "评分规则：%s %s\n\n", rule.ID, rule.Name)
	ex := res.Execution
	fmt.Fprintf(w, "预算执行：执行率 %s%%，得分 %s（表中 %s）\n", decOrDash(ex.Rate), decOrDash(ex.Score), decOrDash(ex.WrittenScore))
	if ex.Arithmetic != "" {
		fmt.Fprintf(w, "  算式：%s\n", ex.Arithmetic)
	}
	fmt.Fprintln(w, "\n指标：")
	for i, in := range res.Indicators {
		fmt.Fprintf(w, "  %d. %s  指标值 %s，实际 %s，分值 %s：计算得分 %s，表中得分 %s\n", i+1, in.Name,
			orDashS(in.Target), orDashS(in.Actual), decOrDash(in.Weight), decOrDash(in.Score), decOrDash(in.WrittenScore))
		if in.Arithmetic != "" {
			fmt.Fprintf(w, "     算式：%s\n", in.Arithmetic)
		}
	}
	grade := res.Grade
	if !res.Complete {
		grade = "—（尚有指标未计分，总分不完整）"
	}
	fmt.Fprintf(w, "\n总分：计算 %s（表中 %s），等级：%s\n", res.Total, decOrDash(res.WrittenTotal), grade)
	fmt.Fprintf(w, "  算式：%s\n", res.Arithmetic)
	if len(res.Findings) == 0 {
		fmt.Fprintln(w, "\n没有发现问题。")
		return
	}
	printBySeverity(w, res.Findings, func(n int, f check.Finding) {
		fmt.Fprintf(w, "  %d. %s\n     位置：%s  [%s]\n", n, f.Message, scoreWhere(rec, f.Path), f.Rule)
		if f.Arithmetic != "" {
			fmt.Fprintf(w, "     算式：%s\n", f.Arithmetic)
		}
	})
}

// scoreFields names the cells of a self-evaluation table in words.
var scoreFields = map[string]string{
	"score": "得分", "reason": "偏差原因分析及改进措施", "weight": "分值", "actual": "实际完成值",
	"adjusted": "全年预算数", "executed": "全年执行数", "rate": "执行率",
}

// scoreWhere names the cell a finding points at in words, with its place in the file:
// "第31行 三级指标“培训合格率” 得分", "年度资金总额 全年预算数".
func scoreWhere(rec *jixiao.SelfEvaluation, path string) string {
	head, field, _ := strings.Cut(path, ".")
	label := scoreFields[field]
	var i int
	switch {
	case head == "budget":
		for _, f := range rec.Funds {
			if f.Path != "" {
				return strings.TrimSpace(f.Path + " 预算执行情况 " + label)
			}
		}
		return strings.TrimSpace("预算执行情况 " + label)
	case head == "total":
		return "总分"
	case head == "grade":
		return "评价等级"
	case head == "indicators":
		return "绩效指标的分值"
	}
	if _, err := fmt.Sscanf(head, "indicators[%d]", &i); err == nil && i >= 0 && i < len(rec.Indicators) {
		in := rec.Indicators[i]
		return strings.TrimSpace(in.Where + " 三级指标“" + in.Name + "” " + label)
	}
	return path
}

func decOrDash(d jixiao.Decimal) string {
	if !d.IsSet() {
		return "—"
	}
	return d.String()
}

func orDashS(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
