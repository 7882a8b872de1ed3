package jixiao

import (
	"context"
	"time"
)

// PlanHead is what the store knows about a plan beside its content: its current
// version, state and last save, its department as it is now, and what the review
// workflow says about it. It is read with one indexed query and no revision, so a
// server can read it on every request and keep decoded plans (and anything computed
// from them) in memory keyed by (ID, Version): a version is never rewritten, so a cached
// plan whose version is the head's is the stored plan, whichever server saved it.
type PlanHead struct {
	ID      int64     `json:"id"`
	Version int       `json:"version"`
	Status  Status    `json:"status"`
	Updated time.Time `json:"updated"`
	Year    int       `json:"year"`
	// Department is the plan's department as it is now (its code may have changed since
	// the plan was saved).
	Department Department `json:"department"`
	// Ancestors are the ids of the departments from the root down to Department,
	// both included: a user of department u may see the plan iff u is among them.
	Ancestors        []int64 `json:"ancestors"`
	ApprovedVersion  int     `json:"approvedVersion"`  // as ReviewState
	PublishedVersion int     `json:"publishedVersion"` // as ReviewState
	// Comments is the number of comments on the plan (comments are never deleted).
	Comments int `json:"comments"`
	// Deadline and Exception are what DeadlineFor and ExceptionFor return for the
	// department and Year; nil when none applies.
	Deadline  *Deadline          `json:"deadline,omitempty"`
	Exception *DeadlineException `json:"exception,omitempty"`
}

// HeadService answers what every request of the web application asks first, each in
// one indexed query, so that no answer has to be kept in one server's memory.
type HeadService interface {
	// PlanHead returns the head of plan id; ENOTFOUND when there is no such plan.
	PlanHead(ctx context.Context, id int64) (*PlanHead, error)
	// SessionUser returns the session with the id and its user; ENOTFOUND when the
	// session is absent or expired (as Session).
	SessionUser(ctx context.Context, id string) (*Session, *User, error)
}
