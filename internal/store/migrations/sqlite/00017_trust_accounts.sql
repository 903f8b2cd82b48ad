-- +goose NO TRANSACTION
-- +goose Up
-- Accounts that cannot be taken over (issue 11): ids that are never used
-- twice, sessions that know whose they are, API tokens that expire and say
-- when they were last used, the body an Idempotency-Key came with, and
-- failed sign-ins counted in the database so every instance sees them.
--
-- SQLite gives a new row of an INTEGER PRIMARY KEY table the highest id in
-- use plus one, so deleting the newest account handed its id, and with it
-- the deleted person's open sessions, to the next sign-up. Only
-- AUTOINCREMENT promises never to use an id again, and it can only be set
-- by creating the table, so users and talents are rebuilt with every row
-- and id kept. Foreign keys must be off while a referenced table is
-- dropped (with them on, DROP TABLE deletes the rows and cascades), and
-- PRAGMA foreign_keys cannot change inside a transaction: hence no goose
-- transaction, and one of our own around the rebuild.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

CREATE TABLE users_rebuilt (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    email              TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL,
    name_kana          TEXT NOT NULL DEFAULT '',
    created_at         TIMESTAMP NOT NULL,
    password_hash      TEXT NOT NULL DEFAULT '',
    email_verified_at  TIMESTAMP,
    lang               TEXT NOT NULL DEFAULT 'ja',
    -- Bumped whenever every session of the person is ended; a session
    -- carries the value it was started with and is dead once they differ.
    session_generation INTEGER NOT NULL DEFAULT 0
);
INSERT INTO users_rebuilt (id, email, name, name_kana, created_at, password_hash, email_verified_at, lang)
    SELECT id, email, name, name_kana, created_at, password_hash, email_verified_at, lang FROM users;
DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;

CREATE TABLE talents_rebuilt (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id           INTEGER REFERENCES users(id),
    name              TEXT NOT NULL,
    name_kana         TEXT NOT NULL,
    background        TEXT NOT NULL DEFAULT '',
    hours_per_month   INTEGER NOT NULL DEFAULT 0,
    work_style        TEXT NOT NULL DEFAULT '',
    residence_country TEXT NOT NULL DEFAULT 'JP',
    time_zone         TEXT NOT NULL DEFAULT 'Asia/Tokyo',
    leader            BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMP NOT NULL,
    contact_email     TEXT NOT NULL DEFAULT ''
);
INSERT INTO talents_rebuilt (id, user_id, name, name_kana, background, hours_per_month, work_style,
        residence_country, time_zone, leader, created_at, contact_email)
    SELECT id, user_id, name, name_kana, background, hours_per_month, work_style,
        residence_country, time_zone, leader, created_at, contact_email FROM talents;
DROP TABLE talents;
ALTER TABLE talents_rebuilt RENAME TO talents;
CREATE UNIQUE INDEX talents_contact_email ON talents(contact_email) WHERE contact_email <> '';

-- Ids deleted before this migration may still be held (by a session, or
-- named in the audit log): new rows start above all of them.
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'users', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'users');
UPDATE sqlite_sequence SET seq = max(seq,
        (SELECT COALESCE(MAX(subject_id), 0) FROM audit_log WHERE subject_type = 'user'),
        (SELECT COALESCE(MAX(actor_id), 0) FROM audit_log))
    WHERE name = 'users';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'talents', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'talents');
UPDATE sqlite_sequence SET seq = max(seq,
        (SELECT COALESCE(MAX(subject_id), 0) FROM audit_log WHERE subject_type = 'talent'))
    WHERE name = 'talents';

-- Whose session each is, so all of a person's sessions can be ended at
-- once. Sessions from before this migration have no generation yet: the
-- web layer adopts one when it is next used, if its owner still exists
-- and has not ended their sessions since.
ALTER TABLE sessions ADD COLUMN user_id INTEGER;
ALTER TABLE sessions ADD COLUMN generation INTEGER;
CREATE INDEX sessions_user ON sessions(user_id);

-- API tokens expire; those made before expiry existed get 90 days from now.
ALTER TABLE user_tokens ADD COLUMN last_used_at TIMESTAMP;
UPDATE user_tokens SET expires_at = strftime('%Y-%m-%d %H:%M:%S', 'now', '+90 days') || '+00:00'
    WHERE purpose = 'api' AND expires_at IS NULL;

-- A hash of the request that carried an entry's Idempotency-Key, so the
-- same key with another body is refused instead of answered with the
-- first entry.
ALTER TABLE entries ADD COLUMN idempotency_hash TEXT NOT NULL DEFAULT '';

-- Failed sign-ins by key (a hash of account and address, or of the address
-- alone): how many, and when the last one was.
CREATE TABLE login_failures (
    key            TEXT PRIMARY KEY,
    failures       INTEGER NOT NULL,
    last_failed_at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_last ON login_failures(last_failed_at);

COMMIT;
PRAGMA foreign_keys = ON;

-- +goose Down
-- The rebuilt tables keep AUTOINCREMENT: never reusing an id is harmless.
DROP TABLE login_failures;
ALTER TABLE entries DROP COLUMN idempotency_hash;
ALTER TABLE user_tokens DROP COLUMN last_used_at;
DROP INDEX sessions_user;
ALTER TABLE sessions DROP COLUMN generation;
ALTER TABLE sessions DROP COLUMN user_id;
ALTER TABLE users DROP COLUMN session_generation;
