-- +goose Up
-- Every signed-in talent's request finds their profile by account
-- (TalentByUser), and the table was scanned whole each time: about 50 ms
-- at 100,000 talents on SQLite, where the rush test found it.
CREATE INDEX talents_user ON talents(user_id);

-- +goose Down
DROP INDEX talents_user;
