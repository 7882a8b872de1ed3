package main

import (
	"context"

	"jixiao/document"
	"jixiao/selfeval"
)

func init() {
	register(&command{
		Name:    "parse",
		Summary: "读取绩效目标表文件（文本表格等），以 JSON 输出其内容：预算、职责、重点工作、指标、专项资金及各附件3；绩效监控表则输出资金执行和指标完成情况",
		Usage:   "FILE",
		Run:     runParse,
	})
}

// runParse prints the plan read from FILE as indented JSON: keys in lower camelCase,
// amounts as decimal strings in 万元 exactly as written.
func runParse(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["parse"])
	year := addYearFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	// A monitoring table (监控表) is read by the monitoring reader; anything else by the
	// target reader.
	if tables, err := readCells(pos[0]); err == nil && selfeval.IsMonitoring(tables) {
		recs, err := selfeval.ReadAllMonitoring(pos[0], tables)
		if err != nil {
			return err
		}
		if len(recs) == 1 {
			return writeJSON(e.Stdout, recs[0])
		}
		return writeJSON(e.Stdout, recs)
	}
	p, err := document.ReadFileWith(pos[0], document.Options{Year: *year})
	if err != nil {
		return err
	}
	return writeJSON(e.Stdout, p)
}
