-- Per-user marks on dashboards: stars (listed first) and when each was last
-- opened (the list's "recently viewed" order). Kept apart from the
-- dashboards so a mark never touches a dashboard's versions.
CREATE TABLE dashboard_stars (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    uid         TEXT    NOT NULL REFERENCES dashboards(uid) ON DELETE CASCADE,
    PRIMARY KEY (user_id, uid)
);

CREATE TABLE dashboard_views (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    uid         TEXT    NOT NULL REFERENCES dashboards(uid) ON DELETE CASCADE,
    viewed_at   INTEGER NOT NULL,
    PRIMARY KEY (user_id, uid)
);
