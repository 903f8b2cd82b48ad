-- +goose Up
-- Other Tsunagu instances whose credentials this hub trusts, by origin
-- (https://host[:port]). This hub's own municipalities are trusted
-- without a row. The verifier fetches keys and status lists only from
-- these origins.
CREATE TABLE trusted_issuers (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    origin     TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    added_at   TIMESTAMP NOT NULL
);

-- Issuer private keys are sealed with the key file (AES-256-GCM) from the
-- first start that has one; private_key holds the sealed text. The public
-- key is kept beside it, so publishing and checking keys never opens the
-- private ones.
ALTER TABLE issuer_keys RENAME COLUMN private_pem TO private_key;
ALTER TABLE issuer_keys ADD COLUMN public_key TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE issuer_keys DROP COLUMN public_key;
ALTER TABLE issuer_keys RENAME COLUMN private_key TO private_pem;
DROP TABLE trusted_issuers;
