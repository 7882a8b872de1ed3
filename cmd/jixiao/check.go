package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"jixiao"
	"jixiao/check"
	"jixiao/document"
	"jixiao/score"
)

func init() {
	register(&command{
		Name:    "check",
		Summary: "审核绩效目标表：金额勾稽、汇总表与附件3是否一致、指标汇总、指标体系、指标质量、用词；有错误时退出码为 1",
		Usage:   "FILE [--framework hunan-2021|national-2021|cost-level1] [--format text|json] [--explain] [--passes] [--frameworks DIR] [--rules DIR] [--last-year FILE]...",
		Run:     runCheck,
	})
}

// loadChecker returns the built-in checker, or one extended by the JSON files in the
// directories given (frameworks, rule packs, wording lists).
func loadChecker(dirs ...string) (*check.Checker, error) {
	var ds []string
	for _, d := range dirs {
		if d != "" {
			ds = append(ds, d)
		}
	}
	if len(ds) == 0 {
		return check.Default(), nil
	}
	return check.Load(ds...)
}

// runCheck checks FILE and prints the report. Exit codes: 0 no errors, 1 errors found,
// 2 the file (or an option) cannot be read.
func runCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["check"])
	year := addYearFlag(fs)
	framework := fs.String("framework", "", "指标体系：hunan-2021、national-2021、cost-level1 等（默认根据表格结构判断）")
	format := addFormatFlag(fs)
	explain := fs.Bool("explain", false, "逐条给出说明：为什么重要、依据什么、怎样改")
	passes := fs.Bool("passes", false, "同时列出通过的检查及其算式")
	fwDir := fs.String("frameworks", "", "从该目录另外读取指标体系文件（*.json）")
	rulesDir := fs.String("rules", "", "从该目录另外读取规则包和用词表文件（*.json）")
	var lastYear fileList
	fs.Var(&lastYear, "last-year", "上年的绩效自评表文件（可多次给出；表格或 jixiao gen --selfeval 的 .jsonl）：指标值低于上年实际完成值的指标给出警告")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	if *format != "text" && *format != "json" {
		return jixiao.Errorf(jixiao.EINVALID, "--format 应为“text”或“json”，而不是“%s”。", *format)
	}
	c, err := loadChecker(*fwDir, *rulesDir)
	if err != nil {
		return err
	}
	if *framework != "" && c.Framework(*framework) == nil {
		return jixiao.Errorf(jixiao.EINVALID, "未知的指标体系“%s”；可用：%s。", *framework, strings.Join(c.FrameworkIDs(), "、"))
	}
	p, err := document.ReadFileWith(pos[0], document.Options{Year: *year})
	if err != nil {
		return err
	}
	r := c.Check(p, check.Options{Framework: *framework})
	if len(lastYear) > 0 {
		var last []*jixiao.SelfEvaluation
		for _, f := range lastYear {
			recs, err := readSelfEvaluations(f)
			if err != nil {
				return err
			}
			last = append(last, recs...)
		}
		rule, err := score.Lookup("")
		if err != nil {
			return err
		}
		r.Findings = append(r.Findings, rule.Backwards(p, last)...)
	}
	if *format == "json" {
		if !*passes {
			r.Passes = nil
		}
		if !*explain {
			for i := range r.Findings {
				r.Findings[i].Explanation = ""
			}
		}
		if err := writeJSON(e.Stdout, r); err != nil {
			return err
		}
	} else {
		printReport(e.Stdout, pos[0], p, r, *explain, *passes)
	}
	if r.HasErrors() {
		return exitError{1}
	}
	return nil
}

var sourceLabels = map[string]string{
	check.SourceOption: "由 --framework 指定",
	check.SourcePlan:   "按申报中写明的指标体系",
	check.SourceLayout: "根据表格结构自动判断",
}

// printReport writes the report in Chinese, grouped by severity.
func printReport(w io.Writer, file string, p *jixiao.Plan, r *check.Report, explain, passes bool) {
	fmt.Fprintf(w, "审核：%s", file)
	if p.Department != "" || p.Year != 0 {
		fmt.Fprintf(w, "（%s %d 年）", p.Department, p.Year)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "指标体系：%s %s（%s）\n", r.Framework, r.FrameworkName, sourceLabels[r.FrameworkSource])
	if r.FrameworkReason != "" {
		fmt.Fprintf(w, "          %s\n", r.FrameworkReason)
	}
	fmt.Fprintf(w, "共检查 %d 个指标：错误 %d 项，警告 %d 项，提示 %d 项，通过 %d 项\n",
		r.Indicators, r.Count(check.Error), r.Count(check.Warning), r.Count(check.Info), r.Count(check.Pass))
	printBySeverity(w, r.Findings, func(n int, f check.Finding) { printFinding(w, p, n, f, explain) })
	if passes && len(r.Passes) > 0 {
		fmt.Fprintf(w, "\n%s（%d）\n", check.Pass.Label(), len(r.Passes))
		for i, f := range r.Passes {
			fmt.Fprintf(w, "  %d. %s", i+1, f.Message)
			if f.Arithmetic != "" {
				fmt.Fprintf(w, "：%s", f.Arithmetic)
			}
			fmt.Fprintf(w, "  [%s]\n", f.Rule)
		}
	}
	if !explain && len(r.Findings) > 0 {
		fmt.Fprintln(w, "\n加 --explain 查看每一项的说明与修改方法；加 --passes 查看通过的检查。")
	}
}

// printBySeverity writes findings grouped under 错误, 警告 and 提示 with their counts,
// numbering each group from 1; each writes one finding.
func printBySeverity(w io.Writer, findings []check.Finding, each func(n int, f check.Finding)) {
	for _, sev := range []check.Severity{check.Error, check.Warning, check.Info} {
		n := 0
		for _, f := range findings {
			if f.Severity == sev {
				n++
			}
		}
		if n == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s（%d）\n", sev.Label(), n)
		i := 0
		for _, f := range findings {
			if f.Severity == sev {
				i++
				each(i, f)
			}
		}
	}
}

func printFinding(w io.Writer, p *jixiao.Plan, n int, f check.Finding, explain bool) {
	fmt.Fprintf(w, "  %d. %s\n", n, f.Message)
	fmt.Fprintf(w, "     位置：%s  [%s]\n", check.Where(p, f.Path), f.Rule)
	if f.Arithmetic != "" {
		fmt.Fprintf(w, "     算式：%s\n", f.Arithmetic)
	}
	if s := f.Suggestion; s != nil {
		fmt.Fprintf(w, "     建议：%s\n", s.Text)
	}
	if explain && f.Explanation != "" {
		for _, line := range strings.Split(f.Explanation, "\n") {
			fmt.Fprintf(w, "     说明：%s\n", line)
		}
	}
}

// fileList is a flag given several times.
type fileList []string

func (l *fileList) String() string { return strings.Join(*l, ",") }

func (l *fileList) Set(v string) error {
	*l = append(*l, v)
	return nil
}
