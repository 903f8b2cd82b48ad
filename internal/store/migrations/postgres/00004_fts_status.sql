-- +goose Up
-- SQLite keeps project status in its FTS5 table from this version on;
-- PostgreSQL's search joins projects, so nothing changes here. The empty
-- step keeps the two engines' versions in step.
SELECT 1;

-- +goose Down
SELECT 1;
