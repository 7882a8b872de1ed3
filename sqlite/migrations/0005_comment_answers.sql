-- 0005: every answer to a comment is kept. comments.answers counts them (the version an
-- answer is checked against) and comment_answers holds each one, append-only, so a new
-- answer replaces the shown one without losing it. Answers given before are copied in.
ALTER TABLE comments ADD COLUMN answers INTEGER NOT NULL DEFAULT 0;
CREATE TABLE comment_answers (
	comment_id INTEGER NOT NULL REFERENCES comments (id),
	seq        INTEGER NOT NULL,
	author     TEXT    NOT NULL,
	body       TEXT    NOT NULL,
	created    TEXT    NOT NULL,
	PRIMARY KEY (comment_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER comment_answers_no_update BEFORE UPDATE ON comment_answers
BEGIN
	SELECT RAISE(ABORT, 'comment answers are kept');
END;
CREATE TRIGGER comment_answers_no_delete BEFORE DELETE ON comment_answers
BEGIN
	SELECT RAISE(ABORT, 'comment answers are kept');
END;
INSERT INTO comment_answers (comment_id, seq, author, body, created)
	SELECT id, 1, answered_by, answer, answered_at FROM comments WHERE answered = 1;
UPDATE comments SET answers = 1 WHERE answered = 1;
