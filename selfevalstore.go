package jixiao

import (
	"context"
	"time"
)

// SelfEvalRecord is a stored self-evaluation (绩效自评) of one table of an approved plan:
// the department table (Table 0) or one fund item (Table i ≥ 1, the plan's Items()[i-1]).
// It is made from the plan's approved version, whose targets it keeps read-only, and goes
// through the plan's workflow (draft → submitted → unit_approved → approved → published,
// returned with a reason), each save a new immutable revision.
type SelfEvalRecord struct {
	ID           int64          `json:"id"`
	PlanID       int64          `json:"planId"`
	PlanVersion  int            `json:"planVersion"` // the approved plan version it was made from
	DepartmentID int64          `json:"departmentId"`
	Year         int            `json:"year"`
	Table        int            `json:"table"` // 0: department table; i: the plan's i-th fund item
	Status       Status         `json:"status"`
	Version      int            `json:"version"` // the version it was read at
	Eval         SelfEvaluation `json:"eval"`
	Updated      time.Time      `json:"updated"`
	UpdatedBy    string         `json:"updatedBy"`
}

// ReviewScore is the finance bureau's re-check (复核) of one indicator's score: 复核得分
// beside the unit's 自评得分, with the reason. Re-checks are kept, never changed; the
// latest per indicator counts.
type ReviewScore struct {
	RecordID  int64     `json:"recordId"`
	Indicator int       `json:"indicator"` // index in Eval.Indicators
	Score     Decimal   `json:"score"`
	Reason    string    `json:"reason"`
	By        string    `json:"by"`
	Created   time.Time `json:"created"`
}

// SelfEvalStep is one recorded workflow step of a self-evaluation.
type SelfEvalStep struct {
	ID       int64     `json:"id"`
	RecordID int64     `json:"recordId"`
	Version  int       `json:"version"` // the version acted on
	Result   int       `json:"result"`  // the version the step created (set by the store)
	Action   Action    `json:"action"`
	From     Status    `json:"from"`
	To       Status    `json:"to"`
	Actor    string    `json:"actor"`
	Reason   string    `json:"reason"`
	Created  time.Time `json:"created"`
}

// SelfEvaluationService keeps self-evaluation records, their revisions, workflow steps
// and the finance bureau's re-checks.
type SelfEvaluationService interface {
	// OpenSelfEvaluations returns the records of plan planID, one per table, creating
	// them from the plan's approved version (SelfEvaluationsOf) the first time; EINVALID
	// when the plan has never been approved. Opening twice (or concurrently) creates
	// them once.
	OpenSelfEvaluations(ctx context.Context, planID int64, info SaveInfo) ([]*SelfEvalRecord, error)
	// SelfEvaluations lists the records of a plan by table (none: empty).
	SelfEvaluations(ctx context.Context, planID int64) ([]*SelfEvalRecord, error)
	SelfEvaluationRecord(ctx context.Context, id int64) (*SelfEvalRecord, error)
	// SaveSelfEvaluation saves r.Eval over record r.ID if it is still at r.Version and
	// editable (draft or returned), as a new revision, and sets r.Version; ECONFLICT on
	// a stale version, ELOCKED when not editable, EINVALID when a target (indicator,
	// level or 指标值) differs from the approved plan's.
	SaveSelfEvaluation(ctx context.Context, r *SelfEvalRecord, info SaveInfo) error
	// SelfEvaluationRevisions lists the saved versions (Revision.PlanID holds the record's ID).
	SelfEvaluationRevisions(ctx context.Context, id int64) ([]Revision, error)
	// SelfEvaluationAt returns the record as saved at version.
	SelfEvaluationAt(ctx context.Context, id int64, version int) (*SelfEvalRecord, error)
	// TransitionSelfEvaluation records step and moves the record to step.To as a new
	// revision if it is still at step.Version and in state step.From; ECONFLICT
	// otherwise. The caller has checked NextStatus and the rights. It returns the new
	// version.
	TransitionSelfEvaluation(ctx context.Context, step *SelfEvalStep) (int, error)
	SelfEvaluationSteps(ctx context.Context, id int64) ([]SelfEvalStep, error)
	// AddReviewScore records a re-check of one indicator while the record waits for the
	// finance bureau (unit_approved), in one atomic statement; ELOCKED otherwise,
	// EINVALID for an indicator the record does not have. It sets rs.Created.
	AddReviewScore(ctx context.Context, rs *ReviewScore) error
	// ReviewScores lists every re-check of a record, oldest first.
	ReviewScores(ctx context.Context, id int64) ([]ReviewScore, error)
	// SelfEvaluationsOfYear lists the records of a year (the finance bureau's table of
	// scores), of department departmentID and its subtree (0: every department), by
	// department code and table; ENOTFOUND for a department that does not exist.
	SelfEvaluationsOfYear(ctx context.Context, year int, departmentID int64) ([]*SelfEvalRecord, error)
	// SetScoreRule stores (or replaces) the scoring rule of c.Region for c.Year, in one
	// statement, and sets c.Set; ENOTFOUND for a region that does not exist.
	SetScoreRule(ctx context.Context, c *ScoreRuleChoice) error
	// ScoreRuleFor returns the rule chosen for the department's self-evaluations of a
	// year: the nearest region's at or above it; ENOTFOUND when none was chosen.
	ScoreRuleFor(ctx context.Context, departmentID int64, year int) (*ScoreRuleChoice, error)
}

// LatestReviewScores returns the re-check that counts for each indicator: the latest.
func LatestReviewScores(all []ReviewScore) map[int]ReviewScore {
	out := make(map[int]ReviewScore, len(all))
	for _, rs := range all {
		out[rs.Indicator] = rs
	}
	return out
}
