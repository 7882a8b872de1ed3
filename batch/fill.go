package batch

import (
	"context"
	"fmt"
	"sync"

	"jixiao"
	"jixiao/gen"
)

// Fill stores a generated region in s through the store's own API: its department tree
// (CreateDepartment) unless the store has it already (a second year of the same
// region), then every plan (ImportPlan), with workers plans in flight at once
// (a PostgreSQL store takes them in parallel; SQLite queues them on its one writer). The
// plans are made one at a time and dropped once stored, so memory stays flat whatever
// the region's size. progress, when set, is called after each plan with the count so far.
func Fill(ctx context.Context, s jixiao.Store, reg *gen.Region, workers int, progress func(done int)) error {
	if _, err := s.DepartmentByCode(ctx, reg.Departments[0].Code); jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
		if _, err := CreateDepartments(ctx, s, reg); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	workers = max(workers, 1)
	next := make(chan int)
	errc := make(chan error, workers)
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p := reg.Plan(i)
				if _, err := s.ImportPlan(ctx, p, jixiao.SaveInfo{Author: "gen", Reason: "生成的测试数据"}); err != nil {
					errc <- fmt.Errorf("import plan %d (%s): %w", i, p.DepartmentCode, err)
					return
				}
				if progress != nil {
					mu.Lock()
					done++
					progress(done)
					mu.Unlock()
				}
			}
		}()
	}
	var err error
feed:
	for i := 0; i < reg.Len(); i++ {
		select {
		case next <- i:
		case err = <-errc:
			break feed
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errc:
		default:
		}
	}
	return err
}

// CreateDepartments stores the region's department tree through the store's own API and
// returns the stored ids by code.
func CreateDepartments(ctx context.Context, s jixiao.Store, reg *gen.Region) (map[string]int64, error) {
	ids := map[string]int64{}
	byGenID := map[int64]string{}
	for _, d := range reg.Departments {
		nd := *d
		nd.ID = 0
		if d.ParentID != 0 {
			nd.ParentID = ids[byGenID[d.ParentID]]
		}
		if err := s.CreateDepartment(ctx, &nd); err != nil {
			return nil, fmt.Errorf("create department %s: %w", d.Code, err)
		}
		ids[d.Code] = nd.ID
		byGenID[d.ID] = d.Code
	}
	return ids, nil
}

// NewRegion returns the generated region of n plans for year that the benchmarks, the
// batch commands and the scale test share (seed 8, the default share of mistakes).
func NewRegion(n, year int) *gen.Region {
	return gen.NewRegion(gen.Options{Departments: n, Year: year, Seed: 8})
}
