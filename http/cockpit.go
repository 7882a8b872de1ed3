package http

import (
	"context"
	"math"
	"slices"
	"time"

	"jixiao"
)

// The cockpit is what the status board and the dashboard both read: for one year and
// one region, where every department stands in the targets stage. It is built from the
// plan listing (one query), the department tree (one query), the region's deadlines and
// exceptions (a few queries), never from the plans' documents, so it stays cheap at
// province scale (scale/dashboard_test.go). Monitoring and self-evaluation will add
// their own stages beside targetsStage.

// unitState is one department of the region in the targets stage.
type unitState struct {
	Dept  *jixiao.Department
	State string // boardNotStarted … boardPublished
	Plan  *jixiao.PlanState
	// ByParent: the unit has no plan of its own and its parent department files one for
	// the year (部门整体 covers its 下属单位): it is not counted, and never late.
	ByParent bool
	// Due is the deadline that applies (an exception's end when later); zero when none.
	Due      time.Time
	Extended bool
	// Late: the deadline has passed and the plan has not been submitted.
	Late bool
	// DaysLeft is the whole days to Due (negative once past); meaningful when Due is set.
	DaysLeft int
}

// counted reports whether the unit is one of the board's units (it files for itself).
func (u *unitState) counted() bool { return !u.ByParent }

// filed reports whether the unit's plan has left its hands (submitted or beyond).
func (u *unitState) filed() bool {
	switch u.State {
	case boardSubmitted, boardUnitApproved, boardApproved, boardPublished:
		return true
	}
	return false
}

// cockpit is the region's targets stage for one year.
type cockpit struct {
	Root     *jixiao.Department
	Year     int
	Years    []int
	Deadline *jixiao.Deadline // the root's, nil when none
	Units    []*unitState     // tree order; the bureaus are left out (they file nothing)
	byID     map[int64]*unitState
	children map[int64][]*jixiao.Department
	depts    map[int64]*jixiao.Department
}

// filingYear is the year the board and the dashboard open on: next year once the region
// has set a deadline for it, else the latest year that has plans in the region (next
// year's once any unit has begun its targets for it), else the current year. Budgets
// for next year are prepared from the autumn (二上二下), so in December most units file
// next year's targets while the calendar still says this year; and a region whose plans
// are all of an earlier year (a demo seeded years ago) opened on an empty year while its
// reviewer's 待办 listed the older plans.
func (s *Server) filingYear(ctx context.Context, root *jixiao.Department, now time.Time, deadlines []jixiao.Deadline) (int, error) {
	years, err := s.store.PlanYears(ctx, root.ID)
	if err != nil {
		return 0, err
	}
	return defaultYear(now, deadlines, years), nil
}

// defaultYear is filingYear's choice from the region's deadlines and plan years (latest
// first).
func defaultYear(now time.Time, deadlines []jixiao.Deadline, years []int) int {
	cur := now.In(jixiao.ChinaTime()).Year()
	for _, d := range deadlines {
		if d.Year == cur+1 {
			return cur + 1
		}
	}
	if len(years) > 0 {
		return years[0]
	}
	return cur
}

// budgetYear is the year a unit files for now: next year once the region has set a
// deadline for it or a unit has begun it, else the current year (the filler's offer to
// start a plan; older plans are listed one by one on the 待办). deadlines are those that
// apply to root (DeadlinesFor).
func (s *Server) budgetYear(ctx context.Context, root *jixiao.Department, now time.Time, deadlines []jixiao.Deadline) (int, error) {
	years, err := s.store.PlanYears(ctx, root.ID)
	if err != nil {
		return 0, err
	}
	cur := now.In(jixiao.ChinaTime()).Year()
	if defaultYear(now, deadlines, years) > cur {
		return cur + 1, nil
	}
	return cur, nil
}

// cockpitYears are the years offered: the years with plans, the deadlines' years and
// the four around now.
func cockpitYears(now time.Time, year int, deadlines []jixiao.Deadline, years []int) []int {
	cur := now.In(jixiao.ChinaTime()).Year()
	ys := append([]int{cur + 1, cur, cur - 1, cur - 2, year}, years...)
	for _, d := range deadlines {
		ys = append(ys, d.Year)
	}
	slices.Sort(ys)
	ys = slices.Compact(ys)
	slices.Reverse(ys)
	return ys
}

// cockpit builds the region's state for year (0: the filing year).
func (s *Server) cockpit(ctx context.Context, c *reqCtx, year int) (*cockpit, error) {
	root, ds, err := c.region(ctx)
	if err != nil {
		return nil, err
	}
	now := s.cfg.Now()
	deadlines, err := s.store.DeadlinesFor(ctx, root.ID)
	if err != nil {
		return nil, err
	}
	years, err := s.store.PlanYears(ctx, root.ID)
	if err != nil {
		return nil, err
	}
	if year == 0 {
		year = defaultYear(now, deadlines, years)
	}
	k := &cockpit{Root: root, Year: year, Years: cockpitYears(now, year, deadlines, years), byID: map[int64]*unitState{},
		children: map[int64][]*jixiao.Department{}, depts: map[int64]*jixiao.Department{}}
	plans, err := s.store.PlanStates(ctx, root.ID, year)
	if err != nil {
		return nil, err
	}
	byDept := make(map[int64]*jixiao.PlanState, len(plans))
	for i := range plans {
		byDept[plans[i].DepartmentID] = &plans[i]
	}
	// The deadline of each department: the nearest bureau's above it (or the root's, or
	// one above the root: DeadlineFor), stretched by the nearest exception.
	dues := map[int64]*jixiao.Deadline{}
	if d, err := s.store.DeadlineFor(ctx, root.ID, year); err == nil {
		dues[root.ID], k.Deadline = d, d
	} else if jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		return nil, err
	}
	exs, err := s.store.Exceptions(ctx, root.ID, year)
	if err != nil {
		return nil, err
	}
	until := map[int64]time.Time{}
	for _, e := range exs {
		until[e.DepartmentID] = e.Until
	}
	exUntil := map[int64]time.Time{}
	for _, d := range ds {
		k.depts[d.ID] = d
		if d.ID != root.ID {
			k.children[d.ParentID] = append(k.children[d.ParentID], d)
		}
		if d.ID != root.ID && d.Kind == jixiao.KindBureau {
			if dl, err := s.store.DeadlineFor(ctx, d.ID, year); err == nil {
				dues[d.ID] = dl
			} else if jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
				return nil, err
			}
		}
		if _, ok := dues[d.ID]; !ok && d.ID != root.ID {
			if p, ok := dues[d.ParentID]; ok {
				dues[d.ID] = p
			}
		}
		if t, ok := until[d.ID]; ok {
			exUntil[d.ID] = t
		} else if t, ok := exUntil[d.ParentID]; ok && d.ID != root.ID {
			exUntil[d.ID] = t
		}
		if d.Kind == jixiao.KindBureau {
			continue // the bureau reviews; it files no plan of its own here
		}
		u := &unitState{Dept: d, State: boardNotStarted}
		if p, ok := byDept[d.ID]; ok {
			u.Plan, u.State = p, boardState(p.Status)
		} else if d.Kind == jixiao.KindUnit && byDept[d.ParentID] != nil {
			u.ByParent = true
		}
		if dl, ok := dues[d.ID]; ok {
			u.Due = dl.Due
			if t, ok := exUntil[d.ID]; ok && t.After(u.Due) {
				u.Due, u.Extended = t, true
			}
			u.DaysLeft = int(math.Ceil(u.Due.Sub(now).Hours() / 24))
			u.Late = !u.ByParent && !u.filed() && now.After(u.Due)
		}
		k.Units = append(k.Units, u)
		k.byID[d.ID] = u
	}
	return k, nil
}

// tally is the count of a set of units by state.
type tally struct {
	ByState map[string]int
	Total   int // counted units
	Filed   int // submitted or beyond
	Late    int
	ByParnt int // units filed for by their parent, not in Total
}

func newTally() tally { return tally{ByState: map[string]int{}} }

func (t *tally) add(u *unitState) {
	if u.ByParent {
		t.ByParnt++
		return
	}
	t.ByState[u.State]++
	t.Total++
	if u.filed() {
		t.Filed++
	}
	if u.Late {
		t.Late++
	}
}

// subtree tallies the units of the subtree under id (id itself included).
func (k *cockpit) subtree(id int64) tally {
	t := newTally()
	var walk func(id int64)
	walk = func(id int64) {
		if u, ok := k.byID[id]; ok {
			t.add(u)
		}
		for _, ch := range k.children[id] {
			walk(ch.ID)
		}
	}
	walk(id)
	return t
}

// within reports whether department id is in the subtree under top.
func (k *cockpit) within(id, top int64) bool {
	for id != 0 {
		if id == top {
			return true
		}
		d, ok := k.depts[id]
		if !ok {
			return false
		}
		id = d.ParentID
	}
	return false
}
