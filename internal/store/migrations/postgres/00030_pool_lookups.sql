-- +goose Up
-- Who a municipality's staff may currently find in the pool: the talents
-- whose account's newest scout consent to it is granted. The consents log
-- is never updated, and reading its newest answer for each of 120,000
-- consenting talents took up to a second a page at national scale.
-- Triggers keep this table in step, for every writer, with the consents
-- written and with the accounts that profiles are linked to. It is keyed
-- by talent, as the pool's filters and order are: one index walk in
-- talent order answers a page.
CREATE TABLE scout_findable (
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id) ON DELETE CASCADE,
    talent_id       BIGINT NOT NULL REFERENCES talents(id) ON DELETE CASCADE,
    PRIMARY KEY (municipality_id, talent_id)
);
CREATE INDEX scout_findable_talent ON scout_findable(talent_id);
INSERT INTO scout_findable (municipality_id, talent_id)
SELECT DISTINCT c.municipality_id, t.id FROM consents c JOIN talents t ON t.user_id = c.user_id
WHERE c.purpose = 'scout' AND c.municipality_id IS NOT NULL AND c.granted
  AND NOT EXISTS (SELECT 1 FROM consents n WHERE n.user_id = c.user_id AND n.purpose = c.purpose
      AND n.municipality_id = c.municipality_id AND (n.at > c.at OR (n.at = c.at AND n.id > c.id)));
-- The pool filtered by a skill or a tie to a place checks each findable
-- talent in an index alone.
CREATE INDEX talent_skills_code ON talent_skills(skill_code, talent_id);
CREATE INDEX talent_affinities_place ON talent_affinities(lgcode, kind, talent_id);
-- +goose StatementBegin
CREATE FUNCTION consents_findable() RETURNS trigger AS $$
BEGIN
    DELETE FROM scout_findable WHERE municipality_id = NEW.municipality_id
        AND talent_id IN (SELECT id FROM talents WHERE user_id = NEW.user_id);
    INSERT INTO scout_findable (municipality_id, talent_id)
    SELECT NEW.municipality_id, t.id FROM talents t WHERE t.user_id = NEW.user_id
        AND (SELECT c.granted FROM consents c WHERE c.user_id = NEW.user_id AND c.purpose = 'scout'
            AND c.municipality_id = NEW.municipality_id ORDER BY c.at DESC, c.id DESC LIMIT 1);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER consents_findable AFTER INSERT ON consents
    FOR EACH ROW WHEN (NEW.purpose = 'scout' AND NEW.municipality_id IS NOT NULL)
    EXECUTE FUNCTION consents_findable();
-- +goose StatementBegin
CREATE FUNCTION talents_findable() RETURNS trigger AS $$
BEGIN
    DELETE FROM scout_findable WHERE talent_id = NEW.id;
    INSERT INTO scout_findable (municipality_id, talent_id)
    SELECT DISTINCT c.municipality_id, NEW.id FROM consents c
    WHERE c.user_id = NEW.user_id AND c.purpose = 'scout' AND c.municipality_id IS NOT NULL AND c.granted
      AND NOT EXISTS (SELECT 1 FROM consents n WHERE n.user_id = c.user_id AND n.purpose = c.purpose
          AND n.municipality_id = c.municipality_id AND (n.at > c.at OR (n.at = c.at AND n.id > c.id)));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER talents_findable_insert AFTER INSERT ON talents
    FOR EACH ROW WHEN (NEW.user_id IS NOT NULL)
    EXECUTE FUNCTION talents_findable();
CREATE TRIGGER talents_findable_link AFTER UPDATE OF user_id ON talents
    FOR EACH ROW WHEN (NEW.user_id IS DISTINCT FROM OLD.user_id)
    EXECUTE FUNCTION talents_findable();

-- +goose Down
DROP TRIGGER talents_findable_link ON talents;
DROP TRIGGER talents_findable_insert ON talents;
DROP FUNCTION talents_findable();
DROP TRIGGER consents_findable ON consents;
DROP FUNCTION consents_findable();
DROP INDEX talent_affinities_place;
DROP INDEX talent_skills_code;
DROP TABLE scout_findable;
