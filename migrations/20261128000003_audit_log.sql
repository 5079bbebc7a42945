-- The audit log: logins (and failures, with the address), user, data-source
-- and dashboard changes, API tokens. The user is kept by name so an entry
-- outlives the account; entries older than the configured days are pruned.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    user_name   TEXT,
    action      TEXT    NOT NULL,
    target      TEXT    NOT NULL DEFAULT '',
    detail      TEXT    NOT NULL DEFAULT '',
    source      TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_user ON audit_log(user_name, at);
