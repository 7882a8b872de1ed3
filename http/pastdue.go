package http

import (
	"time"

	"jixiao"
)

// pastDue refuses a unit's save or submit of doc after the deadline of stage (绩效自评,
// 绩效监控) with ELOCKED naming it and whom to ask; nil before it or when none is set.
func pastDue(now, due time.Time, stage, doc string) error {
	if due.IsZero() || now.Before(due) {
		return nil
	}
	return jixiao.Errorf(jixiao.ELOCKED, "%s报送截止时间（%s）已过，不能再保存或提交%s；如需延期，请联系财政部门。", stage, localTime(due), doc)
}
