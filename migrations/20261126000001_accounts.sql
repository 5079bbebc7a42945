-- Accounts, sessions and the login brute-force ledger.
-- Times are Unix seconds (UTC).

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    username            TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    password_hash       TEXT    NOT NULL,
    role                TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);

-- The cookie carries a random token; only its SHA-256 is stored, so a copy of
-- the database cannot be replayed as a live session.
CREATE TABLE sessions (
    token_hash          TEXT    PRIMARY KEY,
    user_id             INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at          INTEGER NOT NULL,
    last_seen_at        INTEGER NOT NULL,
    expires_at          INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed logins per (lower-cased) username, whether or not the user exists,
-- so the guard answers the same for both.
CREATE TABLE login_failures (
    username            TEXT    NOT NULL,
    at                  INTEGER NOT NULL
);
CREATE INDEX login_failures_user_at ON login_failures(username, at);
