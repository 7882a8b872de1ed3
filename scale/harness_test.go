package scale

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"jixiao"
	"jixiao/bench"
	jxhttp "jixiao/http"
	"jixiao/postgres"
)

// sizeFromEnv is the test's size: def, or the number in the environment variable env
// (at least 100).
func sizeFromEnv(t *testing.T, env string, def int) int {
	t.Helper()
	s := os.Getenv(env)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 100 {
		t.Fatalf("%s=%q: want a number ≥ 100", env, s)
	}
	return n
}

// freshStore opens a new PostgreSQL database named after prefix on the test server. It
// is dropped when the test ends, unless JIXIAO_SCALE_KEEP is set (to EXPLAIN ANALYZE by
// hand afterwards).
func freshStore(t *testing.T, ctx context.Context, prefix string) (*postgres.DB, string) {
	t.Helper()
	dsn, drop, err := bench.FreshPostgres(ctx, postgresURL(t), prefix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if os.Getenv("JIXIAO_SCALE_KEEP") != "" {
			t.Logf("kept the database (JIXIAO_SCALE_KEEP): %s", dsn)
			return
		}
		if err := drop(); err != nil {
			t.Logf("drop database: %v", err)
		}
	})
	store, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store, dsn
}

// reviewerClient starts the real server on store and signs in a new finance-bureau
// reviewer of dept; it returns a GET through that session.
func reviewerClient(t *testing.T, ctx context.Context, store jixiao.ReviewStore, deptID int64) func(path string) (int, string) {
	t.Helper()
	const pw = "Scale-review-2022"
	h, err := jxhttp.HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateUser(ctx, &jixiao.User{Username: "shenhe", Name: "审核员", Role: jixiao.RoleReviewer, DepartmentID: deptID,
		PasswordHash: h, PasswordChanged: time.Now(), Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	srv, err := jxhttp.New(store, jxhttp.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() { ts.Close(); srv.Close() })
	jar, _ := cookiejar.New(nil)
	cl := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) (int, string) {
		resp, err := cl.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	_, login := get("/login")
	m := regexp.MustCompile(`name="login_csrf" value="([^"]+)"`).FindStringSubmatch(login)
	if m == nil {
		t.Fatal("no login_csrf")
	}
	resp, err := cl.PostForm(ts.URL+"/login", url.Values{"login_csrf": {m[1]}, "username": {"shenhe"}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %d", resp.StatusCode)
	}
	return get
}

// pageTimes GETs path runs times and returns the median and 99th percentile; a status
// other than 200 fails the test.
func pageTimes(t *testing.T, get func(string) (int, string), path string, runs int) (p50, p99 time.Duration) {
	t.Helper()
	ds := make([]time.Duration, 0, runs)
	for range runs {
		t1 := time.Now()
		if st, _ := get(path); st != 200 {
			t.Fatalf("%s: %d", path, st)
		}
		ds = append(ds, time.Since(t1))
	}
	slices.Sort(ds)
	return ds[runs/2], ds[runs*99/100-1]
}
