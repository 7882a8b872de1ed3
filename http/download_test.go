package http_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"jixiao"
	jxhttp "jixiao/http"
	"jixiao/pdf"
	"jixiao/xlsx"
)

// getFile fetches path and returns status, headers and body.
func (c *client) getFile(path string) (int, http.Header, []byte) {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.f.ts.URL+path, nil)
	st, body, h := c.do(req)
	return st, h, []byte(body)
}

func TestExportXLSX(t *testing.T) {
	f := newFixture(t)
	c := f.login("leader")
	_, page := c.get(pathOf(f.demo))
	if !strings.Contains(page, `href="`+pathOf(f.demo)+`/export.xlsx"`) || !strings.Contains(page, `/export.pdf"`) {
		t.Fatalf("no download buttons on the overview:\n%s", snippet(page))
	}
	st, h, b := c.getFile(pathOf(f.demo) + "/export.xlsx")
	if st != 200 {
		t.Fatalf("status %d: %s", st, b)
	}
	if ct := h.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("content type %q", ct)
	}
	p, err := xlsx.Read("export.xlsx", b)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := f.store.Plan(context.Background(), f.demo)
	if err != nil {
		t.Fatal(err)
	}
	cd := h.Get("Content-Disposition")
	if want := "filename*=UTF-8''" + url.PathEscape(stored.Department+"-2021年预算绩效目标.xlsx"); !strings.HasPrefix(cd, "attachment;") || !strings.HasSuffix(cd, want) {
		t.Errorf("content disposition %q, want …%s", cd, want)
	}
	if p.Department != stored.Department || p.Year != stored.Year || len(p.Indicators) != len(stored.Indicators) {
		t.Errorf("read back %q %d (%d indicators), want %q %d (%d)", p.Department, p.Year, len(p.Indicators),
			stored.Department, stored.Year, len(stored.Indicators))
	}
	// The download is in the audit log.
	es, _, err := f.store.AuditEntries(context.Background(), jixiao.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range es {
		found = found || e.Action == "export_xlsx" && e.Actor == "leader" && e.Outcome == "ok"
	}
	if !found {
		t.Errorf("no export_xlsx entry in the audit log")
	}
	// Another department's plan: refused.
	if st, _, _ := c.getFile(pathOf(f.other) + "/export.xlsx"); st != http.StatusForbidden {
		t.Errorf("other department's plan: status %d, want 403", st)
	}
}

func TestExportPDF(t *testing.T) {
	if _, err := pdf.Chromium(pdf.Options{}); errors.Is(err, pdf.ErrNoChromium) && os.Getenv("CI") != "true" {
		t.Skip("no Chromium")
	}
	f := newFixture(t)
	c := f.login("filler")
	st, h, b := c.getFile(pathOf(f.demo) + "/export.pdf")
	if st != 200 {
		t.Fatalf("status %d: %s", st, b)
	}
	if ct := h.Get("Content-Type"); ct != "application/pdf" {
		t.Errorf("content type %q", ct)
	}
	if !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Errorf("not a PDF: %q", b[:min(len(b), 20)])
	}
	if cd := h.Get("Content-Disposition"); !strings.Contains(cd, url.PathEscape("预算绩效目标.pdf")) {
		t.Errorf("content disposition %q", cd)
	}
	// The second download reuses the running browser.
	if st, _, b := c.getFile(pathOf(f.demo) + "/export.pdf"); st != 200 || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Errorf("second download: status %d", st)
	}
}

func TestExportPDFNoChromium(t *testing.T) {
	f := newFixtureConfig(t, func(cfg *jxhttp.Config) { cfg.Chromium = "/nonexistent/chromium" })
	c := f.login("filler")
	st, body := c.get(pathOf(f.demo) + "/export.pdf")
	if st != http.StatusServiceUnavailable || !strings.Contains(body, "Chromium") || !strings.Contains(body, "暂时无法") {
		t.Errorf("status %d, want 503 with a Chinese explanation:\n%s", st, snippet(body))
	}
}

func TestTemplateDownload(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	st, h, b := c.getFile("/template.xlsx?year=2027&framework=hunan-2021")
	if st != 200 || h.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("status %d, type %q", st, h.Get("Content-Type"))
	}
	if !bytes.HasPrefix(b, []byte("PK")) {
		t.Errorf("not a zip")
	}
	if cd := h.Get("Content-Disposition"); !strings.Contains(cd, url.PathEscape("2027年预算绩效目标填报模板.xlsx")) {
		t.Errorf("content disposition %q", cd)
	}
	if st, body := c.get("/template.xlsx?framework=nosuch"); st != http.StatusBadRequest || !strings.Contains(body, "未知的指标体系") {
		t.Errorf("unknown framework: status %d", st)
	}
	if st, _ := c.get("/template.xlsx?year=abc"); st != http.StatusBadRequest {
		t.Errorf("bad year: status %d", st)
	}
	if st, _ := f.anon().get("/template.xlsx"); st != http.StatusSeeOther {
		t.Errorf("anonymous: status %d, want a redirect to sign in", st)
	}
}

func pathOf(id int64) string { return fmt.Sprintf("/plans/%d", id) }
