package http

import (
	"sort"

	"jixiao"
	"jixiao/score"
)

// The finance bureau's re-check differences (复核得分 − 自评得分), summed per unit and per
// clause of the scoring rule each re-checked score came from (score.Clause: 预算执行率,
// 定量正向/反向, =, 定性分档, 超额完成扣分 …), for the score table and its xlsx.

// recheckRow is one line of the differences: a unit or a clause.
type recheckRow struct {
	Name            string
	Tables          int // tables with a re-check
	Checked         int // indicators re-checked
	Lowered, Raised int
	Diff            string // the sum of the differences
}

type recheckAcc struct {
	tables, checked, lowered, raised int
	diff                             jixiao.Decimal
}

// recheckTally sums the differences of the tables it is given.
type recheckTally struct {
	units   map[string]*recheckAcc
	clauses map[score.Clause]*recheckAcc
}

func newRecheckTally() *recheckTally {
	return &recheckTally{units: map[string]*recheckAcc{}, clauses: map[score.Clause]*recheckAcc{}}
}

// add counts the re-checks of one table of unit, scored as res.
func (t *recheckTally) add(unit string, res *score.Result, reviews map[int]jixiao.ReviewScore) {
	if len(reviews) == 0 {
		return
	}
	u := t.units[unit]
	if u == nil {
		u = &recheckAcc{diff: jixiao.Int(0)}
		t.units[unit] = u
	}
	seen := map[score.Clause]bool{}
	u.tables++
	for i, rs := range reviews {
		if i < 0 || i >= len(res.Indicators) || !res.Indicators[i].Score.IsSet() {
			continue // still pending: nothing to compare with
		}
		d := rs.Score.Sub(res.Indicators[i].Score)
		cl := res.Indicators[i].Clause
		c := t.clauses[cl]
		if c == nil {
			c = &recheckAcc{diff: jixiao.Int(0)}
			t.clauses[cl] = c
		}
		if !seen[cl] {
			seen[cl] = true
			c.tables++
		}
		for _, a := range []*recheckAcc{u, c} {
			a.checked++
			a.diff = a.diff.Add(d)
			switch d.Cmp(jixiao.Int(0)) {
			case -1:
				a.lowered++
			case 1:
				a.raised++
			}
		}
	}
}

func (a *recheckAcc) row(name string) recheckRow {
	return recheckRow{Name: name, Tables: a.tables, Checked: a.checked, Lowered: a.lowered, Raised: a.raised, Diff: a.diff.String()}
}

// rows returns the units (by name) and the clauses (in the rule's order) that have
// re-checks.
func (t *recheckTally) rows() (units, clauses []recheckRow) {
	names := make([]string, 0, len(t.units))
	for n := range t.units {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		units = append(units, t.units[n].row(n))
	}
	for _, cl := range score.Clauses {
		if a := t.clauses[cl]; a != nil {
			clauses = append(clauses, a.row(cl.Label()))
		}
	}
	return units, clauses
}
