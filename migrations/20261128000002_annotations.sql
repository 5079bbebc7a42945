-- Annotations: a moment or a span with text and tags ("deployed v1.4.2"),
-- global or for one dashboard (and panel). Charts draw them as markers.
-- The dashboard is named by uid without a foreign key: notes outlive a
-- deleted dashboard (and reappear with a restored one).
CREATE TABLE annotations (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    time_ms         INTEGER NOT NULL,
    end_ms          INTEGER,
    text            TEXT    NOT NULL,
    tags            TEXT    NOT NULL DEFAULT '[]',
    dashboard_uid   TEXT,
    panel_id        TEXT,
    created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX annotations_time ON annotations(time_ms);
