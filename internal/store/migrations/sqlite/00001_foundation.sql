-- +goose Up
CREATE TABLE municipalities (
    id           INTEGER PRIMARY KEY,
    lgcode       TEXT NOT NULL UNIQUE,
    slug         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    name_en      TEXT NOT NULL DEFAULT '',
    pref_code    INTEGER NOT NULL,
    accent_color TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL
);

CREATE TABLE organizations (
    id              INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    kind            TEXT NOT NULL,
    name            TEXT NOT NULL,
    name_kana       TEXT NOT NULL DEFAULT '',
    jsic_major      TEXT NOT NULL DEFAULT '',
    jsic_middle     TEXT NOT NULL DEFAULT '',
    area            TEXT NOT NULL DEFAULT '',
    description     TEXT NOT NULL DEFAULT '',
    website         TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX organizations_municipality ON organizations(municipality_id);

CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    email      TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    name_kana  TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE memberships (
    user_id         INTEGER NOT NULL REFERENCES users(id),
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    role            TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, organization_id)
);

CREATE TABLE programs (
    id              INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    slug            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    title_en        TEXT NOT NULL DEFAULT '',
    summary         TEXT NOT NULL DEFAULT '',
    summary_en      TEXT NOT NULL DEFAULT '',
    entry_opens_at  TIMESTAMP NOT NULL,
    entry_closes_at TIMESTAMP NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX programs_municipality ON programs(municipality_id);

CREATE TABLE program_hosts (
    program_id      INTEGER NOT NULL REFERENCES programs(id),
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    position        INTEGER NOT NULL,
    PRIMARY KEY (program_id, organization_id)
);

CREATE TABLE projects (
    id              INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    program_id      INTEGER NOT NULL REFERENCES programs(id),
    host_id         INTEGER NOT NULL REFERENCES organizations(id),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    team_size       INTEGER NOT NULL,
    hours_per_month INTEGER NOT NULL,
    work_style      TEXT NOT NULL,
    place           TEXT NOT NULL DEFAULT '',
    reward_type     TEXT NOT NULL,
    reward_yen      INTEGER NOT NULL DEFAULT 0,
    starts_on       DATE,
    ends_on         DATE,
    status          TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX projects_program ON projects(program_id);
CREATE INDEX projects_municipality_status ON projects(municipality_id, status);

CREATE TABLE project_sdgs (
    project_id      INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    goal            INTEGER NOT NULL,
    PRIMARY KEY (project_id, goal)
);
CREATE INDEX project_sdgs_goal ON project_sdgs(goal, project_id);

CREATE TABLE project_skills (
    project_id      INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    skill_code      TEXT NOT NULL,
    required        BOOLEAN NOT NULL,
    PRIMARY KEY (project_id, skill_code)
);
CREATE INDEX project_skills_code ON project_skills(skill_code, project_id);

CREATE TABLE talents (
    id                INTEGER PRIMARY KEY,
    user_id           INTEGER REFERENCES users(id),
    name              TEXT NOT NULL,
    name_kana         TEXT NOT NULL,
    background        TEXT NOT NULL DEFAULT '',
    hours_per_month   INTEGER NOT NULL DEFAULT 0,
    work_style        TEXT NOT NULL DEFAULT '',
    residence_country TEXT NOT NULL DEFAULT 'JP',
    time_zone         TEXT NOT NULL DEFAULT 'Asia/Tokyo',
    leader            BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMP NOT NULL
);

CREATE TABLE talent_skills (
    talent_id  INTEGER NOT NULL REFERENCES talents(id) ON DELETE CASCADE,
    skill_code TEXT NOT NULL,
    level      INTEGER NOT NULL,
    PRIMARY KEY (talent_id, skill_code)
);

CREATE TABLE talent_sdgs (
    talent_id INTEGER NOT NULL REFERENCES talents(id) ON DELETE CASCADE,
    goal      INTEGER NOT NULL,
    PRIMARY KEY (talent_id, goal)
);

CREATE TABLE talent_affinities (
    talent_id INTEGER NOT NULL REFERENCES talents(id) ON DELETE CASCADE,
    lgcode    TEXT NOT NULL,
    kind      TEXT NOT NULL,
    PRIMARY KEY (talent_id, lgcode, kind)
);
CREATE INDEX talent_affinities_lgcode ON talent_affinities(lgcode);

CREATE TABLE entries (
    id              INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    program_id      INTEGER NOT NULL REFERENCES programs(id),
    talent_id       INTEGER NOT NULL REFERENCES talents(id),
    motivation      TEXT NOT NULL,
    status          TEXT NOT NULL,
    submitted_at    TIMESTAMP NOT NULL,
    UNIQUE (program_id, talent_id)
);

CREATE TABLE entry_choices (
    entry_id        INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    rank            INTEGER NOT NULL,
    project_id      INTEGER NOT NULL REFERENCES projects(id),
    PRIMARY KEY (entry_id, rank)
);
CREATE INDEX entry_choices_project ON entry_choices(project_id);

-- +goose Down
DROP TABLE entry_choices;
DROP TABLE entries;
DROP TABLE talent_affinities;
DROP TABLE talent_sdgs;
DROP TABLE talent_skills;
DROP TABLE talents;
DROP TABLE project_skills;
DROP TABLE project_sdgs;
DROP TABLE projects;
DROP TABLE program_hosts;
DROP TABLE programs;
DROP TABLE memberships;
DROP TABLE users;
DROP TABLE organizations;
DROP TABLE municipalities;
