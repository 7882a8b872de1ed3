-- 0012: an account made by an administrator or an import must choose its own password
-- at its first sign-in (users.must_change_password; the password change clears it).
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
