-- 0010: mid-year monitoring (绩效运行监控): the rounds the finance bureau opens, one
-- record per table of each approved plan with its immutable revisions and workflow
-- steps, and the adjustments (调整) proposed from a record. level and alerts are the
-- record's worst warning and their number, computed on save, so the board counts
-- without reading the documents.
CREATE TABLE monitoring_rounds (
	id            INTEGER PRIMARY KEY,
	year          INTEGER NOT NULL,
	as_of         INTEGER NOT NULL,
	deadline      TEXT    NOT NULL,
	rules         TEXT    NOT NULL,
	department_id INTEGER NOT NULL REFERENCES departments (id),
	opened_by     TEXT    NOT NULL,
	status        TEXT    NOT NULL,
	created       TEXT    NOT NULL,
	records       INTEGER NOT NULL,
	UNIQUE (department_id, year, as_of)
);
CREATE TABLE monitoring_records (
	id            INTEGER PRIMARY KEY,
	round_id      INTEGER NOT NULL REFERENCES monitoring_rounds (id),
	plan_id       INTEGER NOT NULL REFERENCES plans (id),
	plan_version  INTEGER NOT NULL,
	department_id INTEGER NOT NULL REFERENCES departments (id),
	year          INTEGER NOT NULL,
	tbl           INTEGER NOT NULL,
	dept_code     TEXT    NOT NULL,
	project       TEXT    NOT NULL,
	status        TEXT    NOT NULL,
	level         TEXT    NOT NULL,
	alerts        INTEGER NOT NULL,
	version       INTEGER NOT NULL,
	updated       TEXT    NOT NULL,
	updated_by    TEXT    NOT NULL,
	UNIQUE (round_id, plan_id, tbl)
);
CREATE INDEX monitoring_records_plan ON monitoring_records (plan_id, round_id, tbl);
-- The board: counts by level and state along the round; each level's first rows in
-- the order of the department's code (dept_code, as it was when the round opened: the
-- order only, the page shows the department's current code and name).
CREATE INDEX monitoring_records_level ON monitoring_records (round_id, level, status);
CREATE INDEX monitoring_records_board ON monitoring_records (round_id, level, dept_code, tbl);
-- The summary by unit: how many of each department's records are at each level, kept
-- by the saves that change a level, so that the summary reads one row per department.
CREATE TABLE monitoring_units (
	round_id      INTEGER NOT NULL REFERENCES monitoring_rounds (id),
	department_id INTEGER NOT NULL REFERENCES departments (id),
	red           INTEGER NOT NULL,
	yellow        INTEGER NOT NULL,
	green         INTEGER NOT NULL,
	blank         INTEGER NOT NULL,
	PRIMARY KEY (round_id, department_id)
) WITHOUT ROWID;
CREATE TABLE monitoring_revisions (
	record_id INTEGER NOT NULL REFERENCES monitoring_records (id),
	version   INTEGER NOT NULL,
	author    TEXT    NOT NULL,
	reason    TEXT    NOT NULL,
	created   TEXT    NOT NULL,
	doc       TEXT    NOT NULL,
	PRIMARY KEY (record_id, version)
) WITHOUT ROWID;
CREATE TRIGGER monitoring_revisions_no_update BEFORE UPDATE ON monitoring_revisions
BEGIN
	SELECT RAISE(ABORT, 'revisions are immutable');
END;
CREATE TRIGGER monitoring_revisions_no_delete BEFORE DELETE ON monitoring_revisions
BEGIN
	SELECT RAISE(ABORT, 'revisions are immutable');
END;
CREATE TABLE monitoring_steps (
	id          INTEGER PRIMARY KEY,
	record_id   INTEGER NOT NULL REFERENCES monitoring_records (id),
	version     INTEGER NOT NULL,
	result      INTEGER NOT NULL,
	action      TEXT    NOT NULL,
	from_status TEXT    NOT NULL,
	to_status   TEXT    NOT NULL,
	actor       TEXT    NOT NULL,
	reason      TEXT    NOT NULL,
	created     TEXT    NOT NULL
);
CREATE INDEX monitoring_steps_record ON monitoring_steps (record_id, id);
CREATE TRIGGER monitoring_steps_no_update BEFORE UPDATE ON monitoring_steps
BEGIN
	SELECT RAISE(ABORT, 'transitions are immutable');
END;
CREATE TRIGGER monitoring_steps_no_delete BEFORE DELETE ON monitoring_steps
BEGIN
	SELECT RAISE(ABORT, 'transitions are immutable');
END;
CREATE TABLE monitoring_adjustments (
	id           INTEGER PRIMARY KEY,
	record_id    INTEGER NOT NULL REFERENCES monitoring_records (id),
	plan_id      INTEGER NOT NULL REFERENCES plans (id),
	from_version INTEGER NOT NULL,
	draft        INTEGER NOT NULL,
	actor        TEXT    NOT NULL,
	reason       TEXT    NOT NULL,
	created      TEXT    NOT NULL
);
CREATE INDEX monitoring_adjustments_record ON monitoring_adjustments (record_id, id);
CREATE TRIGGER monitoring_adjustments_no_update BEFORE UPDATE ON monitoring_adjustments
BEGIN
	SELECT RAISE(ABORT, 'adjustments are kept');
END;
CREATE TRIGGER monitoring_adjustments_no_delete BEFORE DELETE ON monitoring_adjustments
BEGIN
	SELECT RAISE(ABORT, 'adjustments are kept');
END;
