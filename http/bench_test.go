package http_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"jixiao"
)

// benchUsers is the number of simulated users, each with its own session and connection.
const benchUsers = 200

// BenchmarkPage drives the real server on loopback with benchUsers concurrent users
// reading a plan's department table (the largest page, with the checks' findings), and,
// for comparison, a bare net/http handler serving a page of the same size. It reports the
// latency percentiles and the throughput:
//
//	go test ./http -run '^$' -bench Page -benchtime 4000x -cpu 2
func BenchmarkPage(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	u, err := f.store.UserByUsername(ctx, "filler")
	if err != nil {
		b.Fatal(err)
	}
	// Sessions are made directly in the store: 200 argon2 sign-ins would only time the
	// password hash.
	tokens := make([]string, benchUsers)
	now := time.Now()
	for i := range tokens {
		tokens[i] = fmt.Sprintf("bench-token-%03d-%s", i, now.Format(time.RFC3339Nano))
		sum := sha256.Sum256([]byte(tokens[i]))
		if err := f.store.CreateSession(ctx, &jixiao.Session{ID: hex.EncodeToString(sum[:]), UserID: u.ID, CSRF: "x",
			Created: now, LastSeen: now, Expires: now.Add(time.Hour)}); err != nil {
			b.Fatal(err)
		}
	}
	path := fmt.Sprintf("/plans/%d/department", f.demo)
	c := f.login("filler")
	st, page := c.get(path)
	if st != 200 {
		b.Fatalf("GET %s: %d", path, st)
	}
	bare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	}))
	defer bare.Close()

	b.Run("jixiao", func(b *testing.B) { load(b, f.ts.URL+path, tokens, len(page)) })
	b.Run("bare", func(b *testing.B) { load(b, bare.URL+path, tokens, len(page)) })
}

// load makes b.N requests from benchUsers concurrent users and reports p50, p99 and
// requests per second.
func load(b *testing.B, url string, tokens []string, size int) {
	tr := &http.Transport{MaxIdleConns: benchUsers, MaxIdleConnsPerHost: benchUsers, MaxConnsPerHost: benchUsers}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var next atomic.Int64
	lat := make([]time.Duration, b.N)
	var failed atomic.Int64
	var wg sync.WaitGroup
	b.SetBytes(int64(size))
	b.ResetTimer()
	start := time.Now()
	for u := 0; u < benchUsers; u++ {
		wg.Add(1)
		go func(token string) {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				req, _ := http.NewRequest("GET", url, nil)
				req.AddCookie(&http.Cookie{Name: "jx_session", Value: token})
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					continue
				}
				n, _ := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(t0)
				if resp.StatusCode != 200 || n < int64(size)/2 {
					failed.Add(1)
				}
			}
		}(tokens[u])
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d requests failed", n, b.N)
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(float64(len(lat)-1)*p)].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
}
