-- +goose Up
-- How a program's entrants choose projects: 'required' (1 to 5, best
-- first), 'optional', or 'none' (a pre-entry: the ward places people
-- later, as the 2021 program did).
ALTER TABLE programs ADD COLUMN choice_mode TEXT NOT NULL DEFAULT 'required';
-- The project an accepted allocation placed the entry in (0 for none);
-- the 内定 names it and the agreement is drafted from it.
ALTER TABLE entries ADD COLUMN placement_project_id INTEGER NOT NULL DEFAULT 0;
-- The entrant's answer to the 内定: '' (none yet) or 'accepted'. A
-- declined offer is a withdrawal (辞退); 合意 follows the terms.
ALTER TABLE entries ADD COLUMN offer_answer TEXT NOT NULL DEFAULT '';
-- Where the talent lives: prefecture code (0 unknown) and municipality
-- local-government code ('' unknown).
ALTER TABLE talents ADD COLUMN residence_pref INTEGER NOT NULL DEFAULT 0;
ALTER TABLE talents ADD COLUMN residence_lgcode TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE talents DROP COLUMN residence_lgcode;
ALTER TABLE talents DROP COLUMN residence_pref;
ALTER TABLE entries DROP COLUMN offer_answer;
ALTER TABLE entries DROP COLUMN placement_project_id;
ALTER TABLE programs DROP COLUMN choice_mode;
