package main

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"jixiao/document"
	"jixiao/render"
)

func init() {
	register(&command{
		Name:    "render",
		Summary: "把绩效目标表输出为可打印（A4）的 HTML 文件：部门整体支出绩效目标表、专项资金汇总表和各附件3",
		Usage:   "FILE [-o out.html] [--as-imported]",
		Run:     runRender,
	})
}

func runRender(ctx context.Context, e *env, args []string) error {
	c := commands["render"]
	fs := newFlags(e, c)
	year := addYearFlag(fs)
	out := fs.String("o", "", "输出的 HTML 文件；不给出时写到标准输出")
	asImported := fs.Bool("as-imported", false, "汇总表按导入文件原样输出（默认由各支出方向的数据生成，与附件3一致）")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	p, err := document.ReadFileWith(pos[0], document.Options{Year: *year})
	if err != nil {
		return err
	}
	// Render into memory first: a failed render leaves no half-written file behind.
	var buf bytes.Buffer
	if err := render.HTML(&buf, p, render.Options{AsImported: *asImported}); err != nil {
		return err
	}
	if *out == "" || *out == "-" {
		_, err := e.Stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("无法写入“%s”：%w", *out, err)
	}
	return nil
}
