-- +goose Up
-- Each municipality's signing keys; the private key never leaves the
-- server (it is never shown and never logged). Retired keys stay to
-- verify what they signed.
CREATE TABLE issuer_keys (
    kid             TEXT PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    private_pem     TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    retired_at      TIMESTAMPTZ
);
CREATE INDEX issuer_keys_municipality ON issuer_keys(municipality_id);

-- Credentials issued for completed engagements, with their place in the
-- municipality's status list.
CREATE TABLE credentials (
    id              TEXT PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    talent_id       BIGINT NOT NULL REFERENCES talents(id),
    engagement_id   BIGINT NOT NULL REFERENCES engagements(id),
    status_index    INTEGER NOT NULL,
    jwt             TEXT NOT NULL,
    public          BOOLEAN NOT NULL DEFAULT FALSE,
    issued_at       TIMESTAMPTZ NOT NULL,
    revoked_at      TIMESTAMPTZ,
    revoke_reason   TEXT NOT NULL DEFAULT '',
    UNIQUE (municipality_id, status_index),
    UNIQUE (engagement_id, talent_id)
);
CREATE INDEX credentials_talent ON credentials(talent_id);

-- +goose Down
DROP TABLE credentials;
DROP TABLE issuer_keys;
