// Package batch runs one piece of work over every plan of a region and year, streamed
// from the store: the engine of `jixiao batch` (check, export, generate), which the
// benchmarks (bench) and the scale test call too. Memory holds a few plans and results
// per worker, whatever the region's size; PeakRSS reports what the process took.
package batch

import (
	"context"

	"jixiao"
	"jixiao/check"
)

// Batch runs work on every plan of f, streamed from s (PlanService.EachPlan), on
// workers goroutines, and hands the results to emit one at a time, on the calling
// goroutine, in the listing's order (jixiao.InOrder): what emit sees does not depend on
// the number of workers, and memory holds a few plans and results per worker, whatever
// the region's size. The first error of work, of emit or of the reading stops it and is
// returned (the one of the earliest plan, for work); n is the number of results emitted.
func Batch[R any](ctx context.Context, s jixiao.PlanService, f jixiao.PlanFilter, workers int,
	work func(*jixiao.Plan) (R, error), emit func(R) error) (n int, err error) {
	return jixiao.InOrder(ctx, workers, func(ctx context.Context, send func(*jixiao.Plan) error) error {
		_, err := s.EachPlan(ctx, f, send)
		return err
	}, work, emit)
}

// CheckTally is what a batch check found, as counts: nothing of it grows with the
// number of plans but the rules' names.
type CheckTally struct {
	Plans      int
	Indicators int
	WithErrors int // plans with at least one error
	BySeverity map[check.Severity]int
	ByRule     map[string]int
}

// CheckPlans checks every plan of f in s with c (check.Options{}), streamed and checked
// on workers goroutines (Batch). The counts are the same whatever the number of workers.
func CheckPlans(ctx context.Context, s jixiao.PlanService, f jixiao.PlanFilter, c *check.Checker, workers int) (*CheckTally, error) {
	t := &CheckTally{BySeverity: map[check.Severity]int{}, ByRule: map[string]int{}}
	var err error
	t.Plans, err = Batch(ctx, s, f, workers, func(p *jixiao.Plan) (*check.Report, error) {
		return c.Check(p, check.Options{}), nil
	}, func(r *check.Report) error {
		t.Indicators += r.Indicators
		hasErr := false
		for _, fd := range r.Findings {
			t.BySeverity[fd.Severity]++
			t.ByRule[fd.Rule]++
			hasErr = hasErr || fd.Severity == check.Error
		}
		if hasErr {
			t.WithErrors++
		}
		return nil
	})
	return t, err
}
