package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServe starts jixiao serve on an empty database, checks the first-start output and
// a page, then stops it as SIGINT would (the context ends) and expects a clean exit.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db := filepath.Join(t.TempDir(), "serve.db")
	pr, pw := io.Pipe()
	e := &env{Stdin: strings.NewReader(""), Stdout: pw, Stderr: io.Discard, Getenv: func(k string) string {
		return map[string]string{"JIXIAO_ADMIN_USER": "root"}[k]
	}}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, e, []string{"serve", "--addr", "127.0.0.1:0", "--db", "sqlite:" + db})
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	var out []string
	addr := ""
	re := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	for addr == "" && sc.Scan() {
		out = append(out, sc.Text())
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			addr = m[1]
		}
	}
	go io.Copy(io.Discard, pr)
	all := strings.Join(out, "\n")
	if addr == "" {
		t.Fatalf("no address in the output:\n%s", all)
	}
	for _, want := range []string{"管理员账号：root", "管理员初始密码", "示例数据"} {
		if !strings.Contains(all, want) {
			t.Errorf("first start output lacks %q:\n%s", want, all)
		}
	}
	resp, err := http.Get("http://" + addr + "/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET /login: %d", resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit code %d after shutdown", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}

	// A second start on the same database creates nothing and prints no password.
	ctx2, cancel2 := context.WithCancel(context.Background())
	var b strings.Builder
	e2 := &env{Stdin: strings.NewReader(""), Stdout: &syncWriter{w: &b, started: make(chan struct{})}, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	sw := e2.Stdout.(*syncWriter)
	go func() { <-sw.started; cancel2() }()
	if code := run(ctx2, e2, []string{"serve", "--addr", "127.0.0.1:0", "--db", "sqlite:" + db}); code != 0 {
		t.Errorf("second start: exit %d", code)
	}
	if strings.Contains(b.String(), "初始密码") || strings.Contains(b.String(), "首次启动") {
		t.Errorf("second start set up again:\n%s", b.String())
	}
}

// syncWriter signals once the server says it has started.
type syncWriter struct {
	w       *strings.Builder
	started chan struct{}
	once    bool
}

func (s *syncWriter) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	if !s.once && strings.Contains(s.w.String(), "网页服务已启动") {
		s.once = true
		close(s.started)
	}
	return n, err
}
