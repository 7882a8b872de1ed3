-- 0012: departments are renamed, moved and retired under a version check
-- (EditDepartment); a retired department (已撤销) files no new plans and keeps its history.
ALTER TABLE departments ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE departments ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
