-- 0001: the whole schema of jixiao's SQLite store.
--
-- Plans are kept twice, on purpose and in the same transaction: every save writes an
-- immutable revision holding the whole Plan as JSON (what Plan and PlanAt read: exact,
-- one row), and the normalized tables below it (budget lines, key tasks, funds, items,
-- indicators) that the finance bureau's queries run on. Money and numbers are integer
-- micros (value × 10^6) with the places they were written with, never floats.

-- departments is the tree finance bureau → departments → units. path is the
-- materialised path of ids, '/1/5/9/', so that a subtree is one range scan:
-- path >= '/1/5/' AND path < '/1/50' ('0' is the character after '/').
CREATE TABLE departments (
	id        INTEGER PRIMARY KEY,
	code      TEXT    NOT NULL UNIQUE,
	name      TEXT    NOT NULL,
	parent_id INTEGER REFERENCES departments (id),
	kind      TEXT    NOT NULL CHECK (kind IN ('bureau', 'department', 'unit')),
	path      TEXT    NOT NULL
);
CREATE INDEX departments_path ON departments (path);
CREATE INDEX departments_parent ON departments (parent_id, code);
CREATE INDEX departments_name ON departments (name);

-- plans is one department's targets for one year: the header of the current version.
-- The current version's whole Plan is the revision (id, version).
CREATE TABLE plans (
	id             INTEGER PRIMARY KEY,
	department_id  INTEGER NOT NULL REFERENCES departments (id),
	year           INTEGER NOT NULL,
	department     TEXT    NOT NULL, -- 部门名称 as written in the plan
	submitter      TEXT    NOT NULL, -- 填报单位 as written
	framework      TEXT    NOT NULL,
	status         TEXT    NOT NULL,
	version        INTEGER NOT NULL CHECK (version >= 1),
	duties         TEXT    NOT NULL,
	fund_authority TEXT    NOT NULL,
	created        TEXT    NOT NULL, -- UTC, 2006-01-02T15:04:05.000000Z (fixed width: sorts as text)
	updated        TEXT    NOT NULL,
	updated_by     TEXT    NOT NULL,
	UNIQUE (department_id, year)
);
CREATE INDEX plans_year ON plans (year, status);
CREATE INDEX plans_status ON plans (status, year);

-- revisions are immutable: rows are inserted, never updated or deleted (the triggers
-- below refuse it), and doc is the whole Plan as JSON at that version.
CREATE TABLE revisions (
	plan_id INTEGER NOT NULL REFERENCES plans (id),
	version INTEGER NOT NULL,
	author  TEXT    NOT NULL,
	reason  TEXT    NOT NULL,
	created TEXT    NOT NULL,
	doc     TEXT    NOT NULL,
	PRIMARY KEY (plan_id, version)
) WITHOUT ROWID;
CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
BEGIN
	SELECT RAISE(ABORT, 'revisions are immutable');
END;
CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
BEGIN
	SELECT RAISE(ABORT, 'revisions are immutable');
END;

-- budget_lines is 年度预算申请 and the summary's 合计: one row per line that is stated.
-- line: total, general_budget, gov_fund, other_funds, basic, project, funds_total.
CREATE TABLE budget_lines (
	plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	line    TEXT    NOT NULL,
	micros  INTEGER NOT NULL, -- 万元 × 10^6
	places  INTEGER NOT NULL,
	PRIMARY KEY (plan_id, line)
) WITHOUT ROWID;

-- key_tasks is 年度重点工作计划.
CREATE TABLE key_tasks (
	plan_id   INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	position  INTEGER NOT NULL,
	item      TEXT    NOT NULL,
	owner     TEXT    NOT NULL,
	objective TEXT    NOT NULL,
	PRIMARY KEY (plan_id, position)
) WITHOUT ROWID;

-- special_funds is 专项资金 (所属专项).
CREATE TABLE special_funds (
	id            INTEGER PRIMARY KEY,
	plan_id       INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	position      INTEGER NOT NULL,
	name          TEXT    NOT NULL,
	amount_micros INTEGER, -- NULL when the cell says nothing
	amount_places INTEGER,
	UNIQUE (plan_id, position)
);

-- fund_items is 支出方向（子项）, each with its own 附件3 table.
CREATE TABLE fund_items (
	id            INTEGER PRIMARY KEY,
	fund_id       INTEGER NOT NULL REFERENCES special_funds (id) ON DELETE CASCADE,
	plan_id       INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	position      INTEGER NOT NULL,
	name          TEXT    NOT NULL,
	amount_micros INTEGER,
	amount_places INTEGER,
	period_text   TEXT    NOT NULL,
	from_year     INTEGER,
	from_month    INTEGER,
	to_year       INTEGER,
	to_month      INTEGER,
	period_goal   TEXT    NOT NULL,
	annual_goal   TEXT    NOT NULL,
	UNIQUE (fund_id, position)
);
CREATE INDEX fund_items_plan ON fund_items (plan_id);

-- indicators is every 年度绩效指标 row: of the department table (fund_item_id NULL,
-- tbl 'department') or of a fund item's table (tbl 'fund_item'). The parsed 指标值 is
-- in columns beside the raw text.
CREATE TABLE indicators (
	id            INTEGER PRIMARY KEY,
	plan_id       INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	fund_item_id  INTEGER REFERENCES fund_items (id) ON DELETE CASCADE,
	tbl           TEXT    NOT NULL CHECK (tbl IN ('department', 'fund_item')),
	position      INTEGER NOT NULL,
	level1        TEXT    NOT NULL,
	level2        TEXT    NOT NULL,
	name          TEXT    NOT NULL,
	target_text   TEXT    NOT NULL,
	target_kind   TEXT    NOT NULL,
	op            TEXT    NOT NULL, -- the effective operator of a numeric target, else ''
	value_micros  INTEGER,          -- NULL unless numeric
	value_places  INTEGER,
	unit          TEXT    NOT NULL,
	grade         TEXT    NOT NULL,
	note          TEXT    NOT NULL
);
CREATE INDEX indicators_plan ON indicators (plan_id);
CREATE INDEX indicators_item ON indicators (fund_item_id); -- the foreign key's lookups
CREATE INDEX indicators_level ON indicators (level1, level2);

-- users and sessions back UserService and SessionService.
CREATE TABLE users (
	id               INTEGER PRIMARY KEY,
	username         TEXT    NOT NULL UNIQUE,
	name             TEXT    NOT NULL,
	password_hash    TEXT    NOT NULL,
	role             TEXT    NOT NULL,
	department_id    INTEGER REFERENCES departments (id),
	disabled         INTEGER NOT NULL DEFAULT 0,
	failed_logins    INTEGER NOT NULL DEFAULT 0,
	locked_until     TEXT    NOT NULL DEFAULT '',
	password_changed TEXT    NOT NULL DEFAULT '',
	created          TEXT    NOT NULL
);

CREATE TABLE sessions (
	id        TEXT    PRIMARY KEY,
	user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	csrf      TEXT    NOT NULL,
	created   TEXT    NOT NULL,
	last_seen TEXT    NOT NULL,
	expires   TEXT    NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires);
