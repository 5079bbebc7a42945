-- Saved queries. `spec` is the JSON of SavedQuerySpec (mode, data source,
-- query, range, legend); the name is also a column for uniqueness.
CREATE TABLE saved_queries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    spec        TEXT    NOT NULL,
    owner_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
