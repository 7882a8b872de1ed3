package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"jixiao"
	"jixiao/check"
	"jixiao/xlsx"
)

func init() {
	register(&command{
		Name:    "template",
		Summary: "生成空白的绩效目标填报模板（xlsx），一级/二级指标带下拉列表，填好后可用 import 导入",
		Usage:   "--year Y [--framework F | --layout L] -o blank.xlsx",
		Run:     runTemplate,
	})
}

func runTemplate(ctx context.Context, e *env, args []string) error {
	c := commands["template"]
	fs := newFlags(e, c)
	year := fs.Int("year", time.Now().Year()+1, "预算年度")
	fwID := fs.String("framework", "hunan-2021", "指标体系："+strings.Join(check.Default().FrameworkIDs(), "、"))
	layoutID := fs.String("layout", "", "填报样式（给出时按其指标体系）："+layoutIDs())
	out := fs.String("o", "", "输出的 xlsx 文件")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *out == "" || *out == "-" {
		fs.Usage()
		return errUsage
	}
	if *year < 1900 || *year > 2200 {
		return jixiao.Errorf(jixiao.EINVALID, "预算年度“%d”不在 1900–2200 之间。", *year)
	}
	var layout jixiao.Layout
	if *layoutID != "" {
		l, ok := jixiao.LayoutByID(*layoutID)
		if !ok {
			return jixiao.Errorf(jixiao.EINVALID, "未知的填报样式“%s”：可用的有 %s。", *layoutID, layoutIDs())
		}
		layout, *fwID = l, l.Framework
	}
	fw := check.Default().Framework(*fwID)
	if fw == nil {
		return jixiao.Errorf(jixiao.EINVALID, "未知的指标体系“%s”：可用的有 %s。", *fwID, strings.Join(check.Default().FrameworkIDs(), "、"))
	}
	var buf bytes.Buffer
	write := xlsx.Template
	if layout.Projects {
		write = xlsx.ProjectTemplate
	}
	if err := write(&buf, *year, fw); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	return nil
}

// layoutIDs lists the layouts' ids for the usage and messages.
func layoutIDs() string {
	ids := make([]string, len(jixiao.Layouts))
	for i, l := range jixiao.Layouts {
		ids[i] = l.ID
	}
	return strings.Join(ids, "、")
}
