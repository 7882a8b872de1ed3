-- 0011: mid-year monitoring (绩效运行监控): the rounds the finance bureau opens, one
-- record per table of each approved plan with its immutable revisions and workflow
-- steps, and the adjustments (调整) proposed from a record. level and alerts are the
-- record's worst warning and their number, computed on save, so the board counts
-- without reading the documents.
CREATE TABLE monitoring_rounds (
	id            bigserial PRIMARY KEY,
	year          integer NOT NULL,
	as_of         integer NOT NULL,
	deadline      timestamptz,
	rules         text NOT NULL,
	department_id bigint NOT NULL REFERENCES departments (id),
	opened_by     text NOT NULL,
	status        text NOT NULL,
	created       timestamptz NOT NULL,
	records       integer NOT NULL,
	UNIQUE (department_id, year, as_of)
);
CREATE TABLE monitoring_records (
	id            bigserial PRIMARY KEY,
	round_id      bigint NOT NULL REFERENCES monitoring_rounds (id),
	plan_id       bigint NOT NULL REFERENCES plans (id),
	plan_version  integer NOT NULL,
	department_id bigint NOT NULL REFERENCES departments (id),
	year          integer NOT NULL,
	tbl           integer NOT NULL,
	dept_code     text COLLATE "C" NOT NULL,
	project       text NOT NULL,
	status        text NOT NULL,
	level         text NOT NULL,
	alerts        integer NOT NULL,
	version       integer NOT NULL,
	updated       timestamptz NOT NULL,
	updated_by    text NOT NULL,
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
	round_id      bigint NOT NULL REFERENCES monitoring_rounds (id),
	department_id bigint NOT NULL REFERENCES departments (id),
	red           integer NOT NULL,
	yellow        integer NOT NULL,
	green         integer NOT NULL,
	blank         integer NOT NULL,
	PRIMARY KEY (round_id, department_id)
);
CREATE TABLE monitoring_revisions (
	record_id bigint NOT NULL REFERENCES monitoring_records (id),
	version   integer NOT NULL,
	author    text NOT NULL,
	reason    text NOT NULL,
	created   timestamptz NOT NULL,
	doc       jsonb NOT NULL,
	PRIMARY KEY (record_id, version)
);
CREATE TRIGGER monitoring_revisions_immutable BEFORE UPDATE OR DELETE ON monitoring_revisions
	FOR EACH ROW EXECUTE FUNCTION revisions_immutable();
CREATE TABLE monitoring_steps (
	id          bigserial PRIMARY KEY,
	record_id   bigint NOT NULL REFERENCES monitoring_records (id),
	version     integer NOT NULL,
	result      integer NOT NULL,
	action      text NOT NULL,
	from_status text NOT NULL,
	to_status   text NOT NULL,
	actor       text NOT NULL,
	reason      text NOT NULL,
	created     timestamptz NOT NULL
);
CREATE INDEX monitoring_steps_record ON monitoring_steps (record_id, id);
CREATE TRIGGER monitoring_steps_kept BEFORE UPDATE OR DELETE ON monitoring_steps
	FOR EACH ROW EXECUTE FUNCTION history_immutable();
CREATE TABLE monitoring_adjustments (
	id           bigserial PRIMARY KEY,
	record_id    bigint NOT NULL REFERENCES monitoring_records (id),
	plan_id      bigint NOT NULL REFERENCES plans (id),
	from_version integer NOT NULL,
	draft        integer NOT NULL,
	actor        text NOT NULL,
	reason       text NOT NULL,
	created      timestamptz NOT NULL
);
CREATE INDEX monitoring_adjustments_record ON monitoring_adjustments (record_id, id);
CREATE TRIGGER monitoring_adjustments_kept BEFORE UPDATE OR DELETE ON monitoring_adjustments
	FOR EACH ROW EXECUTE FUNCTION history_immutable();
