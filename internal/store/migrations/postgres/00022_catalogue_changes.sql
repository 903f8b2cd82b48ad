-- +goose Up
-- A counter of the writes that change the public catalogue, kept by
-- triggers so that every writer counts, this process or another one: the
-- in-memory model of the list checks it before it trusts itself
-- (store.CatalogueChanges): the projects, their skills and search terms,
-- and the programs and municipalities the list filters by.
CREATE TABLE catalogue_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT NOT NULL
);
INSERT INTO catalogue_changes (id, n) VALUES (1, 0);
-- +goose StatementBegin
CREATE FUNCTION catalogue_changed() RETURNS trigger AS $$
BEGIN
    UPDATE catalogue_changes SET n = n + 1;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER projects_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER project_skills_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_skills
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER project_search_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_search
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER programs_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON programs
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER program_hosts_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON program_hosts
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER municipalities_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON municipalities
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();

-- +goose Down
DROP TRIGGER projects_catalogue ON projects;
DROP TRIGGER project_skills_catalogue ON project_skills;
DROP TRIGGER project_search_catalogue ON project_search;
DROP TRIGGER programs_catalogue ON programs;
DROP TRIGGER program_hosts_catalogue ON program_hosts;
DROP TRIGGER municipalities_catalogue ON municipalities;
DROP FUNCTION catalogue_changed();
DROP TABLE catalogue_changes;
