package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"jixiao"
	"jixiao/document"
)

func init() {
	register(&command{
		Name:    "import",
		Summary: "导入绩效目标文件到数据库：每个文件要么完整存入，要么不留痕迹",
		Usage:   "文件... [--db 数据库] [--author 姓名]",
		Run:     runImport,
	})
}

// readPlanFile reads one file to import; tests replace it.
var readPlanFile = document.ReadFileWith

func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, commands["import"])
	db := addDBFlag(fs)
	author := fs.String("author", "", "记入修订的导入人（默认为当前系统用户）")
	year := addYearFlag(fs)
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fs.Usage()
		return errUsage
	}
	if *author == "" {
		*author = e.Getenv("USER")
		if *author == "" {
			*author = "命令行导入"
		}
	}
	s, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()

	bar := newProgress(e.Stdout, len(files))
	var failed, created, revised int
	for i, path := range files {
		if ctx.Err() != nil {
			bar.line(fmt.Sprintf("已中断：其余 %d 个文件未导入", len(files)-i))
			failed += len(files) - i
			break
		}
		bar.step(i, path)
		msg, isNew, err := importOne(ctx, s, path, *author, document.Options{Year: *year})
		if err != nil {
			failed++
			bar.line("✗ " + path + "：" + importErrorMessage(err))
			continue
		}
		if isNew {
			created++
		} else {
			revised++
		}
		bar.done(msg)
	}
	bar.finish()
	fmt.Fprintf(e.Stdout, "导入完成：新建 %d 份，新版本 %d 份，失败 %d 个文件\n", created, revised, failed)
	if failed > 0 {
		return jixiao.Errorf(jixiao.EINVALID, "%d 个文件导入失败，数据库中没有留下它们的任何内容；其余文件已导入。", failed)
	}
	return nil
}

// importOne reads and stores one file in its own transaction.
func importOne(ctx context.Context, s jixiao.Store, path, author string, opt document.Options) (msg string, created bool, err error) {
	p, err := readPlanFile(path, opt)
	if err != nil {
		return "", false, err
	}
	created, err = s.ImportPlan(ctx, p, jixiao.SaveInfo{Author: author, Reason: "导入文件 " + filepath.Base(path)})
	if err != nil {
		return "", false, err
	}
	what := fmt.Sprintf("新版本（第 %d 版）", p.Version)
	if created {
		what = "新建"
	}
	return fmt.Sprintf("✓ %s：%s %d 年度，%d 条指标，绩效目标 %d %s", path, p.Department, p.Year, p.IndicatorCount(), p.ID, what), created, nil
}

func importErrorMessage(err error) string {
	if jixiao.ErrorCode(err) == jixiao.EINTERNAL {
		return "内部错误：" + err.Error()
	}
	return jixiao.ErrorMessage(err)
}

// progress shows an import: on a terminal a bar redrawn in place with \r, with
// failures printed above it; elsewhere (a pipe, a log) one plain line per file.
type progress struct {
	w     io.Writer
	tty   bool
	total int
	n     int
	cur   string
}

func newProgress(w io.Writer, total int) *progress {
	tty := false
	if f, ok := w.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	return &progress{w: w, tty: tty, total: total}
}

func (p *progress) draw() {
	if !p.tty {
		return
	}
	const width = 30
	filled := width * p.n / max(p.total, 1)
	name := p.cur
	if r := []rune(name); len(r) > 40 {
		name = "…" + string(r[len(r)-39:])
	}
	fmt.Fprintf(p.w, "\r\033[K[%s%s] %d/%d %s", strings.Repeat("█", filled), strings.Repeat("░", width-filled), p.n, p.total, name)
}

// step says that file i is being imported.
func (p *progress) step(i int, path string) {
	p.n, p.cur = i, path
	p.draw()
}

// done records a file that went in: a line when not a terminal.
func (p *progress) done(msg string) {
	p.n++
	if !p.tty {
		fmt.Fprintln(p.w, msg)
		return
	}
	p.draw()
}

// line prints a message that stays (a failure), above the bar on a terminal.
func (p *progress) line(msg string) {
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
	fmt.Fprintln(p.w, msg)
	p.n++
	p.draw()
}

func (p *progress) finish() {
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
