package http

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"jixiao"
	"jixiao/check"
	"jixiao/pdf"
	"jixiao/xlsx"
)

const (
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	pdfType  = "application/pdf"
)

// attachment sets the headers of a download named name (Chinese allowed): an ASCII
// fallback for old clients and the real name RFC 5987-encoded (filename*=UTF-8”…).
func attachment(w http.ResponseWriter, contentType, fallback, name string) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", "attachment; filename=\""+fallback+"\"; filename*=UTF-8''"+url.PathEscape(name))
	h.Set("Cache-Control", "no-store")
}

// planFileName is the download name of a plan: "统战部-2021年预算绩效目标.xlsx".
func planFileName(p *jixiao.Plan, ext string) string {
	dept := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, p.Department)
	if dept == "" {
		dept = "绩效目标"
	}
	return fmt.Sprintf("%s-%d年预算绩效目标.%s", dept, p.Year, ext)
}

// planExportXLSX downloads the plan as a workbook, one sheet per official table
// (GET /plans/{id}/export.xlsx).
func planExportXLSX(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	p, err := s.planVersion(r.Context(), r, c) // ?version=N: that version
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, p); err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("导出 xlsx（第 %d 版）", p.Version)
	attachment(w, xlsxType, fmt.Sprintf("plan-%d.xlsx", p.ID), versionFileName(p, c.plan, "xlsx"))
	w.Write(buf.Bytes())
	return nil
}

// planExportPDF downloads the plan's official tables as a PDF printed by the server's
// shared headless Chromium (GET /plans/{id}/export.pdf). Without Chromium the answer is
// 503 with a page saying so.
func planExportPDF(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	p, err := s.planVersion(r.Context(), r, c) // ?version=N: that version
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), pdf.DefaultTimeout)
	defer cancel()
	b, err := s.printPDF(ctx, p)
	if errors.Is(err, pdf.ErrNoChromium) {
		s.noChromium(w, r, c)
		return nil
	} else if err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("导出 PDF（第 %d 版）", p.Version)
	attachment(w, pdfType, fmt.Sprintf("plan-%d.pdf", p.ID), versionFileName(p, c.plan, "pdf"))
	w.Write(b)
	return nil
}

// noChromium answers a PDF download on a server without Chromium: 503 and a page that
// says so and what to do instead.
func (s *Server) noChromium(w http.ResponseWriter, r *http.Request, c *reqCtx) {
	c.auditDetail = "导出 PDF：服务器未安装 Chromium"
	p := &errorPage{Status: http.StatusServiceUnavailable,
		Message: "服务器未安装用于生成 PDF 的 Chromium 浏览器，暂时无法下载 PDF。请联系系统管理员安装（Debian/Ubuntu：apt-get install chromium fonts-noto-cjk），或先下载 Excel 文件、使用打印视图。"}
	p.Title = "暂时无法生成 PDF"
	s.render(w, r, c, http.StatusServiceUnavailable, "error", p)
}

// pdfPrinter is the server's one headless browser, started on the first PDF download
// and closed by Close (on shutdown).
type pdfPrinter struct {
	mu      sync.Mutex
	pr      *pdf.Printer
	closed  bool
	options pdf.Options
}

// printPDF prints p with the shared printer, starting it when needed. A printer that
// fails to print (the browser died) is closed and started afresh on the next request.
func (s *Server) printPDF(ctx context.Context, p *jixiao.Plan) ([]byte, error) {
	return s.withPrinter(ctx, func(pr *pdf.Printer) ([]byte, error) { return pr.Render(ctx, p, s.pdf.options) })
}

// printPage prints a whole HTML document (a report) with the shared printer.
func (s *Server) printPage(ctx context.Context, page []byte) ([]byte, error) {
	return s.withPrinter(ctx, func(pr *pdf.Printer) ([]byte, error) { return pr.PrintHTML(ctx, page) })
}

// withPrinter runs print with the shared printer, starting it when needed.
func (s *Server) withPrinter(ctx context.Context, print func(*pdf.Printer) ([]byte, error)) ([]byte, error) {
	s.pdf.mu.Lock()
	if s.pdf.closed {
		s.pdf.mu.Unlock()
		return nil, jixiao.Errorf(jixiao.EINTERNAL, "服务器正在停止。")
	}
	pr := s.pdf.pr
	if pr == nil {
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		var err error
		pr, err = pdf.NewPrinter(sctx, s.pdf.options)
		cancel()
		if err != nil {
			s.pdf.mu.Unlock()
			return nil, err
		}
		s.pdf.pr = pr
	}
	s.pdf.mu.Unlock()
	b, err := print(pr)
	if err != nil && ctx.Err() == nil {
		s.pdf.mu.Lock()
		if s.pdf.pr == pr {
			s.pdf.pr = nil
			pr.Close()
		}
		s.pdf.mu.Unlock()
	}
	return b, err
}

// Close stops what the server started on its own: the PDF printer's browser, and waits
// for what it runs beside the pages (navcounts.go). Serve calls it on shutdown; a server
// used as a plain http.Handler should call it when done.
func (s *Server) Close() error {
	s.background.Wait()
	s.pdf.mu.Lock()
	defer s.pdf.mu.Unlock()
	s.pdf.closed = true
	if s.pdf.pr == nil {
		return nil
	}
	err := s.pdf.pr.Close()
	s.pdf.pr = nil
	return err
}

// templateDownload downloads the blank fill-in workbook for a year and an indicator
// framework (GET /template.xlsx?year=&framework=).
func templateDownload(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	year := s.cfg.Now().In(jixiao.ChinaTime()).Year() + 1
	if v := r.URL.Query().Get("year"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1900 || n > 2200 {
			return jixiao.Errorf(jixiao.EINVALID, "预算年度“%s”不在 1900–2200 之间。", v)
		}
		year = n
	}
	fwID := r.URL.Query().Get("framework")
	var layout jixiao.Layout
	if id := r.URL.Query().Get("layout"); id != "" {
		l, ok := jixiao.LayoutByID(id)
		if !ok {
			return jixiao.Errorf(jixiao.EINVALID, "未知的填报样式“%s”。", id)
		}
		layout, fwID = l, l.Framework
	}
	if fwID == "" {
		fwID = defaultFramework
	}
	fw := check.Default().Framework(fwID)
	if fw == nil {
		return jixiao.Errorf(jixiao.EINVALID, "未知的指标体系“%s”：可用的有 %s。", fwID, strings.Join(check.Default().FrameworkIDs(), "、"))
	}
	var buf bytes.Buffer
	if layout.Projects {
		if err := xlsx.ProjectTemplate(&buf, year, fw); err != nil {
			return err
		}
		c.auditDetail = fmt.Sprintf("下载 %d 年项目支出绩效目标表模板（%s）", year, layout.ID)
		attachment(w, xlsxType, fmt.Sprintf("template-%d-%s.xlsx", year, layout.ID), fmt.Sprintf("%d年项目支出绩效目标表填报模板.xlsx", year))
		w.Write(buf.Bytes())
		return nil
	}
	if err := xlsx.Template(&buf, year, fw); err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("下载 %d 年填报模板（%s）", year, fw.ID)
	attachment(w, xlsxType, fmt.Sprintf("template-%d.xlsx", year), fmt.Sprintf("%d年预算绩效目标填报模板.xlsx", year))
	w.Write(buf.Bytes())
	return nil
}

// defaultFramework is the indicator framework of the template when none is asked for.
const defaultFramework = "hunan-2021"
