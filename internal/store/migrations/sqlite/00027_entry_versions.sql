-- +goose Up
-- An entry as it stood before its talent edited it or entered again
-- after withdrawing: staff still read every earlier version.
CREATE TABLE entry_versions (
    id              INTEGER PRIMARY KEY,
    entry_id        INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    motivation      TEXT NOT NULL,
    choices         TEXT NOT NULL,
    status          TEXT NOT NULL,
    submitted_at    TIMESTAMP NOT NULL,
    replaced_at     TIMESTAMP NOT NULL
);
CREATE INDEX entry_versions_entry ON entry_versions(entry_id, id);

-- The daily digest of new entries sent to a municipality's staff: one a
-- day, claimed in the transaction that writes its notices and mails.
CREATE TABLE staff_digests (
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    day             TEXT NOT NULL,
    entries         INTEGER NOT NULL,
    sent_at         TIMESTAMP NOT NULL,
    PRIMARY KEY (municipality_id, day)
);

-- +goose Down
DROP TABLE staff_digests;
DROP TABLE entry_versions;
