-- +goose Up
-- A person's own pages and their data export look entries and agreements
-- up by talent.
CREATE INDEX entries_talent ON entries(talent_id);
CREATE INDEX agreements_talent ON agreements(talent_id);

-- +goose Down
DROP INDEX agreements_talent;
DROP INDEX entries_talent;
