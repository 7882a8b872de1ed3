package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"jixiao"
)

const userColumns = `id, username, name, password_hash, role, department_id, disabled, failed_logins, locked_until, password_changed, created`

// CreateUser stores u and sets u.ID and u.Created; a duplicate username is EINVALID.
func (db *DB) CreateUser(ctx context.Context, u *jixiao.User) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if err := checkUser(u); err != nil {
			return err
		}
		if u.Created.IsZero() {
			u.Created = db.stamp()
		}
		normUserTimes(u)
		res, err := tx.ExecContext(ctx, `INSERT INTO users (username, name, password_hash, role, department_id, disabled,
			failed_logins, locked_until, password_changed, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			u.Username, u.Name, u.PasswordHash, string(u.Role), nullID(u.DepartmentID), u.Disabled, u.FailedLogins,
			fmtTime(u.LockedUntil), fmtTime(u.PasswordChanged), fmtTime(u.Created))
		if err := userErr(u, err); err != nil {
			return err
		}
		u.ID, err = res.LastInsertId()
		return err
	})
}

// UpdateUser saves every field of u but its ID and Created.
func (db *DB) UpdateUser(ctx context.Context, u *jixiao.User) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if err := checkUser(u); err != nil {
			return err
		}
		normUserTimes(u)
		res, err := tx.ExecContext(ctx, `UPDATE users SET username = ?, name = ?, password_hash = ?, role = ?, department_id = ?,
			disabled = ?, failed_logins = ?, locked_until = ?, password_changed = ? WHERE id = ?`,
			u.Username, u.Name, u.PasswordHash, string(u.Role), nullID(u.DepartmentID), u.Disabled, u.FailedLogins,
			fmtTime(u.LockedUntil), fmtTime(u.PasswordChanged), u.ID)
		if err := userErr(u, err); err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return jixiao.Errorf(jixiao.ENOTFOUND, "用户（编号 %d）不存在", u.ID)
		}
		return nil
	})
}

// User returns the user with the id.
func (db *DB) User(ctx context.Context, id int64) (*jixiao.User, error) {
	var u *jixiao.User
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		u, err = findUser(ctx, tx, "id = ?", id)
		return err
	})
	return u, err
}

// UserByUsername returns the user with the username.
func (db *DB) UserByUsername(ctx context.Context, username string) (*jixiao.User, error) {
	var u *jixiao.User
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		u, err = findUser(ctx, tx, "username = ?", username)
		return err
	})
	return u, err
}

// Users returns every user by username.
func (db *DB) Users(ctx context.Context) ([]*jixiao.User, error) {
	var out []*jixiao.User
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY username`)
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

func checkUser(u *jixiao.User) error {
	u.Username = strings.TrimSpace(u.Username)
	if u.Username == "" {
		return jixiao.Errorf(jixiao.EINVALID, "用户名不能为空")
	}
	return nil
}

func normUserTimes(u *jixiao.User) {
	u.Created, u.LockedUntil, u.PasswordChanged = normTime(u.Created), normTime(u.LockedUntil), normTime(u.PasswordChanged)
}

func userErr(u *jixiao.User, err error) error {
	if isUnique(err) {
		return jixiao.Errorf(jixiao.EINVALID, "用户名“%s”已被使用", u.Username)
	} else if isForeignKey(err) {
		return jixiao.Errorf(jixiao.EINVALID, "用户“%s”所属单位（编号 %d）不存在", u.Username, u.DepartmentID)
	} else if err != nil {
		return fmt.Errorf("save user: %w", err)
	}
	return nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func findUser(ctx context.Context, tx *sql.Tx, where string, arg any) (*jixiao.User, error) {
	u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "用户“%v”不存在", arg)
	}
	return u, err
}

type scanner interface{ Scan(...any) error }

func scanUser(s scanner) (*jixiao.User, error) {
	var u jixiao.User
	var role, locked, changed, created string
	var dept sql.NullInt64
	if err := s.Scan(&u.ID, &u.Username, &u.Name, &u.PasswordHash, &role, &dept, &u.Disabled, &u.FailedLogins,
		&locked, &changed, &created); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		return nil, fmt.Errorf("read user: %w", err)
	}
	u.Role, u.DepartmentID = jixiao.Role(role), dept.Int64
	var err error
	for _, t := range []struct {
		s string
		t *time.Time
	}{{locked, &u.LockedUntil}, {changed, &u.PasswordChanged}, {created, &u.Created}} {
		if *t.t, err = parseTime(t.s); err != nil {
			return nil, err
		}
	}
	return &u, nil
}
