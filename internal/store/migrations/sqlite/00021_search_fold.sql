-- +goose Up
-- internal/search now folds katakana to hiragana and indexes the readings
-- of kanji nouns: drop the old terms so that serve's IndexMissing writes
-- every project's terms again (searches find nothing until it has).
DELETE FROM project_fts;
DELETE FROM project_search;

-- +goose Down
-- The old analysis is gone with the old code: re-index on the next start.
DELETE FROM project_fts;
DELETE FROM project_search;
