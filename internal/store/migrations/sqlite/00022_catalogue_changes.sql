-- +goose Up
-- A counter of the writes that change the public catalogue, kept by
-- triggers so that every writer counts, this process or another one: the
-- in-memory model of the list checks it before it trusts itself
-- (store.CatalogueChanges): the projects, their skills and search terms,
-- and the programs and municipalities the list filters by.
CREATE TABLE catalogue_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO catalogue_changes (id, n) VALUES (1, 0);
-- +goose StatementBegin
CREATE TRIGGER projects_ins_catalogue AFTER INSERT ON projects BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER projects_upd_catalogue AFTER UPDATE ON projects BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER projects_del_catalogue AFTER DELETE ON projects BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER project_skills_ins_catalogue AFTER INSERT ON project_skills BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER project_skills_del_catalogue AFTER DELETE ON project_skills BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER project_skills_upd_catalogue AFTER UPDATE ON project_skills BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER project_search_ins_catalogue AFTER INSERT ON project_search BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER project_search_upd_catalogue AFTER UPDATE ON project_search BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER project_search_del_catalogue AFTER DELETE ON project_search BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER programs_ins_catalogue AFTER INSERT ON programs BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER programs_upd_catalogue AFTER UPDATE ON programs BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER programs_del_catalogue AFTER DELETE ON programs BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER program_hosts_ins_catalogue AFTER INSERT ON program_hosts BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER program_hosts_upd_catalogue AFTER UPDATE ON program_hosts BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER program_hosts_del_catalogue AFTER DELETE ON program_hosts BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER municipalities_ins_catalogue AFTER INSERT ON municipalities BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER municipalities_upd_catalogue AFTER UPDATE ON municipalities BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER municipalities_del_catalogue AFTER DELETE ON municipalities BEGIN UPDATE catalogue_changes SET n = n + 1; END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER projects_ins_catalogue;
DROP TRIGGER projects_upd_catalogue;
DROP TRIGGER projects_del_catalogue;
DROP TRIGGER project_skills_ins_catalogue;
DROP TRIGGER project_skills_del_catalogue;
DROP TRIGGER project_skills_upd_catalogue;
DROP TRIGGER project_search_ins_catalogue;
DROP TRIGGER project_search_upd_catalogue;
DROP TRIGGER project_search_del_catalogue;
DROP TRIGGER programs_ins_catalogue;
DROP TRIGGER programs_upd_catalogue;
DROP TRIGGER programs_del_catalogue;
DROP TRIGGER program_hosts_ins_catalogue;
DROP TRIGGER program_hosts_upd_catalogue;
DROP TRIGGER program_hosts_del_catalogue;
DROP TRIGGER municipalities_ins_catalogue;
DROP TRIGGER municipalities_upd_catalogue;
DROP TRIGGER municipalities_del_catalogue;
DROP TABLE catalogue_changes;
