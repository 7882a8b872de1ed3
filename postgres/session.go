package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"jixiao"
)

// CreateSession stores s; its times are kept to the microsecond, in UTC.
func (db *DB) CreateSession(ctx context.Context, s *jixiao.Session) error {
	return db.write(ctx, func(tx pgx.Tx) error {
		if s.ID == "" {
			return jixiao.Errorf(jixiao.EINVALID, "会话标识不能为空")
		}
		if s.Created.IsZero() {
			s.Created = db.stamp()
		}
		if s.LastSeen.IsZero() {
			s.LastSeen = s.Created
		}
		s.Created, s.LastSeen, s.Expires = normTime(s.Created), normTime(s.LastSeen), normTime(s.Expires)
		_, err := tx.Exec(ctx, `INSERT INTO sessions (id, user_id, csrf, created, last_seen, expires) VALUES ($1, $2, $3, $4, $5, $6)`,
			s.ID, s.UserID, s.CSRF, s.Created, s.LastSeen, s.Expires)
		if isUnique(err) {
			return jixiao.Errorf(jixiao.EINVALID, "会话已存在")
		} else if isForeignKey(err) {
			return jixiao.Errorf(jixiao.EINVALID, "会话的用户（编号 %d）不存在", s.UserID)
		} else if err != nil {
			return fmt.Errorf("insert session: %w", err)
		}
		return nil
	})
}

// Session returns the session with the id; ENOTFOUND when absent or expired.
func (db *DB) Session(ctx context.Context, id string) (*jixiao.Session, error) {
	s := jixiao.Session{ID: id}
	err := db.read(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `SELECT user_id, csrf, created, last_seen, expires FROM sessions WHERE id = $1 AND expires > $2`,
			id, db.stamp()).Scan(&s.UserID, &s.CSRF, &s.Created, &s.LastSeen, &s.Expires)
		if errors.Is(err, pgx.ErrNoRows) {
			return jixiao.Errorf(jixiao.ENOTFOUND, "会话不存在或已过期，请重新登录")
		} else if err != nil {
			return fmt.Errorf("read session: %w", err)
		}
		s.Created, s.LastSeen, s.Expires = s.Created.UTC(), s.LastSeen.UTC(), s.Expires.UTC()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// TouchSession records activity and moves the expiry; ENOTFOUND when absent.
func (db *DB) TouchSession(ctx context.Context, id string, lastSeen, expires time.Time) error {
	return db.write(ctx, func(tx pgx.Tx) error {
		// A touch runs inside a page read, once a minute per session: its commit does not
		// wait for the WAL flush. A crash may lose the last fraction of a second of
		// touches, and those sessions then expire up to a minute early; nothing else is
		// at stake. (All 200 sessions of the web benchmark touching within a few seconds
		// put the flushes in the reads' p99.)
		if _, err := tx.Exec(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
			return fmt.Errorf("touch session: %w", err)
		}
		tag, err := tx.Exec(ctx, `UPDATE sessions SET last_seen = $1, expires = $2 WHERE id = $3`, normTime(lastSeen), normTime(expires), id)
		if err != nil {
			return fmt.Errorf("touch session: %w", err)
		}
		if tag.RowsAffected() == 0 {
			return jixiao.Errorf(jixiao.ENOTFOUND, "会话不存在或已过期，请重新登录")
		}
		return nil
	})
}

// DeleteSession removes a session; removing an absent one is not an error.
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	return db.write(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete session: %w", err)
		}
		return nil
	})
}

// DeleteUserSessions removes every session of a user, and every expired session.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64) error {
	return db.write(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1 OR expires <= $2`, userID, db.stamp()); err != nil {
			return fmt.Errorf("delete sessions: %w", err)
		}
		return nil
	})
}
