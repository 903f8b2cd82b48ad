-- +goose Up
-- Facet counts group projects by these denormalised columns instead of
-- joining the goal and skill tables: a bit per SDGs goal (bit n for goal n)
-- and the project's skill categories as a space-separated list.
ALTER TABLE projects ADD COLUMN sdg_mask BIGINT NOT NULL DEFAULT 0;
ALTER TABLE projects ADD COLUMN skill_categories TEXT NOT NULL DEFAULT '';
UPDATE projects SET sdg_mask = (SELECT COALESCE(SUM(1::bigint << goal::int), 0) FROM project_sdgs g WHERE g.project_id = projects.id);
UPDATE projects SET skill_categories = COALESCE((SELECT string_agg(DISTINCT skill_category, ' ') FROM project_skills k
    WHERE k.project_id = projects.id), '');
CREATE INDEX projects_facets ON projects(status, id, work_style, reward_type, municipality_id, hours_per_month,
    sdg_mask, skill_categories, program_id);

-- +goose Down
DROP INDEX projects_facets;
ALTER TABLE projects DROP COLUMN skill_categories;
ALTER TABLE projects DROP COLUMN sdg_mask;
