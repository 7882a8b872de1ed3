package jixiao

import "strings"

// The rules below are the domain's, not a database's: every store checks them through
// these methods before it writes, and a caller may check them before it asks the store.
// Those that tidy their value (trimming spaces, a default kind) do so in place.

// MinYear and MaxYear bound a plan's 预算年度.
const (
	MinYear = 1900
	MaxYear = 2200
)

// Validate refuses a plan that cannot be stored: its budget year must lie within
// MinYear–MaxYear.
func (p *Plan) Validate() error {
	if p.Year < MinYear || p.Year > MaxYear {
		return Errorf(EINVALID, "绩效目标的预算年度“%d”无效：应在 %d 至 %d 之间。", p.Year, MinYear, MaxYear)
	}
	return nil
}

// Validate trims the code and name, which must not be empty, and sets the kind when it
// is missing: a bureau at the root, a department below it.
func (d *Department) Validate() error {
	d.Code, d.Name = strings.TrimSpace(d.Code), strings.TrimSpace(d.Name)
	if d.Code == "" {
		return Errorf(EINVALID, "单位编码不能为空。")
	}
	if d.Name == "" {
		return Errorf(EINVALID, "单位“%s”的名称不能为空。", d.Code)
	}
	if d.Kind == "" {
		d.Kind = KindDepartment
		if d.ParentID == 0 {
			d.Kind = KindBureau
		}
	}
	switch d.Kind {
	case KindBureau, KindDepartment, KindUnit:
		return nil
	}
	return Errorf(EINVALID, "单位“%s”的类型“%s”无效：应为“bureau”（财政局）、“department”（部门）或“unit”（单位）。", d.Code, d.Kind)
}

// Validate trims the username, which must not be empty.
func (u *User) Validate() error {
	u.Username = strings.TrimSpace(u.Username)
	if u.Username == "" {
		return Errorf(EINVALID, "用户名不能为空。")
	}
	return nil
}

// MaxCommentLen is the most characters a comment or an answer may have.
const MaxCommentLen = 2000

// Validate trims the comment's cell and text: both are required, the text at most
// MaxCommentLen characters.
func (c *Comment) Validate() error {
	c.Path, c.Body = strings.TrimSpace(c.Path), strings.TrimSpace(c.Body)
	if c.Path == "" {
		return Errorf(EINVALID, "审核意见必须指明针对的单元格或行。")
	}
	if c.Body == "" {
		return Errorf(EINVALID, "审核意见的内容不能为空。")
	}
	if !ValidCommentSubject(c.Subject) {
		return Errorf(EINVALID, "审核意见针对的表“%s”无法识别。", c.Subject)
	}
	if len([]rune(c.Body)) > MaxCommentLen {
		return Errorf(ETOOLARGE, "审核意见不能超过 %d 字。", MaxCommentLen)
	}
	return nil
}

// ValidateAnswer returns the answer to a comment trimmed, refusing one over
// MaxCommentLen characters.
func ValidateAnswer(answer string) (string, error) {
	answer = strings.TrimSpace(answer)
	if len([]rune(answer)) > MaxCommentLen {
		return "", Errorf(ETOOLARGE, "答复不能超过 %d 字。", MaxCommentLen)
	}
	return answer, nil
}

// Validate requires the deadline's time.
func (d *Deadline) Validate() error {
	if d.Stage.Label() == "" {
		return Errorf(EINVALID, "截止时间的阶段“%s”无法识别。", d.Stage)
	}
	if d.Due.IsZero() {
		return Errorf(EINVALID, "截止时间不能为空。")
	}
	return nil
}

// Validate requires the exception's time and a reason of two characters or more.
func (e *DeadlineException) Validate() error {
	e.Reason = strings.TrimSpace(e.Reason)
	if e.Stage.Label() == "" {
		return Errorf(EINVALID, "延期的阶段“%s”无法识别。", e.Stage)
	}
	if e.Until.IsZero() {
		return Errorf(EINVALID, "延期的截止时间不能为空。")
	}
	if len([]rune(e.Reason)) < 2 {
		return Errorf(EINVALID, "准予延期必须写明理由。")
	}
	return nil
}
