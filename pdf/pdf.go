// Package pdf prints a Plan's official tables to PDF: the HTML of package render, laid
// out and printed on A4 by a headless Chromium (through chromedp), in the Song (宋体)
// and Hei (黑体) faces of Noto CJK, with a running header (department, year, table
// title) and page numbers. Why Chromium and not a pure-Go PDF library: docs/pdf.md.
//
// Render starts a browser for one document. A server that prints often keeps a Printer,
// which starts the browser once and prints each document in a tab of its own.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"github.com/chromedp/chromedp"

	"jixiao"
	"jixiao/render"
)

// ErrNoChromium is returned when no Chromium (or Chrome) binary can be found.
var ErrNoChromium = &jixiao.Error{
	Code:    jixiao.EINTERNAL,
	Message: "未找到 Chromium：请安装 chromium 软件包（Debian/Ubuntu：apt-get install chromium fonts-noto-cjk），或用环境变量 JIXIAO_CHROMIUM 指定浏览器程序的路径。",
}

// DefaultTimeout bounds one Render when the context has no deadline of its own.
const DefaultTimeout = 90 * time.Second

// Options change what is printed and with which browser.
type Options struct {
	// AsImported prints the summary table as the imported document wrote it (see
	// render.Options.AsImported); by default it is derived from the fund items.
	AsImported bool

	// Chromium is the browser binary. Empty: $JIXIAO_CHROMIUM, else the first of
	// chromium, chromium-browser, google-chrome, google-chrome-stable on $PATH.
	Chromium string
}

// Chromium returns the path of the browser binary that opts selects, or ErrNoChromium.
func Chromium(opts Options) (string, error) {
	var names []string
	if opts.Chromium != "" {
		names = []string{opts.Chromium}
	} else {
		if env := os.Getenv("JIXIAO_CHROMIUM"); env != "" {
			names = append(names, env)
		}
		names = append(names, "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// Render prints p's tables (department, summary, one 附件3 per fund item) to a PDF. It
// starts a browser and stops it before it returns.
func Render(ctx context.Context, p *jixiao.Plan, opts Options) ([]byte, error) {
	pr, err := NewPrinter(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer pr.Close()
	return pr.Render(ctx, p, opts)
}

// RenderHTML prints a page jixiao rendered (render.SelfEvaluationReportHTML, …) to a PDF.
// It starts a browser and stops it before it returns.
func RenderHTML(ctx context.Context, page []byte, opts Options) ([]byte, error) {
	pr, err := NewPrinter(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer pr.Close()
	return pr.PrintHTML(ctx, page)
}

// PrintHTML prints a page rendered by package render in a new tab.
func (pr *Printer) PrintHTML(ctx context.Context, page []byte) ([]byte, error) {
	if len(page) == 0 {
		return nil, jixiao.Errorf(jixiao.EINVALID, "没有可输出的页面。")
	}
	return pr.print(ctx, page)
}

// Printer is a running headless browser that prints plans. It is safe for concurrent
// use; each Render prints in a tab of its own.
type Printer struct {
	dir           string // the browser's fresh profile and the pages it prints
	browser       context.Context
	cancelAlloc   context.CancelFunc
	cancelBrowser context.CancelFunc
	closeOnce     sync.Once
	seq           int
	mu            sync.Mutex
}

// NewPrinter starts a headless Chromium with a fresh profile in a temporary directory.
// The browser lives until Close, not until ctx ends; ctx bounds only the start.
func NewPrinter(ctx context.Context, opts Options) (*Printer, error) {
	path, err := Chromium(opts)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "jixiao-pdf-")
	if err != nil {
		return nil, fmt.Errorf("pdf: temporary directory: %w", err)
	}
	// The flags of docs/toolchain.md: no sandbox (containers run as root), no GPU, and
	// nothing that talks to the network on its own; a fresh profile every time.
	flags := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(ctx), flags...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	pr := &Printer{dir: dir, browser: bctx, cancelAlloc: cancelAlloc, cancelBrowser: cancelBrowser}

	// Start the browser now, so that a browser that cannot start fails here.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(bctx) }()
	select {
	case err = <-started:
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err != nil {
		pr.Close()
		return nil, fmt.Errorf("pdf: start %s: %w", path, err)
	}
	return pr, nil
}

// Close stops the browser and removes its temporary directory.
func (pr *Printer) Close() error {
	var err error
	pr.closeOnce.Do(func() {
		pr.cancelBrowser()
		pr.cancelAlloc()
		err = os.RemoveAll(pr.dir)
	})
	return err
}

// footer is Chromium's footer template: the page number and the page count, which the
// browser writes into the elements of class pageNumber and totalPages. A template sets
// its own font and size (the browser's default size is 0) and does not see the page's
// stylesheet.
const footer = `<div style="width:100%; margin:0 15mm; text-align:center; font-size:9pt; color:#333; font-family:'SimHei','Noto Sans CJK SC','Source Han Sans SC',sans-serif;">第 <span class="pageNumber"></span> 页　共 <span class="totalPages"></span> 页</div>`

// header is empty: the running header changes with the table (the title of the table a
// page belongs to), which one template for the whole document cannot do, so render
// draws it with CSS margin boxes on named pages (render.Options.PageHeader). An empty
// template keeps the browser from printing its own header (date and title).
const header = `<span></span>`

// Render prints p in a new tab of the printer's browser.
func (pr *Printer) Render(ctx context.Context, p *jixiao.Plan, opts Options) ([]byte, error) {
	if p == nil {
		return nil, jixiao.Errorf(jixiao.EINVALID, "没有可输出的绩效目标表。")
	}
	var page bytes.Buffer
	if err := render.HTML(&page, p, render.Options{AsImported: opts.AsImported, PageHeader: true}); err != nil {
		return nil, err
	}
	return pr.print(ctx, page.Bytes())
}

// print loads a page and prints it.
func (pr *Printer) print(ctx context.Context, page []byte) ([]byte, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	tab, done, err := pr.open(ctx, page)
	if err != nil {
		return nil, err
	}
	defer done()
	out, err := chromedp.Run(tab, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPreferCSSPageSize(), // the margins of render's @page rule
		chromedp.PDFPrintBackground(),
		chromedp.PDFHeaderTemplate(header),
		chromedp.PDFFooterTemplate(footer),
		chromedp.PDFStream(),
	))
	if err != nil {
		return nil, pr.err(ctx, "print", err)
	}
	return out, nil
}

// open loads a page in a new tab and returns the tab's context; done closes the tab.
// The page is written to a file in the printer's directory: a file: URL has no size
// limit, and the page refers to nothing outside itself. The caller's cancellation
// closes the tab.
func (pr *Printer) open(ctx context.Context, page []byte) (tab context.Context, done func(), err error) {
	pr.mu.Lock()
	pr.seq++
	name := filepath.Join(pr.dir, fmt.Sprintf("page-%d.html", pr.seq))
	pr.mu.Unlock()
	if err := os.WriteFile(name, page, 0o600); err != nil {
		return nil, nil, fmt.Errorf("pdf: write page: %w", err)
	}
	tab, cancelTab := chromedp.NewContext(pr.browser)
	stop := context.AfterFunc(ctx, cancelTab)
	done = func() {
		stop()
		cancelTab()
		os.Remove(name)
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(name)}
	if err := chromedp.Do(tab, chromedp.Navigate(u.String())); err != nil {
		done()
		return nil, nil, pr.err(ctx, "load page", err)
	}
	return tab, done, nil
}

func (pr *Printer) err(ctx context.Context, step string, err error) error {
	if ctx.Err() != nil {
		err = errors.Join(ctx.Err(), err)
	}
	return fmt.Errorf("pdf: %s: %w", step, err)
}
