-- 0010: the indicator library (指标库): entries under a version check, every edit kept
-- (before and after), the statistics learnt from the plans, and the library's stamp.
CREATE TABLE library_entries (
	id         INTEGER PRIMARY KEY,
	key        TEXT    NOT NULL UNIQUE,
	source     TEXT    NOT NULL,
	version    INTEGER NOT NULL,
	doc        TEXT    NOT NULL,
	updated    TEXT    NOT NULL,
	updated_by TEXT    NOT NULL
);
CREATE TABLE library_changes (
	id       INTEGER PRIMARY KEY,
	entry_id INTEGER NOT NULL,
	version  INTEGER NOT NULL,
	action   TEXT    NOT NULL,
	actor    TEXT    NOT NULL,
	reason   TEXT    NOT NULL,
	created  TEXT    NOT NULL,
	before   TEXT    NOT NULL,
	after    TEXT    NOT NULL
);
CREATE INDEX library_changes_entry ON library_changes (entry_id, id);
CREATE TRIGGER library_changes_no_update BEFORE UPDATE ON library_changes
BEGIN
	SELECT RAISE(ABORT, 'library changes are kept');
END;
CREATE TRIGGER library_changes_no_delete BEFORE DELETE ON library_changes
BEGIN
	SELECT RAISE(ABORT, 'library changes are kept');
END;
CREATE TABLE library_stats (
	key TEXT PRIMARY KEY,
	doc TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE library_state (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	stamp   INTEGER NOT NULL,
	actuals TEXT    NOT NULL
);
INSERT INTO library_state (id, stamp, actuals) VALUES (1, 0, '{}');
