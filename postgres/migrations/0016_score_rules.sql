-- 0011: the scoring rule (score/rules) a region's finance bureau chose for a year's
-- self-evaluations; one per region and year, replaced when chosen again.
CREATE TABLE score_rules (
	region_id bigint NOT NULL REFERENCES departments (id),
	year      integer NOT NULL,
	rule      text NOT NULL,
	set_by    text NOT NULL,
	set_at    timestamptz NOT NULL,
	PRIMARY KEY (region_id, year)
);

-- selfeval_deadlines: the finance bureau's deadline for a year's self-evaluations of its
-- region (the targets' deadlines are in deadlines); one per region and year.
CREATE TABLE selfeval_deadlines (
	region_id bigint NOT NULL REFERENCES departments (id),
	year      integer NOT NULL,
	due       timestamptz NOT NULL,
	set_by    text NOT NULL,
	set_at    timestamptz NOT NULL,
	PRIMARY KEY (region_id, year)
);
