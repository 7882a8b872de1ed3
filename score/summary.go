package score

import (
	"sort"

	"jixiao"
	"jixiao/check"
)

// Scored is one self-evaluation with its result, an input of Summarize.
type Scored struct {
	Record *jixiao.SelfEvaluation
	Result *Result
}

// UnitScore is one row of the finance bureau's table: a table's computed total and grade
// beside the unit's own, and how many errors and warnings the scorer found.
type UnitScore struct {
	Department   string         `json:"department"`
	Project      string         `json:"project"` // empty: the department table
	Total        jixiao.Decimal `json:"total"`
	Grade        string         `json:"grade"` // empty while scores are pending
	WrittenTotal jixiao.Decimal `json:"writtenTotal"`
	Errors       int            `json:"errors"`
	Warnings     int            `json:"warnings"`
}

// MissedIndicator is an indicator name (as Normalize compares) that lost points in
// several tables.
type MissedIndicator struct {
	Name   string `json:"name"` // as first written
	Level1 string `json:"level1"`
	Missed int    `json:"missed"` // tables in which it lost points
	Scored int    `json:"scored"` // tables that scored it
}

// Summary is the finance bureau's table over many scored self-evaluations (结果应用):
// every unit's score and grade, the low scorers, and the indicators most often missed.
type Summary struct {
	Units   []UnitScore       `json:"units"`   // in the order given
	Low     []UnitScore       `json:"low"`     // total below the cut-off, lowest first
	Missed  []MissedIndicator `json:"missed"`  // most often missed first
	ByGrade map[string]int    `json:"byGrade"` // tables per grade
}

// Summarize builds the finance bureau's table. A table is a low scorer when its total
// is below lowBelow (empty: the rule's second grade, 80 in 10号's: below 良); missed lists
// the indicators that lost points in at least two tables, at most top of them (0: all).
func (r *Rule) Summarize(all []Scored, lowBelow jixiao.Decimal, top int) *Summary {
	if !lowBelow.IsSet() && len(r.Grades) > 1 {
		lowBelow = r.Grades[1].From
	}
	s := &Summary{ByGrade: map[string]int{}}
	missed := map[string]*MissedIndicator{}
	var order []string
	for _, sc := range all {
		res, rec := sc.Result, sc.Record
		u := UnitScore{Department: rec.Department, Project: rec.Project, Total: res.Total, WrittenTotal: res.WrittenTotal}
		if rec.Department == "" {
			u.Department = rec.Unit
		}
		if res.Complete {
			u.Grade = res.Grade
			s.ByGrade[u.Grade]++
		}
		for _, f := range res.Findings {
			switch f.Severity {
			case check.Error:
				u.Errors++
			case check.Warning:
				u.Warnings++
			}
		}
		s.Units = append(s.Units, u)
		if lowBelow.IsSet() && res.Complete && res.Total.Cmp(lowBelow) < 0 {
			s.Low = append(s.Low, u)
		}
		for k := range res.Indicators {
			in := &res.Indicators[k]
			key := Normalize(in.Name)
			m := missed[key]
			if m == nil {
				m = &MissedIndicator{Name: in.Name}
				if k < len(rec.Indicators) {
					m.Level1 = rec.Indicators[k].Level1
				}
				missed[key] = m
				order = append(order, key)
			}
			m.Scored++
			if in.Score.IsSet() && in.Score.Cmp(in.Weight) < 0 {
				m.Missed++
			}
		}
	}
	sort.SliceStable(s.Low, func(i, j int) bool { return s.Low[i].Total.Cmp(s.Low[j].Total) < 0 })
	for _, k := range order {
		if m := missed[k]; m.Missed >= 2 {
			s.Missed = append(s.Missed, *m)
		}
	}
	sort.SliceStable(s.Missed, func(i, j int) bool { return s.Missed[i].Missed > s.Missed[j].Missed })
	if top > 0 && len(s.Missed) > top {
		s.Missed = s.Missed[:top]
	}
	return s
}
