package main

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"jixiao"
	"jixiao/bench"
)

func init() {
	register(&command{
		Name:    "bench",
		Summary: "性能基准：解析、审核、监控预警、自评计分、导入（SQLite/PostgreSQL）、xlsx 导出、网页并发，与各自的下限对照并判定是否达标",
		Usage:   "[--quick] [--out docs/PERFORMANCE.md] [--postgres URL] [--only parse,check,monitor,score,import,xlsx,web,dashboard]",
		Run:     runBench,
	})
}

// Markers around the part of docs/PERFORMANCE.md that the command rewrites; what lies
// outside them (notes, the memory and province-scale measurements) is kept.
const (
	benchBegin = "<!-- jixiao bench: begin (written by the command, do not edit) -->"
	benchEnd   = "<!-- jixiao bench: end -->"
)

// runBench runs the benchmarks and prints the table. With --quick (CI) it runs small
// sizes and fails (exit 1) when a goal is missed by more than twice or a workload cannot
// run; without it, it runs the issues' sizes, fails when a goal is missed, and writes
// the table with the machine and the command into --out.
func runBench(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["bench"])
	quick := fs.Bool("quick", false, "小规模快速运行（CI 用，3 分钟内）；任一指标偏离目标超过一倍即失败")
	out := fs.String("out", "", "把结果表写入该 Markdown 文件（完整运行默认 docs/PERFORMANCE.md；--quick 默认不写）")
	pg := fs.String("postgres", "", "PostgreSQL 地址（需有建库权限）；默认读取 JIXIAO_TEST_POSTGRES，未给出则跳过 PostgreSQL 项")
	only := fs.String("only", "", "只运行这些项，逗号分隔：parse,check,monitor,score,import,xlsx,web,dashboard")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fs.Usage()
		return errUsage
	}
	if *pg == "" {
		*pg = e.Getenv("JIXIAO_TEST_POSTGRES")
	}
	if !*quick && *out == "" {
		*out = filepath.Join("docs", "PERFORMANCE.md")
	}
	cfg := bench.Config{
		Quick:           *quick,
		Postgres:        *pg,
		RequirePostgres: e.Getenv("CI") == "true",
		Open:            openStore,
		Log:             e.Stderr,
	}
	if *only != "" {
		for _, s := range strings.Split(*only, ",") {
			s = strings.TrimSpace(s)
			switch s {
			case "parse", "check", "monitor", "score", "import", "xlsx", "web", "dashboard":
				cfg.Only = append(cfg.Only, s)
			default:
				return jixiao.Errorf(jixiao.EINVALID, "--only 中的“%s”不是基准项；可用的有“parse”“check”“monitor”“score”“import”“xlsx”“web”“dashboard”。", s)
			}
		}
	}
	machine := bench.ThisMachine()
	rs, err := bench.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if err := bench.WriteText(e.Stdout, rs); err != nil {
		return err
	}
	if *out != "" {
		cmdline := "jixiao bench " + strings.Join(redactArgs(args), " ")
		if err := writePerformance(*out, rs, machine, strings.TrimSpace(cmdline), *pg != ""); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "已写入 %s\n", *out)
	}
	if bench.AnyFailed(rs, *quick) {
		if *quick {
			fmt.Fprintln(e.Stderr, "jixiao bench：有指标偏离目标超过一倍，或有基准项无法运行。")
		} else {
			fmt.Fprintln(e.Stderr, "jixiao bench：有指标未达目标，或有基准项无法运行。")
		}
		return exitError{code: 1}
	}
	return nil
}

// redactArgs hides the password of a database URL among args: the command line is
// written into a file that is committed.
func redactArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		k, v, eq := strings.Cut(a, "=")
		if !eq || !strings.HasPrefix(a, "-") {
			eq = false
			k, v = "", a
		}
		if u, err := url.Parse(v); err == nil && u.User != nil {
			if _, has := u.User.Password(); has {
				v = u.Redacted()
				if eq {
					v = k + "=" + v
				}
				out[i] = v
			}
		}
	}
	return out
}

// writePerformance puts the table between the markers of path, creating the file when
// it does not exist, and keeps the rest of it.
func writePerformance(path string, rs []bench.Result, m bench.Machine, cmdline string, withPG bool) error {
	var b bytes.Buffer
	b.WriteString(benchBegin + "\n")
	fmt.Fprintf(&b, "Command: `%s`", cmdline)
	if withPG {
		b.WriteString(" (PostgreSQL from --postgres / JIXIAO_TEST_POSTGRES)")
	}
	b.WriteString("\n\n")
	bench.WriteMachine(&b, m)
	b.WriteString("\n")
	bench.WriteMarkdown(&b, rs)
	b.WriteString(benchEnd + "\n")

	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("read %s: %w", path, err)
	}
	var doc string
	s := string(old)
	i, j := strings.Index(s, benchBegin), strings.Index(s, benchEnd)
	switch {
	case i >= 0 && j > i:
		doc = s[:i] + b.String() + strings.TrimPrefix(s[j+len(benchEnd):], "\n")
	case len(old) > 0:
		doc = strings.TrimRight(s, "\n") + "\n\n" + b.String()
	default:
		doc = "# Performance\n\nWritten by `jixiao bench` (package bench): every workload beside its floor, in one run.\n\n" + b.String()
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(doc), 0o644)
}
