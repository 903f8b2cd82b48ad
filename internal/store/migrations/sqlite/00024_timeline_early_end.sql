-- +goose Up
-- A program's timeline after its entry window: the day of each step, all
-- optional (NULL: not set).
ALTER TABLE programs ADD COLUMN selection_on DATE;
ALTER TABLE programs ADD COLUMN announced_on DATE;
ALTER TABLE programs ADD COLUMN kickoff_on DATE;
ALTER TABLE programs ADD COLUMN midterm_on DATE;
ALTER TABLE programs ADD COLUMN final_on DATE;
ALTER TABLE programs ADD COLUMN ends_on DATE;
-- A team ended early (中途終了) keeps its reason; staff may withhold the
-- credentials, which the start-up issuance then leaves alone.
ALTER TABLE engagements ADD COLUMN ended_early_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE engagements ADD COLUMN credential_withheld BOOLEAN NOT NULL DEFAULT FALSE;
-- One notice per person and program step, a few days before its date.
CREATE TABLE timeline_notices (
    program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    step       TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    sent_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (program_id, step, user_id)
);

-- +goose Down
DROP TABLE timeline_notices;
ALTER TABLE engagements DROP COLUMN credential_withheld;
ALTER TABLE engagements DROP COLUMN ended_early_reason;
ALTER TABLE programs DROP COLUMN ends_on;
ALTER TABLE programs DROP COLUMN final_on;
ALTER TABLE programs DROP COLUMN midterm_on;
ALTER TABLE programs DROP COLUMN kickoff_on;
ALTER TABLE programs DROP COLUMN announced_on;
ALTER TABLE programs DROP COLUMN selection_on;
