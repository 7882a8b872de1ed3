package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"jixiao"
)

// AppendAudit appends e to the audit log. The chain head's one row is read under the
// write transaction's lock (SELECT … FOR UPDATE, or SQLite's one writer), so appenders
// of every process are serialised: each chains to the head it read and moves it, and no
// two take the same Seq.
func (db *DB) AppendAudit(ctx context.Context, e *jixiao.AuditEntry) error {
	if e.Time.IsZero() {
		e.Time = db.now()
	}
	e.Time = normTime(e.Time)
	return db.write(ctx, func(tx tx) error {
		var seq int64
		var prev string
		if err := tx.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`+db.d.ForUpdate("")).Scan(&seq, &prev); err != nil {
			return fmt.Errorf("read audit head: %w", err)
		}
		e.Seq, e.PrevHash = seq+1, prev
		e.Hash = e.ComputeHash()
		if _, err := tx.exec(ctx, `INSERT INTO audit_log (seq, time, actor, actor_id, action, object, detail, addr, outcome, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Seq, db.t(e.Time), e.Actor, e.ActorID, e.Action, e.Object, e.Detail,
			e.Addr, e.Outcome, e.PrevHash, e.Hash); err != nil {
			return fmt.Errorf("append audit: %w", err)
		}
		if _, err := tx.exec(ctx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, e.Seq, e.Hash); err != nil {
			return fmt.Errorf("move audit head: %w", err)
		}
		return nil
	})
}

const auditColumns = `seq, time, actor, actor_id, action, object, detail, addr, outcome, prev_hash, hash`

func scanAudit(rows *sql.Rows) (*jixiao.AuditEntry, error) {
	var e jixiao.AuditEntry
	// A time that does not parse is kept as the zero time: the entry's hash then no
	// longer matches, and verification names it instead of stopping at a parse error.
	if err := rows.Scan(&e.Seq, timeCol{t: &e.Time, lenient: true}, &e.Actor, &e.ActorID, &e.Action, &e.Object, &e.Detail,
		&e.Addr, &e.Outcome, &e.PrevHash, &e.Hash); err != nil {
		return nil, fmt.Errorf("read audit: %w", err)
	}
	return &e, nil
}

// AuditEntries returns the entries that match f, newest first, and their total count.
func (db *DB) AuditEntries(ctx context.Context, f jixiao.AuditFilter) ([]jixiao.AuditEntry, int, error) {
	var where []string
	var args []any
	if f.Actor != "" {
		where, args = append(where, "actor = ?"), append(args, f.Actor)
	}
	if f.Action != "" {
		where, args = append(where, "action = ?"), append(args, f.Action)
	}
	if !f.Since.IsZero() {
		where, args = append(where, "time >= ?"), append(args, db.t(f.Since))
	}
	if !f.Until.IsZero() {
		where, args = append(where, "time < ?"), append(args, db.t(f.Until))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	out := []jixiao.AuditEntry{}
	var total int
	err := db.read(ctx, func(tx tx) error {
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM audit_log`+cond, args...).Scan(&total); err != nil {
			return fmt.Errorf("count audit: %w", err)
		}
		limit := db.d.NoLimit()
		if f.Limit > 0 {
			limit = f.Limit
		}
		rows, err := tx.query(ctx, `SELECT `+auditColumns+` FROM audit_log`+cond+` ORDER BY seq DESC LIMIT ? OFFSET ?`,
			append(args, limit, max(f.Offset, 0))...)
		if err != nil {
			return fmt.Errorf("list audit: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				return err
			}
			out = append(out, *e)
		}
		return rows.Err()
	})
	return out, total, err
}

// WalkAudit calls fn for every entry in Seq order, from one snapshot.
func (db *DB) WalkAudit(ctx context.Context, fn func(*jixiao.AuditEntry) error) error {
	return db.read(ctx, func(tx tx) error {
		rows, err := tx.query(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq`)
		if err != nil {
			return fmt.Errorf("walk audit: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				return err
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// AuditHead returns the chain head.
func (db *DB) AuditHead(ctx context.Context) (seq int64, hash string, err error) {
	err = db.read(ctx, func(tx tx) error {
		return tx.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&seq, &hash)
	})
	if err != nil {
		return 0, "", fmt.Errorf("read audit head: %w", err)
	}
	return seq, hash, nil
}
