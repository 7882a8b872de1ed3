-- 0009: stored self-evaluations (绩效自评), one per table of an approved plan, with
-- their immutable revisions, workflow steps and the finance bureau's re-checks (复核).
CREATE TABLE self_evaluations (
	id            INTEGER PRIMARY KEY,
	plan_id       INTEGER NOT NULL REFERENCES plans (id),
	plan_version  INTEGER NOT NULL,
	department_id INTEGER NOT NULL REFERENCES departments (id),
	year          INTEGER NOT NULL,
	tbl           INTEGER NOT NULL,
	status        TEXT    NOT NULL,
	version       INTEGER NOT NULL,
	updated       TEXT    NOT NULL,
	updated_by    TEXT    NOT NULL,
	UNIQUE (plan_id, tbl)
);
CREATE TABLE self_evaluation_revisions (
	record_id INTEGER NOT NULL REFERENCES self_evaluations (id),
	version   INTEGER NOT NULL,
	author    TEXT    NOT NULL,
	reason    TEXT    NOT NULL,
	created   TEXT    NOT NULL,
	doc       TEXT    NOT NULL,
	PRIMARY KEY (record_id, version)
) WITHOUT ROWID;
CREATE TRIGGER self_evaluation_revisions_no_update BEFORE UPDATE ON self_evaluation_revisions
BEGIN
	SELECT RAISE(ABORT, 'revisions are immutable');
END;
CREATE TRIGGER self_evaluation_revisions_no_delete BEFORE DELETE ON self_evaluation_revisions
BEGIN
	SELECT RAISE(ABORT, 'revisions are immutable');
END;
CREATE TABLE self_evaluation_steps (
	id          INTEGER PRIMARY KEY,
	record_id   INTEGER NOT NULL REFERENCES self_evaluations (id),
	version     INTEGER NOT NULL,
	result      INTEGER NOT NULL,
	action      TEXT    NOT NULL,
	from_status TEXT    NOT NULL,
	to_status   TEXT    NOT NULL,
	actor       TEXT    NOT NULL,
	reason      TEXT    NOT NULL,
	created     TEXT    NOT NULL
);
CREATE INDEX self_evaluation_steps_record ON self_evaluation_steps (record_id, id);
CREATE TRIGGER self_evaluation_steps_no_update BEFORE UPDATE ON self_evaluation_steps
BEGIN
	SELECT RAISE(ABORT, 'transitions are immutable');
END;
CREATE TRIGGER self_evaluation_steps_no_delete BEFORE DELETE ON self_evaluation_steps
BEGIN
	SELECT RAISE(ABORT, 'transitions are immutable');
END;
CREATE TABLE review_scores (
	id        INTEGER PRIMARY KEY,
	record_id INTEGER NOT NULL REFERENCES self_evaluations (id),
	indicator INTEGER NOT NULL,
	score     TEXT    NOT NULL,
	reason    TEXT    NOT NULL,
	by_user   TEXT    NOT NULL,
	created   TEXT    NOT NULL
);
CREATE INDEX review_scores_record ON review_scores (record_id, id);
CREATE TRIGGER review_scores_no_update BEFORE UPDATE ON review_scores
BEGIN
	SELECT RAISE(ABORT, 'review scores are kept');
END;
CREATE TRIGGER review_scores_no_delete BEFORE DELETE ON review_scores
BEGIN
	SELECT RAISE(ABORT, 'review scores are kept');
END;
