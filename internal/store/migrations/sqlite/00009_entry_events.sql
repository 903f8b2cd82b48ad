-- +goose Up
-- Every change of an entry's status: who, when, from what to what, and why.
CREATE TABLE entry_events (
    id              INTEGER PRIMARY KEY,
    entry_id        INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    at              TIMESTAMP NOT NULL,
    actor_id        INTEGER,
    from_status     TEXT NOT NULL,
    to_status       TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entry_events_entry ON entry_events(entry_id, at);

-- +goose Down
DROP TABLE entry_events;
