package jixiao

import (
	"context"
	"strconv"
	"strings"
)

// Stage is the step of the year's cycle a deadline (报送截止时间) and its exceptions (延期)
// apply to: the targets (绩效目标) and the year-end self-evaluation (绩效自评) have a
// deadline each, kept in one table by stage. Another step (e.g. the monitoring, 绩效监控)
// becomes a stage by a constant here and a line in Stages; the store needs no change.
type Stage string

const (
	StageTargets        Stage = "targets"  // 绩效目标
	StageSelfEvaluation Stage = "selfeval" // 绩效自评
)

// Stages lists the stages in the order of the year, each with its name as the pages
// show it.
var Stages = []struct {
	Stage Stage
	Label string
}{
	{StageTargets, "绩效目标"},
	{StageSelfEvaluation, "绩效自评"},
}

// Or returns s, or StageTargets when s is empty (a Deadline or DeadlineException
// written before stages existed is the targets').
func (s Stage) Or() Stage {
	if s == "" {
		return StageTargets
	}
	return s
}

// Label is the stage's name (绩效目标, 绩效自评); empty for an unknown stage.
func (s Stage) Label() string {
	for _, st := range Stages {
		if st.Stage == s.Or() {
			return st.Label
		}
	}
	return ""
}

// ParseStage reads a stage as a form or URL carries it; empty is the targets'.
func ParseStage(v string) (Stage, bool) {
	s := Stage(v).Or()
	return s, s.Label() != ""
}

// StageDeadlineService keeps the deadlines and exceptions of every stage. The
// ReviewService methods without a stage (DeadlineFor, Exceptions, …) are the targets';
// SetDeadline and GrantException write the stage of their argument.
type StageDeadlineService interface {
	// StageDeadlines lists the deadlines of the stage a region has set, newest year first.
	StageDeadlines(ctx context.Context, stage Stage, regionID int64) ([]Deadline, error)
	// StageDeadlineFor returns the stage's deadline that applies to the department in
	// year: the nearest region's at or above it; ENOTFOUND when none applies.
	StageDeadlineFor(ctx context.Context, stage Stage, departmentID int64, year int) (*Deadline, error)
	// StageExceptions lists the stage's exceptions of year in the subtree under regionID.
	StageExceptions(ctx context.Context, stage Stage, regionID int64, year int) ([]DeadlineException, error)
	// StageExceptionFor returns the stage's exception of the department, or of the
	// nearest department above it, for year; ENOTFOUND when none.
	StageExceptionFor(ctx context.Context, stage Stage, departmentID int64, year int) (*DeadlineException, error)
}

// SelfEvalSubject is the Comment.Subject of the cells of a plan's self-evaluation table
// (SelfEvalRecord.Table): the finance bureau's comments on a score, an actual or a
// 偏差原因 are kept apart from the comments on the plan's own tables.
func SelfEvalSubject(table int) string { return "selfeval:" + strconv.Itoa(table) }

// ValidCommentSubject reports whether s is "" (the plan's own tables) or a
// SelfEvalSubject.
func ValidCommentSubject(s string) bool {
	if s == "" {
		return true
	}
	n, ok := strings.CutPrefix(s, "selfeval:")
	i, err := strconv.Atoi(n)
	return ok && err == nil && i >= 0 && SelfEvalSubject(i) == s
}
