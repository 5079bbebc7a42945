-- API tokens for automation (`Authorization: Bearer lk_…`). Only the
-- SHA-256 of a token is stored, as for sessions; `prefix` (the first
-- characters) tells tokens apart in the list. A token's role is capped by
-- its owner's current role, and a disabled owner's tokens stop working.
CREATE TABLE api_tokens (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash      TEXT    NOT NULL UNIQUE,
    prefix          TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role            TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    last_used_at    INTEGER,
    revoked_at      INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);
