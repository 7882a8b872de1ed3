package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"jixiao"
)

const userColumns = `id, username, name, password_hash, role, department_id, disabled, failed_logins, locked_until, password_changed, created, version, must_change_password`

// CreateUser stores u and sets u.ID and u.Created; a duplicate username is EINVALID.
func (db *DB) CreateUser(ctx context.Context, u *jixiao.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if u.Created.IsZero() {
		u.Created = db.stamp()
	}
	normUserTimes(u)
	return db.write(ctx, func(tx tx) error {
		return db.createUser(ctx, tx, u)
	})
}

// createUser inserts u in tx (CreateUser, ImportDirectory).
func (db *DB) createUser(ctx context.Context, tx tx, u *jixiao.User) error {
	err := tx.queryRow(ctx, `INSERT INTO users (username, name, password_hash, role, department_id, disabled,
		failed_logins, locked_until, password_changed, created, must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (username) DO NOTHING RETURNING id`,
		u.Username, u.Name, u.PasswordHash, string(u.Role), nullID(u.DepartmentID), u.Disabled, u.FailedLogins,
		db.t(u.LockedUntil), db.t(u.PasswordChanged), db.t(u.Created), u.MustChangePassword).Scan(&u.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return jixiao.Errorf(jixiao.EINVALID, "用户名“%s”已被使用。", u.Username)
	}
	return db.userErr(u, err)
}

// UpdateUser saves what an administrator or the account's owner changes — username, name,
// password, role, department, disabled — under the version check; the sign-in count and
// lock are not written (they change by single statements of their own), so a save
// never undoes a failed sign-in counted meanwhile, nor a sign-in a save.
func (db *DB) UpdateUser(ctx context.Context, u *jixiao.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	normUserTimes(u)
	return db.write(ctx, func(tx tx) error {
		res, err := tx.exec(ctx, `UPDATE users SET username = ?, name = ?, password_hash = ?, role = ?, department_id = ?,
			disabled = ?, password_changed = ?, must_change_password = ?, version = version + 1 WHERE id = ? AND version = ?`,
			u.Username, u.Name, u.PasswordHash, string(u.Role), nullID(u.DepartmentID), u.Disabled,
			db.t(u.PasswordChanged), u.MustChangePassword, u.ID, u.Version)
		if err := db.userErr(u, err); err != nil {
			return err
		}
		if n, err := rowsAffected(res); err != nil {
			return err
		} else if n == 0 {
			var v int
			err := tx.queryRow(ctx, `SELECT version FROM users WHERE id = ?`, u.ID).Scan(&v)
			if errors.Is(err, sql.ErrNoRows) {
				return jixiao.Errorf(jixiao.ENOTFOUND, "用户（编号 %d）不存在。", u.ID)
			} else if err != nil {
				return fmt.Errorf("read user version: %w", err)
			}
			return jixiao.Errorf(jixiao.ECONFLICT, "账号“%s”已被他人修改（第 %d 版，您读取的是第 %d 版），请刷新后重新修改。", u.Username, v, u.Version)
		}
		u.Version++
		return nil
	})
}

// User returns the user with the id.
func (db *DB) User(ctx context.Context, id int64) (*jixiao.User, error) {
	var u *jixiao.User
	err := db.read(ctx, func(tx tx) (err error) {
		u, err = findUser(ctx, tx, "id = ?", id)
		return err
	})
	return u, err
}

// UserByUsername returns the user with the username.
func (db *DB) UserByUsername(ctx context.Context, username string) (*jixiao.User, error) {
	var u *jixiao.User
	err := db.read(ctx, func(tx tx) (err error) {
		u, err = findUser(ctx, tx, "username = ?", username)
		return err
	})
	return u, err
}

// maxInList bounds the parameters of one IN list (SQLite allows 32,766, PostgreSQL
// 65,535; far fewer keep each statement small).
const maxInList = 500

// UserNames maps usernames to the accounts' names, maxInList at a time.
func (db *DB) UserNames(ctx context.Context, usernames []string) (map[string]string, error) {
	out := map[string]string{}
	seen := map[string]bool{}
	var todo []any
	for _, u := range usernames {
		if u != "" && !seen[u] {
			seen[u] = true
			todo = append(todo, u)
		}
	}
	if len(todo) == 0 {
		return out, nil
	}
	err := db.read(ctx, func(tx tx) error {
		for len(todo) > 0 {
			args := todo[:min(len(todo), maxInList)]
			todo = todo[len(args):]
			rows, err := tx.query(ctx, `SELECT username, name FROM users WHERE username IN (?`+strings.Repeat(", ?", len(args)-1)+`)`, args...)
			if err != nil {
				return fmt.Errorf("read user names: %w", err)
			}
			for rows.Next() {
				var u, n string
				if err := rows.Scan(&u, &n); err != nil {
					rows.Close()
					return fmt.Errorf("read user names: %w", err)
				}
				if strings.TrimSpace(n) != "" {
					out[u] = n
				}
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				return fmt.Errorf("read user names: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Users returns every user by username.
func (db *DB) Users(ctx context.Context) ([]*jixiao.User, error) {
	var out []*jixiao.User
	err := db.read(ctx, func(tx tx) error {
		rows, err := tx.query(ctx, `SELECT `+userColumns+` FROM users ORDER BY username`)
		if err != nil {
			return fmt.Errorf("list users: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				return err
			}
			out = append(out, u)
		}
		return rows.Err()
	})
	return out, err
}

func normUserTimes(u *jixiao.User) {
	u.Created, u.LockedUntil, u.PasswordChanged = normTime(u.Created), normTime(u.LockedUntil), normTime(u.PasswordChanged)
}

func (db *DB) userErr(u *jixiao.User, err error) error {
	if db.d.IsUnique(err) {
		return jixiao.Errorf(jixiao.EINVALID, "用户名“%s”已被使用。", u.Username)
	} else if db.d.IsForeignKey(err) {
		return jixiao.Errorf(jixiao.EINVALID, "用户“%s”所属单位（编号 %d）不存在。", u.Username, u.DepartmentID)
	} else if err != nil {
		return fmt.Errorf("save user: %w", err)
	}
	return nil
}

func findUser(ctx context.Context, tx tx, where string, arg any) (*jixiao.User, error) {
	u, err := scanUser(tx.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "用户“%v”不存在。", arg)
	}
	return u, err
}

type scanner interface{ Scan(...any) error }

func scanUser(s scanner) (*jixiao.User, error) {
	var u jixiao.User
	var role string
	var dept sql.NullInt64
	if err := s.Scan(&u.ID, &u.Username, &u.Name, &u.PasswordHash, &role, &dept, &u.Disabled, &u.FailedLogins,
		at(&u.LockedUntil), at(&u.PasswordChanged), at(&u.Created), &u.Version, &u.MustChangePassword); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		return nil, fmt.Errorf("read user: %w", err)
	}
	u.Role, u.DepartmentID = jixiao.Role(role), dept.Int64
	return &u, nil
}

// CreateSession stores s; its times are kept to the microsecond, in UTC.
func (db *DB) CreateSession(ctx context.Context, s *jixiao.Session) error {
	if s.ID == "" {
		return jixiao.Errorf(jixiao.EINVALID, "会话标识不能为空。")
	}
	if s.Created.IsZero() {
		s.Created = db.stamp()
	}
	if s.LastSeen.IsZero() {
		s.LastSeen = s.Created
	}
	s.Created, s.LastSeen, s.Expires = normTime(s.Created), normTime(s.LastSeen), normTime(s.Expires)
	return db.write(ctx, func(tx tx) error {
		_, err := tx.exec(ctx, `INSERT INTO sessions (id, user_id, csrf, created, last_seen, expires) VALUES (?, ?, ?, ?, ?, ?)`,
			s.ID, s.UserID, s.CSRF, db.t(s.Created), db.t(s.LastSeen), db.t(s.Expires))
		if db.d.IsUnique(err) {
			return jixiao.Errorf(jixiao.EINVALID, "会话已存在。")
		} else if db.d.IsForeignKey(err) {
			return jixiao.Errorf(jixiao.EINVALID, "会话的用户（编号 %d）不存在。", s.UserID)
		} else if err != nil {
			return fmt.Errorf("insert session: %w", err)
		}
		return nil
	})
}

// errNoSession is the answer for a session that is absent or expired.
func errNoSession() error {
	return jixiao.Errorf(jixiao.ENOTFOUND, "会话不存在或已过期，请重新登录。")
}

// Session returns the session with the id; ENOTFOUND when absent or expired.
func (db *DB) Session(ctx context.Context, id string) (*jixiao.Session, error) {
	s := jixiao.Session{ID: id}
	err := db.read(ctx, func(tx tx) error {
		err := tx.queryRow(ctx, `SELECT user_id, csrf, created, last_seen, expires FROM sessions WHERE id = ? AND expires > ?`,
			id, db.t(db.now())).Scan(&s.UserID, &s.CSRF, at(&s.Created), at(&s.LastSeen), at(&s.Expires))
		if errors.Is(err, sql.ErrNoRows) {
			return errNoSession()
		} else if err != nil {
			return fmt.Errorf("read session: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// TouchSession records activity and moves the expiry; ENOTFOUND when absent.
func (db *DB) TouchSession(ctx context.Context, id string, lastSeen, expires time.Time) error {
	return db.write(ctx, func(tx tx) error {
		if q := db.d.TouchSQL(); q != "" {
			if _, err := tx.exec(ctx, q); err != nil {
				return fmt.Errorf("touch session: %w", err)
			}
		}
		res, err := tx.exec(ctx, `UPDATE sessions SET last_seen = ?, expires = ? WHERE id = ?`, db.t(lastSeen), db.t(expires), id)
		if err != nil {
			return fmt.Errorf("touch session: %w", err)
		}
		if n, err := rowsAffected(res); err != nil {
			return err
		} else if n == 0 {
			return errNoSession()
		}
		return nil
	})
}

// DeleteSession removes a session (signing out); removing an absent one is not an error.
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	return db.write(ctx, func(tx tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete session: %w", err)
		}
		return nil
	})
}

// DeleteUserSessions removes every session of a user, and every expired session.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64) error {
	return db.write(ctx, func(tx tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ? OR expires <= ?`, userID, db.t(db.now())); err != nil {
			return fmt.Errorf("delete sessions: %w", err)
		}
		return nil
	})
}
