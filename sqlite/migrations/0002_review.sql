-- 0002: the review workflow (transitions, explanations of warnings, comments on cells,
-- deadlines and exceptions, the approved and published versions) and the audit log.

-- The last version the finance bureau approved and the last one made public; NULL
-- when never. While an adjustment (调整) is under way they point at the old version.
ALTER TABLE plans ADD COLUMN approved_version INTEGER;
ALTER TABLE plans ADD COLUMN published_version INTEGER;
ALTER TABLE plans ADD COLUMN published TEXT NOT NULL DEFAULT '';

-- transitions is every workflow step: who did what, when, why, on which version, and
-- the version it created. Steps are history: never updated or deleted.
CREATE TABLE transitions (
	id      INTEGER PRIMARY KEY,
	plan_id INTEGER NOT NULL REFERENCES plans (id),
	version INTEGER NOT NULL,
	result  INTEGER NOT NULL,
	action  TEXT    NOT NULL,
	from_status TEXT NOT NULL,
	to_status   TEXT NOT NULL,
	actor   TEXT    NOT NULL,
	reason  TEXT    NOT NULL,
	created TEXT    NOT NULL
);
CREATE INDEX transitions_plan ON transitions (plan_id, id);
CREATE TRIGGER transitions_no_update BEFORE UPDATE ON transitions
BEGIN
	SELECT RAISE(ABORT, 'transitions are immutable');
END;
CREATE TRIGGER transitions_no_delete BEFORE DELETE ON transitions
BEGIN
	SELECT RAISE(ABORT, 'transitions are immutable');
END;

-- explanations are the written explanations of warnings given with a submission.
CREATE TABLE explanations (
	plan_id INTEGER NOT NULL REFERENCES plans (id),
	version INTEGER NOT NULL, -- the version submitted
	rule    TEXT    NOT NULL,
	path    TEXT    NOT NULL,
	text    TEXT    NOT NULL,
	PRIMARY KEY (plan_id, version, rule, path)
) WITHOUT ROWID;

-- comments are reviewers' comments on cells and rows, with the filler's answer. Never
-- deleted: the thread stays in the history.
CREATE TABLE comments (
	id          INTEGER PRIMARY KEY,
	plan_id     INTEGER NOT NULL REFERENCES plans (id),
	version     INTEGER NOT NULL,
	path        TEXT    NOT NULL,
	author      TEXT    NOT NULL,
	body        TEXT    NOT NULL,
	created     TEXT    NOT NULL,
	answered    INTEGER NOT NULL DEFAULT 0,
	answered_by TEXT    NOT NULL DEFAULT '',
	answered_at TEXT    NOT NULL DEFAULT '',
	answer      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX comments_plan ON comments (plan_id, id);
CREATE TRIGGER comments_no_delete BEFORE DELETE ON comments
BEGIN
	SELECT RAISE(ABORT, 'comments are kept');
END;

-- deadlines: one per region (the bureau's department) and year.
CREATE TABLE deadlines (
	region_id INTEGER NOT NULL REFERENCES departments (id),
	year      INTEGER NOT NULL,
	due       TEXT    NOT NULL,
	set_by    TEXT    NOT NULL,
	set_at    TEXT    NOT NULL,
	PRIMARY KEY (region_id, year)
) WITHOUT ROWID;

-- deadline_exceptions: one per department and year.
CREATE TABLE deadline_exceptions (
	department_id INTEGER NOT NULL REFERENCES departments (id),
	year          INTEGER NOT NULL,
	until         TEXT    NOT NULL,
	granted_by    TEXT    NOT NULL,
	reason        TEXT    NOT NULL,
	granted       TEXT    NOT NULL,
	PRIMARY KEY (department_id, year)
) WITHOUT ROWID;

-- audit_log is the hash-chained audit trail (jixiao.AuditEntry). Appends happen in the
-- write transaction (BEGIN IMMEDIATE), which serialises appenders of every process.
-- The triggers refuse changes through SQL as a first line; the chain is what proves
-- nothing was changed behind them (jixiao audit verify).
CREATE TABLE audit_log (
	seq       INTEGER PRIMARY KEY,
	time      TEXT    NOT NULL,
	actor     TEXT    NOT NULL,
	actor_id  INTEGER NOT NULL,
	action    TEXT    NOT NULL,
	object    TEXT    NOT NULL,
	detail    TEXT    NOT NULL,
	addr      TEXT    NOT NULL,
	outcome   TEXT    NOT NULL,
	prev_hash TEXT    NOT NULL,
	hash      TEXT    NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_time ON audit_log (time);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- audit_head is the chain head: one row, the last entry's seq and hash.
CREATE TABLE audit_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	seq  INTEGER NOT NULL,
	hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
