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

const tokenColumns = `id, user_id, name, hash, prefix, created, last_used, revoked`

func tokenDest(t *jixiao.APIToken) []any {
	return []any{&t.ID, &t.UserID, &t.Name, &t.Hash, &t.Prefix, at(&t.Created), at(&t.LastUsed), at(&t.Revoked)}
}

// CreateToken stores t and sets t.ID and t.Created.
func (db *DB) CreateToken(ctx context.Context, t *jixiao.APIToken) error {
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" {
		return jixiao.Errorf(jixiao.EINVALID, "请填写令牌名称，说明它给哪个系统使用。")
	}
	if len([]rune(t.Name)) > 100 {
		return jixiao.Errorf(jixiao.EINVALID, "令牌名称“%s”超过 100 个字。", t.Name)
	}
	if t.Hash == "" {
		return jixiao.Errorf(jixiao.EINVALID, "令牌的摘要不能为空。")
	}
	if t.Created.IsZero() {
		t.Created = db.stamp()
	}
	t.Created, t.LastUsed, t.Revoked = normTime(t.Created), time.Time{}, time.Time{}
	return db.write(ctx, func(tx tx) error {
		err := tx.queryRow(ctx, `INSERT INTO api_tokens (user_id, name, hash, prefix, created, last_used, revoked, active)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			t.UserID, t.Name, t.Hash, t.Prefix, db.t(t.Created), db.t(time.Time{}), db.t(time.Time{}), true).Scan(&t.ID)
		if db.d.IsUnique(err) {
			return jixiao.Errorf(jixiao.EINVALID, "令牌已存在，请重新生成。")
		} else if db.d.IsForeignKey(err) {
			return jixiao.Errorf(jixiao.EINVALID, "令牌的用户（编号 %d）不存在。", t.UserID)
		} else if err != nil {
			return fmt.Errorf("insert api token: %w", err)
		}
		return nil
	})
}

// errNoToken is the answer for a token that is unknown or revoked: the two are not told
// apart, so that an answer says nothing about which tokens once existed.
func errNoToken() error {
	return jixiao.Errorf(jixiao.ENOTFOUND, "接口令牌无效或已撤销，请在“账号 · 接口令牌”页面重新生成。")
}

// TokenUser returns the valid token with the hash and its account. Its last use is
// written at most once a minute, so that a busy client does not turn every read into a
// write.
func (db *DB) TokenUser(ctx context.Context, hash string, now time.Time) (*jixiao.APIToken, *jixiao.User, error) {
	var t jixiao.APIToken
	row := db.r.QueryRowContext(ctx, db.q(`SELECT `+prefixed("t.", tokenColumns)+`, `+prefixed("u.", userColumns)+`
		FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ? AND t.active = ?`), hash, true)
	u, err := scanUser(prefixScanner{row, tokenDest(&t)})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errNoToken()
	} else if err != nil {
		return nil, nil, fmt.Errorf("read api token: %w", err)
	}
	now = normTime(now)
	if now.Sub(t.LastUsed) >= time.Minute {
		err := db.write(ctx, func(tx tx) error {
			_, err := tx.exec(ctx, `UPDATE api_tokens SET last_used = ? WHERE id = ? AND active = ?`, db.t(now), t.ID, true)
			return err
		})
		if err != nil {
			return nil, nil, fmt.Errorf("record api token use: %w", err)
		}
		t.LastUsed = now
	}
	return &t, u, nil
}

// Tokens lists the user's tokens, newest first.
func (db *DB) Tokens(ctx context.Context, userID int64) ([]*jixiao.APIToken, error) {
	out := []*jixiao.APIToken{}
	err := db.read(ctx, func(tx tx) error {
		rows, err := tx.query(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE user_id = ? ORDER BY id DESC`, userID)
		if err != nil {
			return fmt.Errorf("list api tokens: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			t := &jixiao.APIToken{}
			if err := rows.Scan(tokenDest(t)...); err != nil {
				return fmt.Errorf("list api tokens: %w", err)
			}
			out = append(out, t)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RevokeToken revokes the user's token id, in one statement that only a valid token of
// that user matches.
func (db *DB) RevokeToken(ctx context.Context, userID, id int64, now time.Time) error {
	return db.write(ctx, func(tx tx) error {
		res, err := tx.exec(ctx, `UPDATE api_tokens SET active = ?, revoked = ? WHERE id = ? AND user_id = ? AND active = ?`,
			false, db.t(now), id, userID, true)
		if err != nil {
			return fmt.Errorf("revoke api token: %w", err)
		}
		if n, err := rowsAffected(res); err != nil {
			return err
		} else if n == 0 {
			return jixiao.Errorf(jixiao.ENOTFOUND, "接口令牌（编号 %d）不存在或已撤销。", id)
		}
		return nil
	})
}
