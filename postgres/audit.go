package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"jixiao"
)

// AppendAudit appends e to the audit log. The chain head's one row is locked (SELECT …
// FOR UPDATE) for the transaction, so appenders of every server process sharing the
// database queue there: each chains to the head it read and moves it, and no two take
// the same Seq.
func (db *DB) AppendAudit(ctx context.Context, e *jixiao.AuditEntry) error {
	if e.Time.IsZero() {
		e.Time = db.now()
	}
	e.Time = normTime(e.Time)
	return db.write(ctx, func(tx pgx.Tx) error {
		var seq int64
		var prev string
		if err := tx.QueryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE`).Scan(&seq, &prev); err != nil {
			return fmt.Errorf("read audit head: %w", err)
		}
		e.Seq, e.PrevHash = seq+1, prev
		e.Hash = e.ComputeHash()
		if _, err := tx.Exec(ctx, `INSERT INTO audit_log (seq, time, actor, actor_id, action, object, detail, addr, outcome, prev_hash, hash)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, e.Seq, e.Time, e.Actor, e.ActorID, e.Action, e.Object, e.Detail,
			e.Addr, e.Outcome, e.PrevHash, e.Hash); err != nil {
			return fmt.Errorf("append audit: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`, e.Seq, e.Hash); err != nil {
			return fmt.Errorf("move audit head: %w", err)
		}
		return nil
	})
}

const auditColumns = `seq, time, actor, actor_id, action, object, detail, addr, outcome, prev_hash, hash`

func scanAudit(rows pgx.Rows) (*jixiao.AuditEntry, error) {
	var e jixiao.AuditEntry
	if err := rows.Scan(&e.Seq, &e.Time, &e.Actor, &e.ActorID, &e.Action, &e.Object, &e.Detail, &e.Addr, &e.Outcome, &e.PrevHash, &e.Hash); err != nil {
		return nil, err
	}
	e.Time = e.Time.UTC()
	return &e, nil
}

// AuditEntries returns the entries that match f, newest first, and their total count.
func (db *DB) AuditEntries(ctx context.Context, f jixiao.AuditFilter) ([]jixiao.AuditEntry, int, error) {
	var where []string
	var args []any
	arg := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.Replace(cond, "?", "$"+strconv.Itoa(len(args)), 1))
	}
	if f.Actor != "" {
		arg("actor = ?", f.Actor)
	}
	if f.Action != "" {
		arg("action = ?", f.Action)
	}
	if !f.Since.IsZero() {
		arg("time >= ?", f.Since)
	}
	if !f.Until.IsZero() {
		arg("time < ?", f.Until)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	out := []jixiao.AuditEntry{}
	var total int
	err := db.read(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM audit_log`+cond, args...).Scan(&total); err != nil {
			return fmt.Errorf("count audit: %w", err)
		}
		q := `SELECT ` + auditColumns + ` FROM audit_log` + cond + ` ORDER BY seq DESC`
		qargs := args
		if f.Limit > 0 {
			qargs = append(qargs, f.Limit)
			q += ` LIMIT $` + strconv.Itoa(len(qargs))
		}
		if f.Offset > 0 {
			qargs = append(qargs, f.Offset)
			q += ` OFFSET $` + strconv.Itoa(len(qargs))
		}
		rows, err := tx.Query(ctx, q, qargs...)
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
	return db.read(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq`)
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
	err = db.read(ctx, func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&seq, &hash)
	})
	if err != nil {
		return 0, "", fmt.Errorf("read audit head: %w", err)
	}
	return seq, hash, nil
}
