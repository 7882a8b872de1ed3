-- 0004: searching plans by part of the department's name as the plan wrote it ("卫生",
-- "石峰区") is a substring match, which a B-tree cannot serve: at 30,000 plans the
-- search read every plan row. This GIN index holds the characters of each name
-- (lower-cased), so the store's search first asks for the plans whose name has every
-- character of the query, through the index, and then checks the substring on those
-- few rows. It serves queries of any length, two-character Chinese words included,
-- where a trigram index (pg_trgm) serves three characters or more; and it needs no
-- extension, so it works for a role that may not create extensions and on engines
-- without contrib (some 信创 builds). The registered name and code of departments get
-- the same index, so that a word found in a few departments leads to their plans through
-- the (department_id, year) key instead of a join over every plan.
--
-- The indexes only make search fast; an engine that refuses them (a PostgreSQL-dialect
-- engine without GIN on expressions) gets a warning and the same answers, slower.
DO $$
BEGIN
	CREATE INDEX plans_department_chars ON plans USING gin (regexp_split_to_array(lower(department), ''));
	CREATE INDEX departments_chars ON departments USING gin (regexp_split_to_array(lower(name || ' ' || code), ''));
EXCEPTION WHEN feature_not_supported OR undefined_function OR undefined_object OR wrong_object_type THEN
	RAISE WARNING 'jixiao 0004: search indexes not created (%); search reads without them', SQLERRM;
END
$$;
