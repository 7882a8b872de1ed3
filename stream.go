package jixiao

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
)

// planRow is one row of a store's EachPlan query on its way to fn: read in the listing's
// order, decoded by any of the decoders, handed to fn in the listing's order.
type planRow struct {
	id   int64
	code string // the department's code as it is now
	doc  []byte // the revision's document; dropped once decoded
	p    *Plan
	err  error
	done chan struct{} // closed once decoded
}

// StreamPlans calls fn with the plans of the rows that read sends, one at a time, on the
// calling goroutine and in read's order. read runs on a goroutine of its own and the
// documents are decoded on GOMAXPROCS goroutines while it goes on: decoding JSON costs
// more than reading it, and on one goroutine it would set the pace of a batch however
// many cores check the plans. At most 3 × GOMAXPROCS + 2 rows are held at once,
// whatever their number. The first error stops it: fn's is returned as it is, then a
// decoding's, ctx's, read's. n is the number of plans fn returned nil for. The stores'
// EachPlan are built on it.
func StreamPlans(ctx context.Context, read func(ctx context.Context, send func(id int64, code string, doc []byte) error) error,
	fn func(*Plan) error) (n int, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	decoders := runtime.GOMAXPROCS(0)
	queue := make(chan *planRow, 2*decoders) // in order, to fn
	jobs := make(chan *planRow, decoders)    // the same rows, to the decoders
	var wg sync.WaitGroup
	for range decoders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range jobs {
				if ctx.Err() == nil {
					p := new(Plan)
					if err := json.Unmarshal(r.doc, p); err != nil {
						r.err = fmt.Errorf("decode plan %d: %w", r.id, err)
					} else {
						p.DepartmentCode = r.code
						r.p = p
					}
				}
				r.doc = nil
				close(r.done)
			}
		}()
	}
	var readErr error
	go func() {
		defer close(queue) // after jobs, and after readErr is set
		defer close(jobs)
		readErr = read(ctx, func(id int64, code string, doc []byte) error {
			r := &planRow{id: id, code: code, doc: doc, done: make(chan struct{})}
			select {
			case queue <- r:
			case <-ctx.Done():
				return ctx.Err()
			}
			jobs <- r // the decoders take every row until jobs is closed
			return nil
		})
	}()
	for r := range queue {
		if err != nil {
			continue // drain, so that read ends
		}
		<-r.done
		switch {
		case r.err != nil:
			err = r.err
		case ctx.Err() != nil:
			err = ctx.Err() // the caller's: ours is cancelled only once err is set
		default:
			err = fn(r.p)
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
