-- +goose Up
-- Those who may send an invitation may withdraw it; a withdrawn link
-- answers like an expired one.
ALTER TABLE invitations ADD COLUMN revoked_at TIMESTAMPTZ;
ALTER TABLE invitations ADD COLUMN revoked_by BIGINT;

-- +goose Down
ALTER TABLE invitations DROP COLUMN revoked_by;
ALTER TABLE invitations DROP COLUMN revoked_at;
