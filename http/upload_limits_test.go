package http_test

import (
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	jxhttp "jixiao/http"
	bombs "jixiao/internal/hostile"
)

// TestUploadBombs: the upload bombs of issue 13 item 8 are refused with a Chinese message
// naming the limit, and uploads are read through a gate of Config.MaxImports places:
// beyond it, after Config.BusyWait, the answer is 429 with a Chinese message.
func TestUploadBombs(t *testing.T) {
	f := newFixtureConfig(t, func(c *jxhttp.Config) { c.MaxImports, c.BusyWait = 1, time.Millisecond })
	filler := f.login("filler")
	csrf := filler.csrf()
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"strings.xlsx", bombs.SharedStrings(3_500_000)},
		{"parts.xlsx", bombs.BigParts(4, 60<<20)},
		{"text.docx", bombs.DocxText(15 << 20)},
	} {
		st, body, _ := filler.upload(tc.name, tc.data, csrf)
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, tc.name) || !strings.Contains(body, "上限") {
			t.Errorf("%s: %d, want 422 naming the file and the limit:\n%s", tc.name, st, snippet(body))
		}
	}
	// One upload holds the gate's only place: its body is still arriving. Another upload
	// is then answered 429 (it is retried until the first is surely inside the gate).
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	req, _ := http.NewRequest("POST", f.ts.URL+"/plans/import", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	done := make(chan int)
	go func() {
		resp, err := filler.http.Do(req)
		if err != nil {
			done <- 0
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	mw.WriteField("csrf", csrf)
	data := bombs.SharedStrings(3_500_000)
	deadline := time.Now().Add(20 * time.Second)
	for {
		st, body, _ := filler.upload("strings.xlsx", data, csrf)
		if st == http.StatusTooManyRequests {
			if !strings.Contains(body, "请稍后重试") {
				t.Errorf("429 without the Chinese message:\n%s", snippet(body))
			}
			break
		}
		if st != http.StatusUnprocessableEntity || time.Now().After(deadline) {
			t.Fatalf("an upload while another holds the gate: %d, want 429:\n%s", st, snippet(body))
		}
	}
	fw, _ := mw.CreateFormFile("file", "slow.xlsx")
	fw.Write(data)
	mw.Close()
	pw.Close()
	if st := <-done; st != http.StatusUnprocessableEntity {
		t.Errorf("the slow upload: %d, want 422", st)
	}
}
