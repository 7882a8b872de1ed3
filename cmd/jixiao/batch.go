package main

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"time"

	"jixiao"
	"jixiao/batch"
	"jixiao/check"
)

func init() {
	register(&command{
		Name:    "batch",
		Summary: "批量处理一个地区某年度的全部绩效目标：逐份审核（check）或导出 xlsx（export），逐份读取、不整体载入内存，并报告峰值内存；generate 生成测试数据",
		Usage:   "check|export|generate --year Y [--db 数据库] [--department CODE] [--out DIR|FILE.zip] [--plans N]",
		Run:     runBatch,
	})
}

func runBatch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["batch"])
	dsn := addDBFlag(fs)
	year := fs.Int("year", 0, "预算年度（必填）")
	dept := fs.String("department", "", "只处理该单位及其下属单位（单位编码）")
	out := fs.String("out", "", "export：输出目录，或以 .zip 结尾的压缩包")
	nPlans := fs.Int("plans", 0, "generate：生成的绩效目标（单位）数")
	workers := fs.Int("workers", 0, "generate：同时导入的绩效目标数（默认 4；PostgreSQL 可并行，SQLite 依次写入）；check、export：同时审核或生成 xlsx 的绩效目标数（默认 CPU 核数）")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != "check" && pos[0] != "export" && pos[0] != "generate") {
		fs.Usage()
		return errUsage
	}
	if *year == 0 {
		return jixiao.Errorf(jixiao.EINVALID, "请用 --year 指定预算年度。")
	}
	store, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer store.Close()
	filter := jixiao.PlanFilter{Year: *year, Department: *dept}
	if *workers <= 0 && pos[0] != "generate" {
		*workers = runtime.GOMAXPROCS(0)
	}
	t0 := time.Now()
	switch pos[0] {
	case "generate":
		if *nPlans <= 0 {
			return jixiao.Errorf(jixiao.EINVALID, "请用 --plans 指定要生成的绩效目标数。")
		}
		reg := batch.NewRegion(*nPlans, *year)
		if *workers <= 0 {
			*workers = 4
		}
		err = batch.Fill(ctx, store, reg, *workers, func(done int) {
			if done%1000 == 0 {
				fmt.Fprintf(e.Stderr, "已导入 %d / %d 份（%s）\n", done, reg.Len(), time.Since(t0).Round(time.Second))
			}
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "已生成 %d 个单位及其 %d 年度绩效目标，用时 %s。\n", reg.Len(), *year, time.Since(t0).Round(time.Millisecond))
	case "check":
		err = batchCheck(ctx, e, store, filter, *workers)
	case "export":
		if *out == "" {
			return jixiao.Errorf(jixiao.EINVALID, "请用 --out 指定输出目录或 .zip 文件。")
		}
		err = batchExport(ctx, e, store, filter, *out, *workers)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "用时 %s；峰值内存（VmHWM）%s；Go 运行时向系统申请的内存 %s。\n", time.Since(t0).Round(time.Millisecond),
		megabytes(batch.PeakRSS()), megabytes(int64(runtimeSys())))
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
// found the most. The plans are streamed from the store and checked by workers
// goroutines (batch.CheckPlans); the counts do not depend on their number.
func batchCheck(ctx context.Context, e *env, s jixiao.Store, f jixiao.PlanFilter, workers int) error {
	t, err := batch.CheckPlans(ctx, s, f, check.Default(), workers)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已审核 %d 份绩效目标（%d 个指标）：%d 份有错误；错误 %d 条，警告 %d 条，提示 %d 条。\n",
		t.Plans, t.Indicators, t.WithErrors, t.BySeverity[check.Error], t.BySeverity[check.Warning], t.BySeverity[check.Info])
	rules := make([]string, 0, len(t.ByRule))
	for r := range t.ByRule {
		rules = append(rules, r)
	}
	sort.Slice(rules, func(i, j int) bool {
		if t.ByRule[rules[i]] != t.ByRule[rules[j]] {
			return t.ByRule[rules[i]] > t.ByRule[rules[j]]
		}
		return rules[i] < rules[j]
	})
	for _, r := range rules[:min(len(rules), 10)] {
		fmt.Fprintf(e.Stdout, "  %-32s %d\n", r, t.ByRule[r])
	}
	return nil
}

// batchExport writes every plan as an xlsx workbook, CODE-YEAR.xlsx, into a directory or
// a zip file (batch.Export: streamed, workers goroutines, the same files whatever their
// number).
func batchExport(ctx context.Context, e *env, s jixiao.Store, f jixiao.PlanFilter, out string, workers int) error {
	n, size, err := batch.Export(ctx, s, f, out, workers)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已导出 %d 份绩效目标到 %s（%s）。\n", n, out, megabytes(size))
	return nil
}
