-- +goose Up
-- Those who may send an invitation may withdraw it; a withdrawn link
-- answers like an expired one.
ALTER TABLE invitations ADD COLUMN revoked_at TIMESTAMP;
ALTER TABLE invitations ADD COLUMN revoked_by INTEGER;

-- A mail carrying a one-time link (address confirmation, password reset,
-- invitation) lets whoever reads it act as its recipient, so no staff page
-- ever shows its body. Mail already queued is classified by its links.
ALTER TABLE mail_outbox ADD COLUMN one_time_link BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE mail_outbox SET one_time_link = TRUE WHERE LOWER(body) LIKE '%token=%';

-- A municipality's own privacy notice, terms of use and contact page, one
-- row per version and never updated: the highest version is in force.
-- Without a row, the hub's embedded default is shown.
CREATE TABLE legal_documents (
    id              INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    kind            TEXT NOT NULL,
    version         INTEGER NOT NULL,
    body_ja         TEXT NOT NULL,
    body_en         TEXT NOT NULL DEFAULT '',
    effective_at    TIMESTAMP NOT NULL,
    created_by      INTEGER,
    created_at      TIMESTAMP NOT NULL,
    UNIQUE (municipality_id, kind, version)
);

-- The version of the document (terms of use, privacy notice) a consent was
-- given to; 0 for purposes that have no document.
ALTER TABLE consents ADD COLUMN document_version INTEGER NOT NULL DEFAULT 0;

-- +goose Down
DROP TABLE legal_documents;
ALTER TABLE consents DROP COLUMN document_version;
ALTER TABLE mail_outbox DROP COLUMN one_time_link;
ALTER TABLE invitations DROP COLUMN revoked_by;
ALTER TABLE invitations DROP COLUMN revoked_at;
