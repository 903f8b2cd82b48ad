-- +goose Up
-- Who a municipality's staff may currently find in the pool: the pairs
-- whose newest scout consent is granted. The consents log is never
-- updated, and reading its newest answer for each of 120,000 consenting
-- talents took up to a second a page at national scale. A trigger keeps
-- this table in step with every consent written, by any writer.
CREATE TABLE scout_findable (
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (municipality_id, user_id)
);
CREATE INDEX scout_findable_user ON scout_findable(user_id);
INSERT INTO scout_findable (municipality_id, user_id)
SELECT DISTINCT c.municipality_id, c.user_id FROM consents c
WHERE c.purpose = 'scout' AND c.municipality_id IS NOT NULL AND c.granted
  AND NOT EXISTS (SELECT 1 FROM consents n WHERE n.user_id = c.user_id AND n.purpose = c.purpose
      AND n.municipality_id = c.municipality_id AND (n.at > c.at OR (n.at = c.at AND n.id > c.id)));
-- The pool filtered by a skill starts from the skill's holders (1% of the
-- consenting talents for most skills) instead of probing every consenting
-- talent's skills.
CREATE INDEX talent_skills_code ON talent_skills(skill_code, talent_id);
-- +goose StatementBegin
CREATE TRIGGER consents_findable AFTER INSERT ON consents
WHEN NEW.purpose = 'scout' AND NEW.municipality_id IS NOT NULL
BEGIN
    DELETE FROM scout_findable WHERE municipality_id = NEW.municipality_id AND user_id = NEW.user_id;
    INSERT INTO scout_findable (municipality_id, user_id)
    SELECT NEW.municipality_id, NEW.user_id
    WHERE (SELECT c.granted FROM consents c WHERE c.user_id = NEW.user_id AND c.purpose = 'scout'
        AND c.municipality_id = NEW.municipality_id ORDER BY c.at DESC, c.id DESC LIMIT 1);
END;
-- +goose StatementEnd

-- +goose Down
DROP INDEX talent_skills_code;
DROP TRIGGER consents_findable;
DROP TABLE scout_findable;
