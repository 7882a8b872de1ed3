package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"jixiao"
)

const userColumns = `id, username, name, password_hash, role, department_id, disabled, failed_logins, locked_until, password_changed, created`

// CreateUser stores u and sets u.ID and u.Created; a duplicate username is EINVALID.
func (db *DB) CreateUser(ctx context.Context, u *jixiao.User) error {
	return db.write(ctx, func(tx pgx.Tx) error {
		if err := checkUser(u); err != nil {
			return err
		}
		if u.Created.IsZero() {
			u.Created = db.stamp()
		}
		normUserTimes(u)
		err := tx.QueryRow(ctx, `INSERT INTO users (username, name, password_hash, role, department_id, disabled,
			failed_logins, locked_until, password_changed, created) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			ON CONFLICT (username) DO NOTHING RETURNING id`,
			u.Username, u.Name, u.PasswordHash, string(u.Role), nullID(u.DepartmentID), u.Disabled, u.FailedLogins,
			nullTime(u.LockedUntil), nullTime(u.PasswordChanged), u.Created).Scan(&u.ID)
		if errors.Is(err, pgx.ErrNoRows) {
			return jixiao.Errorf(jixiao.EINVALID, "用户名“%s”已被使用", u.Username)
		}
		return userErr(u, err)
	})
}

// UpdateUser saves every field of u but its ID and Created.
func (db *DB) UpdateUser(ctx context.Context, u *jixiao.User) error {
	return db.write(ctx, func(tx pgx.Tx) error {
		if err := checkUser(u); err != nil {
			return err
		}
		normUserTimes(u)
		var taken bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM users WHERE username = $1 AND id <> $2)`, u.Username, u.ID).Scan(&taken); err != nil {
			return fmt.Errorf("check username: %w", err)
		}
		if taken {
			return jixiao.Errorf(jixiao.EINVALID, "用户名“%s”已被使用", u.Username)
		}
		tag, err := tx.Exec(ctx, `UPDATE users SET username = $1, name = $2, password_hash = $3, role = $4, department_id = $5,
			disabled = $6, failed_logins = $7, locked_until = $8, password_changed = $9 WHERE id = $10`,
			u.Username, u.Name, u.PasswordHash, string(u.Role), nullID(u.DepartmentID), u.Disabled, u.FailedLogins,
			nullTime(u.LockedUntil), nullTime(u.PasswordChanged), u.ID)
		if err := userErr(u, err); err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return jixiao.Errorf(jixiao.ENOTFOUND, "用户（编号 %d）不存在", u.ID)
		}
		return nil
	})
}

// User returns the user with the id.
func (db *DB) User(ctx context.Context, id int64) (*jixiao.User, error) {
	var u *jixiao.User
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		u, err = findUser(ctx, tx, "id = $1", id)
		return err
	})
	return u, err
}

// UserByUsername returns the user with the username.
func (db *DB) UserByUsername(ctx context.Context, username string) (*jixiao.User, error) {
	var u *jixiao.User
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		u, err = findUser(ctx, tx, "username = $1", username)
		return err
	})
	return u, err
}

// Users returns every user by username.
func (db *DB) Users(ctx context.Context) ([]*jixiao.User, error) {
	var out []*jixiao.User
	err := db.read(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+userColumns+` FROM users ORDER BY username`)
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

func findUser(ctx context.Context, tx pgx.Tx, where string, arg any) (*jixiao.User, error) {
	u, err := scanUser(tx.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "用户“%v”不存在", arg)
	}
	return u, err
}

func scanUser(s pgx.Row) (*jixiao.User, error) {
	var u jixiao.User
	var role string
	var dept *int64
	var locked, changed *time.Time
	if err := s.Scan(&u.ID, &u.Username, &u.Name, &u.PasswordHash, &role, &dept, &u.Disabled, &u.FailedLogins,
		&locked, &changed, &u.Created); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, err
		}
		return nil, fmt.Errorf("read user: %w", err)
	}
	u.Role = jixiao.Role(role)
	if dept != nil {
		u.DepartmentID = *dept
	}
	u.LockedUntil, u.PasswordChanged, u.Created = utc(locked), utc(changed), u.Created.UTC()
	return &u, nil
}
