-- +goose Up
-- The leader side-jobbers who facilitate a team, assigned by staff. A
-- leader sees only the teams they are listed for here; who assigned whom
-- is in the audit log.
CREATE TABLE engagement_leaders (
    engagement_id   INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    assigned_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (engagement_id, user_id)
);
CREATE INDEX engagement_leaders_user ON engagement_leaders(user_id);

-- A one-to-one names the team member it was held with: its notes are for
-- them, their author and the municipality only. (No foreign key, like
-- author_id, so that the column can be dropped again on SQLite.)
ALTER TABLE meetings ADD COLUMN talent_id INTEGER;

-- An audit line's subject when its id is not a number (a credential).
ALTER TABLE audit_log ADD COLUMN subject_key TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE audit_log DROP COLUMN subject_key;
ALTER TABLE meetings DROP COLUMN talent_id;
DROP TABLE engagement_leaders;
