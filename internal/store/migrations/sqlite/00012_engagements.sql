-- +goose Up
-- The terms after 内定; a change makes a new version and voids the
-- acceptances of the old one.
CREATE TABLE agreements (
    id              INTEGER PRIMARY KEY,
    entry_id        INTEGER NOT NULL UNIQUE REFERENCES entries(id) ON DELETE CASCADE,
    project_id      INTEGER NOT NULL REFERENCES projects(id),
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    talent_id       INTEGER NOT NULL REFERENCES talents(id),
    kind            TEXT NOT NULL,
    reward_yen      INTEGER NOT NULL DEFAULT 0,
    hours_per_month INTEGER NOT NULL,
    starts_on       DATE NOT NULL,
    ends_on         DATE NOT NULL,
    deliverables    TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    created_by      INTEGER,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX agreements_project ON agreements(project_id);

CREATE TABLE agreement_acceptances (
    agreement_id    INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    version         INTEGER NOT NULL,
    party           TEXT NOT NULL,
    user_id         INTEGER,
    at              TIMESTAMP NOT NULL,
    PRIMARY KEY (agreement_id, version, party)
);

-- One workspace per project team.
CREATE TABLE engagements (
    id              INTEGER PRIMARY KEY,
    project_id      INTEGER NOT NULL UNIQUE REFERENCES projects(id),
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    goal            TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    started_on      DATE NOT NULL,
    completed_at    TIMESTAMP,
    story_consent   BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE milestones (
    id              INTEGER PRIMARY KEY,
    engagement_id   INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    due_on          DATE,
    done_at         TIMESTAMP
);
CREATE INDEX milestones_engagement ON milestones(engagement_id);

CREATE TABLE meetings (
    id              INTEGER PRIMARY KEY,
    engagement_id   INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    held_on         DATE NOT NULL,
    minutes         INTEGER NOT NULL,
    notes           TEXT NOT NULL,
    author_id       INTEGER
);
CREATE INDEX meetings_engagement ON meetings(engagement_id, held_on);

CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,
    engagement_id   INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    talent_id       INTEGER NOT NULL REFERENCES talents(id),
    month           TEXT NOT NULL,
    hours           INTEGER NOT NULL,
    done            TEXT NOT NULL,
    next_steps      TEXT NOT NULL DEFAULT '',
    blockers        TEXT NOT NULL DEFAULT '',
    submitted_at    TIMESTAMP NOT NULL,
    UNIQUE (engagement_id, talent_id, month)
);

CREATE TABLE engagement_messages (
    id              INTEGER PRIMARY KEY,
    engagement_id   INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    author_id       INTEGER,
    body            TEXT NOT NULL,
    at              TIMESTAMP NOT NULL
);
CREATE INDEX engagement_messages_engagement ON engagement_messages(engagement_id, id);

-- Outcome indicators linked to SDGs goals; result NULL until recorded.
CREATE TABLE indicators (
    id              INTEGER PRIMARY KEY,
    engagement_id   INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    kind            TEXT NOT NULL,
    sdg             INTEGER NOT NULL,
    baseline        REAL NOT NULL DEFAULT 0,
    result          REAL,
    evidence        TEXT NOT NULL DEFAULT '',
    recorded_at     TIMESTAMP
);
CREATE INDEX indicators_engagement ON indicators(engagement_id);

-- Reviews both ways on completion.
CREATE TABLE team_reviews (
    id              INTEGER PRIMARY KEY,
    engagement_id   INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    side            TEXT NOT NULL,
    author_id       INTEGER,
    talent_id       INTEGER NOT NULL REFERENCES talents(id),
    score           INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment         TEXT NOT NULL DEFAULT '',
    at              TIMESTAMP NOT NULL,
    UNIQUE (engagement_id, side, talent_id)
);

-- A late monthly report is reminded once.
CREATE TABLE report_reminders (
    engagement_id   INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    talent_id       INTEGER NOT NULL REFERENCES talents(id),
    month           TEXT NOT NULL,
    at              TIMESTAMP NOT NULL,
    PRIMARY KEY (engagement_id, talent_id, month)
);

-- +goose Down
DROP TABLE report_reminders;
DROP TABLE team_reviews;
DROP TABLE indicators;
DROP TABLE engagement_messages;
DROP TABLE reports;
DROP TABLE meetings;
DROP TABLE milestones;
DROP TABLE engagements;
DROP TABLE agreement_acceptances;
DROP TABLE agreements;
