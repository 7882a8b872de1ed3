package loadtest

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	bombs "jixiao/internal/hostile"
	"jixiao/internal/testserve"
	"jixiao/setup"
	"jixiao/textdoc"
)

// maxRSS is the goal: no upload or sign-in burst takes the server above 300 MB.
const maxRSS = 300 << 20

const (
	adminPW  = "Load-admin-pw-1"
	fillerPW = "Load-filler-pw-1"
)

// TestServerMemoryUnderAttack runs the real server and attacks it: three of each upload
// bomb at once (3.5 M shared strings in 176 KB; 4 parts of 60 MiB in 277 KB; a docx of
// 15 MiB of text; 15 MiB of tab-celled text), three of the largest workbook and text the
// limits accept, and 80 sign-ins for unknown users at once. Every answer must be a refusal the system means (422 naming a
// limit, 401, or 429 when a gate is full), and the server's peak RSS must stay under
// 300 MB.
func TestServerMemoryUnderAttack(t *testing.T) {
	if testing.Short() {
		t.Skip("the load test builds and runs the real server")
	}
	if runtime.GOOS != "linux" {
		t.Skip("VmHWM is read from /proc (Linux)")
	}
	_, _, base, pid := startServer(t)
	start := hwm(t, pid)
	t.Logf("server RSS after start: %d MB", start>>20)

	filler := newClient(t, base)
	if st := filler.signIn("tianbao", fillerPW); st != http.StatusSeeOther {
		t.Fatalf("sign in: %d", st)
	}
	csrf := filler.csrf()

	uploads := []struct {
		name string
		data []byte
	}{
		{"strings.xlsx", bombs.SharedStrings(3_500_000)},
		{"parts.xlsx", bombs.BigParts(4, 60<<20)},
		{"text.docx", bombs.DocxText(15 << 20)},
		{"largest.xlsx", bombs.Largest()},
		{"big.txt", tabText(15 << 20)},
		{"largest.txt", tabText(textdoc.MaxSize - 100)},
	}
	for _, u := range uploads {
		t.Logf("%s: %d KB", u.name, len(u.data)>>10)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[string]int{}
	for _, u := range uploads {
		for range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				st, body := filler.upload(u.name, u.data, csrf)
				ok := st == http.StatusTooManyRequests ||
					st == http.StatusUnprocessableEntity && (strings.Contains(body, "超过") || strings.HasPrefix(u.name, "largest"))
				mu.Lock()
				counts[u.name+" "+strconv.Itoa(st)]++
				mu.Unlock()
				if !ok {
					t.Errorf("upload %s: %d\n%s", u.name, st, clip(body))
				}
			}()
		}
	}
	wg.Wait()
	t.Logf("uploads: %v", counts)
	afterUploads := hwm(t, pid)

	// The sign-in burst: 80 browsers have the form; they submit at once.
	const burst = 80
	clients := make([]*client, burst)
	tokens := make([]string, burst)
	for i := range clients {
		clients[i] = newClient(t, base)
		tokens[i] = clients[i].loginToken()
	}
	go1 := make(chan struct{})
	statuses := make([]int, burst)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-go1
			statuses[i], _ = clients[i].post("/login", url.Values{"login_csrf": {tokens[i]},
				"username": {fmt.Sprintf("nobody%d", i)}, "password": {"wrong-password"}})
		}()
	}
	close(go1)
	wg.Wait()
	answers := map[int]int{}
	for _, st := range statuses {
		answers[st]++
		if st != http.StatusUnauthorized && st != http.StatusTooManyRequests {
			t.Errorf("an unknown user's sign-in: %d", st)
		}
	}
	t.Logf("sign-in burst of %d: %v", burst, answers)
	peak := hwm(t, pid)
	t.Logf("server peak RSS: %d MB after start, %d MB after the uploads, %d MB after the sign-in burst (limit %d MB)",
		start>>20, afterUploads>>20, peak>>20, maxRSS>>20)
	if peak > maxRSS {
		t.Errorf("the server's peak RSS was %d MB, over %d MB", peak>>20, maxRSS>>20)
	}
}

// startServer builds the real binary, migrates a fresh SQLite database, starts `jixiao
// serve` on it (setup's first start) and adds the unit's filler tianbao on the console.
// It returns the binary, the database, the server's base URL and its process id.
func startServer(t *testing.T) (bin, dsn, base string, pid int) {
	t.Helper()
	dir := t.TempDir()
	bin = filepath.Join(dir, "jixiao")
	build := exec.Command("go", "build", "-o", bin, "jixiao/cmd/jixiao")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("go build: %v", err)
	}
	dsn = "sqlite:" + filepath.Join(dir, "load.db")
	if err := runCmd(bin, "", "migrate", "--db", dsn); err != nil {
		t.Fatal(err)
	}
	base, pid = serve(t, bin, dsn)
	if err := runCmd(bin, fillerPW+"\n", "users", "add", "tianbao", "--role", "filler", "--department", setup.DemoDeptCode,
		"--real-name", "填报员", "--password-stdin", "--db", dsn); err != nil {
		t.Fatal(err)
	}
	return bin, dsn, base, pid
}

func runCmd(bin, stdin string, args ...string) error {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "JIXIAO_DB=")
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("jixiao %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// serve starts `jixiao serve` on a free loopback port and returns its base URL and
// process id; the process is stopped when the test ends.
func serve(t *testing.T, bin, dsn string) (string, int) {
	t.Helper()
	return testserve.Start(t, bin, dsn, adminPW)
}

// hwm is the process's peak resident set size so far (VmHWM), in bytes.
func hwm(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc/PID/status")
	return 0
}

// client is one browser: a cookie jar, no redirects followed.
type client struct {
	t    *testing.T
	base string
	hc   *http.Client
}

func newClient(t *testing.T, base string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: base, hc: &http.Client{Jar: jar, Timeout: 2 * time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (c *client) do(req *http.Request) (int, string) {
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Errorf("%s %s: %v", req.Method, req.URL.Path, err)
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (c *client) get(path string) (int, string) {
	req, _ := http.NewRequest("GET", c.base+path, nil)
	return c.do(req)
}

func (c *client) post(path string, form url.Values) (int, string) {
	req, _ := http.NewRequest("POST", c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

var (
	loginCSRFRe = regexp.MustCompile(`name="login_csrf" value="([^"]+)"`)
	csrfRe      = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
)

func (c *client) loginToken() string {
	_, body := c.get("/login")
	m := loginCSRFRe.FindStringSubmatch(body)
	if m == nil {
		c.t.Fatalf("no login_csrf in the sign-in page")
	}
	return m[1]
}

func (c *client) signIn(user, pw string) int {
	st, _ := c.post("/login", url.Values{"login_csrf": {c.loginToken()}, "username": {user}, "password": {pw}})
	return st
}

func (c *client) csrf() string {
	_, body := c.get("/account/password")
	m := csrfRe.FindStringSubmatch(body)
	if m == nil {
		c.t.Fatalf("no csrf field in the page")
	}
	return m[1]
}

func (c *client) upload(name string, data []byte, csrf string) (int, string) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", csrf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+"/plans/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// tabText is size bytes of the tab-celled text format, with no table title.
func tabText(size int) []byte {
	row := []byte("\t项目\t金额\t一二三四五六七八九十\n")
	return bytes.Repeat(row, size/len(row))
}

func clip(s string) string {
	if i := strings.Index(s, "<main"); i >= 0 {
		s = s[i:]
	}
	if len(s) > 600 {
		s = s[:600]
	}
	return s
}
