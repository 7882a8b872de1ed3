package multiserver

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/bench"
	jxhttp "jixiao/http"
	"jixiao/postgres"
)

func postgresURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("JIXIAO_TEST_POSTGRES")
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("JIXIAO_TEST_POSTGRES is not set, and CI=true requires PostgreSQL")
		}
		t.Skip("JIXIAO_TEST_POSTGRES is not set: no PostgreSQL to run two servers against")
	}
	return u
}

// buildBinary builds cmd/jixiao into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "jixiao")
	cmd := exec.Command("go", "build", "-o", bin, "jixiao/cmd/jixiao")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go build: %v", err)
	}
	return bin
}

var startedRe = regexp.MustCompile(`http://(127\.0\.0\.1:[0-9]+)/`)

// serve starts `jixiao serve` on a free loopback port and returns its base URL. The
// process is stopped (SIGINT, then killed) when the test ends.
func serve(t *testing.T, bin, dsn, password string) string {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", dsn)
	cmd.Env = append(os.Environ(), "JIXIAO_ADMIN_PASSWORD="+password, "JIXIAO_DB=")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	addr := make(chan string, 1)
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		sent := false
		for sc.Scan() {
			if m := startedRe.FindStringSubmatch(sc.Text()); m != nil && !sent {
				addr <- m[1]
				sent = true
			}
		}
		cmd.Wait()
	}()
	select {
	case a := <-addr:
		return "http://" + a
	case <-done:
		t.Fatal("jixiao serve exited before it listened")
	case <-time.After(60 * time.Second):
		t.Fatal("jixiao serve did not start within 60 s")
	}
	return ""
}

type client struct {
	t *testing.T
	c *http.Client
}

func (c client) get(u, cookie string) (int, string) {
	c.t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Cookie", cookie)
	resp, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (c client) post(u, cookie string, form url.Values) (int, string, string) {
	c.t.Helper()
	req, _ := http.NewRequest("POST", u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", cookie)
	resp, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

func (c client) form(base, path, cookie string) url.Values {
	c.t.Helper()
	st, page := c.get(base+path, cookie)
	if st != http.StatusOK {
		c.t.Fatalf("GET %s%s: status %d", base, path, st)
	}
	f, ok := bench.FormValues(page, path)
	if !ok {
		c.t.Fatalf("GET %s%s: no form posting to %s", base, path, path)
	}
	return f
}

func TestTwoServersOneDatabase(t *testing.T) {
	pgURL := postgresURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dsn, drop, err := bench.FreshPostgres(ctx, pgURL, "multiserver")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := drop(); err != nil {
			t.Logf("drop database: %v", err)
		}
	})
	bin := buildBinary(t)
	const adminPassword = "multiserver-admin-1"
	a := serve(t, bin, dsn, adminPassword) // migrates and loads the demo plan
	b := serve(t, bin, dsn, adminPassword) // finds them there

	// A filler of the demo department, made in the database both servers use.
	store, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	dept, err := store.DepartmentByCode(ctx, jxhttp.DemoDeptCode)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := store.PlanByDepartmentYear(ctx, dept.ID, 2021)
	if err != nil {
		t.Fatal(err)
	}
	const password = "multiserver-filler-1"
	hash, err := jxhttp.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateUser(ctx, &jixiao.User{Username: "filler", Name: "填报人", PasswordHash: hash, Role: jixiao.RoleFiller,
		DepartmentID: dept.ID, PasswordChanged: time.Now(), Created: time.Now()}); err != nil {
		t.Fatal(err)
	}

	c := client{t, &http.Client{Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}

	// Signed in on A, the same cookie works on B: the session is in the database.
	cookie, err := bench.SignIn(ctx, c.c, a, "filler", password)
	if err != nil {
		t.Fatal(err)
	}
	for _, base := range []string{a, b} {
		st, page := c.get(base+"/plans", cookie)
		if st != http.StatusOK || !strings.Contains(page, "填报人") {
			t.Fatalf("GET %s/plans with the session from A: status %d, signed-in name missing", base, st)
		}
	}
	if st, _ := c.get(b+"/plans", "jx_session=not-a-session"); st == http.StatusOK {
		t.Fatalf("B accepts a made-up session")
	}

	// Both load the plan at the same version.
	id := strconv.FormatInt(plan.ID, 10)
	editor := "/plans/" + id + "/department"
	fa := c.form(a, editor, cookie)
	fb := c.form(b, editor, cookie)
	if fa.Get("version") == "" || fa.Get("version") != fb.Get("version") {
		t.Fatalf("versions on A %q and B %q", fa.Get("version"), fb.Get("version"))
	}
	v0, _ := strconv.Atoi(fa.Get("version"))

	// A saves; B's save from the same version is stale and gets the conflict page.
	fa.Set("submitter", "服务器甲保存的填报单位")
	if st, loc, _ := c.post(a+editor, cookie, fa); st != http.StatusSeeOther {
		t.Fatalf("save on A: status %d (location %q)", st, loc)
	}
	fb.Set("submitter", "服务器乙保存的填报单位")
	st, _, page := c.post(b+editor, cookie, fb)
	if st != http.StatusConflict || !strings.Contains(page, "保存冲突") {
		t.Fatalf("stale save on B: status %d, want %d and the conflict page", st, http.StatusConflict)
	}
	got, err := store.Plan(ctx, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != v0+1 || got.Submitter != "服务器甲保存的填报单位" {
		t.Fatalf("after the stale save: version %d, submitter %q; want %d and A's", got.Version, got.Submitter, v0+1)
	}
	// Both servers now show A's save.
	for _, base := range []string{a, b} {
		if f := c.form(base, editor, cookie); f.Get("submitter") != "服务器甲保存的填报单位" || f.Get("version") != strconv.Itoa(v0+1) {
			t.Errorf("%s shows submitter %q at version %s", base, f.Get("submitter"), f.Get("version"))
		}
	}

	// On the conflict page B may save its version knowingly; it then becomes the next one.
	over, ok := bench.FormValues(page, editor)
	if !ok {
		t.Fatal("the conflict page has no form to save over the stored version")
	}
	if st, loc, _ := c.post(b+editor, cookie, over); st != http.StatusSeeOther {
		t.Fatalf("knowing save on B: status %d (location %q)", st, loc)
	}
	revs, err := store.Revisions(ctx, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 3 || revs[2].Version != v0+2 {
		t.Fatalf("revisions %+v, want the demo import, A's save and B's", revs)
	}
	if got, _ := store.Plan(ctx, plan.ID); got.Submitter != "服务器乙保存的填报单位" {
		t.Errorf("after the knowing save: submitter %q", got.Submitter)
	}

	// Signing out on B ends the session on A too.
	st, home := c.get(b+"/plans", cookie)
	if st != http.StatusOK {
		t.Fatalf("GET %s/plans: %d", b, st)
	}
	out, ok := bench.FormValues(home, "/logout")
	if !ok {
		t.Fatal("no sign-out form on the home page")
	}
	if st, _, _ := c.post(b+"/logout", cookie, out); st != http.StatusSeeOther {
		t.Fatalf("sign out on B: status %d", st)
	}
	if st, _ := c.get(a+"/plans", cookie); st == http.StatusOK {
		t.Fatalf("A still accepts the session signed out on B")
	}
}
