-- +goose Up
ALTER TABLE project_skills ADD COLUMN skill_category TEXT NOT NULL DEFAULT '';
UPDATE project_skills SET skill_category = substr(skill_code, 1, instr(skill_code, '-') - 1) WHERE instr(skill_code, '-') > 0;
CREATE INDEX project_skills_category ON project_skills(skill_category, project_id);

-- The terms of each project's text (title, description, host, skills), as
-- produced by internal/search; the FTS5 table indexes them by project id.
CREATE TABLE project_search (
    project_id      INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    terms           TEXT NOT NULL
);
CREATE VIRTUAL TABLE project_fts USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');

-- +goose Down
DROP TABLE project_fts;
DROP TABLE project_search;
DROP INDEX project_skills_category;
ALTER TABLE project_skills DROP COLUMN skill_category;
