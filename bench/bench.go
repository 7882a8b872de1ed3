// Package bench runs jixiao's performance benchmarks side by side with their floors and
// judges them against the goals of the issues (docs/PERFORMANCE.md):
//
//   - parse: textdoc.Read of the seed document, floor: JSON decode of the same plan;
//   - check: check.Check over a generated region from memory, per core, floor: JSON
//     decode of the same plans (goals ≥1,000,000 indicators/s per core, ≤2× the floor);
//   - monitor: the monitoring alerts of every record of a generated region, floor: JSON
//     decode of the same records (goal ≤1×);
//   - score: score.Rule.Score over every self-evaluation of a generated region, per core,
//     floor: JSON decode of the same records (goals ≥1,000,000 indicators/s per core,
//     ≤1× the floor);
//   - import: the store's ImportPlan into SQLite and PostgreSQL, floor: a bare loop of
//     INSERTs of the same rows in one transaction on the same database (goal ≤2×);
//   - xlsx: xlsx.Write, floor: excelize's StreamWriter writing the same cells with no
//     layout (goal ≤1.5×);
//   - web: the real server on loopback with 200 concurrent users reading a plan page and
//     saving a plan, floor: a bare net/http handler serving a page of the same size
//     (goal p99 < 50 ms for reads).
//
// Every workload and its floor run in one process, alternately, several rounds each, and
// the best round of each side is kept: the machine may be shared, and alternating keeps
// both sides under the same load so that the ratio stays honest. CPU-bound workloads are
// timed by the process's CPU time with GOMAXPROCS=1 (figures per core); database and web
// workloads by the wall clock.
//
// The package imports excelize for the xlsx floor only; the product's xlsx code is
// package xlsx.
package bench

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"jixiao"
)

// Config says what to run.
type Config struct {
	// Quick runs small sizes (for CI: the whole run well under 3 minutes).
	Quick bool
	// Postgres is the URL of a PostgreSQL server whose role may create databases; empty
	// skips the PostgreSQL rows. Each run makes its own databases and drops them.
	Postgres string
	// RequirePostgres makes a missing PostgreSQL a failure instead of a skip (CI=true).
	RequirePostgres bool
	// Open opens (and migrates) a store: "sqlite:PATH" or a postgres:// URL. cmd/jixiao
	// passes its openStore, so the benchmark measures the stores the binary uses.
	Open func(ctx context.Context, dsn string) (jixiao.Store, error)
	// Dir holds the benchmark's SQLite files; empty: a temporary directory, removed after.
	Dir string
	// Only names the workloads to run (parse, check, monitor, score, import, xlsx, web,
	// dashboard); empty: all.
	Only []string
	// Log receives progress lines; nil discards them.
	Log io.Writer
	// Custom replaces the sizes of Quick or the full run (tests use tiny ones).
	Custom *Sizes
}

// Sizes are the amounts of work of a run.
type Sizes struct {
	Parse, Check, Import, XLSX int // documents or plans
	Score                      int // units whose self-evaluations are scored
	WebPlans                   int // plans in the web workload's database
	WebUsers                   int // concurrent simulated users
	WebRequests                int // requests per side, at most
	WebDuration                time.Duration
	WebThink                   time.Duration // a user's pause between rounds, on average
	Rounds                     int           // rounds of each workload and floor, the best kept
	Dashboard                  int           // plans of the dashboard's province (PostgreSQL); 0 leaves the row out
}

// QuickSizes are the sizes of --quick.
var QuickSizes = Sizes{Parse: 300, Check: 1500, Score: 600, Import: 100, XLSX: 40, WebPlans: 200, WebUsers: 200,
	WebRequests: 3000, WebDuration: 12 * time.Second, WebThink: time.Second, Rounds: 2, Dashboard: 1000}

// FullSizes are the sizes of the issues: 3,000 plans of about 100 indicators.
var FullSizes = Sizes{Parse: 3000, Check: 3000, Score: 3000, Import: 3000, XLSX: 3000, WebPlans: 3000, WebUsers: 200,
	WebRequests: 20000, WebDuration: 60 * time.Second, WebThink: time.Second, Rounds: 2, Dashboard: 30000}

// Status is the verdict of a row.
type Status string

// Verdicts.
const (
	Pass    Status = "pass"
	Fail    Status = "fail"
	Skipped Status = "skipped"
	Failed  Status = "error" // the workload could not run
	Info    Status = "—"     // no goal: reported for comparison
)

// Goal is one target of a row: a value and the limit it must keep.
type Goal struct {
	Name  string  // "ratio", "indicators/s/core", "p99 ms"
	Value float64 // measured
	Limit float64
	Max   bool // the value must be ≤ Limit (else ≥ Limit)
}

// Met reports whether the goal is reached.
func (g Goal) Met() bool {
	if g.Max {
		return g.Value <= g.Limit
	}
	return g.Value >= g.Limit
}

// FarOff reports whether the value misses the goal by more than a factor of two: the
// limit --quick enforces (CI machines and small sizes are noisy; a regression that
// doubles a cost still fails).
func (g Goal) FarOff() bool {
	if g.Max {
		return g.Value > 2*g.Limit
	}
	return g.Value < g.Limit/2
}

func (g Goal) String() string {
	op := "≥"
	if g.Max {
		op = "≤"
	}
	if g.Name == "ratio" {
		return op + trimFloat(g.Limit) + "×"
	}
	return g.Name + " " + op + " " + humanNumber(g.Limit)
}

// Result is one row of the table.
type Result struct {
	Workload   string
	Size       string
	Time       time.Duration // the workload (the best round)
	Clock      string        // "cpu, 1 core" or "wall"
	Throughput string
	Floor      string
	FloorTime  time.Duration
	Ratio      float64 // Time / FloorTime; 0 when there is no floor
	Goals      []Goal
	Status     Status
	Note       string // why skipped or failed; extra figures
}

func (r *Result) judge() {
	if r.Status == Skipped || r.Status == Failed {
		return
	}
	r.Status = Pass
	if len(r.Goals) == 0 {
		r.Status = Info
	}
	for _, g := range r.Goals {
		if !g.Met() {
			r.Status = Fail
		}
	}
}

// GoalText is the goal column.
func (r Result) GoalText() string {
	var s []string
	for _, g := range r.Goals {
		s = append(s, g.String())
	}
	return strings.Join(s, ", ")
}

// FarOff reports whether the row fails --quick: a goal missed by more than twice, a
// workload that could not run, or a required database that is missing.
func (r Result) FarOff() bool {
	if r.Status == Failed {
		return true
	}
	for _, g := range r.Goals {
		if g.FarOff() {
			return true
		}
	}
	return false
}

// Sizes returns the sizes the run uses.
func (c *Config) Sizes() Sizes {
	if c.Custom != nil {
		return *c.Custom
	}
	if c.Quick {
		return QuickSizes
	}
	return FullSizes
}

func (c *Config) logf(format string, args ...any) {
	if c.Log != nil {
		fmt.Fprintf(c.Log, format+"\n", args...)
	}
}

func (c *Config) runs(name string) bool {
	if len(c.Only) == 0 {
		return true
	}
	for _, o := range c.Only {
		if o == name {
			return true
		}
	}
	return false
}

// Run runs the benchmarks and returns the table. A workload that fails to run gives a
// row with Status Failed and its error in Note; Run returns an error only when it cannot
// start at all.
func Run(ctx context.Context, cfg Config) ([]Result, error) {
	if cfg.Open == nil {
		return nil, fmt.Errorf("bench: no store opener")
	}
	sz := cfg.Sizes()
	if cfg.Dir == "" {
		dir, err := os.MkdirTemp("", "jixiao-bench-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		cfg.Dir = dir
	}
	var out []Result
	add := func(rs ...Result) {
		for i := range rs {
			rs[i].judge()
			cfg.logf("  %s: %s", rs[i].Workload, rs[i].Status)
		}
		out = append(out, rs...)
	}
	failed := func(workload string, err error) Result {
		return Result{Workload: workload, Status: Failed, Note: err.Error()}
	}
	type step struct {
		name string
		run  func() ([]Result, error)
	}
	steps := []step{
		{"parse", func() ([]Result, error) { return benchParse(&cfg, sz) }},
		{"check", func() ([]Result, error) { return benchCheck(&cfg, sz) }},
		{"monitor", func() ([]Result, error) { return benchMonitor(&cfg, sz) }},
		{"score", func() ([]Result, error) { return benchScore(&cfg, sz) }},
		{"import", func() ([]Result, error) { return benchImport(ctx, &cfg, sz) }},
		{"xlsx", func() ([]Result, error) { return benchXLSX(&cfg, sz) }},
		{"web", func() ([]Result, error) { return benchWeb(ctx, &cfg, sz) }},
		{"dashboard", func() ([]Result, error) { return benchDashboard(ctx, &cfg, sz) }},
	}
	for _, s := range steps {
		if !cfg.runs(s.name) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return out, err
		}
		cfg.logf("bench: %s …", s.name)
		t0 := time.Now()
		rs, err := s.run()
		if err != nil {
			rs = append(rs, failed(s.name, err))
		}
		add(rs...)
		cfg.logf("bench: %s done in %s", s.name, time.Since(t0).Round(time.Millisecond))
	}
	return out, nil
}

// skippedPostgres is the row of a PostgreSQL workload when no server is given.
func (c *Config) skippedPostgres(workload string) Result {
	r := Result{Workload: workload, Status: Skipped, Note: "skipped (no PostgreSQL)"}
	if c.RequirePostgres {
		r.Status, r.Note = Failed, "no PostgreSQL: CI=true requires --postgres or JIXIAO_TEST_POSTGRES"
	}
	return r
}

func (c *Config) sqliteDSN(name string) string {
	return "sqlite:" + filepath.Join(c.Dir, name)
}

func ratio(w, f time.Duration) float64 {
	if f <= 0 {
		return 0
	}
	return float64(w) / float64(f)
}

// perSecond formats n things per d.
func perSecond(n int, d time.Duration, unit string) string {
	if d <= 0 {
		return "—"
	}
	return humanNumber(float64(n)/d.Seconds()) + " " + unit
}

// humanNumber writes v with thousands separators, or with one or two decimals when small.
func humanNumber(v float64) string {
	switch {
	case math.IsInf(v, 0) || math.IsNaN(v):
		return fmt.Sprint(v)
	case v >= 1000:
		s := fmt.Sprintf("%.0f", v)
		var b strings.Builder
		for i, r := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		return b.String()
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// Failed reports whether any row fails the run: with quick, a goal missed by more than
// twice or a workload that could not run; otherwise any goal missed or any error.
func AnyFailed(rs []Result, quick bool) bool {
	for _, r := range rs {
		if quick && r.FarOff() {
			return true
		}
		if !quick && (r.Status == Fail || r.Status == Failed) {
			return true
		}
	}
	return false
}
