-- +goose Up
-- A business's public profile: its street address next to the area, and
-- its story in its own words (description stays the one-line summary of
-- its trade).
ALTER TABLE organizations ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN story TEXT NOT NULL DEFAULT '';

-- The co-host partner a program's day-to-day operations are delegated to,
-- 0 for none. (No foreign key, like meetings.talent_id, so that the column
-- can be dropped again on SQLite; the store checks it names a partner
-- co-host of the program.)
ALTER TABLE programs ADD COLUMN delegate_id INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE programs DROP COLUMN delegate_id;
ALTER TABLE organizations DROP COLUMN story;
ALTER TABLE organizations DROP COLUMN address;
