-- +goose Up
ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMP;
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'ja';

-- Server-side sessions (the cookie holds only the token).
CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry TIMESTAMP NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expiry);

-- One-time and API tokens; only a SHA-256 of the token is stored.
CREATE TABLE user_tokens (
    hash       BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    expires_at TIMESTAMP,
    used_at    TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX user_tokens_user ON user_tokens(user_id, purpose);

-- Mail waiting to be sent, or kept for staff to read when no SMTP server
-- is configured.
CREATE TABLE mail_outbox (
    id         INTEGER PRIMARY KEY,
    to_addr    TEXT NOT NULL,
    lang       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    sent_at    TIMESTAMP
);

-- +goose Down
DROP TABLE mail_outbox;
DROP TABLE user_tokens;
DROP TABLE sessions;
ALTER TABLE users DROP COLUMN lang;
ALTER TABLE users DROP COLUMN email_verified_at;
ALTER TABLE users DROP COLUMN password_hash;
