-- 0011: plan_tallies: the dashboard's counts (统计分析), kept by triggers in the transaction
-- that changes a plan or adds a department, so that a node of a province's tree reads
-- its counts without counting its 30,000 units. For every department a (and each of
-- its ancestors, the department itself included):
--   (a, year, status, n)        plans of the year in a's subtree by status ('' as draft);
--   (a, 0, 'unit', n)           departments in a's subtree that file (every kind but bureau);
--   (a, 0, 'child', n)          a's children (the dashboard's pages of them);
--   (a, year, 'by_parent', n)   units (kind unit) of a's subtree without a plan of the year
--                               whose parent department files one (部门整体 covers them).
-- Units not started = unit − plans − by_parent. Plans of bureaus are not counted (they
-- review; they file nothing). A move of a department or a change of its kind rebuilds
-- the table in its transaction (sqlstore.rebuildTallies): rare, and exact.
CREATE TABLE plan_tallies (
	department_id bigint NOT NULL, -- no foreign key: its check would share-lock departments that imports lock for update
	year          integer NOT NULL,
	status        text NOT NULL,
	n             integer NOT NULL,
	PRIMARY KEY (department_id, year, status)
);

-- plan_tally_add adds delta to (a, year, status) for every department a on dept's path.
CREATE FUNCTION plan_tally_add(dept bigint, yr integer, st text, delta integer) RETURNS void LANGUAGE sql AS $$
	INSERT INTO plan_tallies (department_id, year, status, n)
	SELECT a.id, yr, st, delta
	FROM departments d CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from d.path), '/')::bigint[]) AS a(id)
	WHERE d.id = dept
	ON CONFLICT (department_id, year, status) DO UPDATE SET n = plan_tallies.n + excluded.n
$$;

-- plan_tally_plan counts a plan added (delta 1) or removed (-1): along its department's
-- path; its department, a unit filed for by its parent, no longer is (or is again); its
-- units without a plan are filed for by it (or no longer).
CREATE FUNCTION plan_tally_plan(dept bigint, yr integer, st text, delta integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	c bigint;
BEGIN
	IF EXISTS (SELECT 1 FROM departments WHERE id = dept AND kind <> 'bureau') THEN
		PERFORM plan_tally_add(dept, yr, CASE WHEN st = '' THEN 'draft' ELSE st END, delta);
	END IF;
	IF EXISTS (SELECT 1 FROM departments d JOIN plans pp ON pp.department_id = d.parent_id AND pp.year = yr
		WHERE d.id = dept AND d.kind = 'unit') THEN
		PERFORM plan_tally_add(dept, yr, 'by_parent', -delta);
	END IF;
	FOR c IN SELECT u.id FROM departments u WHERE u.parent_id = dept AND u.kind = 'unit'
		AND NOT EXISTS (SELECT 1 FROM plans x WHERE x.department_id = u.id AND x.year = yr) LOOP
		PERFORM plan_tally_add(c, yr, 'by_parent', delta);
	END LOOP;
END;
$$;

-- Every change of the counts first takes one transaction-scoped lock: the root's rows
-- are touched by every change, and two transactions that each hold one of them (a
-- status and by_parent, two statuses) and want the other's would deadlock. Changes of
-- the counts are short and end their transactions' writes, so they queue on it.
CREATE FUNCTION plans_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_advisory_xact_lock(7311, 1);
	IF TG_OP = 'INSERT' THEN
		PERFORM plan_tally_plan(NEW.department_id, NEW.year, NEW.status, 1);
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM plan_tally_plan(OLD.department_id, OLD.year, OLD.status, -1);
	ELSIF (CASE WHEN OLD.status = '' THEN 'draft' ELSE OLD.status END) <> (CASE WHEN NEW.status = '' THEN 'draft' ELSE NEW.status END)
		AND EXISTS (SELECT 1 FROM departments WHERE id = NEW.department_id AND kind <> 'bureau') THEN
		PERFORM plan_tally_add(NEW.department_id, NEW.year, CASE WHEN OLD.status = '' THEN 'draft' ELSE OLD.status END, -1);
		PERFORM plan_tally_add(NEW.department_id, NEW.year, CASE WHEN NEW.status = '' THEN 'draft' ELSE NEW.status END, 1);
	END IF;
	RETURN NULL;
END;
$$;
CREATE TRIGGER plans_tally AFTER INSERT OR DELETE OR UPDATE OF status ON plans
	FOR EACH ROW EXECUTE FUNCTION plans_tally();

-- A department added (its path is set once its id is known) is one more child of its
-- parent; it files unless it is a bureau, and a unit is filed for by its parent in every
-- year the parent has a plan.
CREATE FUNCTION departments_tally() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	y integer;
BEGIN
	IF OLD.path = '' AND NEW.path <> '' AND NEW.parent_id IS NOT NULL THEN
		PERFORM pg_advisory_xact_lock(7311, 1);
		INSERT INTO plan_tallies (department_id, year, status, n) VALUES (NEW.parent_id, 0, 'child', 1)
		ON CONFLICT (department_id, year, status) DO UPDATE SET n = plan_tallies.n + excluded.n;
	END IF;
	IF OLD.path = '' AND NEW.path <> '' AND NEW.kind <> 'bureau' THEN
		PERFORM pg_advisory_xact_lock(7311, 1);
		PERFORM plan_tally_add(NEW.id, 0, 'unit', 1);
		IF NEW.kind = 'unit' THEN
			FOR y IN SELECT year FROM plans WHERE department_id = NEW.parent_id LOOP
				PERFORM plan_tally_add(NEW.id, y, 'by_parent', 1);
			END LOOP;
		END IF;
	END IF;
	RETURN NULL;
END;
$$;
CREATE TRIGGER departments_tally AFTER UPDATE OF path ON departments
	FOR EACH ROW EXECUTE FUNCTION departments_tally();

-- A rebuild (DELETE, then the INSERTs below) takes the same lock first.
CREATE FUNCTION plan_tallies_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_advisory_xact_lock(7311, 1);
	RETURN NULL;
END;
$$;
CREATE TRIGGER plan_tallies_lock BEFORE DELETE ON plan_tallies
	FOR EACH STATEMENT EXECUTE FUNCTION plan_tallies_lock();

-- Built from the rows already stored: each department's subtree is one range of the
-- path index (path >= a.path AND path < a.path with its last '/' turned into '0').
INSERT INTO plan_tallies (department_id, year, status, n)
SELECT a.id, p.year, CASE WHEN p.status = '' THEN 'draft' ELSE p.status END, count(*)
FROM departments a
JOIN departments d ON d.path >= a.path AND d.path < substr(a.path, 1, length(a.path) - 1) || '0'
JOIN plans p ON p.department_id = d.id
WHERE d.kind <> 'bureau'
GROUP BY a.id, p.year, CASE WHEN p.status = '' THEN 'draft' ELSE p.status END;
INSERT INTO plan_tallies (department_id, year, status, n)
SELECT a.id, 0, 'unit', count(*)
FROM departments a
JOIN departments d ON d.path >= a.path AND d.path < substr(a.path, 1, length(a.path) - 1) || '0'
WHERE d.kind <> 'bureau'
GROUP BY a.id;
INSERT INTO plan_tallies (department_id, year, status, n)
SELECT parent_id, 0, 'child', count(*) FROM departments WHERE parent_id IS NOT NULL GROUP BY parent_id;
INSERT INTO plan_tallies (department_id, year, status, n)
SELECT a.id, pp.year, 'by_parent', count(*)
FROM departments a
JOIN departments d ON d.path >= a.path AND d.path < substr(a.path, 1, length(a.path) - 1) || '0'
JOIN plans pp ON pp.department_id = d.parent_id
WHERE d.kind = 'unit' AND NOT EXISTS (SELECT 1 FROM plans x WHERE x.department_id = d.id AND x.year = pp.year)
GROUP BY a.id, pp.year;

-- The planner's figures for the table as built (the reads go by its key).
ANALYZE plan_tallies;
