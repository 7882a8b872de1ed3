package bench

import (
	"context"
	"sync"

	"jixiao"
	"jixiao/check"
)

// Batch runs work on every plan of f, streamed from s (PlanService.EachPlan), on
// workers goroutines, and hands the results to emit one at a time, on the calling
// goroutine, in the listing's order: what emit sees does not depend on the number of
// workers. Memory holds at most 2 × workers + 2 plans and results besides the one being
// read, whatever the region's size. The first error of work, of emit or of the
// reading stops it and is returned (the one of the earliest plan, for work); n is the
// number of results emitted.
func Batch[R any](ctx context.Context, s jixiao.PlanService, f jixiao.PlanFilter, workers int,
	work func(*jixiao.Plan) (R, error), emit func(R) error) (n int, err error) {
	workers = max(workers, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type slot struct {
		p    *jixiao.Plan
		res  R
		err  error
		done chan struct{}
	}
	// queue holds the plans in the listing's order, jobs the same plans for the workers.
	queue := make(chan *slot, 2*workers)
	jobs := make(chan *slot, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for sl := range jobs {
				if ctx.Err() == nil {
					sl.res, sl.err = work(sl.p)
				}
				sl.p = nil
				close(sl.done)
			}
		}()
	}
	var readErr error
	go func() {
		defer close(queue) // after jobs, and after readErr is set
		defer close(jobs)
		_, readErr = s.EachPlan(ctx, f, func(p *jixiao.Plan) error {
			sl := &slot{p: p, done: make(chan struct{})}
			select {
			case queue <- sl:
			case <-ctx.Done():
				return ctx.Err()
			}
			jobs <- sl // the workers take every job until jobs is closed
			return nil
		})
	}()
	for sl := range queue {
		if err != nil {
			continue // drain, so that the reader ends
		}
		<-sl.done
		switch {
		case sl.err != nil:
			err = sl.err
		case ctx.Err() != nil:
			err = ctx.Err()
		default:
			err = emit(sl.res)
		}
		if err != nil {
			cancel()
			continue
		}
		n++
	}
	wg.Wait()
	if err == nil {
		err = readErr
	}
	return n, err
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
