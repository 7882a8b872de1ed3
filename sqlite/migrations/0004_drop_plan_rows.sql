-- 0004: the normalised copies of each plan (budget lines, key tasks, funds, items,
-- indicators) go. They were written on every save, in the same transaction as the
-- revision, and no query read them: the listing, the status board and search run on
-- plans and departments, and a plan is read from its revision. Writing them was most
-- of an import's rows. See docs/design.md, "Storage: one core". Children first.
DROP TABLE indicators;
DROP TABLE fund_items;
DROP TABLE special_funds;
DROP TABLE key_tasks;
DROP TABLE budget_lines;
