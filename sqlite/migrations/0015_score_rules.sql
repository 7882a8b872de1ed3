-- 0010: the scoring rule (score/rules) a region's finance bureau chose for a year's
-- self-evaluations; one per region and year, replaced when chosen again.
CREATE TABLE score_rules (
	region_id INTEGER NOT NULL REFERENCES departments (id),
	year      INTEGER NOT NULL,
	rule      TEXT    NOT NULL,
	set_by    TEXT    NOT NULL,
	set_at    TEXT    NOT NULL,
	PRIMARY KEY (region_id, year)
) WITHOUT ROWID;

-- selfeval_deadlines: the finance bureau's deadline for a year's self-evaluations of its
-- region (the targets' deadlines are in deadlines); one per region and year.
CREATE TABLE selfeval_deadlines (
	region_id INTEGER NOT NULL REFERENCES departments (id),
	year      INTEGER NOT NULL,
	due       TEXT    NOT NULL,
	set_by    TEXT    NOT NULL,
	set_at    TEXT    NOT NULL,
	PRIMARY KEY (region_id, year)
) WITHOUT ROWID;
