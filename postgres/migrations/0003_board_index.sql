-- 0003: the finance bureau's status board counts a year's plans by status and department;
-- with the department in the index that count is an index-only scan instead of a visit
-- to every plan row of the year (measured on 30,000 plans, see docs/PERFORMANCE.md).
CREATE INDEX plans_board ON plans (year, status, department_id);
