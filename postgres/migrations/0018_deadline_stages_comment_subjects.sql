-- 0018: one table of deadlines and one of exceptions for every stage of the year
-- (jixiao.Stage: 'targets' 绩效目标, 'selfeval' 绩效自评; another stage needs no
-- migration). The self-evaluation deadlines of selfeval_deadlines move in, and the
-- self-evaluations get the exceptions (延期) the targets have.
ALTER TABLE deadlines ADD COLUMN stage text NOT NULL DEFAULT 'targets';
ALTER TABLE deadlines ALTER COLUMN stage DROP DEFAULT;
ALTER TABLE deadlines DROP CONSTRAINT deadlines_pkey;
ALTER TABLE deadlines ADD PRIMARY KEY (stage, region_id, year);
INSERT INTO deadlines (stage, region_id, year, due, set_by, set_at)
	SELECT 'selfeval', region_id, year, due, set_by, set_at FROM selfeval_deadlines;
DROP TABLE selfeval_deadlines;

ALTER TABLE deadline_exceptions ADD COLUMN stage text NOT NULL DEFAULT 'targets';
ALTER TABLE deadline_exceptions ALTER COLUMN stage DROP DEFAULT;
ALTER TABLE deadline_exceptions DROP CONSTRAINT deadline_exceptions_pkey;
ALTER TABLE deadline_exceptions ADD PRIMARY KEY (stage, department_id, year);

-- comments.subject says what a comment's cells are of: '' the plan's own tables,
-- 'selfeval:N' its self-evaluation table N (jixiao.SelfEvalSubject). The plan's lists,
-- counts and 待办 are of '' only.
ALTER TABLE comments ADD COLUMN subject text NOT NULL DEFAULT '';
DROP INDEX comments_plan;
CREATE INDEX comments_plan ON comments (plan_id, subject, id);
