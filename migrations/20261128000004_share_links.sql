-- Share links: a read-only view of one dashboard or one saved search at
-- `/s/{token}`. Only the SHA-256 of the token is stored, as for sessions
-- and API tokens; `prefix` tells links apart in the list. A link works
-- while its creator is an active editor or admin; `anonymous` (usable
-- without a Lookout login) counts only while the creator is an admin.
CREATE TABLE share_links (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash      TEXT    NOT NULL UNIQUE,
    prefix          TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('dashboard', 'search')),
    -- A dashboard's uid, or a saved query's id.
    target          TEXT    NOT NULL,
    -- What was shared, as titled when the link was made (for the list).
    title           TEXT    NOT NULL,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    anonymous       INTEGER NOT NULL DEFAULT 0,
    allow_time      INTEGER NOT NULL DEFAULT 0,
    max_span_days   INTEGER NOT NULL,
    allow_vars      INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER,
    last_used_at    INTEGER,
    revoked_at      INTEGER
);
CREATE INDEX share_links_user ON share_links(user_id);
