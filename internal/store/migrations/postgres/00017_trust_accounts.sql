-- +goose Up
-- Accounts that cannot be taken over (issue 11): sessions that know whose
-- they are, API tokens that expire and say when they were last used, the
-- body an Idempotency-Key came with, and failed sign-ins counted in the
-- database so every instance sees them. (Identity columns never hand out
-- an id twice, so unlike SQLite no table needs rebuilding.)

-- Bumped whenever every session of the person is ended; a session carries
-- the value it was started with and is dead once they differ.
ALTER TABLE users ADD COLUMN session_generation BIGINT NOT NULL DEFAULT 0;

-- Whose session each is. Sessions from before this migration have no
-- generation yet: the web layer adopts one when it is next used, if its
-- owner still exists and has not ended their sessions since.
ALTER TABLE sessions ADD COLUMN user_id BIGINT;
ALTER TABLE sessions ADD COLUMN generation BIGINT;
CREATE INDEX sessions_user ON sessions(user_id);

-- API tokens expire; those made before expiry existed get 90 days from now.
ALTER TABLE user_tokens ADD COLUMN last_used_at TIMESTAMPTZ;
UPDATE user_tokens SET expires_at = now() + interval '90 days' WHERE purpose = 'api' AND expires_at IS NULL;

-- A hash of the request that carried an entry's Idempotency-Key.
ALTER TABLE entries ADD COLUMN idempotency_hash TEXT NOT NULL DEFAULT '';

-- Failed sign-ins by key (a hash of account and address, or of the address
-- alone): how many, and when the last one was.
CREATE TABLE login_failures (
    key            TEXT PRIMARY KEY,
    failures       INTEGER NOT NULL,
    last_failed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_last ON login_failures(last_failed_at);

-- +goose Down
DROP TABLE login_failures;
ALTER TABLE entries DROP COLUMN idempotency_hash;
ALTER TABLE user_tokens DROP COLUMN last_used_at;
DROP INDEX sessions_user;
ALTER TABLE sessions DROP COLUMN generation;
ALTER TABLE sessions DROP COLUMN user_id;
ALTER TABLE users DROP COLUMN session_generation;
