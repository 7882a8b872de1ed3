package main

import (
	"context"
	"fmt"
	"strings"

	"jixiao"
)

func init() {
	register(&command{
		Name:    "frameworks",
		Summary: "列出已知的绩效指标体系（一级、二级指标及其别名、必填项）",
		Usage:   "[--format text|json] [--frameworks DIR]",
		Run:     runFrameworks,
	})
}

func runFrameworks(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["frameworks"])
	format := addFormatFlag(fs)
	fwDir := fs.String("frameworks", "", "从该目录另外读取指标体系文件（*.json）")
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
	c, err := loadChecker(*fwDir)
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(e.Stdout, c.Frameworks())
	}
	w := e.Stdout
	for i, fw := range c.Frameworks() {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s  %s\n", fw.ID, fw.Name)
		fmt.Fprintf(w, "  依据：%s\n", fw.Basis)
		fmt.Fprintf(w, "  %s\n", fw.Description)
		for _, l1 := range fw.Level1 {
			fmt.Fprintf(w, "  %s%s%s\n", l1.Name, required(l1.Required), aliases(l1.Aliases))
			for _, l2 := range l1.Level2 {
				fmt.Fprintf(w, "    └ %s%s%s\n", l2.Name, required(l2.Required), aliases(l2.Aliases))
			}
		}
	}
	return nil
}

func required(b bool) string {
	if b {
		return "（必填）"
	}
	return ""
}

func aliases(a []string) string {
	if len(a) == 0 {
		return ""
	}
	return "  又称：" + strings.Join(a, "、")
}
