-- +goose Up
-- The key a client sent with the entry (a form's hidden key or an
-- Idempotency-Key header), so a repeated submission returns the same entry.
ALTER TABLE entries ADD COLUMN idempotency_key TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE entries DROP COLUMN idempotency_key;
