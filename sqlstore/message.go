package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"jixiao"
)

// SendMessages stores the messages in one transaction.
func (db *DB) SendMessages(ctx context.Context, ms []*jixiao.Message) error {
	if len(ms) == 0 {
		return nil
	}
	return db.write(ctx, func(tx tx) error {
		now := db.stamp()
		for _, m := range ms {
			if err := tx.queryRow(ctx, `INSERT INTO messages (user_id, kind, subject, body, link, sender, created)
				VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, m.UserID, m.Kind, m.Subject, m.Body, m.Link, m.Sender, db.t(now)).Scan(&m.ID); err != nil {
				return fmt.Errorf("insert message: %w", err)
			}
			m.Created = now
		}
		return nil
	})
}

// Messages lists a user's messages, newest first.
func (db *DB) Messages(ctx context.Context, userID int64, limit int) ([]jixiao.Message, error) {
	if limit <= 0 {
		limit = 100
	}
	out := []jixiao.Message{}
	err := db.read(ctx, func(tx tx) error {
		rows, err := tx.query(ctx, `SELECT id, kind, subject, body, link, sender, created, read_at
			FROM messages WHERE user_id = ? ORDER BY id DESC LIMIT ?`, userID, limit)
		if err != nil {
			return fmt.Errorf("list messages: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			m := jixiao.Message{UserID: userID}
			if err := rows.Scan(&m.ID, &m.Kind, &m.Subject, &m.Body, &m.Link, &m.Sender, at(&m.Created), at(&m.Read)); err != nil {
				return fmt.Errorf("list messages: %w", err)
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}

// UnreadMessages counts a user's unread messages.
func (db *DB) UnreadMessages(ctx context.Context, userID int64) (int, error) {
	var n int
	err := db.read(ctx, func(tx tx) error {
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM messages WHERE user_id = ? AND read_at IS NULL`, userID).Scan(&n); err != nil {
			return fmt.Errorf("count messages: %w", err)
		}
		return nil
	})
	return n, err
}

// MarkRead marks unread messages of the user read, in one statement.
func (db *DB) MarkRead(ctx context.Context, userID int64, ids []int64, when time.Time) (int, error) {
	q := `UPDATE messages SET read_at = ? WHERE user_id = ? AND read_at IS NULL`
	args := []any{db.t(when), userID}
	if len(ids) > 0 {
		q += ` AND id IN (?` + strings.Repeat(", ?", len(ids)-1) + `)`
		for _, id := range ids {
			args = append(args, id)
		}
	}
	var n int64
	err := db.write(ctx, func(tx tx) error {
		res, err := tx.exec(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("mark messages read: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// SetMailAddress stores or removes the user's mail address, in one statement.
func (db *DB) SetMailAddress(ctx context.Context, userID int64, address string) error {
	return db.write(ctx, func(tx tx) error {
		var err error
		if address == "" {
			_, err = tx.exec(ctx, `DELETE FROM mail_addresses WHERE user_id = ?`, userID)
		} else {
			_, err = tx.exec(ctx, `INSERT INTO mail_addresses (user_id, address) VALUES (?, ?)
				ON CONFLICT (user_id) DO UPDATE SET address = excluded.address`, userID, address)
		}
		if err != nil {
			return fmt.Errorf("set mail address: %w", err)
		}
		return nil
	})
}

// MailAddresses reads the addresses of the users that have one.
func (db *DB) MailAddresses(ctx context.Context, userIDs []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(userIDs) == 0 {
		return out, nil
	}
	args := make([]any, len(userIDs))
	for i, id := range userIDs {
		args[i] = id
	}
	err := db.read(ctx, func(tx tx) error {
		rows, err := tx.query(ctx, `SELECT user_id, address FROM mail_addresses WHERE user_id IN (?`+strings.Repeat(", ?", len(userIDs)-1)+`)`, args...)
		if err != nil {
			return fmt.Errorf("mail addresses: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var a string
			if err := rows.Scan(&id, &a); err != nil {
				return fmt.Errorf("mail addresses: %w", err)
			}
			out[id] = a
		}
		return rows.Err()
	})
	return out, err
}
