package main

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"jixiao"
	"jixiao/bench"
	"jixiao/check"
	"jixiao/xlsx"
)

func init() {
	register(&command{
		Name:    "batch",
		Summary: "批量处理一个地区某年度的全部计划：逐份审核（check）或导出 xlsx（export），逐份读取、不整体载入内存，并报告峰值内存；generate 生成测试数据",
		Usage:   "check|export|generate --year Y [--db 数据库] [--department CODE] [--out DIR|FILE.zip] [--plans N]",
		Run:     runBatch,
	})
}

// batchPage is how many plan summaries are read at a time. Large, because each page of
// the SQLite store's listing costs about as much as the whole list (it counts every
// plan's revisions before sorting: reported to storage); 5,000 summaries are ~2 MB.
var batchPage = 5000

// eachPlan calls fn with every plan of the filter, current version, one at a time: the
// list is read page by page (Limit/Offset) and each plan is read by its id when its turn
// comes, so memory holds one page of summaries and one plan, whatever the region's size.
func eachPlan(ctx context.Context, s jixiao.Store, f jixiao.PlanFilter, fn func(p *jixiao.Plan) error) (int, error) {
	n := 0
	f.Limit = batchPage
	for f.Offset = 0; ; f.Offset += batchPage {
		page, _, err := s.Plans(ctx, f)
		if err != nil {
			return n, err
		}
		for _, sum := range page {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			p, err := s.Plan(ctx, sum.ID)
			if err != nil {
				return n, err
			}
			if err := fn(p); err != nil {
				return n, err
			}
			n++
		}
		if len(page) < batchPage {
			return n, nil
		}
	}
}

func runBatch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["batch"])
	dsn := addDBFlag(fs)
	year := fs.Int("year", 0, "预算年度（必填）")
	dept := fs.String("department", "", "只处理该单位及其下属单位（单位编码）")
	out := fs.String("out", "", "export：输出目录，或以 .zip 结尾的压缩包")
	nPlans := fs.Int("plans", 0, "generate：生成的计划（单位）数")
	workers := fs.Int("workers", 4, "generate：同时导入的计划数（PostgreSQL 可并行，SQLite 依次写入）")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != "check" && pos[0] != "export" && pos[0] != "generate") {
		fs.Usage()
		return errUsage
	}
	if *year == 0 {
		return jixiao.Errorf(jixiao.EINVALID, "请用 --year 指定预算年度")
	}
	store, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer store.Close()
	filter := jixiao.PlanFilter{Year: *year, Department: *dept}
	t0 := time.Now()
	switch pos[0] {
	case "generate":
		if *nPlans <= 0 {
			return jixiao.Errorf(jixiao.EINVALID, "请用 --plans 指定要生成的计划数")
		}
		reg := bench.NewRegion(*nPlans, *year)
		err = bench.Fill(ctx, store, reg, *workers, func(done int) {
			if done%1000 == 0 {
				fmt.Fprintf(e.Stderr, "已导入 %d / %d 份（%s）\n", done, reg.Len(), time.Since(t0).Round(time.Second))
			}
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "已生成 %d 个单位及其 %d 年度绩效目标，用时 %s。\n", reg.Len(), *year, time.Since(t0).Round(time.Millisecond))
	case "check":
		err = batchCheck(ctx, e, store, filter)
	case "export":
		if *out == "" {
			return jixiao.Errorf(jixiao.EINVALID, "请用 --out 指定输出目录或 .zip 文件")
		}
		err = batchExport(ctx, e, store, filter, *out)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "用时 %s；峰值内存（VmHWM）%s；Go 运行时向系统申请的内存 %s。\n", time.Since(t0).Round(time.Millisecond),
		megabytes(bench.PeakRSS()), megabytes(int64(runtimeSys())))
	return nil
}

func runtimeSys() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.Sys
}

func megabytes(b int64) string {
	if b <= 0 {
		return "未知"
	}
	return fmt.Sprintf("%.1f MB", float64(b)/(1<<20))
}

// batchCheck checks every plan and prints the counts by severity and the rules that
// found the most.
func batchCheck(ctx context.Context, e *env, s jixiao.Store, f jixiao.PlanFilter) error {
	c := check.Default()
	bySev := map[check.Severity]int{}
	byRule := map[string]int{}
	indicators, withErrors := 0, 0
	n, err := eachPlan(ctx, s, f, func(p *jixiao.Plan) error {
		indicators += p.IndicatorCount()
		r := c.Check(p, check.Options{})
		hasErr := false
		for _, fd := range r.Findings {
			bySev[fd.Severity]++
			byRule[fd.Rule]++
			hasErr = hasErr || fd.Severity == check.Error
		}
		if hasErr {
			withErrors++
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已审核 %d 份计划（%d 个指标）：%d 份有错误；错误 %d 条，警告 %d 条，提示 %d 条。\n",
		n, indicators, withErrors, bySev[check.Error], bySev[check.Warning], bySev[check.Info])
	rules := make([]string, 0, len(byRule))
	for r := range byRule {
		rules = append(rules, r)
	}
	sort.Slice(rules, func(i, j int) bool {
		if byRule[rules[i]] != byRule[rules[j]] {
			return byRule[rules[i]] > byRule[rules[j]]
		}
		return rules[i] < rules[j]
	})
	for _, r := range rules[:min(len(rules), 10)] {
		fmt.Fprintf(e.Stdout, "  %-32s %d\n", r, byRule[r])
	}
	return nil
}

// batchExport writes every plan as an xlsx workbook, CODE-YEAR.xlsx, into a directory or
// a zip file; each workbook is written and dropped before the next plan is read.
func batchExport(ctx context.Context, e *env, s jixiao.Store, f jixiao.PlanFilter, out string) error {
	var zw *zip.Writer
	var zf *os.File
	if strings.HasSuffix(strings.ToLower(out), ".zip") {
		var err error
		zf, err = os.Create(out)
		if err != nil {
			return fmt.Errorf("create %s: %w", out, err)
		}
		defer zf.Close()
		zw = zip.NewWriter(zf)
	} else if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	var bytes int64
	n, err := eachPlan(ctx, s, f, func(p *jixiao.Plan) error {
		name := fmt.Sprintf("%s-%d.xlsx", safeFileName(p.DepartmentCode), p.Year)
		var w io.Writer
		var file *os.File
		if zw != nil {
			zfw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Modified: time.Now()})
			if err != nil {
				return err
			}
			w = zfw
		} else {
			var err error
			file, err = os.Create(filepath.Join(out, name))
			if err != nil {
				return fmt.Errorf("create %s: %w", name, err)
			}
			w = file
		}
		cw := &countingWriter{w: w}
		err := xlsx.Write(cw, p)
		if file != nil {
			if e := file.Close(); err == nil {
				err = e
			}
		}
		bytes += cw.n
		return err
	})
	if err != nil {
		return err
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return fmt.Errorf("write %s: %w", out, err)
		}
		if err := zf.Close(); err != nil {
			return fmt.Errorf("write %s: %w", out, err)
		}
	}
	fmt.Fprintf(e.Stdout, "已导出 %d 份计划到 %s（%s）。\n", n, out, megabytes(bytes))
	return nil
}

// countingWriter counts what passes through it. (xlsx files are already deflated, so the
// zip stores them as they are.)
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// safeFileName keeps a department code usable as a file name.
func safeFileName(s string) string {
	if s == "" {
		return "plan"
	}
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' {
			return '_'
		}
		return r
	}, s)
}
