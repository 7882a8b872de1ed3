-- 0013: each self-evaluation keeps its grade (评价等级) and total (总分, micros; NULL
-- when not written) beside its revisions, written with every revision, so that the
-- dashboard counts grades and scores of a region without reading the documents; filled
-- here from the current revisions.
ALTER TABLE self_evaluations ADD COLUMN grade TEXT NOT NULL DEFAULT '';
ALTER TABLE self_evaluations ADD COLUMN score INTEGER;
UPDATE self_evaluations SET
	grade = COALESCE((SELECT json_extract(r.doc, '$.grade') FROM self_evaluation_revisions r
		WHERE r.record_id = self_evaluations.id AND r.version = self_evaluations.version), ''),
	score = (SELECT CAST(ROUND(CAST(json_extract(r.doc, '$.writtenTotal') AS REAL) * 1000000) AS INTEGER) FROM self_evaluation_revisions r
		WHERE r.record_id = self_evaluations.id AND r.version = self_evaluations.version);
