package main

import (
	"context"

	"jixiao/document"
)

func init() {
	register(&command{
		Name:    "parse",
		Summary: "读取绩效目标表文件（文本表格等），以 JSON 输出其内容：预算、职责、重点工作、指标、专项资金及各附件3",
		Usage:   "FILE",
		Run:     runParse,
	})
}

// runParse prints the plan read from FILE as indented JSON: keys in lower camelCase,
// amounts as decimal strings in 万元 exactly as written.
func runParse(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["parse"])
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	p, err := document.ReadFile(pos[0])
	if err != nil {
		return err
	}
	return writeJSON(e.Stdout, p)
}
