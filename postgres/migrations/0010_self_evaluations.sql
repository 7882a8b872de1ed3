-- 0010: stored self-evaluations (绩效自评), one per table of an approved plan, with
-- their immutable revisions, workflow steps and the finance bureau's re-checks (复核).
CREATE TABLE self_evaluations (
	id            bigserial PRIMARY KEY,
	plan_id       bigint NOT NULL REFERENCES plans (id),
	plan_version  integer NOT NULL,
	department_id bigint NOT NULL REFERENCES departments (id),
	year          integer NOT NULL,
	tbl           integer NOT NULL,
	status        text NOT NULL,
	version       integer NOT NULL,
	updated       timestamptz NOT NULL,
	updated_by    text NOT NULL,
	UNIQUE (plan_id, tbl)
);
CREATE TABLE self_evaluation_revisions (
	record_id bigint NOT NULL REFERENCES self_evaluations (id),
	version   integer NOT NULL,
	author    text NOT NULL,
	reason    text NOT NULL,
	created   timestamptz NOT NULL,
	doc       jsonb NOT NULL,
	PRIMARY KEY (record_id, version)
);
CREATE TRIGGER self_evaluation_revisions_immutable BEFORE UPDATE OR DELETE ON self_evaluation_revisions
	FOR EACH ROW EXECUTE FUNCTION revisions_immutable();
CREATE TABLE self_evaluation_steps (
	id          bigserial PRIMARY KEY,
	record_id   bigint NOT NULL REFERENCES self_evaluations (id),
	version     integer NOT NULL,
	result      integer NOT NULL,
	action      text NOT NULL,
	from_status text NOT NULL,
	to_status   text NOT NULL,
	actor       text NOT NULL,
	reason      text NOT NULL,
	created     timestamptz NOT NULL
);
CREATE INDEX self_evaluation_steps_record ON self_evaluation_steps (record_id, id);
CREATE TRIGGER self_evaluation_steps_kept BEFORE UPDATE OR DELETE ON self_evaluation_steps
	FOR EACH ROW EXECUTE FUNCTION history_immutable();
CREATE TABLE review_scores (
	id        bigserial PRIMARY KEY,
	record_id bigint NOT NULL REFERENCES self_evaluations (id),
	indicator integer NOT NULL,
	score     text NOT NULL,
	reason    text NOT NULL,
	by_user   text NOT NULL,
	created   timestamptz NOT NULL
);
CREATE INDEX review_scores_record ON review_scores (record_id, id);
CREATE TRIGGER review_scores_kept BEFORE UPDATE OR DELETE ON review_scores
	FOR EACH ROW EXECUTE FUNCTION history_immutable();
