//! The store's schema and its migrations. `PRAGMA user_version` records how far a
//! database has been migrated; opening a database applies the missing steps in one
//! transaction each. The tables are documented in docs/STORE.md.

/// Migration steps, in order: step `i` takes a database from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    r#"
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    ext_id        TEXT NOT NULL,               -- the input's id
    content_hash  TEXT NOT NULL UNIQUE,        -- SHA-256 of date and text: identical articles are stored once
    simhash       INTEGER NOT NULL,            -- 64-bit SimHash of word shingles, for near-duplicates
    duplicate_of  INTEGER REFERENCES articles(id),  -- set for a near-duplicate: linked, not coded again
    date          TEXT NOT NULL,               -- publication date, YYYY-MM-DD
    source        TEXT,
    url           TEXT,
    title         TEXT,
    text          TEXT,                        -- NULL when ingested from extract output
    output        TEXT NOT NULL,               -- the article's JSON as `annals extract` prints it
    ingested_at   TEXT NOT NULL
);
CREATE INDEX articles_ext_id ON articles(ext_id);

-- SimHash split in four 16-bit bands: two hashes within 3 bits share at least one band.
CREATE TABLE simhash_bands (
    band       INTEGER NOT NULL,
    value      INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX simhash_bands_lookup ON simhash_bands(band, value);

CREATE TABLE actors (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    country TEXT
);
-- Every name an actor was found under, folded: "nrf", "panjshir resistance", ...
CREATE TABLE actor_aliases (
    alias_key TEXT NOT NULL,
    actor_id  TEXT NOT NULL REFERENCES actors(id),
    PRIMARY KEY (alias_key, actor_id)
) WITHOUT ROWID;

CREATE TABLE incidents (
    id                    INTEGER PRIMARY KEY,
    plover_type           TEXT NOT NULL,
    acled_event_type      TEXT NOT NULL,
    acled_sub_event_type  TEXT NOT NULL,
    date                  TEXT NOT NULL,       -- earliest report's date
    date_precision        TEXT NOT NULL,
    country               TEXT,
    admin1                TEXT,
    location              TEXT,
    lat                   REAL,
    lon                   REAL,
    geo_precision         TEXT,
    actor_ids             TEXT NOT NULL,       -- '|'-separated ids of every actor of its reports
    fatalities            INTEGER,             -- the most conservative figure reported (ACLED's rule)
    fatalities_low        INTEGER,
    fatalities_high       INTEGER,
    reports               INTEGER NOT NULL
);
CREATE INDEX incidents_date ON incidents(date);
CREATE INDEX incidents_type_date ON incidents(acled_event_type, date);

CREATE TABLE events (
    id                    INTEGER PRIMARY KEY,
    article_id            INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id              TEXT NOT NULL,       -- "e1" within the article
    incident_id           INTEGER REFERENCES incidents(id),
    plover_type           TEXT NOT NULL,
    plover_mode           TEXT NOT NULL,
    acled_event_type      TEXT NOT NULL,
    acled_sub_event_type  TEXT NOT NULL,
    status                TEXT NOT NULL,
    source_actor_id       TEXT REFERENCES actors(id),
    target_actor_id       TEXT REFERENCES actors(id),
    date                  TEXT NOT NULL,
    date_precision        TEXT NOT NULL,
    country               TEXT,
    admin1                TEXT,
    location              TEXT,
    lat                   REAL,
    lon                   REAL,
    geo_precision         TEXT,
    killed                INTEGER,
    injured               INTEGER,
    captured              INTEGER,
    arrested              INTEGER,
    certainty             TEXT NOT NULL,
    claimant              TEXT,
    confidence            REAL NOT NULL,
    json                  TEXT NOT NULL        -- the event as `annals extract` prints it
);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_country_admin1 ON events(country, admin1, date);
CREATE INDEX events_plover ON events(plover_type, date);
CREATE INDEX events_acled ON events(acled_event_type, date);
CREATE INDEX events_latlon ON events(lat, lon);
CREATE INDEX events_source ON events(source_actor_id);
CREATE INDEX events_target ON events(target_actor_id);
CREATE INDEX events_incident ON events(incident_id);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_certainty ON events(certainty);

-- Every figure of every report, with who claims it: conflicting figures side by side.
CREATE TABLE claims (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    incident_id INTEGER REFERENCES incidents(id),
    what        TEXT NOT NULL,                 -- killed, injured, captured, arrested
    value       INTEGER NOT NULL,
    high        INTEGER,
    qualifier   TEXT,
    claimant    TEXT,
    certainty   TEXT NOT NULL
);
CREATE INDEX claims_incident ON claims(incident_id);

-- Why each report joined its incident.
CREATE TABLE merges (
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    reason      TEXT NOT NULL
);
CREATE INDEX merges_incident ON merges(incident_id);

-- Evidence sentences for full-text search; rowid = events.id.
CREATE VIRTUAL TABLE evidence_fts USING fts5(text);
"#,
    // 2: sorting by fatalities within a type without scanning every event.
    r#"
CREATE INDEX events_acled_killed ON events(acled_event_type, coalesce(killed, 0));
CREATE INDEX events_plover_killed ON events(plover_type, coalesce(killed, 0));
CREATE INDEX events_killed ON events(coalesce(killed, 0));
"#,
];
