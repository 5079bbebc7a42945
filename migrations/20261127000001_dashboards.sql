-- Dashboards and their history. Every save is a new row in
-- dashboard_versions; dashboards.version points at the latest. A delete
-- only sets deleted_at (an admin can restore within 30 days; the sweeper
-- removes older ones with their versions).
CREATE TABLE dashboards (
    uid         TEXT    PRIMARY KEY,
    title       TEXT    NOT NULL,
    tags        TEXT    NOT NULL DEFAULT '[]',
    version     INTEGER NOT NULL,
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER
);

CREATE TABLE dashboard_versions (
    uid         TEXT    NOT NULL REFERENCES dashboards(uid) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    model       TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    message     TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (uid, version)
);
