package multiserver

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/bench"
	jxhttp "jixiao/http"
	"jixiao/internal/testserve"
	"jixiao/postgres"
	"jixiao/setup"
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

// serve starts `jixiao serve` on a free loopback port and returns its base URL. The
// process is stopped (SIGINT, then killed) when the test ends.
func serve(t *testing.T, bin, dsn, password string) string {
	t.Helper()
	base, _ := testserve.Start(t, bin, dsn, password)
	return base
}

// client sends the test's requests. Requests to A go out from 127.0.0.1 and requests to
// B from 127.0.0.2 (when the loopback device takes that address, as Linux's does), so
// the client address each audit entry records tells which server wrote it.
type client struct {
	t  *testing.T
	hc map[string]*http.Client // by base URL
}

// http returns the HTTP client for the server of u.
func (c client) http(u string) *http.Client {
	for base, hc := range c.hc {
		if u == base || strings.HasPrefix(u, base+"/") {
			return hc
		}
	}
	c.t.Fatalf("%s is on neither server", u)
	return nil
}

func (c client) get(u, cookie string) (int, string) {
	c.t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Cookie", cookie)
	resp, err := c.http(u).Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// try posts form to u; it is post without failing the test, for other goroutines.
func (c client) try(u, cookie string, form url.Values) (int, string, string, error) {
	req, _ := http.NewRequest("POST", u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", cookie)
	resp, err := c.http(u).Do(req)
	if err != nil {
		return 0, "", "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b), err
}

func (c client) post(u, cookie string, form url.Values) (int, string, string) {
	c.t.Helper()
	st, loc, body, err := c.try(u, cookie, form)
	if err != nil {
		c.t.Fatal(err)
	}
	return st, loc, body
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

// signIn signs username in through the sign-in form of base and returns the cookie.
func (c client) signIn(base, username string) string {
	c.t.Helper()
	cookie, err := bench.SignIn(context.Background(), c.http(base), base, username, password)
	if err != nil {
		c.t.Fatal(err)
	}
	return cookie
}

// password is every test account's password.
const password = "multiserver-pass-1"

// cluster is two `jixiao serve` processes (A and B) over one fresh PostgreSQL database,
// and the store the test seeds and inspects that database through.
type cluster struct {
	ctx      context.Context
	bin, dsn string
	a, b     string // base URLs
	store    *postgres.DB
	root     *jixiao.Department // the region (财政局), the reviewers' department
	dept     *jixiao.Department // the demo department, the filler's and leaders'
	demo     int64              // the demo department's 2021 plan
	hc       map[string]*http.Client
	// addrs are the client addresses requests to A and to B come from; equal when the
	// loopback device takes no second address.
	addrs map[string]string
	// want are the audit entries the steps so far must have written (see expect).
	want []wantEntry
}

// newCluster builds the binary, makes a fresh database, starts A and B on it and makes
// the test's accounts (one filler, two leaders, two reviewers), as an administrator
// would, in the store both servers use.
func newCluster(t *testing.T) *cluster {
	pgURL := postgresURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	t.Cleanup(cancel)
	dsn, drop, err := bench.FreshPostgres(ctx, pgURL, "multiserver")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := drop(); err != nil {
			t.Logf("drop database: %v", err)
		}
	})
	cl := &cluster{ctx: ctx, dsn: dsn, bin: buildBinary(t)}
	const adminPassword = "multiserver-admin-1"
	cl.a = serve(t, cl.bin, dsn, adminPassword) // migrates and loads the demo plan
	cl.b = serve(t, cl.bin, dsn, adminPassword) // finds them there

	cl.store, err = postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cl.store.Close() })
	if cl.dept, err = cl.store.DepartmentByCode(ctx, setup.DemoDeptCode); err != nil {
		t.Fatal(err)
	}
	if cl.root, err = cl.store.DepartmentByCode(ctx, setup.DemoRootCode); err != nil {
		t.Fatal(err)
	}
	plan, err := cl.store.PlanByDepartmentYear(ctx, cl.dept.ID, 2021)
	if err != nil {
		t.Fatal(err)
	}
	cl.demo = plan.ID
	hash, err := jxhttp.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		name, label string
		role        jixiao.Role
		dept        int64
	}{
		{"filler", "填报人", jixiao.RoleFiller, cl.dept.ID},
		{"leader", "负责人甲", jixiao.RoleLeader, cl.dept.ID},
		{"leader2", "负责人乙", jixiao.RoleLeader, cl.dept.ID},
		{"reviewer", "审核人甲", jixiao.RoleReviewer, cl.root.ID},
		{"reviewer2", "审核人乙", jixiao.RoleReviewer, cl.root.ID},
	} {
		if err := cl.store.CreateUser(ctx, &jixiao.User{Username: u.name, Name: u.label, PasswordHash: hash, Role: u.role,
			DepartmentID: u.dept, PasswordChanged: time.Now(), Created: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}

	noRedirect := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	cl.hc = map[string]*http.Client{
		cl.a: {Timeout: 30 * time.Second, CheckRedirect: noRedirect},
		cl.b: {Timeout: 30 * time.Second, CheckRedirect: noRedirect},
	}
	cl.addrs = map[string]string{cl.a: "127.0.0.1", cl.b: "127.0.0.1"}
	second := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}, Timeout: 10 * time.Second}
	if conn, err := second.DialContext(ctx, "tcp", strings.TrimPrefix(cl.b, "http://")); err == nil {
		conn.Close()
		cl.hc[cl.b].Transport = &http.Transport{DialContext: second.DialContext}
		cl.addrs[cl.b] = "127.0.0.2"
	} else {
		t.Logf("no second loopback address (%v): the audit entries of A and B will not be told apart by address", err)
	}
	return cl
}

// client returns a client that reports to t.
func (cl *cluster) client(t *testing.T) client { return client{t, cl.hc} }

func TestTwoServersOneDatabase(t *testing.T) {
	cl := newCluster(t)
	for _, s := range []struct {
		name string
		run  func(*testing.T, *cluster)
	}{
		{"SessionsAndSaves", sessionsAndSaves},
		{"Workflow", workflowAcrossServers},
		{"RacingSteps", racingSteps},
		{"Deadline", deadlineAcrossServers},
		{"AuditChain", auditChain}, // last: it checks the entries of the steps before it
	} {
		if !t.Run(s.name, func(t *testing.T) { s.run(t, cl) }) {
			return
		}
	}
}

// sessionsAndSaves: a session made on one server is valid on the other; a save on one
// makes a stale save on the other a conflict, which may then be saved over knowingly;
// signing out on one ends the session on both.
func sessionsAndSaves(t *testing.T, cl *cluster) {
	ctx, a, b, c := cl.ctx, cl.a, cl.b, cl.client(t)
	store := cl.store
	plan, err := store.Plan(ctx, cl.demo)
	if err != nil {
		t.Fatal(err)
	}

	// Signed in on A, the same cookie works on B: the session is in the database.
	cookie := c.signIn(a, "filler")
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
	obj := "plan:" + id
	cl.expect("filler", "plan_update", obj, "ok", a)
	fb.Set("submitter", "服务器乙保存的填报单位")
	st, _, page := c.post(b+editor, cookie, fb)
	if st != http.StatusConflict || !strings.Contains(page, "保存冲突") {
		t.Fatalf("stale save on B: status %d, want %d and the conflict page", st, http.StatusConflict)
	}
	cl.expect("filler", "plan_update", obj, "failed", b)
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
	cl.expect("filler", "plan_update", obj, "ok", b)
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
	cl.expect("filler", "signout", "", "ok", b)
	if st, _ := c.get(a+"/plans", cookie); st == http.StatusOK {
		t.Fatalf("A still accepts the session signed out on B")
	}
}
