package http

import (
	"context"
	"time"

	"jixiao"
)

// selfEvalDue returns the self-evaluation deadline of rec's department, nil when none is
// set, and the department's self-evaluation exception (延期), nil when none.
func (s *Server) selfEvalDue(ctx context.Context, rec *jixiao.SelfEvalRecord) (*jixiao.Deadline, *jixiao.DeadlineException, error) {
	d, err := s.store.StageDeadlineFor(ctx, jixiao.StageSelfEvaluation, rec.DepartmentID, rec.Year)
	if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	ex, err := s.store.StageExceptionFor(ctx, jixiao.StageSelfEvaluation, rec.DepartmentID, rec.Year)
	if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
		return d, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	return d, ex, nil
}

// selfEvalPastDue refuses the unit's changes (save, submit) after the region's
// self-evaluation deadline, unless the unit (or a department above it) has an exception
// that runs past now; ELOCKED names the deadline.
func (s *Server) selfEvalPastDue(ctx context.Context, rec *jixiao.SelfEvalRecord) error {
	d, ex, err := s.selfEvalDue(ctx, rec)
	if err != nil || !jixiao.DeadlineLock(d, ex, s.cfg.Now()).Locked {
		return err
	}
	due := d.Due
	if ex != nil && ex.Until.After(due) {
		due = ex.Until // the extension granted has run out too
	}
	return pastDue(s.cfg.Now(), due, "绩效自评", "绩效自评表")
}

// dueText is a deadline as the pages show it, stretched by the exception ex (may be nil).
func dueText(d *jixiao.Deadline, ex *jixiao.DeadlineException, now time.Time) string {
	if d == nil {
		return ""
	}
	text := localTime(d.Due)
	if ex != nil && ex.Until.After(d.Due) {
		text += "，已准予延期至 " + localTime(ex.Until)
		if now.Before(ex.Until) {
			return text
		}
	} else if now.Before(d.Due) {
		return text
	}
	return text + "（已过）"
}
