package jixiao

import (
	"context"
	"time"
)

// Message is an in-app message (站内消息) to one user: a workflow step on a plan, a
// return, a comment, a reminder (催报).
type Message struct {
	ID      int64     `json:"id"`
	UserID  int64     `json:"userId"`
	Kind    string    `json:"kind"` // the workflow action, "comment" or "remind"
	Subject string    `json:"subject"`
	Body    string    `json:"body"`
	Link    string    `json:"link"` // where it leads in the web application
	Sender  string    `json:"sender"`
	Created time.Time `json:"created"`
	Read    time.Time `json:"read"` // zero while unread
}

// MessageService keeps in-app messages.
type MessageService interface {
	// SendMessages stores each message (one per recipient) and sets its ID and Created;
	// all or none.
	SendMessages(ctx context.Context, ms []*Message) error
	// Messages lists the user's messages, newest first, at most limit (0: 100).
	Messages(ctx context.Context, userID int64, limit int) ([]Message, error)
	// UnreadMessages counts the user's unread messages.
	UnreadMessages(ctx context.Context, userID int64) (int, error)
	// MarkRead marks the user's messages ids (all of them when ids is empty) read at at,
	// in one atomic statement that touches only unread messages of that user; it returns
	// how many it marked.
	MarkRead(ctx context.Context, userID int64, ids []int64, at time.Time) (int, error)
	// SetMailAddress stores (or, when address is empty, removes) the address the user's
	// messages are also mailed to.
	SetMailAddress(ctx context.Context, userID int64, address string) error
	// MailAddresses returns the addresses of those of the users who have one.
	MailAddresses(ctx context.Context, userIDs []int64) (map[int64]string, error)
}
