package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"jixiao"
)

// EachPlanQuery returns the SQL and the arguments EachPlan runs for f.
func (db *DB) EachPlanQuery(ctx context.Context, f jixiao.PlanFilter) (q string, args []any, err error) {
	err = db.read(ctx, func(tx pgx.Tx) error {
		var a planArgs
		where, err := planWhere(ctx, tx, f, &a)
		if err != nil {
			return err
		}
		q, args = eachPlanSQL(where, planPage(f, &a)), a
		return nil
	})
	return q, args, err
}
