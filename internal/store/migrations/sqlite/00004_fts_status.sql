-- +goose Up
-- Keep each project's status in its FTS5 row, so a search can count its
-- public matches from the index alone, without probing the projects table.
DROP TABLE project_fts;
CREATE VIRTUAL TABLE project_fts USING fts5(terms, status, tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO project_fts (rowid, terms, status)
    SELECT s.project_id, s.terms, p.status FROM project_search s JOIN projects p ON p.id = s.project_id;

-- +goose Down
DROP TABLE project_fts;
CREATE VIRTUAL TABLE project_fts USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO project_fts (rowid, terms) SELECT project_id, terms FROM project_search;
