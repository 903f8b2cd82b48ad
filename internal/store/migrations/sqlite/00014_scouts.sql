-- +goose Up
-- Offers (スカウト) a municipality's staff send to talents who let them be
-- found, and the talents' answers.
CREATE TABLE scout_offers (
    id              INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    talent_id       INTEGER NOT NULL REFERENCES talents(id) ON DELETE CASCADE,
    project_id      INTEGER REFERENCES projects(id),
    sender_id       INTEGER,
    message         TEXT NOT NULL,
    status          TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    answered_at     TIMESTAMP
);
CREATE INDEX scout_offers_talent ON scout_offers(talent_id, created_at);
CREATE INDEX consents_municipality ON consents(municipality_id, purpose);

-- +goose Down
DROP INDEX consents_municipality;
DROP TABLE scout_offers;
