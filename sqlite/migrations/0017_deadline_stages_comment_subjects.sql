-- 0017: one table of deadlines and one of exceptions for every stage of the year
-- (jixiao.Stage: 'targets' 绩效目标, 'selfeval' 绩效自评; another stage needs no
-- migration). The self-evaluation deadlines of selfeval_deadlines move in, and the
-- self-evaluations get the exceptions (延期) the targets have.
CREATE TABLE deadlines_by_stage (
	stage     TEXT    NOT NULL,
	region_id INTEGER NOT NULL REFERENCES departments (id),
	year      INTEGER NOT NULL,
	due       TEXT    NOT NULL,
	set_by    TEXT    NOT NULL,
	set_at    TEXT    NOT NULL,
	PRIMARY KEY (stage, region_id, year)
) WITHOUT ROWID;
INSERT INTO deadlines_by_stage (stage, region_id, year, due, set_by, set_at)
	SELECT 'targets', region_id, year, due, set_by, set_at FROM deadlines;
INSERT INTO deadlines_by_stage (stage, region_id, year, due, set_by, set_at)
	SELECT 'selfeval', region_id, year, due, set_by, set_at FROM selfeval_deadlines;
DROP TABLE deadlines;
DROP TABLE selfeval_deadlines;
ALTER TABLE deadlines_by_stage RENAME TO deadlines;

CREATE TABLE exceptions_by_stage (
	stage         TEXT    NOT NULL,
	department_id INTEGER NOT NULL REFERENCES departments (id),
	year          INTEGER NOT NULL,
	until         TEXT    NOT NULL,
	granted_by    TEXT    NOT NULL,
	reason        TEXT    NOT NULL,
	granted       TEXT    NOT NULL,
	PRIMARY KEY (stage, department_id, year)
) WITHOUT ROWID;
INSERT INTO exceptions_by_stage (stage, department_id, year, until, granted_by, reason, granted)
	SELECT 'targets', department_id, year, until, granted_by, reason, granted FROM deadline_exceptions;
DROP TABLE deadline_exceptions;
ALTER TABLE exceptions_by_stage RENAME TO deadline_exceptions;

-- comments.subject says what a comment's cells are of: '' the plan's own tables,
-- 'selfeval:N' its self-evaluation table N (jixiao.SelfEvalSubject). The plan's lists,
-- counts and 待办 are of '' only.
ALTER TABLE comments ADD COLUMN subject TEXT NOT NULL DEFAULT '';
DROP INDEX comments_plan;
CREATE INDEX comments_plan ON comments (plan_id, subject, id);
