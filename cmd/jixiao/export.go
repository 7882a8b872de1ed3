package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/document"
	"jixiao/opendata"
	"jixiao/score"
	"jixiao/xlsx"
)

func init() {
	register(&command{
		Name:    "export",
		Summary: "把绩效目标表导出为 Excel（xlsx）、PDF、JSON 或 CSV（开放数据），或生成年终绩效自评表的填报模板（selfeval，xlsx）",
		Usage:   "PLAN|FILE --as xlsx|pdf|json|csv|selfeval -o OUT [--db DSN]",
		Run:     runExport,
	})
}

// renderPDF prints a plan as PDF; export_pdf.go sets it to pdf.Render.
var renderPDF func(ctx context.Context, p *jixiao.Plan) ([]byte, error)

// printHTML prints a rendered page as PDF; export_pdf.go sets it to pdf.RenderHTML.
var printHTML func(ctx context.Context, page []byte) ([]byte, error)

// exportFormats are the values of --as.
var exportFormats = []string{"xlsx", "pdf", "json", "csv", "selfeval"}

func runExport(ctx context.Context, e *env, args []string) error {
	c := commands["export"]
	fs := newFlags(e, c)
	year := addYearFlag(fs)
	as := fs.String("as", "", "导出格式："+strings.Join(exportFormats, "、"))
	out := fs.String("o", "", "输出文件；csv 时为目录，或以 .zip 结尾的压缩包；json 可用 - 表示标准输出")
	dsn := addDBFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *as == "" || *out == "" {
		fs.Usage()
		return errUsage
	}
	format := strings.ToLower(*as)
	known := false
	for _, f := range exportFormats {
		known = known || f == format
	}
	if !known {
		return jixiao.Errorf(jixiao.EINVALID, "不支持的导出格式“%s”：请使用 %s。", *as, strings.Join(exportFormats, "、"))
	}
	if *out == "-" && format != "json" {
		return jixiao.Errorf(jixiao.EINVALID, "%s 格式不能写到标准输出，请用 -o 给出文件名。", format)
	}
	p, err := exportSource(ctx, pos[0], *dsn, document.Options{Year: *year})
	if err != nil {
		return err
	}
	// Everything but a CSV directory is made in memory first, so that a failure leaves no
	// half-written file behind.
	var buf bytes.Buffer
	switch format {
	case "xlsx":
		err = xlsx.Write(&buf, p)
	case "pdf":
		if renderPDF == nil {
			return jixiao.Errorf(jixiao.EINTERNAL, "此版本未包含 PDF 输出。")
		}
		var b []byte
		b, err = renderPDF(ctx, p)
		buf.Write(b)
	case "json":
		err = opendata.WriteJSON(&buf, p)
	case "selfeval":
		// The year-end self-evaluation template: targets, points and budget from the plan.
		var rule *score.Rule
		if rule, err = score.Lookup(""); err == nil {
			err = xlsx.WriteSelfEvaluations(&buf, rule.Blank(p))
		}
	case "csv":
		plans := []*jixiao.Plan{p}
		if !strings.HasSuffix(strings.ToLower(*out), ".zip") {
			return opendata.WriteDir(*out, plans)
		}
		err = opendata.WriteZip(&buf, plans)
	}
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err := e.Stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	return nil
}

// exportSource reads what to export: a document file when the argument names one, else
// a stored plan by its number.
func exportSource(ctx context.Context, arg, dsn string, opt document.Options) (*jixiao.Plan, error) {
	if _, err := os.Stat(arg); err == nil {
		return document.ReadFileWith(arg, opt)
	}
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || id <= 0 {
		return nil, jixiao.Errorf(jixiao.EINVALID, "“%s”既不是存在的文件，也不是绩效目标申报编号。", arg)
	}
	st, err := openStore(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return st.Plan(ctx, id)
}
