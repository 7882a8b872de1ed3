package http_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	jxhttp "jixiao/http"
	"jixiao/pdf"
)

// TestSelfEvalReportPDF: once the self-evaluation is open, its list offers the
// self-evaluation report, and the download is a PDF named after the unit and year whose
// text has the report's sections and every table; before, there is no report; without
// Chromium the answer is 503 in words.
func TestSelfEvalReportPDF(t *testing.T) {
	if _, err := pdf.Chromium(pdf.Options{}); errors.Is(err, pdf.ErrNoChromium) && os.Getenv("CI") != "true" {
		t.Skip("no Chromium")
	}
	f := newFixture(t)
	c := f.login("filler")
	list := fmt.Sprintf("/plans/%d/selfeval", f.demo)
	if st, _ := c.get(list + "/report.pdf"); st != http.StatusNotFound {
		t.Errorf("a report before the self-evaluation is opened: %d, want 404", st)
	}
	approve(t, f.store, f.demo)
	if st, body := c.post(list, url.Values{"csrf": {c.csrf()}}); st != http.StatusSeeOther {
		t.Fatalf("open: %d\n%s", st, snippet(body))
	}
	if _, page := c.get(list); !strings.Contains(page, `href="`+list+`/report.pdf"`) {
		t.Fatalf("the self-evaluation list does not offer the report:\n%s", snippet(page))
	}
	st, h, b := c.getFile(list + "/report.pdf")
	if st != http.StatusOK || h.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("report: status %d, type %q, %q", st, h.Get("Content-Type"), b[:min(len(b), 40)])
	}
	if cd := h.Get("Content-Disposition"); !strings.Contains(cd, url.PathEscape("年度绩效自评报告.pdf")) {
		t.Errorf("content disposition %q", cd)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("pdftotext (poppler-utils): %v", err)
		}
		t.Skip("no pdftotext")
	}
	text := strings.Join(strings.Fields(string(out)), "")
	for _, want := range []string{"绩效自评报告", "一、基本情况", "二、自评结果", "部门整体支出绩效自评表"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report's text lacks %q", want)
		}
	}

	nf := newFixtureConfig(t, func(cfg *jxhttp.Config) { cfg.Chromium = "/nonexistent/chromium" })
	approve(t, nf.store, nf.demo)
	nc := nf.login("filler")
	nlist := fmt.Sprintf("/plans/%d/selfeval", nf.demo)
	nc.post(nlist, url.Values{"csrf": {nc.csrf()}})
	if st, body := nc.get(nlist + "/report.pdf"); st != http.StatusServiceUnavailable || !strings.Contains(body, "暂时无法") {
		t.Errorf("without Chromium: %d, want 503 in words:\n%s", st, snippet(body))
	}
}
