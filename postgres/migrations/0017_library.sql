-- 0011: the indicator library (指标库): entries under a version check, every edit kept
-- (before and after), the statistics learnt from the plans, and the library's stamp.
CREATE TABLE library_entries (
	id         bigserial PRIMARY KEY,
	key        text NOT NULL UNIQUE,
	source     text NOT NULL,
	version    integer NOT NULL,
	doc        jsonb NOT NULL,
	updated    timestamptz NOT NULL,
	updated_by text NOT NULL
);
CREATE TABLE library_changes (
	id       bigserial PRIMARY KEY,
	entry_id bigint NOT NULL,
	version  integer NOT NULL,
	action   text NOT NULL,
	actor    text NOT NULL,
	reason   text NOT NULL,
	created  timestamptz NOT NULL,
	before   text NOT NULL,
	after    text NOT NULL
);
CREATE INDEX library_changes_entry ON library_changes (entry_id, id);
CREATE TRIGGER library_changes_kept BEFORE UPDATE OR DELETE ON library_changes
	FOR EACH ROW EXECUTE FUNCTION history_immutable();
CREATE TABLE library_stats (
	key text PRIMARY KEY,
	doc jsonb NOT NULL
);
CREATE TABLE library_state (
	id      integer PRIMARY KEY CHECK (id = 1),
	stamp   bigint NOT NULL,
	actuals jsonb NOT NULL
);
INSERT INTO library_state (id, stamp, actuals) VALUES (1, 0, '{}');
