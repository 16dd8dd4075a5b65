//! Storing one coded article: identity (content hash), near-duplicates (SimHash), its
//! actors and their aliases, its events, their figures and evidence, and their
//! incidents, all in one transaction.

use crate::merge::{self, EventKey};
use crate::{exec, Result, Store};
use annals_extract::output::{ArticleOutput, Event};
use annals_text::normalize_key;
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

/// A coded article ready to store.
#[derive(Debug, Clone)]
pub struct IngestRecord {
    /// What `annals extract` made of it.
    pub output: ArticleOutput,
    /// The article text, when known (not when ingesting extract output).
    pub text: Option<String>,
}

/// What ingesting one record did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Stored and coded.
    Stored {
        /// Row id.
        article_id: i64,
        /// Events stored.
        events: usize,
        /// Events that joined an existing incident.
        merged: usize,
    },
    /// Already stored (same content hash): nothing done.
    Duplicate {
        /// The stored article.
        article_id: i64,
    },
    /// A near-duplicate of a stored article: linked to it, its events not stored again.
    NearDuplicate {
        /// Row id of this copy.
        article_id: i64,
        /// The original.
        of: i64,
    },
}

/// Hamming distance within which two articles are copies of one another.
pub const NEAR_DUPLICATE_BITS: u32 = 3;

impl IngestRecord {
    /// The content hash of a plain article before it is coded.
    pub fn hash_of_text(date: &str, text: &str) -> String {
        let mut h = Sha256::new();
        h.update(date.as_bytes());
        h.update(b"\n");
        h.update(text.as_bytes());
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// SHA-256 (hex) of the publication date and the text; without text, of the
    /// article's id, date and evidence.
    pub fn content_hash(&self) -> String {
        if let Some(t) = &self.text {
            return Self::hash_of_text(&self.output.article.date, t);
        }
        let mut h = Sha256::new();
        h.update(self.output.article.date.as_bytes());
        h.update(b"\n");
        match &self.text {
            Some(t) => h.update(t.as_bytes()),
            None => {
                h.update(self.output.article.id.as_bytes());
                for e in &self.output.events {
                    for ev in &e.evidence {
                        h.update(ev.text.as_bytes());
                    }
                }
            }
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The text SimHash is computed over.
    fn body(&self) -> String {
        match &self.text {
            Some(t) => t.clone(),
            None => {
                let mut seen = Vec::new();
                for e in &self.output.events {
                    for ev in &e.evidence {
                        if !seen.contains(&ev.text) {
                            seen.push(ev.text.clone());
                        }
                    }
                }
                seen.join(" ")
            }
        }
    }
}

/// 64-bit SimHash over word 3-shingles: texts that share most of their shingles get
/// hashes a few bits apart (Charikar 2002).
pub fn simhash(text: &str) -> u64 {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut votes = [0i32; 64];
    let n = words
        .len()
        .saturating_sub(2)
        .max(usize::from(!words.is_empty()));
    for i in 0..n {
        let end = (i + 3).min(words.len());
        let h = fnv1a(words[i..end].join(" ").as_bytes());
        for (b, v) in votes.iter_mut().enumerate() {
            *v += if h >> b & 1 == 1 { 1 } else { -1 };
        }
    }
    votes
        .iter()
        .enumerate()
        .fold(0u64, |acc, (b, &v)| if v > 0 { acc | 1 << b } else { acc })
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    // FNV mixes the low bits poorly for short inputs; a final avalanche spreads them.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h
}

fn bands(h: u64) -> [i64; 4] {
    [0, 1, 2, 3].map(|b| ((h >> (16 * b)) & 0xffff) as i64)
}

impl Store {
    /// The stored article this text is a near-duplicate of, if any: checked before
    /// coding, so that copies are not coded at all.
    pub fn near_duplicate_of_text(&self, text: &str) -> Result<Option<i64>> {
        near_duplicate(&self.conn, simhash(text))
    }

    /// The stored article with this content hash, if any.
    pub fn article_by_hash(&self, hash: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM articles WHERE content_hash = ?1",
                [hash],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Store one article in one transaction. `aliases(actor_id)` adds names the actor
    /// lexicon knows it by, so that queries by any alias find it.
    pub fn ingest(
        &mut self,
        rec: &IngestRecord,
        aliases: &dyn Fn(&str) -> Vec<String>,
    ) -> Result<Outcome> {
        self.ingest_with(rec, aliases, true)
    }

    /// [`Store::ingest`], with near-duplicate detection optional (synthetic benchmark
    /// data is near-duplicate by construction).
    pub fn ingest_with(
        &mut self,
        rec: &IngestRecord,
        aliases: &dyn Fn(&str) -> Vec<String>,
        near_duplicates: bool,
    ) -> Result<Outcome> {
        let hash = rec.content_hash();
        let tx = self.write()?;
        if let Some(id) = tx
            .query_row(
                "SELECT id FROM articles WHERE content_hash = ?1",
                [&hash],
                |r| r.get(0),
            )
            .optional()?
        {
            return Ok(Outcome::Duplicate { article_id: id });
        }
        let sh = simhash(&rec.body());
        let original = if near_duplicates {
            near_duplicate(&tx, sh)?
        } else {
            None
        };
        let a = &rec.output.article;
        exec(
                &tx,
            "INSERT INTO articles (ext_id, content_hash, simhash, duplicate_of, date, source, url, title, text, output, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                a.id,
                hash,
                sh as i64,
                original,
                a.date,
                a.source,
                a.url,
                a.title,
                rec.text,
                serde_json::to_string(&rec.output)?,
                jiff::Timestamp::now().to_string()
            ],
        )?;
        let article_id = tx.last_insert_rowid();
        for (b, v) in bands(sh).iter().enumerate() {
            exec(
                &tx,
                "INSERT INTO simhash_bands (band, value, article_id) VALUES (?1, ?2, ?3)",
                params![b as i64, v, article_id],
            )?;
        }
        if let Some(of) = original {
            tx.commit()?;
            return Ok(Outcome::NearDuplicate { article_id, of });
        }
        // Actors and every name they appear under.
        for actor in &rec.output.actors {
            exec(
                &tx,
                "INSERT INTO actors (id, name, kind, country) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id) DO NOTHING",
                params![actor.id, actor.name, actor.kind, actor.country],
            )?;
            let mut names = vec![actor.name.clone(), actor.id.clone()];
            if let Some(t) = &rec.text {
                names.extend(
                    actor
                        .mentions
                        .iter()
                        .filter_map(|m| t.get(m[0]..m[1]).map(String::from)),
                );
            }
            names.extend(aliases(&actor.id));
            for n in names {
                let k = normalize_key(&n);
                if !k.is_empty() {
                    exec(
                        &tx,
                        "INSERT OR IGNORE INTO actor_aliases (alias_key, actor_id) VALUES (?1, ?2)",
                        params![k, actor.id],
                    )?;
                }
            }
        }
        let mut merged = 0;
        for e in &rec.output.events {
            for r in [&e.source_actor, &e.target_actor].into_iter().flatten() {
                exec(
                &tx,
                    "INSERT INTO actors (id, name, kind, country) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id) DO NOTHING",
                    params![r.id, r.name, r.kind, r.country],
                )?;
            }
            if insert_event(&tx, article_id, e)? {
                merged += 1;
            }
        }
        tx.commit()?;
        Ok(Outcome::Stored {
            article_id,
            events: rec.output.events.len(),
            merged,
        })
    }
}

fn near_duplicate(conn: &rusqlite::Connection, sh: u64) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached("SELECT a.id, a.simhash FROM simhash_bands b JOIN articles a ON a.id = b.article_id WHERE b.band = ?1 AND b.value = ?2 AND a.duplicate_of IS NULL")?;
    for (b, v) in bands(sh).iter().enumerate() {
        let rows = stmt.query_map(params![b as i64, v], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as u64))
        })?;
        for row in rows {
            let (id, other) = row?;
            if (other ^ sh).count_ones() <= NEAR_DUPLICATE_BITS {
                return Ok(Some(id));
            }
        }
    }
    Ok(None)
}

/// Insert one event, its figures and evidence, and merge it into an incident.
/// Returns whether it joined an existing incident.
fn insert_event(tx: &Transaction, article_id: i64, e: &Event) -> Result<bool> {
    let place = e.place.as_ref().map(|p| &p.geo);
    exec(
        tx,
        "INSERT INTO events (article_id, local_id, plover_type, plover_mode, acled_event_type, acled_sub_event_type, status,
            source_actor_id, target_actor_id, date, date_precision, country, admin1, location, lat, lon, geo_precision,
            killed, injured, captured, arrested, certainty, claimant, confidence, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
        params![
            article_id,
            e.id,
            e.plover_type,
            e.plover_mode,
            e.acled_event_type,
            e.acled_sub_event_type,
            e.status,
            e.source_actor.as_ref().map(|a| &a.id),
            e.target_actor.as_ref().map(|a| &a.id),
            e.date.value,
            e.date.precision,
            place.map(|p| &p.country),
            place.and_then(|p| p.admin1.as_ref()),
            // A place the text names but nothing locates is still searchable by name.
            place
                .map(|p| &p.name)
                .or(e.unlocated_place.as_ref().map(|p| &p.text)),
            place.map(|p| p.lat),
            place.map(|p| p.lon),
            place.map(|p| &p.precision),
            e.killed.as_ref().map(|c| c.value),
            e.injured.as_ref().map(|c| c.value),
            e.captured.as_ref().map(|c| c.value),
            e.arrested.as_ref().map(|c| c.value),
            e.attribution.certainty,
            e.attribution.by,
            e.confidence,
            serde_json::to_string(e)?,
        ],
    )?;
    let event_id = tx.last_insert_rowid();
    let evidence: Vec<&str> = e.evidence.iter().map(|x| x.text.as_str()).collect();
    exec(
        tx,
        "INSERT INTO evidence_fts (rowid, text) VALUES (?1, ?2)",
        params![event_id, evidence.join("\n")],
    )?;
    for (what, c) in [
        ("killed", &e.killed),
        ("injured", &e.injured),
        ("captured", &e.captured),
        ("arrested", &e.arrested),
    ] {
        if let Some(c) = c {
            exec(
                tx,
                "INSERT INTO claims (event_id, what, value, high, qualifier, claimant, certainty) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![event_id, what, c.value, c.high, c.qualifier, e.attribution.by, e.attribution.certainty],
            )?;
        }
    }
    let key = EventKey::of(e);
    merge::assign(tx, event_id, &key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simhash_is_close_for_copies_and_far_otherwise() {
        let a = "Taliban fighters attacked a police checkpoint in Kandahar province on Monday, killing three officers, the interior ministry said.";
        let b = "Taliban fighters attacked a police checkpoint in Kandahar province on Monday, killing three officers, the interior ministry said on Tuesday.";
        let c = "Thousands of protesters marched through the capital demanding the resignation of the prime minister over rising fuel prices.";
        assert!(
            (simhash(a) ^ simhash(b)).count_ones() <= 12,
            "{}",
            (simhash(a) ^ simhash(b)).count_ones()
        );
        assert!((simhash(a) ^ simhash(c)).count_ones() > NEAR_DUPLICATE_BITS);
        assert_eq!(simhash(a), simhash(a));
    }
}
