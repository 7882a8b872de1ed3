package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"jixiao"
)

// Mid-year monitoring (绩效运行监控): rounds, one record per table of each approved plan,
// saved whole under a version check with every revision kept, the workflow steps, and
// the adjustments proposed from a record. The shape is the self-evaluations'
// (selfeval.go).

const roundColumns = `id, year, as_of, deadline, rules, department_id, opened_by, status, created, records FROM monitoring_rounds`

func scanRound(sc interface{ Scan(...any) error }) (*jixiao.StoredRound, error) {
	var r jixiao.StoredRound
	if err := sc.Scan(&r.ID, &r.Year, &r.AsOf, at(&r.Deadline), &r.Rules, &r.DepartmentID, &r.OpenedBy, &r.Status,
		at(&r.Created), &r.Records); err != nil {
		return nil, err
	}
	return &r, nil
}

// OpenMonitoringRound stores the round and makes the records of every approved plan of
// the region and year, in one transaction: a round is open for every plan or none.
func (db *DB) OpenMonitoringRound(ctx context.Context, r *jixiao.StoredRound) error {
	if r.AsOf < 1 || r.AsOf > 12 {
		return jixiao.Errorf(jixiao.EINVALID, "截至月份必须是 1 至 12 月，不能是 %d。", r.AsOf)
	}
	if r.Year < 2000 || r.Year > 2100 {
		return jixiao.Errorf(jixiao.EINVALID, "监控年度 %d 不正确。", r.Year)
	}
	if strings.TrimSpace(r.Rules) == "" {
		return jixiao.Errorf(jixiao.EINVALID, "请选择预警规则。")
	}
	return db.write(ctx, func(tx tx) error {
		_, path, err := findDepartment(ctx, tx, "id = ?", r.DepartmentID)
		if err != nil {
			return err
		}
		created := db.stamp()
		now := db.t(created)
		err = tx.queryRow(ctx, `INSERT INTO monitoring_rounds (year, as_of, deadline, rules, department_id, opened_by, status, created, records)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (department_id, year, as_of) DO NOTHING RETURNING id`,
			r.Year, r.AsOf, db.t(r.Deadline), r.Rules, r.DepartmentID, r.OpenedBy, jixiao.RoundOpen, now).Scan(&r.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return jixiao.Errorf(jixiao.EINVALID, "%d年截至%d月底的监控轮次已经开启，不能重复开启。", r.Year, r.AsOf)
		} else if err != nil {
			return fmt.Errorf("insert monitoring round: %w", err)
		}
		lo, hi := subtreeRange(path)
		rows, err := tx.query(ctx, `SELECT p.id, p.approved_version, p.department_id, d.code, r.doc FROM plans p
			JOIN departments d ON d.id = p.department_id
			JOIN revisions r ON r.plan_id = p.id AND r.version = p.approved_version
			WHERE p.year = ? AND d.path >= ? AND d.path < ? AND p.approved_version > 0 ORDER BY p.id`, r.Year, lo, hi)
		if err != nil {
			return fmt.Errorf("list approved plans: %w", err)
		}
		type approved struct {
			id, dept int64
			version  int
			code     string
			doc      []byte
		}
		var plans []approved
		for rows.Next() {
			var a approved
			if err := rows.Scan(&a.id, &a.version, &a.dept, &a.code, &a.doc); err != nil {
				rows.Close()
				return fmt.Errorf("list approved plans: %w", err)
			}
			plans = append(plans, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("list approved plans: %w", err)
		}
		info := jixiao.SaveInfo{Author: r.OpenedBy, Reason: "开启监控轮次，由审核通过的绩效目标生成"}
		n := 0
		for _, a := range plans {
			var p jixiao.Plan
			if err := json.Unmarshal(a.doc, &p); err != nil {
				return fmt.Errorf("decode approved revision of plan %d: %w", a.id, err)
			}
			p.ID = a.id
			for i, rec := range jixiao.NewMonitoringRecords(&p, r.MonitoringRound) {
				var id int64
				if err := tx.queryRow(ctx, `INSERT INTO monitoring_records (round_id, plan_id, plan_version, department_id, year, tbl,
					dept_code, project, status, level, alerts, version, updated, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', 0, 1, ?, ?) RETURNING id`,
					r.ID, a.id, a.version, a.dept, r.Year, i, a.code, rec.Project, string(jixiao.Draft), now, r.OpenedBy).Scan(&id); err != nil {
					return fmt.Errorf("insert monitoring record: %w", err)
				}
				if err := monitoringStore.insertRevision(ctx, tx, id, 1, rec, info, now); err != nil {
					return err
				}
				n++
			}
		}
		// Every record starts not filled: the summary by unit counts them so.
		if _, err := tx.exec(ctx, `INSERT INTO monitoring_units (round_id, department_id, red, yellow, green, blank)
			SELECT ?, department_id, 0, 0, 0, COUNT(*) FROM monitoring_records WHERE round_id = ? GROUP BY department_id`, r.ID, r.ID); err != nil {
			return fmt.Errorf("count monitoring units: %w", err)
		}
		if _, err := tx.exec(ctx, `UPDATE monitoring_rounds SET records = ? WHERE id = ?`, n, r.ID); err != nil {
			return fmt.Errorf("count monitoring records: %w", err)
		}
		r.Records, r.Created, r.Status = n, created, jixiao.RoundOpen
		return nil
	})
}

// MonitoringRounds lists the rounds of a year (0: all), newest first.
func (db *DB) MonitoringRounds(ctx context.Context, year int) ([]*jixiao.StoredRound, error) {
	out := []*jixiao.StoredRound{}
	err := db.read(ctx, func(tx tx) error {
		rows, err := tx.query(ctx, `SELECT `+roundColumns+` WHERE year = ? OR ? = 0 ORDER BY year DESC, as_of DESC, id DESC`, year, year)
		if err != nil {
			return fmt.Errorf("list monitoring rounds: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRound(rows)
			if err != nil {
				return fmt.Errorf("list monitoring rounds: %w", err)
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

func monitoringRound(ctx context.Context, tx tx, id int64) (*jixiao.StoredRound, error) {
	r, err := scanRound(tx.queryRow(ctx, `SELECT `+roundColumns+` WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "监控轮次（编号 %d）不存在。", id)
	} else if err != nil {
		return nil, fmt.Errorf("read monitoring round: %w", err)
	}
	return r, nil
}

// MonitoringRoundByID returns round id.
func (db *DB) MonitoringRoundByID(ctx context.Context, id int64) (*jixiao.StoredRound, error) {
	return readRecord(ctx, db, id, monitoringRound)
}

// monitoringColumns are the columns of a record's row, in the order scanMonitoring reads
// them, followed by its current revision's document.
const monitoringColumns = `m.id, m.round_id, m.plan_id, m.plan_version, m.department_id, d.name, m.year, m.tbl, m.status,
	m.version, m.level, m.alerts, m.updated, m.updated_by, r.doc FROM monitoring_records m
	JOIN departments d ON d.id = m.department_id
	JOIN monitoring_revisions r ON r.record_id = m.id AND r.version = m.version`

func scanMonitoring(sc interface{ Scan(...any) error }) (*jixiao.StoredMonitoring, error) {
	var m jixiao.StoredMonitoring
	var status string
	var doc []byte
	if err := sc.Scan(&m.ID, &m.RoundID, &m.PlanID, &m.PlanVersion, &m.DepartmentID, &m.Department, &m.Year, &m.Table,
		&status, &m.Version, &m.Level, &m.Alerts, at(&m.Updated), &m.UpdatedBy, &doc); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(doc, &m.Record); err != nil {
		return nil, fmt.Errorf("decode monitoring record %d: %w", m.ID, err)
	}
	m.Status = jixiao.Status(status)
	return &m, nil
}

func monitoringEntry(ctx context.Context, tx tx, id int64) (*jixiao.StoredMonitoring, error) {
	m, err := scanMonitoring(tx.queryRow(ctx, `SELECT `+monitoringColumns+` WHERE m.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "绩效监控表（编号 %d）不存在。", id)
	} else if err != nil {
		return nil, fmt.Errorf("read monitoring record: %w", err)
	}
	return m, nil
}

// PlanMonitoring lists a plan's records by round (newest first) and table.
func (db *DB) PlanMonitoring(ctx context.Context, planID int64) ([]*jixiao.StoredMonitoring, error) {
	out := []*jixiao.StoredMonitoring{}
	err := db.read(ctx, func(tx tx) error {
		rows, err := tx.query(ctx, `SELECT `+monitoringColumns+` WHERE m.plan_id = ? ORDER BY m.round_id DESC, m.tbl`, planID)
		if err != nil {
			return fmt.Errorf("list monitoring records: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanMonitoring(rows)
			if err != nil {
				return fmt.Errorf("list monitoring records: %w", err)
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}

// MonitoringEntry returns the current version of record id.
func (db *DB) MonitoringEntry(ctx context.Context, id int64) (*jixiao.StoredMonitoring, error) {
	return readRecord(ctx, db, id, monitoringEntry)
}

// SaveMonitoring saves m as the next version of record m.ID under the version check;
// the targets must be the record's.
func (db *DB) SaveMonitoring(ctx context.Context, m *jixiao.StoredMonitoring, info jixiao.SaveInfo) error {
	switch m.Level {
	case jixiao.LevelNone, jixiao.LevelGreen, jixiao.LevelYellow, jixiao.LevelRed:
	default:
		return fmt.Errorf("save monitoring record: level %q", m.Level)
	}
	return db.write(ctx, func(tx tx) error {
		cur, err := monitoringEntry(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		if i := jixiao.SameProgressTargets(cur.Record.Indicators, m.Record.Indicators); i >= 0 {
			return jixiao.Errorf(jixiao.EINVALID, "绩效监控表第 %d 行指标与审核通过的绩效目标不一致：指标值来自绩效目标，如需修改请提出调整。", i+1)
		}
		now := db.t(db.now())
		// The version check, the state check and the bump are one statement.
		if err := monitoringStore.bump(ctx, tx, m.ID, m.Version, info.Author, now, "level = ?, alerts = ?, ", m.Level, m.Alerts); err != nil {
			return err
		}
		if cur.Level != m.Level { // move the record between the unit's counts
			if _, err := tx.exec(ctx, `UPDATE monitoring_units SET `+levelColumn(cur.Level)+` = `+levelColumn(cur.Level)+` - 1, `+
				levelColumn(m.Level)+` = `+levelColumn(m.Level)+` + 1 WHERE round_id = ? AND department_id = ?`, cur.RoundID, cur.DepartmentID); err != nil {
				return fmt.Errorf("count monitoring units: %w", err)
			}
		}
		if err := monitoringStore.insertRevision(ctx, tx, m.ID, m.Version+1, &m.Record, info, now); err != nil {
			return err
		}
		m.Version++
		m.Status = cur.Status
		return nil
	})
}

// MonitoringRevisions lists the saved versions of record id, oldest first.
func (db *DB) MonitoringRevisions(ctx context.Context, id int64) ([]jixiao.Revision, error) {
	return monitoringStore.listRevisions(ctx, db, id)
}

// MonitoringAt returns record id as saved at version.
func (db *DB) MonitoringAt(ctx context.Context, id int64, version int) (*jixiao.StoredMonitoring, error) {
	return recordAt(ctx, db, monitoringStore, id, version, monitoringEntry, func(m *jixiao.StoredMonitoring) any {
		m.Record, m.Version = jixiao.MonitoringRecord{}, version
		return &m.Record
	})
}

// levelColumn is the monitoring_units column that counts a level (checked by
// SaveMonitoring: one of the four).
func levelColumn(level string) string {
	switch level {
	case jixiao.LevelRed:
		return "red"
	case jixiao.LevelYellow:
		return "yellow"
	case jixiao.LevelGreen:
		return "green"
	}
	return "blank"
}

// CloseMonitoringRound ends round id (结束本轮监控) in one statement: from then on its
// records are read-only for everyone (the changes' own statements check the round).
func (db *DB) CloseMonitoringRound(ctx context.Context, id int64) (*jixiao.StoredRound, error) {
	var out *jixiao.StoredRound
	err := db.write(ctx, func(tx tx) error {
		res, err := tx.exec(ctx, `UPDATE monitoring_rounds SET status = ? WHERE id = ? AND status = ?`, jixiao.RoundClosed, id, jixiao.RoundOpen)
		if err != nil {
			return fmt.Errorf("close monitoring round: %w", err)
		}
		n, err := rowsAffected(res)
		if err != nil {
			return err
		}
		r, err := monitoringRound(ctx, tx, id)
		if err != nil {
			return err
		}
		if n != 1 {
			return jixiao.Errorf(jixiao.ECONFLICT, "监控轮次“%s”已经结束。", r.MonitoringRound)
		}
		out = r
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
