package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"jixiao"
)

// ClaimSignIn spends one sign-in attempt of the account before its password is checked.
// The count, the lock and the test that the account is not locked are one UPDATE, so
// that of any number of parallel attempts exactly maxFailed are spent before the lock
// holds (PostgreSQL re-checks the WHERE clause after waiting for the row's lock; SQLite
// has one writer at a time). Nothing else of the row is written: an administrator's
// change made meanwhile (disabled, a new password) stands.
func (db *DB) ClaimSignIn(ctx context.Context, username string, now time.Time, maxFailed int, lockUntil time.Time) (*jixiao.User, bool, error) {
	var u *jixiao.User
	var ok bool
	err := db.write(ctx, func(tx tx) error {
		var err error
		u, err = scanUser(tx.queryRow(ctx, `UPDATE users SET
			locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END,
			failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END
			WHERE username = ? AND (locked_until IS NULL OR locked_until <= ?)
			RETURNING `+userColumns, maxFailed, db.t(lockUntil), maxFailed, username, db.t(now)))
		if err == nil {
			ok = true
			return nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("claim sign-in: %w", err)
		}
		u, err = findUser(ctx, tx, "username = ?", username) // locked, or no such user
		return err
	})
	if err != nil {
		return nil, false, err
	}
	return u, ok, nil
}

// ResetSignIn clears the failure count and the lock of user id, in one statement.
func (db *DB) ResetSignIn(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx tx) error {
		res, err := tx.exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?`, db.t(time.Time{}), id)
		if err != nil {
			return fmt.Errorf("reset sign-in: %w", err)
		}
		if n, err := rowsAffected(res); err != nil {
			return err
		} else if n == 0 {
			return jixiao.Errorf(jixiao.ENOTFOUND, "用户（编号 %d）不存在。", id)
		}
		return nil
	})
}
