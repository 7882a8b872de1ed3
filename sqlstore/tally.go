package sqlstore

import (
	"context"
	"fmt"
)

// rebuildTallySQL builds plan_tallies from the stored rows (the migration that made the
// table runs the same statements): a move of a department or a change of its kind
// changes the counts of whole subtrees, so the transaction that makes it rebuilds them.
// The triggers keep the table between such changes.
var rebuildTallySQL = []string{`DELETE FROM plan_tallies`,
	`INSERT INTO plan_tallies (department_id, year, status, n)
	SELECT a.id, p.year, CASE WHEN p.status = '' THEN 'draft' ELSE p.status END, count(*)
	FROM departments a
	JOIN departments d ON d.path >= a.path AND d.path < substr(a.path, 1, length(a.path) - 1) || '0'
	JOIN plans p ON p.department_id = d.id
	WHERE d.kind <> 'bureau'
	GROUP BY a.id, p.year, CASE WHEN p.status = '' THEN 'draft' ELSE p.status END`,
	`INSERT INTO plan_tallies (department_id, year, status, n)
	SELECT a.id, 0, 'unit', count(*)
	FROM departments a
	JOIN departments d ON d.path >= a.path AND d.path < substr(a.path, 1, length(a.path) - 1) || '0'
	WHERE d.kind <> 'bureau'
	GROUP BY a.id`,
	`INSERT INTO plan_tallies (department_id, year, status, n)
	SELECT parent_id, 0, 'child', count(*) FROM departments WHERE parent_id IS NOT NULL GROUP BY parent_id`,
	`INSERT INTO plan_tallies (department_id, year, status, n)
	SELECT a.id, pp.year, 'by_parent', count(*)
	FROM departments a
	JOIN departments d ON d.path >= a.path AND d.path < substr(a.path, 1, length(a.path) - 1) || '0'
	JOIN plans pp ON pp.department_id = d.parent_id
	WHERE d.kind = 'unit' AND NOT EXISTS (SELECT 1 FROM plans x WHERE x.department_id = d.id AND x.year = pp.year)
	GROUP BY a.id, pp.year`,
}

// rebuildTallies rebuilds plan_tallies in tx.
func rebuildTallies(ctx context.Context, tx tx) error {
	for _, q := range rebuildTallySQL {
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("rebuild plan tallies: %w", err)
		}
	}
	return nil
}
