package sqlite

import (
	"context"
	"database/sql"

	"jixiao"
)

// EachPlanQuery returns the SQL and the arguments EachPlan runs for f.
func (db *DB) EachPlanQuery(ctx context.Context, f jixiao.PlanFilter) (q string, args []any, err error) {
	err = db.read(ctx, func(tx *sql.Tx) error {
		var where, page string
		if where, args, err = planWhere(ctx, tx, f); err != nil {
			return err
		}
		page, args = planPage(f, args)
		q = eachPlanSQL(where, page)
		return nil
	})
	return q, args, err
}
