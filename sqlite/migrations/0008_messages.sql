-- 0008: in-app messages (站内消息): one row per recipient, for each workflow step, return,
-- comment and reminder. read_at is NULL until the recipient reads it.
CREATE TABLE messages (
	id       INTEGER PRIMARY KEY,
	user_id  INTEGER NOT NULL REFERENCES users (id),
	kind     TEXT    NOT NULL,
	subject  TEXT    NOT NULL,
	body     TEXT    NOT NULL,
	link     TEXT    NOT NULL,
	sender   TEXT    NOT NULL,
	created  TEXT    NOT NULL,
	read_at  TEXT
);
CREATE INDEX messages_user ON messages (user_id, id);
CREATE INDEX messages_unread ON messages (user_id) WHERE read_at IS NULL;
-- mail_addresses: where a user wants messages also sent by e-mail (optional; the server
-- sends only when an SMTP server is configured).
CREATE TABLE mail_addresses (
	user_id INTEGER PRIMARY KEY REFERENCES users (id),
	address TEXT    NOT NULL
);
