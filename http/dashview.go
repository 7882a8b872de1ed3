package http

import (
	"context"
	"math"
	"net/http"
	"strconv"

	"jixiao"
)

// dashView is what the dashboard reads for one year and one node: the node's place and
// counts, a page of its children's and the late units, from the counts the store keeps
// (NodeTally, LateUnits), so that a province's root costs the rows it shows, not its
// 30,000 units (scale/dashboard_test.go).
type dashView struct {
	Year     int
	Years    []int
	Deadline *jixiao.Deadline // the region root's, nil when none
	Root     *jixiao.Department
	T        *jixiao.NodeTally
	Self     *tally // the node's own unit; nil for a bureau
	Kids     []kid  // the page of children read
	Sum      tally  // the node's whole subtree
	Late     []jixiao.LateUnit
}

// kid is one child of the node with its subtree's tally.
type kid struct {
	jixiao.NodeChild
	t tally
}

// dashViewFor reads the dashboard's data for the request (year=, dept=).
func (s *Server) dashViewFor(ctx context.Context, c *reqCtx, r *http.Request, page jixiao.ChildPage) (*dashView, error) {
	root, err := c.regionRoot(ctx)
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
	v := &dashView{Root: root, Year: yearParam(r, defaultYear(now, deadlines, years))}
	v.Years = cockpitYears(now, v.Year, deadlines, years)
	if dl, err := s.store.DeadlineFor(ctx, root.ID, v.Year); err == nil {
		v.Deadline = dl
	} else if jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		return nil, err
	}
	node := root.ID
	if id, err := strconv.ParseInt(r.URL.Query().Get("dept"), 10, 64); err == nil {
		node = id
	}
	v.T, err = s.store.NodeTally(ctx, node, v.Year, page)
	if err != nil && jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		return nil, err
	}
	if err != nil || !v.inRegion() {
		// A department outside the user's region (or none): the region's root, as the
		// page did when it read the whole region.
		if v.T, err = s.store.NodeTally(ctx, root.ID, v.Year, page); err != nil {
			return nil, err
		}
	}
	if v.Late, err = s.store.LateUnits(ctx, v.T.Node.ID, v.Year, now); err != nil {
		return nil, err
	}
	v.Sum = countTally(v.T.Total)
	v.Sum.Late = len(v.Late)
	if v.T.Node.Kind != jixiao.KindBureau {
		t := countTally(v.T.Self)
		v.Self = &t
	}
	byID := map[int64]int{}
	for _, ch := range v.T.Children {
		byID[ch.Department.ID] = len(v.Kids)
		v.Kids = append(v.Kids, kid{NodeChild: ch, t: countTally(ch.Counts)})
	}
	at := len(v.T.Ancestors) // the node's place in a unit's path
	for _, u := range v.Late {
		switch {
		case len(u.Path) == at+1 && v.Self != nil:
			v.Self.Late++
		case len(u.Path) > at+1:
			if i, ok := byID[u.Path[at+1]]; ok {
				v.Kids[i].t.Late++
			}
		}
	}
	return v, nil
}

// regionRoot is the root of the user's region (c.region's first department) without
// reading the whole region: a province's pages that need only the root (the dashboard,
// the navigation's 待办 count) stay independent of its size.
func (c *reqCtx) regionRoot(ctx context.Context) (*jixiao.Department, error) {
	if c.depts != nil && len(c.depts) > 0 {
		return c.depts[0], nil
	}
	if c.user == nil || c.user.DepartmentID == 0 {
		return nil, jixiao.Errorf(jixiao.EFORBIDDEN, "您的账号没有分配单位，无法查看本地区的数据。")
	}
	return c.store.Department(ctx, c.user.DepartmentID)
}

// inRegion reports whether the node is the user's department or below it.
func (v *dashView) inRegion() bool {
	if v.T.Node.ID == v.Root.ID {
		return true
	}
	for _, a := range v.T.Ancestors {
		if a.ID == v.Root.ID {
			return true
		}
	}
	return false
}

// crumbs are the node's ancestors from the region's root down, and the node.
func (v *dashView) crumbs() []crumb {
	var out []crumb
	in := false
	for _, a := range v.T.Ancestors {
		in = in || a.ID == v.Root.ID
		if in {
			out = append(out, crumb{Label: a.Name, URL: dashURL(v.Year, a.ID, "", "")})
		}
	}
	return append(out, crumb{Label: v.T.Node.Name, URL: dashURL(v.Year, v.T.Node.ID, "", "")})
}

// countTally adds up a subtree's counts by state (the late count comes separately).
func countTally(cs []jixiao.StateCount) tally {
	t := newTally()
	for _, c := range cs {
		if c.ByParent {
			t.ByParnt += c.N
			continue
		}
		st := boardNotStarted
		if c.Status != jixiao.StatusUnknown {
			st = boardState(c.Status)
		}
		t.ByState[st] += c.N
		t.Total += c.N
		switch st {
		case boardSubmitted, boardUnitApproved, boardApproved, boardPublished:
			t.Filed += c.N
		}
	}
	return t
}

// plans is the number of units of the tally with a plan of their own.
func (t tally) plans() int { return t.Total - t.ByState[boardNotStarted] }

// lateDays is the whole days from now to due (negative once past), as the board counts.
func lateDays(s *Server, u jixiao.LateUnit) int {
	return int(math.Ceil(u.Due.Sub(s.cfg.Now()).Hours() / 24))
}
