package http_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"jixiao"
	"jixiao/gen"
)

// benchUsers is the number of simulated users, each a filler of its own department
// with its own generated plan, session and connection.
const benchUsers = 200

// benchEnv is the real server with benchUsers users on generated plans, and the bare
// net/http handler that serves each user a page of exactly the bytes jixiao serves it.
type benchEnv struct {
	jx, bare string        // base URLs
	tokens   []string      // session cookie of each user
	paths    []string      // each user's department page
	sizes    []int         // its size in bytes
	mean     int           // mean page size
	pages    sync.Map      // bare: path → page
	saves    atomic.Int64  // bare: saves received
	store    jixiao.Store  // the server's store
	f        *fixture      // the server
	created  time.Duration // setup time
}

func newBenchEnv(b *testing.B) *benchEnv {
	b.Helper()
	t0 := time.Now()
	f := newFixture(b)
	ctx := context.Background()
	e := &benchEnv{f: f, store: f.store, jx: f.ts.URL}
	reg := gen.NewRegion(gen.Options{Departments: benchUsers, Seed: 8})
	ids := map[int64]int64{} // generated department id → stored id
	for _, d := range reg.Departments {
		nd := *d
		nd.ID, nd.Code = 0, "9"+d.Code // codes of their own beside the demo data
		nd.ParentID = ids[d.ParentID]
		if err := f.store.CreateDepartment(ctx, &nd); err != nil {
			b.Fatal(err)
		}
		ids[d.ID] = nd.ID
	}
	now := time.Now()
	for i := range benchUsers {
		d := reg.Department(i)
		p := reg.Plan(i)
		p.DepartmentCode = "9" + d.Code
		if _, err := f.store.ImportPlan(ctx, p, jixiao.SaveInfo{Author: "bench"}); err != nil {
			b.Fatal(err)
		}
		u := &jixiao.User{Username: fmt.Sprintf("bench%03d", i), Name: "bench", Role: jixiao.RoleFiller,
			DepartmentID: ids[d.ID], Created: now}
		if err := f.store.CreateUser(ctx, u); err != nil {
			b.Fatal(err)
		}
		// Sessions are made directly in the store: 200 argon2 sign-ins would only time
		// the password hash.
		token := fmt.Sprintf("bench-token-%03d-%d", i, now.UnixNano())
		sum := sha256.Sum256([]byte(token))
		if err := f.store.CreateSession(ctx, &jixiao.Session{ID: hex.EncodeToString(sum[:]), UserID: u.ID, CSRF: "x",
			Created: now, LastSeen: now, Expires: now.Add(time.Hour)}); err != nil {
			b.Fatal(err)
		}
		e.tokens = append(e.tokens, token)
		e.paths = append(e.paths, fmt.Sprintf("/plans/%d/department", p.ID))
	}
	client := &http.Client{}
	total := 0
	for i, path := range e.paths {
		page, st := fetch(client, e.jx+path, e.tokens[i])
		if st != 200 {
			b.Fatalf("GET %s: %d", path, st)
		}
		e.pages.Store(path, page)
		e.sizes = append(e.sizes, len(page))
		total += len(page)
	}
	e.mean = total / len(e.paths)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /plans/{id}/department", func(w http.ResponseWriter, r *http.Request) {
		page, _ := e.pages.Load(r.URL.Path)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page.(string))
	})
	mux.HandleFunc("POST /plans/{id}/department", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		e.saves.Add(1)
		http.Redirect(w, r, r.URL.Path+"?saved="+r.PostFormValue("version"), http.StatusSeeOther)
	})
	bare := httptest.NewServer(mux)
	b.Cleanup(bare.Close)
	e.bare = bare.URL
	e.created = time.Since(t0)
	return e
}

func fetch(c *http.Client, u, token string) (string, int) {
	req, _ := http.NewRequest("GET", u, nil)
	req.AddCookie(&http.Cookie{Name: "jx_session", Value: token})
	resp, err := c.Do(req)
	if err != nil {
		return err.Error(), 0
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body), resp.StatusCode
}

// fetchLen reads a page and counts its bytes without keeping them (the load generator
// shares the two cores with the server).
func fetchLen(c *http.Client, u, token string) (int64, int) {
	req, _ := http.NewRequest("GET", u, nil)
	req.AddCookie(&http.Cookie{Name: "jx_session", Value: token})
	resp, err := c.Do(req)
	if err != nil {
		return 0, 0
	}
	defer resp.Body.Close()
	n, _ := io.Copy(io.Discard, resp.Body)
	return n, resp.StatusCode
}

func newBenchClient() *http.Client {
	tr := &http.Transport{MaxIdleConns: benchUsers, MaxIdleConnsPerHost: benchUsers, MaxConnsPerHost: benchUsers}
	return &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// BenchmarkPage is the closed loop: benchUsers users read their plan's department
// table (a generated plan, with the checks' findings) with no think time, as fast as
// the server answers — throughput and latency at saturation. The same users then read
// the same bytes from a bare net/http handler.
//
//	go test ./http -run '^$' -bench 'Page$' -benchtime 4000x -cpu 2
func BenchmarkPage(b *testing.B) {
	e := newBenchEnv(b)
	b.Run("jixiao", func(b *testing.B) { closedLoop(b, e, e.jx) })
	b.Run("bare", func(b *testing.B) { closedLoop(b, e, e.bare) })
}

// closedLoop makes b.N requests from benchUsers users without think time and reports
// p50, p99, requests per second and the CPU time per request (server and client; the
// bare handler's figure is the client's share and the connection's).
func closedLoop(b *testing.B, e *benchEnv, base string) {
	client := newBenchClient()
	defer client.Transport.(*http.Transport).CloseIdleConnections()
	var next, failed atomic.Int64
	lat := make([]time.Duration, b.N)
	var wg sync.WaitGroup
	b.SetBytes(int64(e.mean))
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	for u := range benchUsers {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				t0 := time.Now()
				n, st := fetchLen(client, base+e.paths[u], e.tokens[u])
				lat[i] = time.Since(t0)
				if st != 200 || n < int64(e.sizes[u]/2) {
					failed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d requests failed", n, b.N)
	}
	b.ReportMetric(pct(lat, .50), "p50-ms")
	b.ReportMetric(pct(lat, .99), "p99-ms")
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/req")
}

// cpuTime is the CPU time (user and system) the process has used: server and client
// together, which is what the machine's load changes least.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func pct(lat []time.Duration, p float64) float64 {
	if len(lat) == 0 {
		return 0
	}
	s := slices.Clone(lat)
	slices.Sort(s)
	return float64(s[int(float64(len(s)-1)*p)].Microseconds()) / 1000
}

// BenchmarkThink is the open workload: benchUsers users each wait a random 0.5–1.5 s
// (1 s on average, so about 200 requests a second in all), then read their plan's
// department table (90 %) or save it (10 %: the department form as the browser posts
// it, with the version last read and the duties changed, answered by 303). b.N requests
// in all, and never more than two minutes. Reported: p50/p99 of reads and of saves,
// and requests per second; the same users then do the same against the bare handler.
//
//	go test ./http -run '^$' -bench 'Think$' -benchtime 4000x -cpu 2
func BenchmarkThink(b *testing.B) {
	e := newBenchEnv(b)
	b.Run("jixiao", func(b *testing.B) { thinkLoop(b, e, e.jx) })
	b.Run("bare", func(b *testing.B) { thinkLoop(b, e, e.bare) })
}

func thinkLoop(b *testing.B, e *benchEnv, base string) {
	client := newBenchClient()
	defer client.Transport.(*http.Transport).CloseIdleConnections()
	var next atomic.Int64
	var mu sync.Mutex
	var reads, saves []time.Duration
	var errs []string
	deadline := time.Now().Add(2 * time.Minute)
	var wg, ready sync.WaitGroup
	ready.Add(benchUsers)
	for u := range benchUsers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(u), 8))
			var form url.Values // the department form as last read
			fail := func(msg string) {
				mu.Lock()
				if len(errs) < 5 {
					errs = append(errs, msg)
				}
				mu.Unlock()
			}
			// The form as the browser has it, and a connection to base already open (as
			// a browser that has been using the site has one): neither is timed.
			page, st := fetch(client, e.jx+e.paths[u], e.tokens[u])
			if st == 200 {
				form = formValues(b, page, e.paths[u])
				_, st = fetchLen(client, base+e.paths[u], e.tokens[u])
			}
			ready.Done()
			ready.Wait()
			if st != 200 {
				fail(fmt.Sprintf("first read: %d", st))
				return
			}
			for n := 0; ; n++ {
				time.Sleep(500*time.Millisecond + time.Duration(rng.Int64N(int64(time.Second))))
				if next.Add(1) > int64(b.N) || time.Now().After(deadline) {
					return
				}
				if rng.IntN(10) == 0 {
					form.Set("duties", "职责（第 "+strconv.Itoa(n)+" 次保存）")
					req, _ := http.NewRequest("POST", base+e.paths[u], strings.NewReader(form.Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					req.AddCookie(&http.Cookie{Name: "jx_session", Value: e.tokens[u]})
					t0 := time.Now()
					resp, err := client.Do(req)
					d := time.Since(t0)
					if err != nil {
						fail(err.Error())
						continue
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusSeeOther {
						fail("save: " + resp.Status)
						continue
					}
					mu.Lock()
					saves = append(saves, d)
					mu.Unlock()
					// The browser goes on with the version the save made.
					if loc, err := url.Parse(resp.Header.Get("Location")); err == nil && loc.Query().Get("saved") != "" {
						form.Set("version", loc.Query().Get("saved"))
					}
					continue
				}
				t0 := time.Now()
				n, st := fetchLen(client, base+e.paths[u], e.tokens[u])
				d := time.Since(t0)
				if st != 200 || n < int64(e.sizes[u]/2) {
					fail(fmt.Sprintf("read: %d, %d bytes", st, n))
					continue
				}
				mu.Lock()
				reads = append(reads, d)
				mu.Unlock()
			}
		})
	}
	ready.Wait()
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if len(errs) > 0 {
		b.Fatalf("failed requests: %s", strings.Join(errs, "; "))
	}
	if b.N >= 1000 && len(saves) < b.N/20 {
		b.Fatalf("%d saves in %d requests, want about 10 %%", len(saves), b.N)
	}
	b.ReportMetric(pct(reads, .50), "read-p50-ms")
	b.ReportMetric(pct(reads, .99), "read-p99-ms")
	b.ReportMetric(pct(saves, .50), "save-p50-ms")
	b.ReportMetric(pct(saves, .99), "save-p99-ms")
	b.ReportMetric(float64(len(reads)+len(saves))/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(len(saves)), "saves")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(len(reads)+len(saves)), "cpu-ms/req")
}
