package bench

import (
	"encoding/json"
	"time"

	"jixiao"
)

// planRows are the rows a store writes for one plan, precomputed so that the floor only
// inserts. The columns follow the stores' schema (sqlite/migrations,
// postgres/migrations): the plan's row, the header of its current version, and the
// revision holding the whole plan as JSON.
type planRows struct {
	code                                     string // department code
	year                                     int
	department, submitter, framework, status string
	duties, fundAuthority                    string
	doc                                      []byte // the revision: the whole plan as JSON
}

// rowsPerPlan is how many rows the store writes for a plan: the plan and its revision.
const rowsPerPlan = 2

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
	return &planRows{code: p.DepartmentCode, year: p.Year, department: p.Department, submitter: p.Submitter,
		framework: p.Framework, status: string(status), duties: p.Duties, fundAuthority: p.FundAuthority, doc: doc}, nil
}

// stamp is the time format of the SQLite store's text timestamps.
const stamp = "2006-01-02T15:04:05.000000Z"

func nowText() string { return time.Now().UTC().Format(stamp) }
