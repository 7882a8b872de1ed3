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

// StateCount is how many units of a subtree stand in one state of the targets stage.
type StateCount struct {
	Status Status `json:"status"` // "" for units without a plan for the year
	// ByParent: units of kind unit without a plan of their own whose parent department
	// files one for the year (部门整体 covers its 下属单位); the board does not count them.
	ByParent bool `json:"byParent"`
	N        int  `json:"n"`
}

// NodeChild is one child of a tallied node with its subtree's counts.
type NodeChild struct {
	Department Department
	Leaf       bool  // no department below it
	PlanID     int64 // its own plan for the year; 0 when none
	Counts     []StateCount
}

// NodeTally is the dashboard's view of one node of the department tree for one year:
// where the node is, its own plan, the counts of its subtree and of its children's,
// read from counts the store keeps as plans change (never one row per plan).
type NodeTally struct {
	Node       Department
	Ancestors  []Department // from the tree's root down to the node's parent
	PlanID     int64        // the node's own plan for the year; 0 when none
	Self       []StateCount // the node itself when it files (not a bureau); empty otherwise
	Total      []StateCount // the node's whole subtree, the node included
	Children   []NodeChild  // the page of children asked for, in code order (Desc: reversed)
	ChildCount int          // every child (the pages' total)
}

// ChildPage is the part of a node's children NodeTally reads: the first Limit in code
// order (the last when Desc), or every one when Limit is 0.
type ChildPage struct {
	Limit int
	Desc  bool
}

// LateUnit is a unit of a subtree whose deadline has passed without its targets
// submitted (no plan, a draft or a returned plan), and not filed for by its parent.
type LateUnit struct {
	Department Department
	Path       []int64 // ids from the tree's root down to the unit itself
	PlanID     int64   // 0 when it has no plan
	Status     Status  // "" when it has no plan
	Due        time.Time
	Extended   bool // Due is an exception's end, later than the region's deadline
}

// DashboardService answers the dashboard's questions about one node of a province's
// tree in time independent of the region's size where it can.
type DashboardService interface {
	// NodeTally counts the units under nodeID for year; ENOTFOUND when it does not exist.
	NodeTally(ctx context.Context, nodeID int64, year int, page ChildPage) (*NodeTally, error)
	// LateUnits lists the units under nodeID whose deadline for year (the nearest
	// region's at or above them, stretched by the nearest exception) passed before now
	// without a submission, in code order.
	LateUnits(ctx context.Context, nodeID int64, year int, now time.Time) ([]LateUnit, error)
}

// SelfEvalCount is how many self-evaluations (绩效自评) of a subtree stand in one state
// with one grade and one band of total score.
type SelfEvalCount struct {
	Status Status `json:"status"`
	Grade  string `json:"grade"` // "" when not given
	Band   int    `json:"band"`  // total ÷ 10, whole (0 … 10); -1 when no total is written
	N      int    `json:"n"`
}

// SelfEvalTallyService counts a region's self-evaluations for the dashboard.
type SelfEvalTallyService interface {
	// SelfEvalTally counts the self-evaluations of year in the subtree under nodeID by
	// state, grade and score band; ENOTFOUND when the department does not exist.
	SelfEvalTally(ctx context.Context, nodeID int64, year int) ([]SelfEvalCount, error)
}
