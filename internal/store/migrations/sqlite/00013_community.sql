-- +goose Up
CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    starts_at       TIMESTAMP NOT NULL,
    ends_at         TIMESTAMP NOT NULL,
    online          BOOLEAN NOT NULL DEFAULT FALSE,
    place           TEXT NOT NULL DEFAULT '',
    url             TEXT NOT NULL DEFAULT '',
    capacity        INTEGER NOT NULL DEFAULT 0,
    created_by      INTEGER,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX events_starts ON events(starts_at);

CREATE TABLE event_rsvps (
    event_id        INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    at              TIMESTAMP NOT NULL,
    PRIMARY KEY (event_id, user_id)
);

-- Ideas talents propose to a municipality, and the municipality's answer.
CREATE TABLE ideas (
    id              INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    author_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL,
    answer          TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    answered_at     TIMESTAMP
);
CREATE INDEX ideas_municipality ON ideas(municipality_id, created_at);

CREATE TABLE idea_supports (
    idea_id         INTEGER NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    at              TIMESTAMP NOT NULL,
    PRIMARY KEY (idea_id, user_id)
);

-- +goose Down
DROP TABLE idea_supports;
DROP TABLE ideas;
DROP TABLE event_rsvps;
DROP TABLE events;
