package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jixiao"
)

// SetScoreRule stores or replaces a region's scoring rule for a year, in one statement.
func (db *DB) SetScoreRule(ctx context.Context, c *jixiao.ScoreRuleChoice) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx tx) error {
		if _, _, err := findDepartment(ctx, tx, "id = ?", c.RegionID); err != nil {
			return err
		}
		c.Set = db.stamp()
		_, err := tx.exec(ctx, `INSERT INTO score_rules (region_id, year, rule, set_by, set_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (region_id, year) DO UPDATE SET rule = excluded.rule, set_by = excluded.set_by, set_at = excluded.set_at`,
			c.RegionID, c.Year, c.Rule, c.SetBy, db.t(c.Set))
		if err != nil {
			return fmt.Errorf("set score rule: %w", err)
		}
		return nil
	})
}

// ScoreRuleFor returns the scoring rule of the nearest region at or above the department.
func (db *DB) ScoreRuleFor(ctx context.Context, departmentID int64, year int) (*jixiao.ScoreRuleChoice, error) {
	var c jixiao.ScoreRuleChoice
	err := db.read(ctx, func(tx tx) error {
		return tx.queryRow(ctx, `SELECT sr.region_id, sr.year, sr.rule, sr.set_by, sr.set_at
			FROM score_rules sr JOIN departments r ON r.id = sr.region_id JOIN departments d ON d.id = ?
			WHERE sr.year = ? AND substr(d.path, 1, length(r.path)) = r.path
			ORDER BY length(r.path) DESC LIMIT 1`, departmentID, year).Scan(&c.RegionID, &c.Year, &c.Rule, &c.SetBy, at(&c.Set))
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "%d 年度没有选定评分规则。", year)
	} else if err != nil {
		return nil, fmt.Errorf("read score rule: %w", err)
	}
	return &c, nil
}
