-- +goose Up
-- Screening: reviewers assigned to entries, their private scores and notes.
CREATE TABLE entry_reviewers (
    entry_id    INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    assigned_by INTEGER,
    assigned_at TIMESTAMP NOT NULL,
    PRIMARY KEY (entry_id, user_id)
);
CREATE INDEX entry_reviewers_user ON entry_reviewers(user_id);

CREATE TABLE entry_reviews (
    entry_id         INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    reviewer_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    score_skills     INTEGER CHECK (score_skills BETWEEN 1 AND 5),
    score_motivation INTEGER CHECK (score_motivation BETWEEN 1 AND 5),
    score_local      INTEGER CHECK (score_local BETWEEN 1 AND 5),
    score_time       INTEGER CHECK (score_time BETWEEN 1 AND 5),
    note             TEXT NOT NULL DEFAULT '',
    updated_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (entry_id, reviewer_id)
);

-- Interviews, sent to the entrant as calendar invitations.
CREATE TABLE interviews (
    id              INTEGER PRIMARY KEY,
    entry_id        INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    starts_at       TIMESTAMP NOT NULL,
    ends_at         TIMESTAMP NOT NULL,
    place           TEXT NOT NULL DEFAULT '',
    video_url       TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    sequence        INTEGER NOT NULL DEFAULT 0,
    cancelled_at    TIMESTAMP,
    created_by      INTEGER,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX interviews_entry ON interviews(entry_id);

-- A project's review history: submitted, published, returned with a
-- comment, closed.
CREATE TABLE project_events (
    id              INTEGER PRIMARY KEY,
    project_id      INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    at              TIMESTAMP NOT NULL,
    actor_id        INTEGER,
    from_status     TEXT NOT NULL,
    to_status       TEXT NOT NULL,
    comment         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX project_events_project ON project_events(project_id, at);

-- Invitations into an organization with a role; only a hash of the token.
CREATE TABLE invitations (
    id              INTEGER PRIMARY KEY,
    token_hash      BLOB NOT NULL UNIQUE,
    email           TEXT NOT NULL,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    role            TEXT NOT NULL,
    invited_by      INTEGER,
    lang            TEXT NOT NULL DEFAULT 'ja',
    created_at      TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    accepted_at     TIMESTAMP,
    accepted_by     INTEGER
);
CREATE INDEX invitations_municipality ON invitations(municipality_id, created_at);

-- Consent given or withdrawn, with its purpose and time; never updated,
-- the newest row for a purpose is the current answer.
CREATE TABLE consents (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    municipality_id INTEGER REFERENCES municipalities(id),
    purpose         TEXT NOT NULL,
    granted         BOOLEAN NOT NULL,
    at              TIMESTAMP NOT NULL
);
CREATE INDEX consents_user ON consents(user_id, purpose, at);

-- In-app notifications: a catalog key and its arguments, rendered in the
-- reader's language.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    msg_key    TEXT NOT NULL,
    args       TEXT NOT NULL DEFAULT '{}',
    link       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    read_at    TIMESTAMP
);
CREATE INDEX notifications_user ON notifications(user_id, id);

-- Mail caused by a municipality's work is shown to its staff; account mail
-- (with one-time links) is not. Mail may carry one attachment (an .ics).
ALTER TABLE mail_outbox ADD COLUMN municipality_id INTEGER REFERENCES municipalities(id);
ALTER TABLE mail_outbox ADD COLUMN attach_name TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN attach_type TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN attach_data TEXT NOT NULL DEFAULT '';
CREATE INDEX mail_outbox_municipality ON mail_outbox(municipality_id, id);

-- Talents imported from a form export without an account are found again
-- by their address.
ALTER TABLE talents ADD COLUMN contact_email TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX talents_contact_email ON talents(contact_email) WHERE contact_email <> '';

-- +goose Down
DROP INDEX talents_contact_email;
ALTER TABLE talents DROP COLUMN contact_email;
DROP INDEX mail_outbox_municipality;
ALTER TABLE mail_outbox DROP COLUMN attach_data;
ALTER TABLE mail_outbox DROP COLUMN attach_type;
ALTER TABLE mail_outbox DROP COLUMN attach_name;
ALTER TABLE mail_outbox DROP COLUMN municipality_id;
DROP TABLE notifications;
DROP TABLE consents;
DROP TABLE invitations;
DROP TABLE project_events;
DROP TABLE interviews;
DROP TABLE entry_reviews;
DROP TABLE entry_reviewers;
