package main

import (
	"context"
	"fmt"
	"strings"

	"jixiao"
)

func init() {
	register(&command{
		Name:    "rules",
		Summary: "列出全部审核规则：编号、严重程度、来源（内置或规则包）与说明",
		Usage:   "[--format text|json] [--frameworks DIR] [--rules DIR]",
		Run:     runRules,
	})
}

func runRules(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["rules"])
	format := addFormatFlag(fs)
	fwDir := fs.String("frameworks", "", "从该目录另外读取指标体系文件（*.json）")
	rulesDir := fs.String("rules", "", "从该目录另外读取规则包和用词表文件（*.json）")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
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
	rules := c.Rules()
	if *format == "json" {
		return writeJSON(e.Stdout, rules)
	}
	fmt.Fprintf(e.Stdout, "审核规则（%d 条）\n", len(rules))
	for _, r := range rules {
		src := "内置"
		if r.Source != "go" {
			src = "规则包 " + r.Source
			if len(r.Frameworks) > 0 && r.Frameworks[0] != "*" {
				src += "，适用于 " + strings.Join(r.Frameworks, "、")
			}
		}
		fmt.Fprintf(e.Stdout, "\n%s  [%s，%s]\n  %s\n", r.ID, r.Severity.Label(), src, r.Title)
		if r.Assert != "" {
			fmt.Fprintf(e.Stdout, "  条件（%s）：%s\n", r.Scope, r.Assert)
		}
		fmt.Fprintf(e.Stdout, "  说明：%s\n", r.Explanation)
	}
	return nil
}
