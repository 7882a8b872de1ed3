package jixiao

import "context"

// PlanYearService tells which years have plans in a region: the status board, the
// dashboard and the year selects open on the latest and offer each.
type PlanYearService interface {
	// PlanYears lists the years that have at least one plan in the subtree under
	// regionID, latest first (empty, not nil, when none); ENOTFOUND when the department
	// does not exist.
	PlanYears(ctx context.Context, regionID int64) ([]int, error)
}
