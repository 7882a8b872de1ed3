-- 0010: plan_tallies: the dashboard's counts (统计分析), kept by triggers in the transaction
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
	department_id INTEGER NOT NULL, -- as in PostgreSQL, no foreign key
	year          INTEGER NOT NULL,
	status        TEXT    NOT NULL,
	n             INTEGER NOT NULL,
	PRIMARY KEY (department_id, year, status)
) WITHOUT ROWID;

-- A plan added: counted along its department's path; its department, a unit filed for
-- by its parent until now, no longer is; its units without a plan now are.
CREATE TRIGGER plans_tally_insert AFTER INSERT ON plans
BEGIN
	INSERT INTO plan_tallies (department_id, year, status, n)
	SELECT j.value, NEW.year, CASE WHEN NEW.status = '' THEN 'draft' ELSE NEW.status END, 1
	FROM departments d, json_each('[' || replace(trim(d.path, '/'), '/', ',') || ']') j
	WHERE d.id = NEW.department_id AND d.kind <> 'bureau'
	ON CONFLICT (department_id, year, status) DO UPDATE SET n = plan_tallies.n + excluded.n;
	INSERT INTO plan_tallies (department_id, year, status, n)
	SELECT j.value, NEW.year, 'by_parent', -1
	FROM departments d, json_each('[' || replace(trim(d.path, '/'), '/', ',') || ']') j
	WHERE d.id = NEW.department_id AND d.kind = 'unit'
		AND EXISTS (SELECT 1 FROM plans pp WHERE pp.department_id = d.parent_id AND pp.year = NEW.year)
	ON CONFLICT (department_id, year, status) DO UPDATE SET n = plan_tallies.n + excluded.n;
	INSERT INTO plan_tallies (department_id, year, status, n)
	SELECT j.value, NEW.year, 'by_parent', count(*)
	FROM departments c, json_each('[' || replace(trim(c.path, '/'), '/', ',') || ']') j
	WHERE c.parent_id = NEW.department_id AND c.kind = 'unit'
		AND NOT EXISTS (SELECT 1 FROM plans x WHERE x.department_id = c.id AND x.year = NEW.year)
	GROUP BY j.value
	ON CONFLICT (department_id, year, status) DO UPDATE SET n = plan_tallies.n + excluded.n;
END;

CREATE TRIGGER plans_tally_delete AFTER DELETE ON plans
BEGIN
	INSERT INTO plan_tallies (department_id, year, status, n)
	SELECT j.value, OLD.year, CASE WHEN OLD.status = '' THEN 'draft' ELSE OLD.status END, -1
	FROM departments d, json_each('[' || replace(trim(d.path, '/'), '/', ',') || ']') j
	WHERE d.id = OLD.department_id AND d.kind <> 'bureau'
	ON CONFLICT (department_id, year, status) DO UPDATE SET n = plan_tallies.n + excluded.n;
	INSERT INTO plan_tallies (department_id, year, status, n)
	SELECT j.value, OLD.year, 'by_parent', 1
	FROM departments d, json_each('[' || replace(trim(d.path, '/'), '/', ',') || ']') j
	WHERE d.id = OLD.department_id AND d.kind = 'unit'
		AND EXISTS (SELECT 1 FROM plans pp WHERE pp.department_id = d.parent_id AND pp.year = OLD.year)
	ON CONFLICT (department_id, year, status) DO UPDATE SET n = plan_tallies.n + excluded.n;
	INSERT INTO plan_tallies (department_id, year, status, n)
	SELECT j.value, OLD.year, 'by_parent', -count(*)
	FROM departments c, json_each('[' || replace(trim(c.path, '/'), '/', ',') || ']') j
	WHERE c.parent_id = OLD.department_id AND c.kind = 'unit'
		AND NOT EXISTS (SELECT 1 FROM plans x WHERE x.department_id = c.id AND x.year = OLD.year)
	GROUP BY j.value
	ON CONFLICT (department_id, year, status) DO UPDATE SET n = plan_tallies.n + excluded.n;
END;

CREATE TRIGGER plans_tally_status AFTER UPDATE OF status ON plans
	WHEN (CASE WHEN OLD.status = '' THEN 'draft' ELSE OLD.status END) <> (CASE WHEN NEW.status = '' THEN 'draft' ELSE NEW.status END)
BEGIN
	INSERT INTO plan_tallies (department_id, year, status, n)
	SELECT j.value, NEW.year, s.status, s.n
	FROM departments d, json_each('[' || replace(trim(d.path, '/'), '/', ',') || ']') j,
		(SELECT CASE WHEN OLD.status = '' THEN 'draft' ELSE OLD.status END AS status, -1 AS n
		 UNION ALL SELECT CASE WHEN NEW.status = '' THEN 'draft' ELSE NEW.status END, 1) s
	WHERE d.id = NEW.department_id AND d.kind <> 'bureau'
	ON CONFLICT (department_id, year, status) DO UPDATE SET n = plan_tallies.n + excluded.n;
END;

-- A department added (its path is set once its id is known) is one more child of its
-- parent; it files unless it is a bureau, and a unit is filed for by its parent in every
-- year the parent has a plan.
CREATE TRIGGER departments_tally_child AFTER UPDATE OF path ON departments
	WHEN OLD.path = '' AND NEW.parent_id IS NOT NULL
BEGIN
	INSERT INTO plan_tallies (department_id, year, status, n) VALUES (NEW.parent_id, 0, 'child', 1)
	ON CONFLICT (department_id, year, status) DO UPDATE SET n = plan_tallies.n + excluded.n;
END;

CREATE TRIGGER departments_tally AFTER UPDATE OF path ON departments
	WHEN OLD.path = '' AND NEW.kind <> 'bureau'
BEGIN
	INSERT INTO plan_tallies (department_id, year, status, n)
	SELECT j.value, 0, 'unit', 1
	FROM json_each('[' || replace(trim(NEW.path, '/'), '/', ',') || ']') j WHERE true
	ON CONFLICT (department_id, year, status) DO UPDATE SET n = plan_tallies.n + excluded.n;
	INSERT INTO plan_tallies (department_id, year, status, n)
	SELECT j.value, p.year, 'by_parent', 1
	FROM plans p, json_each('[' || replace(trim(NEW.path, '/'), '/', ',') || ']') j
	WHERE NEW.kind = 'unit' AND p.department_id = NEW.parent_id
	ON CONFLICT (department_id, year, status) DO UPDATE SET n = plan_tallies.n + excluded.n;
END;

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
