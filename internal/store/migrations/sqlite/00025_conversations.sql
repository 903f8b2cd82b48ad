-- +goose Up
-- Conversations before the match: a thread per entry (the entrant, the
-- program's staff and partners, and the host business from the interview
-- on) and a thread per scout a talent answered with interest. A message
-- belongs to exactly one of the two.
CREATE TABLE thread_messages (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER REFERENCES entries(id) ON DELETE CASCADE,
    scout_id   INTEGER REFERENCES scout_offers(id) ON DELETE CASCADE,
    author_id  INTEGER,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK ((entry_id IS NULL) <> (scout_id IS NULL))
);
CREATE INDEX thread_messages_entry ON thread_messages(entry_id, id);
CREATE INDEX thread_messages_scout ON thread_messages(scout_id, id);
-- Whether the talent let the scouting staff see their email and phone.
ALTER TABLE scout_offers ADD COLUMN share_contact BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX scout_offers_municipality ON scout_offers(municipality_id, status);

-- +goose Down
DROP INDEX scout_offers_municipality;
ALTER TABLE scout_offers DROP COLUMN share_contact;
DROP TABLE thread_messages;
