//! The record of annals: an embedded SQLite store of articles, their events, and the
//! incidents that reports of one real-world event are merged into.
//!
//! - [`Store::open`] creates or migrates a database (WAL, foreign keys on).
//! - [`Store::ingest_articles`] is the one path from articles to the store (the CLI's
//!   `ingest` and the server's POST): copies are not coded, the rest are coded in
//!   parallel and stored in order.
//! - [`Store::ingest`] stores one coded article in one transaction: whole or not at
//!   all. An article already stored (same content hash) is skipped; a near-duplicate
//!   (SimHash within 3 bits) is linked to its original and not coded again.
//! - Each event joins the incident it matches ([`merge`]) or starts a new one.
//! - [`query`] filters events; [`export`] writes ACLED-style CSV, JSON Lines, GeoJSON.
//!
//! The store reaches the coder only through [`Store::ingest_articles`]; it knows
//! nothing of HTTP or the command line.

pub mod articles;
pub mod export;
pub mod ingest;
pub mod merge;
pub mod query;
pub mod schema;

use rusqlite::Connection;
use std::path::Path;

pub use articles::{code_articles, Coded};
pub use ingest::{IngestRecord, Outcome};
pub use query::{EventRow, Filter};

/// Execute through the statement cache: ingest runs the same few statements per article.
pub(crate) fn exec<P: rusqlite::Params>(
    tx: &rusqlite::Transaction,
    sql: &str,
    p: P,
) -> rusqlite::Result<usize> {
    tx.prepare_cached(sql)?.execute(p)
}

/// Store errors.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite said no.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored JSON document did not parse.
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Anything else, in words.
    #[error("{0}")]
    Other(String),
    /// A filter the caller gave that cannot be used: its parameter and why.
    #[error("{param}: {message}")]
    BadFilter {
        /// The parameter (`text`, `limit`, `offset`, ...).
        param: &'static str,
        /// What is wrong with it.
        message: String,
    },
}

/// Result with [`StoreError`].
pub type Result<T> = std::result::Result<T, StoreError>;

/// An open store.
pub struct Store {
    /// The connection (one writer; SQLite's WAL lets readers in beside it).
    pub conn: Connection,
}

impl Store {
    /// Open (creating if needed) the database at `path` and bring its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = Connection::open(path)?;
        Self::setup(conn)
    }

    /// An in-memory store (tests).
    pub fn open_in_memory() -> Result<Self> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(conn: Connection) -> Result<Self> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // WAL: a crash leaves the last committed transaction intact; readers never block
        // the writer. NORMAL sync is durable across process kills (not power loss of the
        // last commit), which is what an ingest rerun needs.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn };
        store.migrate()?;
        Ok(store)
    }

    /// The schema version of the database.
    pub fn version(&self) -> Result<usize> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))? as usize)
    }

    /// Bring the schema up to date. The version is read inside a write transaction
    /// taken at once (`BEGIN IMMEDIATE`), so that two processes opening a new store
    /// together queue (up to the busy timeout): the second finds the schema made.
    fn migrate(&mut self) -> Result<()> {
        if self.version()? == schema::MIGRATIONS.len() {
            return Ok(());
        }
        let tx = self.write()?;
        let have = tx.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))? as usize;
        if have > schema::MIGRATIONS.len() {
            return Err(StoreError::Other(format!(
                "database schema version {have} is newer than this annals ({})",
                schema::MIGRATIONS.len()
            )));
        }
        for (i, step) in schema::MIGRATIONS.iter().enumerate().skip(have) {
            tx.execute_batch(step)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A write transaction, its lock taken at BEGIN: another writer waits for it (up to
    /// the busy timeout) instead of failing when a read would have to become a write.
    pub(crate) fn write(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// Row counts of the main tables: articles, events, incidents.
    pub fn counts(&self) -> Result<(i64, i64, i64)> {
        let c = |t: &str| {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| {
                    r.get::<_, i64>(0)
                })
        };
        Ok((c("articles")?, c("events")?, c("incidents")?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_and_migrates_once() {
        let dir = std::env::temp_dir().join(format!("annals-store-open-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("t.db");
        let _ = std::fs::remove_file(&p);
        let s = Store::open(&p).unwrap();
        assert_eq!(s.version().unwrap(), schema::MIGRATIONS.len());
        drop(s);
        let s = Store::open(&p).unwrap();
        assert_eq!(s.counts().unwrap(), (0, 0, 0));
        assert_eq!(s.integrity_check().unwrap(), "ok");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Writers that open a new store at once, and then write side by side, queue: none
    /// fails with "table already exists" or "database is locked".
    #[test]
    fn writers_on_a_new_store_queue() {
        let dir = std::env::temp_dir().join(format!("annals-store-race-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("t.db");
        let _ = std::fs::remove_file(&p);
        let start = std::sync::Barrier::new(4);
        std::thread::scope(|sc| {
            let hs: Vec<_> = (0..4)
                .map(|w| {
                    let (p, start) = (&p, &start);
                    sc.spawn(move || -> Result<()> {
                        start.wait();
                        let mut s = Store::open(p)?;
                        for k in 0..20 {
                            // A read that turns into a write, as an ingest does.
                            let tx = s.write()?;
                            let n: i64 = tx.query_row("SELECT count(*) FROM actors", [], |r| r.get(0))?;
                            tx.execute(
                                "INSERT INTO actors (id, name, kind, country) VALUES (?1, ?1, 'person', NULL)",
                                [format!("w{w}-{k}-{n}")],
                            )?;
                            tx.commit()?;
                        }
                        Ok(())
                    })
                })
                .collect();
            for h in hs {
                h.join().expect("writer thread").expect("a writer failed");
            }
        });
        let s = Store::open(&p).unwrap();
        let n: i64 = s
            .conn
            .query_row("SELECT count(*) FROM actors", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 80);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
