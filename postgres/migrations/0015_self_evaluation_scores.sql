-- 0014: each self-evaluation keeps its grade (评价等级) and total (总分, micros; NULL
-- when not written) beside its revisions, written with every revision, so that the
-- dashboard counts grades and scores of a region without reading the documents; filled
-- here from the current revisions.
ALTER TABLE self_evaluations ADD COLUMN grade text NOT NULL DEFAULT '';
ALTER TABLE self_evaluations ADD COLUMN score bigint;
UPDATE self_evaluations s SET
	grade = COALESCE(r.doc->>'grade', ''),
	score = round((NULLIF(r.doc->>'writtenTotal', ''))::numeric * 1000000)::bigint
FROM self_evaluation_revisions r WHERE r.record_id = s.id AND r.version = s.version;
