package jixiao

import (
	"context"
	"time"
)

// PlanState is where one plan stands: what the status board and the dashboard count.
type PlanState struct {
	ID           int64     `json:"id"`
	DepartmentID int64     `json:"departmentId"`
	Status       Status    `json:"status"`
	Version      int       `json:"version"`
	Updated      time.Time `json:"updated"`
	UpdatedBy    string    `json:"updatedBy"`
}

// CockpitService answers the finance bureau's counting questions over a whole region
// without reading the plans' documents.
type CockpitService interface {
	// PlanStates lists the state of every plan of year in the subtree under regionID,
	// in no particular order; ENOTFOUND when the department does not exist.
	PlanStates(ctx context.Context, regionID int64, year int) ([]PlanState, error)
}
