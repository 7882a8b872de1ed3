-- 0006: every answer to a comment is kept. comments.answers counts them (the version an
-- answer is checked against) and comment_answers holds each one, append-only, so a new
-- answer replaces the shown one without losing it. Answers given before are copied in.
ALTER TABLE comments ADD COLUMN answers integer NOT NULL DEFAULT 0;
CREATE TABLE comment_answers (
	comment_id bigint NOT NULL REFERENCES comments (id),
	seq        integer NOT NULL,
	author     text NOT NULL,
	body       text NOT NULL,
	created    timestamptz NOT NULL,
	PRIMARY KEY (comment_id, seq)
);
CREATE TRIGGER comment_answers_kept BEFORE UPDATE OR DELETE ON comment_answers
	FOR EACH ROW EXECUTE FUNCTION history_immutable();
INSERT INTO comment_answers (comment_id, seq, author, body, created)
	SELECT id, 1, answered_by, answer, COALESCE(answered_at, created) FROM comments WHERE answered;
UPDATE comments SET answers = 1 WHERE answered;
