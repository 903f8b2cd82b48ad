-- +goose Up
-- The screening stages a program uses, as a comma-separated list of stage
-- keys; empty means the default 応募 → 書類選考 → 面談 → 内定 → 合意.
ALTER TABLE programs ADD COLUMN stages TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE programs DROP COLUMN stages;
