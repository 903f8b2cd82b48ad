-- +goose Up
-- Those who may send an invitation may withdraw it; a withdrawn link
-- answers like an expired one.
ALTER TABLE invitations ADD COLUMN revoked_at TIMESTAMP;
ALTER TABLE invitations ADD COLUMN revoked_by INTEGER;

-- A mail carrying a one-time link (address confirmation, password reset,
-- invitation) lets whoever reads it act as its recipient, so no staff page
-- ever shows its body. Mail already queued is classified by its links.
ALTER TABLE mail_outbox ADD COLUMN one_time_link BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE mail_outbox SET one_time_link = TRUE WHERE LOWER(body) LIKE '%token=%';

-- +goose Down
ALTER TABLE mail_outbox DROP COLUMN one_time_link;
ALTER TABLE invitations DROP COLUMN revoked_by;
ALTER TABLE invitations DROP COLUMN revoked_at;
