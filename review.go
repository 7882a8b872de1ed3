package jixiao

import (
	"context"
	"time"
)

// Explanation is the written explanation (情况说明) a filler gives, on submitting, for one
// warning of the checks: the finding is named by its rule and the path of its cell. The
// explanations are stored with the submission they came with.
type Explanation struct {
	PlanID  int64  `json:"planId"`
	Version int    `json:"version"` // the version that was submitted
	Rule    string `json:"rule"`
	Path    string `json:"path"`
	Text    string `json:"text"`
}

// Comment is a reviewer's comment (审核意见) on one cell or row of a plan, e.g. on
// "indicators[3].target". The filler answers it and marks it answered; comments are
// never deleted, so the thread stays in the plan's history.
type Comment struct {
	ID      int64  `json:"id"`
	PlanID  int64  `json:"planId"`
	Version int    `json:"version"` // the plan version the comment was made on
	Path    string `json:"path"`    // the cell or row, as the checks name it
	// Subject is what the cells are of: "" the plan's own tables, SelfEvalSubject(i)
	// its self-evaluation table i. The plan's lists and counts are of "" only.
	Subject    string    `json:"subject,omitempty"`
	Author     string    `json:"author"`
	Body       string    `json:"body"`
	Created    time.Time `json:"created"`
	Answered   bool      `json:"answered"`
	AnsweredBy string    `json:"answeredBy,omitempty"`
	AnsweredAt time.Time `json:"answeredAt"`
	Answer     string    `json:"answer,omitempty"`
	// Answers is how many answers were given (the current one is Answer); every one is
	// kept (CommentAnswers), so an answer is changed only by a new one.
	Answers int `json:"answers,omitempty"`
}

// CommentAnswer is one answer given to a comment, kept when a later one replaces it.
type CommentAnswer struct {
	CommentID int64     `json:"commentId"`
	Seq       int       `json:"seq"` // 1 for the first answer
	Author    string    `json:"author"`
	Body      string    `json:"body"`
	Created   time.Time `json:"created"`
}

// Deadline is the submission deadline (报送截止时间) the finance bureau sets for one year
// for the departments of its region (RegionID, the bureau's department, and its subtree).
// After it, drafts are locked unless the department has an exception.
type Deadline struct {
	Stage    Stage     `json:"stage,omitempty"` // empty: the targets'
	RegionID int64     `json:"regionId"`
	Year     int       `json:"year"`
	Due      time.Time `json:"due"` // the moment drafts lock
	SetBy    string    `json:"setBy"`
	Set      time.Time `json:"set"`
}

// DeadlineException lets one department (and its units) keep filling in after the
// deadline, until Until: who granted it, and why.
type DeadlineException struct {
	Stage        Stage     `json:"stage,omitempty"` // empty: the targets'
	DepartmentID int64     `json:"departmentId"`
	Year         int       `json:"year"`
	Until        time.Time `json:"until"`
	GrantedBy    string    `json:"grantedBy"`
	Reason       string    `json:"reason"`
	Granted      time.Time `json:"granted"`
}

// ReviewState is what the review workflow knows about a plan beside its current version.
type ReviewState struct {
	// ApprovedVersion is the last version the finance bureau approved (0: never). While an
	// adjustment (调整) is under way it stays visible beside the new draft.
	ApprovedVersion int `json:"approvedVersion"`
	// PublishedVersion is the last version made public (0: never).
	PublishedVersion int `json:"publishedVersion"`
	// LastTransition is the latest recorded workflow step, nil when none.
	LastTransition *TransitionRecord `json:"lastTransition,omitempty"`
}

// PublishedPlan is one row of the public list of published plans (预算公开).
type PublishedPlan struct {
	PlanID         int64     `json:"planId"`
	DepartmentCode string    `json:"departmentCode"`
	Department     string    `json:"department"`
	Year           int       `json:"year"`
	Version        int       `json:"version"` // the published version
	Published      time.Time `json:"published"`
}

// ReviewService keeps the review workflow of plans: transitions with who, when and why,
// the explanations of warnings given on submit, comments on cells, deadlines and their
// exceptions.
type ReviewService interface {
	// Transition records rec (PlanID, Version, Action, From, To, Actor, Reason; Created is
	// set by the store) and moves the plan to rec.To as a new revision, if the plan is
	// still at rec.Version and in state rec.From; ECONFLICT otherwise, so two servers
	// cannot both act on one version. Explanations are stored with the step. It returns
	// the plan's new version. Approving sets ApprovedVersion, publishing
	// PublishedVersion (and ApprovedVersion) to the new version. The caller has checked
	// the state machine (NextStatus), the rights, the checks and the deadline.
	Transition(ctx context.Context, rec *TransitionRecord, explanations []Explanation) (int, error)
	// Transitions lists a plan's workflow steps, oldest first.
	Transitions(ctx context.Context, planID int64) ([]TransitionRecord, error)
	ReviewState(ctx context.Context, planID int64) (*ReviewState, error)
	// Explanations lists the explanations stored with the submission of version.
	Explanations(ctx context.Context, planID int64, version int) ([]Explanation, error)
	// PublishedPlans lists the plans that have a published version, of year (0: all).
	PublishedPlans(ctx context.Context, year int) ([]PublishedPlan, error)

	// AddComment stores c and sets c.ID and c.Created.
	AddComment(ctx context.Context, c *Comment) error
	// AnswerComment records the answer to comment id of plan planID and marks it
	// answered; ENOTFOUND when the plan has no such comment.
	AnswerComment(ctx context.Context, planID, id int64, by, answer string) error
	// AnswerCommentAt records the answer to comment id of plan planID if the comment
	// still has seen answers (0: none yet), as one atomic statement; ECONFLICT when
	// another answer came first, ENOTFOUND when the plan has no such comment. The
	// earlier answers are kept. It returns the comment's number of answers. An empty
	// answer only marks an unanswered comment answered; it never blanks an answer.
	AnswerCommentAt(ctx context.Context, planID, id int64, seen int, by, answer string) (int, error)
	// CommentAnswers lists every answer given to comment id of plan planID, oldest first.
	CommentAnswers(ctx context.Context, planID, id int64) ([]CommentAnswer, error)
	// Comments lists the comments on a plan's own cells (subject ""), oldest first.
	Comments(ctx context.Context, planID int64) ([]Comment, error)
	// SubjectComments lists a plan's comments on the cells of subject (see
	// Comment.Subject), oldest first.
	SubjectComments(ctx context.Context, planID int64, subject string) ([]Comment, error)

	// SetDeadline stores (or replaces) the deadline of d.Stage (empty: the targets') of
	// d.Region for d.Year, and sets d.Stage.
	SetDeadline(ctx context.Context, d *Deadline) error
	// Deadlines lists the deadlines a region has set, newest year first.
	Deadlines(ctx context.Context, regionID int64) ([]Deadline, error)
	// DeadlineFor returns the deadline that applies to the department in year: the one
	// set by the nearest region above it (or by itself); ENOTFOUND when none applies.
	DeadlineFor(ctx context.Context, departmentID int64, year int) (*Deadline, error)
	// DeadlinesFor lists the deadlines that apply to the department, one a year (as
	// DeadlineFor picks it), newest year first: what a unit's own pages go by, where
	// Deadlines lists only what the region itself set.
	DeadlinesFor(ctx context.Context, departmentID int64) ([]Deadline, error)
	// GrantException stores (or replaces) the exception of e.Stage (empty: the targets')
	// of e.DepartmentID for e.Year, and sets e.Stage.
	GrantException(ctx context.Context, e *DeadlineException) error
	// Exceptions lists the exceptions granted for year to departments in the subtree
	// under regionID.
	Exceptions(ctx context.Context, regionID int64, year int) ([]DeadlineException, error)
	// ExceptionFor returns the exception of the department, or of the nearest department
	// above it, for year; ENOTFOUND when none.
	ExceptionFor(ctx context.Context, departmentID int64, year int) (*DeadlineException, error)
	StageDeadlineService
}

// Lock says why a plan cannot be edited now, and by whom, or nothing when it can.
type Lock struct {
	Locked bool
	Reason string // a full Chinese sentence for the locked page
}

// DeadlineLock decides whether a draft of a department is locked by the deadline at now:
// after d.Due unless ex (which may be nil) runs past now. d may be nil (no deadline).
func DeadlineLock(d *Deadline, ex *DeadlineException, now time.Time) Lock {
	if d == nil || d.Due.IsZero() || now.Before(d.Due) {
		return Lock{}
	}
	if ex != nil && now.Before(ex.Until) {
		return Lock{}
	}
	local := d.Due.In(chinaTime)
	msg := "已过 " + local.Format("2006年1月2日 15:04") + " 的报送截止时间（由" + d.SetBy + "设定），草稿已锁定"
	if ex != nil {
		msg += "；" + ex.GrantedBy + "准予的延期已于 " + ex.Until.In(chinaTime).Format("2006年1月2日 15:04") + " 到期"
	}
	return Lock{Locked: true, Reason: msg + "。如需继续填报，请联系财政局申请延期。"}
}

// chinaTime is UTC+8, Asia/Shanghai's offset: China has kept it all year, without
// daylight saving, since 1991, so a fixed zone is exact and needs no tzdata on the server
// (a Windows or minimal Linux host may have none).
var chinaTime = time.FixedZone("CST", 8*3600)

// ChinaTime returns the zone every time a person reads is shown in, and deadlines are
// entered in (UTC+8); times are stored in UTC.
func ChinaTime() *time.Location { return chinaTime }

// ReviewStore is a Store that also keeps the review workflow and the audit log: what the
// web application needs. Both stores (sqlite, postgres) implement it.
type ReviewStore interface {
	Store
	ReviewService
	AuditService
	TokenService
	MessageService
	CockpitService
	DashboardService
	DirectoryService
	DepartmentEditor
	SelfEvalTallyService
	SelfEvaluationService
	MonitoringService
	LibraryService
	PlanYearService
}
