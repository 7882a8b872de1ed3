-- 0007: accounts carry a version: a save names the version it read, and a stale one is
-- refused (UpdateUser), as plans are; sign-in counting writes other columns.
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
