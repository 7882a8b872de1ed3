package library

import (
	"sort"
)

// The finance bureau's views of the library. Each returns rows ready for a table or a
// sheet (see Sheets).

// MostUsed returns the k entries used by the most units.
func (l *Library) MostUsed(k int) []*Entry {
	out := l.learnt(func(e *Entry) bool { return e.Uses() > 0 })
	sort.SliceStable(out, func(i, j int) bool { return out[i].Uses() > out[j].Uses() })
	return head(out, k)
}

// FailRate is the share of evaluated rows whose actual missed the target.
func (e *Entry) FailRate() float64 {
	if e.Stats == nil || e.Stats.Evaluated == 0 {
		return 0
	}
	return float64(e.Stats.Failed) / float64(e.Stats.Evaluated)
}

// MostFailed returns the k entries most often missed where self-evaluations say, by
// the number of misses, with at least one.
func (l *Library) MostFailed(k int) []*Entry {
	out := l.learnt(func(e *Entry) bool { return e.Stats.Failed > 0 })
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Stats.Failed != out[j].Stats.Failed {
			return out[i].Stats.Failed > out[j].Stats.Failed
		}
		return out[i].FailRate() > out[j].FailRate()
	})
	return head(out, k)
}

// Boilerplate returns the entries used by at least minUnits units whose targets are
// 100% in at least share of the rows (the same 100% written everywhere).
func (l *Library) Boilerplate(minUnits int, share float64) []*Entry {
	out := l.learnt(func(e *Entry) bool {
		return e.Stats.Uses >= minUnits && e.Stats.Rows > 0 && float64(e.Stats.Hundred) >= share*float64(e.Stats.Rows)
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Uses() > out[j].Uses() })
	return out
}

// FieldQuality is how measurable a field's indicators are.
type FieldQuality struct {
	Field        string  `json:"field"`
	Rows         int     `json:"rows"`
	Quantitative int     `json:"quantitative"` // rows with a numeric target
	Hundred      int     `json:"hundred"`      // rows whose target is 100%
	Weak         float64 `json:"weak"`         // share of rows without a numeric target or at 100%
}

// WeakFields returns the fields by the share of weak rows (no numeric target, or the
// boilerplate 100%), weakest first. A row counts in the field of its entry.
func (l *Library) WeakFields() []FieldQuality {
	by := map[string]*FieldQuality{}
	for _, e := range l.Entries {
		if e.Stats == nil || e.Field == "" {
			continue
		}
		q := by[e.Field]
		if q == nil {
			q = &FieldQuality{Field: e.Field}
			by[e.Field] = q
		}
		q.Rows += e.Stats.Rows
		q.Quantitative += e.Stats.Quantitative
		q.Hundred += e.Stats.Hundred
	}
	var out []FieldQuality
	for _, q := range by {
		if q.Rows > 0 {
			q.Weak = float64(q.Rows-q.Quantitative+q.Hundred) / float64(q.Rows)
		}
		out = append(out, *q)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weak != out[j].Weak {
			return out[i].Weak > out[j].Weak
		}
		return out[i].Field < out[j].Field
	})
	return out
}

func (l *Library) learnt(keep func(*Entry) bool) []*Entry {
	var out []*Entry
	for _, e := range l.Entries {
		if e.Stats != nil && keep(e) {
			out = append(out, e)
		}
	}
	return out
}

func head(e []*Entry, k int) []*Entry {
	if k > 0 && len(e) > k {
		return e[:k]
	}
	return e
}
