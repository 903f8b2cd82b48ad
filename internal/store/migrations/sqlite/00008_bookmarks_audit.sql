-- +goose Up
-- 気になる: a person's bookmarks, separate from entries.
CREATE TABLE bookmarks (
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    project_id      INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    created_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, project_id)
);

-- Who did what, when, to what: every state change and every view of
-- personal data.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              TIMESTAMP NOT NULL,
    actor_id        INTEGER,
    action          TEXT NOT NULL,
    subject_type    TEXT NOT NULL DEFAULT '',
    subject_id      INTEGER NOT NULL DEFAULT 0,
    municipality_id INTEGER,
    address         TEXT NOT NULL DEFAULT '',
    detail          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_actor ON audit_log(actor_id, at);
CREATE INDEX audit_log_municipality ON audit_log(municipality_id, at);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE bookmarks;
