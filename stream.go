package jixiao

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
)

// InOrder runs work on every item that read sends, on workers goroutines, and hands the
// results to emit one at a time, on the calling goroutine, in read's order: what emit
// sees does not depend on the number of workers. read runs on a goroutine of its own
// while the workers go on. At most 3 × workers + 2 items are held at once, whatever
// their number. The first error stops it, in read's order: work's or emit's, then ctx's,
// then read's; n is the number of results emit returned nil for. The stores' EachPlan
// (StreamPlans) and the batch commands (bench.Batch) are built on it.
func InOrder[I, O any](ctx context.Context, workers int, read func(ctx context.Context, send func(I) error) error,
	work func(I) (O, error), emit func(O) error) (n int, err error) {
	workers = max(workers, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type slot struct {
		in   I
		out  O
		err  error
		done chan struct{} // closed once worked on
	}
	queue := make(chan *slot, 2*workers) // in order, to emit
	jobs := make(chan *slot, workers)    // the same items, to the workers
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for sl := range jobs {
				if ctx.Err() == nil {
					sl.out, sl.err = work(sl.in)
				}
				var zero I
				sl.in = zero // dropped once worked on
				close(sl.done)
			}
		}()
	}
	var readErr error
	go func() {
		defer close(queue) // after jobs, and after readErr is set
		defer close(jobs)
		readErr = read(ctx, func(in I) error {
			sl := &slot{in: in, done: make(chan struct{})}
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
			continue // drain, so that read ends
		}
		<-sl.done
		switch {
		case sl.err != nil:
			err = sl.err
		case ctx.Err() != nil:
			err = ctx.Err() // the caller's: ours is cancelled only once err is set
		default:
			err = emit(sl.out)
		}
		if err != nil {
			cancel()
			continue
		}
		n++
	}
	wg.Wait()
	if err == nil {
		if err = ctx.Err(); err == nil {
			err = readErr
		}
	}
	return n, err
}

// planRow is one row of a store's EachPlan query: the revision's document and the
// department's code as it is now.
type planRow struct {
	id   int64
	code string
	doc  []byte
}

// StreamPlans calls fn with the plans of the rows that read sends, one at a time, on the
// calling goroutine and in read's order, the documents decoded on GOMAXPROCS goroutines
// while read goes on (InOrder): decoding JSON costs more than reading it, and on one
// goroutine it would set the pace of a batch however many cores check the plans. fn's
// error is returned as it is. The stores' EachPlan are built on it.
func StreamPlans(ctx context.Context, read func(ctx context.Context, send func(id int64, code string, doc []byte) error) error,
	fn func(*Plan) error) (n int, err error) {
	return InOrder(ctx, runtime.GOMAXPROCS(0), func(ctx context.Context, send func(planRow) error) error {
		return read(ctx, func(id int64, code string, doc []byte) error { return send(planRow{id, code, doc}) })
	}, func(r planRow) (*Plan, error) {
		p := new(Plan)
		if err := json.Unmarshal(r.doc, p); err != nil {
			return nil, fmt.Errorf("decode plan %d: %w", r.id, err)
		}
		p.DepartmentCode = r.code
		return p, nil
	}, fn)
}
