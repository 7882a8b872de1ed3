package bench

import (
	"encoding/json"
	"time"

	"jixiao"
)

// The rows a store writes for one plan, precomputed so that the floor only inserts.
// The columns follow the stores' schema (sqlite/migrations, postgres/migrations): the
// normalized tables the finance bureau queries and the revision holding the whole plan
// as JSON.

type planRows struct {
	code                                     string // department code
	year                                     int
	department, submitter, framework, status string
	duties, fundAuthority                    string
	budget                                   []budgetRow
	tasks                                    []jixiao.KeyTask
	indicators                               []indicatorRow // the department table
	funds                                    []fundRow
	doc                                      []byte // the revision: the whole plan as JSON
	nRows                                    int
}

type budgetRow struct {
	line           string
	micros, places int64
}

type fundRow struct {
	name           string
	micros, places any
	items          []itemRow
}

type itemRow struct {
	name                   string
	micros, places         any
	periodText             string
	fromY, fromM, toY, toM any
	periodGoal, annualGoal string
	indicators             []indicatorRow
}

type indicatorRow struct {
	level1, level2, name, text, kind, op string
	micros, places                       any
	unit, grade, note                    string
}

func nullDec(d jixiao.Decimal) (any, any) {
	if !d.IsSet() {
		return nil, nil
	}
	return d.Micros(), int64(d.Places())
}

func indicatorRows(ins []jixiao.Indicator) []indicatorRow {
	out := make([]indicatorRow, len(ins))
	for i, in := range ins {
		t := in.Target
		r := indicatorRow{level1: in.Level1, level2: in.Level2, name: in.Name, text: t.Text, kind: string(t.Kind),
			unit: t.Unit, grade: t.Grade, note: in.Note}
		if t.Kind == jixiao.TargetNumeric {
			r.op = string(t.EffectiveOp())
			r.micros, r.places = nullDec(t.Value)
		}
		out[i] = r
	}
	return out
}

// rowsOf flattens p into the rows a store writes for it.
func rowsOf(p *jixiao.Plan) (*planRows, error) {
	status := p.Status
	if status == jixiao.StatusUnknown {
		status = jixiao.Draft
	}
	doc, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	r := &planRows{code: p.DepartmentCode, year: p.Year, department: p.Department, submitter: p.Submitter,
		framework: p.Framework, status: string(status), duties: p.Duties, fundAuthority: p.FundAuthority,
		tasks: p.KeyTasks, indicators: indicatorRows(p.Indicators), doc: doc}
	b := p.Budget
	for _, l := range []struct {
		line string
		d    jixiao.Decimal
	}{{"total", b.Total}, {"general_budget", b.GeneralBudget}, {"gov_fund", b.GovFund},
		{"other_funds", b.OtherFunds}, {"basic", b.Basic}, {"project", b.Project}, {"funds_total", p.FundsTotal}} {
		if l.d.IsSet() {
			r.budget = append(r.budget, budgetRow{l.line, l.d.Micros(), int64(l.d.Places())})
		}
	}
	r.nRows = 2 + len(r.budget) + len(r.tasks) + len(r.indicators)
	for _, f := range p.SpecialFunds {
		fr := fundRow{name: f.Name}
		fr.micros, fr.places = nullDec(f.Amount)
		for _, it := range f.Items {
			ir := itemRow{name: it.Name, periodText: it.Period.Text, periodGoal: it.PeriodGoal, annualGoal: it.AnnualGoal,
				indicators: indicatorRows(it.Indicators)}
			ir.micros, ir.places = nullDec(it.Amount)
			if it.Period.IsSet() {
				ir.fromY, ir.fromM, ir.toY, ir.toM = it.Period.FromYear, it.Period.FromMonth, it.Period.ToYear, it.Period.ToMonth
			}
			fr.items = append(fr.items, ir)
			r.nRows += 1 + len(ir.indicators)
		}
		r.funds = append(r.funds, fr)
		r.nRows++
	}
	return r, nil
}

// stamp is the time format of the SQLite store's text timestamps.
const stamp = "2006-01-02T15:04:05.000000Z"

func nowText() string { return time.Now().UTC().Format(stamp) }
