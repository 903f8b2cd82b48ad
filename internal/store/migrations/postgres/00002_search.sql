-- +goose Up
ALTER TABLE project_skills ADD COLUMN skill_category TEXT NOT NULL DEFAULT '';
UPDATE project_skills SET skill_category = split_part(skill_code, '-', 1) WHERE strpos(skill_code, '-') > 0;
CREATE INDEX project_skills_category ON project_skills(skill_category, project_id);

-- The terms of each project's text (title, description, host, skills), as
-- produced by internal/search; tsv indexes them with the 'simple' parser,
-- which splits exactly at the spaces between terms.
CREATE TABLE project_search (
    project_id      BIGINT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    terms           TEXT NOT NULL,
    tsv             TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED
);
CREATE INDEX project_search_tsv ON project_search USING GIN (tsv);

-- +goose Down
DROP TABLE project_search;
DROP INDEX project_skills_category;
ALTER TABLE project_skills DROP COLUMN skill_category;
