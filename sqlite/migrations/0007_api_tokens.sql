-- 0007: API tokens (接口令牌). Only the SHA-256 of a token is kept; a token is revoked,
-- never deleted, so the audit log's references stay meaningful.
CREATE TABLE api_tokens (
	id        INTEGER PRIMARY KEY,
	user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name      TEXT    NOT NULL,
	hash      TEXT    NOT NULL UNIQUE,
	prefix    TEXT    NOT NULL,
	created   TEXT    NOT NULL,
	last_used TEXT    NOT NULL DEFAULT '',
	revoked   TEXT    NOT NULL DEFAULT '',
	active    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
