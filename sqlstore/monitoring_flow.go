package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"jixiao"
)

// TransitionMonitoring moves record step.RecordID to step.To as a new revision if it is
// still at step.Version and in state step.From, and records the step.
func (db *DB) TransitionMonitoring(ctx context.Context, step *jixiao.MonitoringStep) (int, error) {
	var done recordStep
	err := db.write(ctx, func(tx tx) error {
		cur, err := monitoringEntry(ctx, tx, step.RecordID)
		if err != nil {
			return err
		}
		done = recordStep(*step)
		return monitoringStore.transition(ctx, tx, &done, cur.Version, cur.Status, &cur.Record, db.stamp())
	})
	if err != nil {
		return 0, err
	}
	*step = jixiao.MonitoringStep(done)
	return step.Result, nil
}

// MonitoringSteps lists a record's workflow steps, oldest first.
func (db *DB) MonitoringSteps(ctx context.Context, id int64) ([]jixiao.MonitoringStep, error) {
	out := []jixiao.MonitoringStep{}
	err := db.read(ctx, func(tx tx) error {
		steps, err := monitoringStore.listSteps(ctx, tx, id)
		for _, st := range steps {
			out = append(out, jixiao.MonitoringStep(st))
		}
		return err
	})
	return out, err
}

// boardLevels are the levels in the board's order: red first, not filled last.
var boardLevels = []string{jixiao.LevelRed, jixiao.LevelYellow, jixiao.LevelGreen, jixiao.LevelNone}

// MonitoringBoardOf reads a round's board: the counts by level and state of the region's
// records, then the first rows that match the filter, red first. No document is read.
// When the region holds the whole round (the usual case: the finance bureau that opened
// it), the counts are one grouped scan of the round's (round_id, level, status) index
// without the departments, and the total is summed from them; the rows are read a level
// at a time, so the red ones are sorted without the rest.
func (db *DB) MonitoringBoardOf(ctx context.Context, f jixiao.MonitoringFilter) (*jixiao.MonitoringBoard, error) {
	if f.Limit <= 0 {
		f.Limit = 200
	}
	b := &jixiao.MonitoringBoard{ByLevel: map[string]int{}, ByStatus: map[jixiao.Status]int{}, Rows: []jixiao.MonitoringRow{}}
	err := db.read(ctx, func(tx tx) error {
		region, args := "", []any{f.RoundID}
		if f.RegionID != 0 {
			_, path, err := findDepartment(ctx, tx, "id = ?", f.RegionID)
			if err != nil {
				return err
			}
			lo, hi := subtreeRange(path)
			var whole int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM monitoring_rounds r JOIN departments d ON d.id = r.department_id
				WHERE r.id = ? AND d.path >= ? AND d.path < ?`, f.RoundID, lo, hi).Scan(&whole); err != nil {
				return fmt.Errorf("find monitoring round: %w", err)
			}
			if whole == 0 { // a region inside the round's: filter by the departments' paths
				region = ` AND d.path >= ? AND d.path < ?`
				args = append(args, lo, hi)
			}
		}
		from := ` FROM monitoring_records m JOIN departments d ON d.id = m.department_id WHERE m.round_id = ?` + region
		countFrom := from
		if region == "" {
			countFrom = ` FROM monitoring_records m WHERE m.round_id = ?`
		}
		rows, err := tx.query(ctx, `SELECT m.level, m.status, COUNT(*)`+countFrom+` GROUP BY m.level, m.status`, args...)
		if err != nil {
			return fmt.Errorf("count monitoring records: %w", err)
		}
		total := 0
		for rows.Next() {
			var level, status string
			var n int
			if err := rows.Scan(&level, &status, &n); err != nil {
				rows.Close()
				return fmt.Errorf("count monitoring records: %w", err)
			}
			b.ByLevel[level] += n
			b.ByStatus[jixiao.Status(status)] += n
			if (f.Level == "" || f.Level == level || f.Level == "none" && level == "") && (f.Status == "" || f.Status == jixiao.Status(status)) {
				total += n
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("count monitoring records: %w", err)
		}
		where := ""
		if f.Status != "" {
			where += ` AND m.status = ?`
			args = append(args, string(f.Status))
		}
		if q := strings.TrimSpace(f.Query); q != "" {
			// The text is not in the counts: one scan reads the matching rows in the
			// board's order, and only a full page needs a count of the rest.
			pat := LikePattern(q)
			where += ` AND (d.name LIKE ? ESCAPE '\' OR d.code LIKE ? ESCAPE '\' OR m.project LIKE ? ESCAPE '\')`
			args = append(args, pat, pat, pat)
			if f.Level != "" {
				where += ` AND m.level = ?`
				args = append(args, strings.TrimPrefix(f.Level, "none"))
			}
			order := `CASE m.level WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'green' THEN 2 ELSE 3 END, m.dept_code` + db.d.Bytewise() + `, m.tbl`
			if err := boardRows(ctx, tx, b, from+where, order, args, f.Limit); err != nil {
				return err
			}
			b.Total = len(b.Rows)
			if len(b.Rows) == f.Limit {
				if err := tx.queryRow(ctx, `SELECT COUNT(*)`+from+where, args...).Scan(&b.Total); err != nil {
					return fmt.Errorf("count monitoring records: %w", err)
				}
			}
			return nil
		}
		b.Total = total
		for _, level := range boardLevels {
			if len(b.Rows) >= f.Limit {
				break
			}
			if f.Level != "" && strings.TrimPrefix(f.Level, "none") != level || b.ByLevel[level] == 0 {
				continue
			}
			// One level: its rows come in the order of the (round_id, level, dept_code, tbl) index.
			order := `m.dept_code` + db.d.Bytewise() + `, m.tbl`
			if err := boardRows(ctx, tx, b, from+where+` AND m.level = ?`, order, append(append([]any(nil), args...), level), f.Limit); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// boardRows appends the rows of from (one level, or a search) to b in the order given,
// up to limit in all.
func boardRows(ctx context.Context, tx tx, b *jixiao.MonitoringBoard, from, order string, args []any, limit int) error {
	rows, err := tx.query(ctx, `SELECT m.id, m.plan_id, m.department_id, d.code, d.name, m.tbl, m.project, m.status, m.level, m.alerts,
		m.version, m.updated`+from+` ORDER BY `+order+` LIMIT ?`, append(args, limit-len(b.Rows))...)
	if err != nil {
		return fmt.Errorf("list monitoring board: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r jixiao.MonitoringRow
		var status string
		if err := rows.Scan(&r.ID, &r.PlanID, &r.DepartmentID, &r.Code, &r.Department, &r.Table, &r.Project, &status, &r.Level,
			&r.Alerts, &r.Version, at(&r.Updated)); err != nil {
			return fmt.Errorf("list monitoring board: %w", err)
		}
		r.Status = jixiao.Status(status)
		b.Rows = append(b.Rows, r)
	}
	return rows.Err()
}

// ProposeAdjustment reopens the record's plan as a draft (ActAdjust) and links the
// adjustment to the record, in one transaction with the plan's row locked, as the
// plan's own Transition does.
func (db *DB) ProposeAdjustment(ctx context.Context, a *jixiao.Adjustment, planVersion int) error {
	if len([]rune(strings.TrimSpace(a.Reason))) < 2 {
		return jixiao.Errorf(jixiao.EINVALID, "提出调整须写明理由。")
	}
	return db.write(ctx, func(tx tx) error {
		rec, err := monitoringEntry(ctx, tx, a.RecordID)
		if err != nil {
			return err
		}
		a.PlanID = rec.PlanID
		if rd, err := monitoringRound(ctx, tx, rec.RoundID); err != nil {
			return err
		} else if rd.Status != jixiao.RoundOpen {
			return jixiao.Errorf(jixiao.ELOCKED, "%s", monitoringStore.closed)
		}
		var version int
		var status string
		err = tx.queryRow(ctx, `SELECT version, status FROM plans WHERE id = ?`+db.d.ForUpdate(""), rec.PlanID).Scan(&version, &status)
		if errors.Is(err, sql.ErrNoRows) {
			return jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标（编号 %d）不存在。", rec.PlanID)
		} else if err != nil {
			return fmt.Errorf("find plan: %w", err)
		}
		if version != planVersion {
			return jixiao.Errorf(jixiao.ECONFLICT, "绩效目标已被他人处理或修改：您看到的是第 %d 版，当前已是第 %d 版。请重新打开后再提出调整。", planVersion, version)
		}
		from := jixiao.Status(status)
		if from != jixiao.Approved && from != jixiao.Published {
			return jixiao.Errorf(jixiao.ECONFLICT, "绩效目标当前状态为“%s”，只有审核通过或已公开的绩效目标可以调整。", from.Label())
		}
		p, err := currentPlan(ctx, tx, "p.id = ?", rec.PlanID)
		if err != nil {
			return err
		}
		p.Version, p.Status = version, jixiao.Draft
		reason := fmt.Sprintf("依据绩效监控表（编号 %d）提出调整：%s", rec.ID, strings.TrimSpace(a.Reason))
		if err := db.updatePlan(ctx, tx, p, jixiao.SaveInfo{Author: a.Actor, Reason: jixiao.ActAdjust.Label() + "：" + reason}); err != nil {
			return err
		}
		created := db.stamp()
		now := db.t(created)
		if _, err := tx.exec(ctx, `INSERT INTO transitions (plan_id, version, result, action, from_status, to_status, actor, reason, created)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, rec.PlanID, version, p.Version, string(jixiao.ActAdjust), status, string(jixiao.Draft),
			a.Actor, reason, now); err != nil {
			return fmt.Errorf("insert transition: %w", err)
		}
		if err := tx.queryRow(ctx, `INSERT INTO monitoring_adjustments (record_id, plan_id, from_version, draft, actor, reason, created)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, rec.ID, rec.PlanID, rec.PlanVersion, p.Version, a.Actor, strings.TrimSpace(a.Reason), now).Scan(&a.ID); err != nil {
			return fmt.Errorf("insert adjustment: %w", err)
		}
		a.FromVersion, a.Draft, a.Created = rec.PlanVersion, p.Version, created
		return nil
	})
}

// Adjustments lists the adjustments proposed from a record, oldest first.
func (db *DB) Adjustments(ctx context.Context, recordID int64) ([]jixiao.Adjustment, error) {
	out := []jixiao.Adjustment{}
	err := db.read(ctx, func(tx tx) error {
		rows, err := tx.query(ctx, `SELECT id, record_id, plan_id, from_version, draft, actor, reason, created
			FROM monitoring_adjustments WHERE record_id = ? ORDER BY id`, recordID)
		if err != nil {
			return fmt.Errorf("list adjustments: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var a jixiao.Adjustment
			if err := rows.Scan(&a.ID, &a.RecordID, &a.PlanID, &a.FromVersion, &a.Draft, &a.Actor, &a.Reason, at(&a.Created)); err != nil {
				return fmt.Errorf("list adjustments: %w", err)
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// MonitoringUnits summarises a round's records by department, worst first: one row per
// department from the counts the saves keep (monitoring_units), joined to the
// departments (the region and the text filter apply to them), counted and cut in the
// same query.
func (db *DB) MonitoringUnits(ctx context.Context, f jixiao.MonitoringFilter) ([]jixiao.MonitoringUnit, int, error) {
	if f.Limit <= 0 {
		f.Limit = 200
	}
	out := []jixiao.MonitoringUnit{}
	total := 0
	err := db.read(ctx, func(tx tx) error {
		where, args := "", []any{f.RoundID}
		if f.RegionID != 0 {
			_, path, err := findDepartment(ctx, tx, "id = ?", f.RegionID)
			if err != nil {
				return err
			}
			lo, hi := subtreeRange(path)
			where += ` AND d.path >= ? AND d.path < ?`
			args = append(args, lo, hi)
		}
		if q := strings.TrimSpace(f.Query); q != "" {
			pat := LikePattern(q)
			where += ` AND (d.name LIKE ? ESCAPE '\' OR d.code LIKE ? ESCAPE '\')`
			args = append(args, pat, pat)
		}
		rows, err := tx.query(ctx, `SELECT d.id, d.code, d.name, u.red, u.yellow, u.green, u.blank, COUNT(*) OVER ()
			FROM monitoring_units u JOIN departments d ON d.id = u.department_id WHERE u.round_id = ?`+where+`
			ORDER BY CASE WHEN u.red > 0 THEN 0 WHEN u.yellow > 0 THEN 1 WHEN u.green > 0 THEN 2 ELSE 3 END, d.code`+db.d.Bytewise()+` LIMIT ?`,
			append(args, f.Limit)...)
		if err != nil {
			return fmt.Errorf("list monitoring units: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var u jixiao.MonitoringUnit
			var red, yellow, green, blank int
			if err := rows.Scan(&u.DepartmentID, &u.Code, &u.Department, &red, &yellow, &green, &blank, &total); err != nil {
				return fmt.Errorf("list monitoring units: %w", err)
			}
			u.ByLevel = map[string]int{jixiao.LevelRed: red, jixiao.LevelYellow: yellow, jixiao.LevelGreen: green, jixiao.LevelNone: blank}
			out = append(out, u)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}
