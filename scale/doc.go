// Package scale holds the province-scale test of the PostgreSQL store (issue 8): it fills
// a fresh database with a generated region through the store, runs ANALYZE, and checks
// that the finance bureau's queries — the plan list filtered by year, department subtree
// and status, the status board, one plan, search by name — use indexes rather than
// sequential scans of the big tables (plans, indicators, revisions), by EXPLAIN (FORMAT
// JSON), and that each answers in under 100 ms through the store. It then times a batch
// check of a year's plans streamed from the store (EachPlan) and checked on every core
// (batch.CheckPlans), as jixiao batch check does.
//
// JIXIAO_TEST_POSTGRES names the server (a fresh database with CREATEDB, else a fresh
// schema); without it the test
// skips, unless CI=true. JIXIAO_SCALE_PLANS sets the number of departments (default
// 2,000, two years of plans each); docs/PERFORMANCE.md has a run at province size.
package scale
