-- Data sources. `settings` is the JSON of everything but name, kind and the
-- secret; `secret` is XChaCha20-Poly1305 (24-byte nonce || ciphertext) under
-- the server's key, never plaintext. `version` detects stale saves.
CREATE TABLE datasources (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    kind        TEXT    NOT NULL,
    settings    TEXT    NOT NULL,
    secret      BLOB,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
