//! Filtering, sorting and paging the stored events, and reading incidents back.

use crate::{Result, Store, StoreError};
use annals_extract::acled::{EVENT_TYPES, SUB_EVENT_TYPES};
use annals_text::normalize_key;
use rusqlite::types::Value;
use serde::Serialize;

/// Counts of the events matching a filter.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Stats {
    /// Events matching.
    pub events: i64,
    /// (day, events) in date order.
    pub by_day: Vec<(String, i64)>,
    /// (ACLED event type, events), most first.
    pub by_type: Vec<(String, i64)>,
    /// (country code, events), most first.
    pub by_country: Vec<(String, i64)>,
}

/// An actor found by name.
#[derive(Debug, Clone, Serialize)]
pub struct ActorHit {
    /// Canonical id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Country code.
    pub country: Option<String>,
    /// Events naming it as source or target.
    pub events: i64,
}

/// The PLOVER event types.
pub const PLOVER_TYPES: &[&str] = &[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];
/// The most rows one page may ask for.
pub const MAX_LIMIT: usize = 10_000;
/// The furthest a page may start.
pub const MAX_OFFSET: usize = 1_000_000_000;
/// The most words a text search may hold.
pub const MAX_TEXT_WORDS: usize = 32;
/// The longest text search, in bytes.
pub const MAX_TEXT_BYTES: usize = 512;

/// A user's search text as an FTS5 query: every word must occur, each matched as written
/// (quoted, so that `"`, `*`, `-`, `:`, `NEAR(`, column names and operators are just
/// characters of words: "St. Louis" and "Davis-Riley" are phrases). Words are runs
/// between spaces; a word with no letter or digit is dropped. At most
/// [`MAX_TEXT_WORDS`] words and [`MAX_TEXT_BYTES`] bytes, so that one search stays cheap.
pub fn text_query(text: &str) -> Result<String> {
    let bad = |m: String| StoreError::BadFilter {
        param: "text",
        message: m,
    };
    if text.len() > MAX_TEXT_BYTES {
        return Err(bad(format!(
            "at most {MAX_TEXT_BYTES} bytes of search text ({} given)",
            text.len()
        )));
    }
    let words: Vec<String> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    if words.is_empty() {
        return Err(bad("no word to search for".into()));
    }
    if words.len() > MAX_TEXT_WORDS {
        return Err(bad(format!(
            "at most {MAX_TEXT_WORDS} words ({} given)",
            words.len()
        )));
    }
    Ok(words.join(" "))
}

/// `s` with LIKE's wildcards (`%`, `_`) and the escape character itself escaped by `\`,
/// so that a name is matched as written ("actor=%" matches no one).
fn like_escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Page bounds: a client asking past them gets an error naming the parameter.
fn check_page(f: &Filter) -> Result<()> {
    if let Some(l) = f.limit.filter(|&l| l > MAX_LIMIT) {
        return Err(StoreError::BadFilter {
            param: "limit",
            message: format!("at most {MAX_LIMIT} ({l} given)"),
        });
    }
    if let Some(o) = f.offset.filter(|&o| o > MAX_OFFSET) {
        return Err(StoreError::BadFilter {
            param: "offset",
            message: format!("at most {MAX_OFFSET} ({o} given)"),
        });
    }
    Ok(())
}

/// What to look for. Every set field narrows the result.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Events on or after this date (YYYY-MM-DD).
    pub from: Option<String>,
    /// Events on or before this date.
    pub to: Option<String>,
    /// ISO alpha-2 country code.
    pub country: Option<String>,
    /// Admin-1 name (case-insensitive).
    pub admin1: Option<String>,
    /// Bounding box: min lon, min lat, max lon, max lat.
    pub bbox: Option<[f64; 4]>,
    /// Within `km` of (`lat`, `lon`).
    pub near: Option<(f64, f64, f64)>,
    /// A PLOVER type, an ACLED event type or an ACLED sub-event type (case-insensitive).
    pub event_type: Option<String>,
    /// An actor by any of its names or aliases.
    pub actor: Option<String>,
    /// asserted, claimed, denied or hedged.
    pub certainty: Option<String>,
    /// Words to find in the evidence, all of them, each as written ([`text_query`]).
    pub text: Option<String>,
    /// `date` (newest first, the default), `confidence` or `fatalities`.
    pub sort: Option<String>,
    /// Page size.
    pub limit: Option<usize>,
    /// Rows to skip.
    pub offset: Option<usize>,
}

/// One event as queries return it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventRow {
    /// Event row id.
    pub id: i64,
    /// Incident id.
    pub incident_id: Option<i64>,
    /// The article's input id.
    pub article: String,
    /// Event date.
    pub date: String,
    /// PLOVER type.
    pub plover_type: String,
    /// ACLED type.
    pub acled_event_type: String,
    /// ACLED sub-type.
    pub acled_sub_event_type: String,
    /// Source actor name.
    pub source: Option<String>,
    /// Target actor name.
    pub target: Option<String>,
    /// Place name.
    pub location: Option<String>,
    /// Admin-1 name.
    pub admin1: Option<String>,
    /// Country code.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Killed.
    pub killed: Option<i64>,
    /// Certainty.
    pub certainty: String,
    /// Who says so.
    pub claimant: Option<String>,
    /// Confidence.
    pub confidence: f64,
    /// The full event JSON.
    #[serde(skip)]
    pub json: String,
}

impl Store {
    /// Actor ids known under `name` (folded alias match, or a canonical name containing it).
    pub fn actor_ids(&self, name: &str) -> Result<Vec<String>> {
        let key = normalize_key(name);
        let mut stmt = self.conn.prepare_cached(
            "SELECT actor_id FROM actor_aliases WHERE alias_key = ?1
             UNION SELECT id FROM actors WHERE lower(name) LIKE '%' || ?2 || '%' ESCAPE '\\' OR id = ?1",
        )?;
        let ids = stmt
            .query_map(
                rusqlite::params![key, like_escaped(&name.to_lowercase())],
                |r| r.get::<_, String>(0),
            )?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(ids)
    }

    /// The SQL conditions (on `events e`) and their arguments for a filter; `None` when
    /// nothing can match (an unknown actor). A radius is approximated by its box here.
    pub fn where_clause(&self, f: &Filter) -> Result<Option<(String, Vec<Value>)>> {
        let mut sql = String::from(" WHERE 1 = 1");
        let mut args: Vec<Value> = Vec::new();
        let mut push = |sql: &mut String, clause: &str, v: Value| {
            args.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(d) = &f.from {
            push(&mut sql, " AND e.date >= ?", Value::Text(d.clone()));
        }
        if let Some(d) = &f.to {
            push(&mut sql, " AND e.date <= ?", Value::Text(d.clone()));
        }
        if let Some(c) = &f.country {
            push(
                &mut sql,
                " AND e.country = ?",
                Value::Text(c.to_uppercase()),
            );
        }
        if let Some(a) = &f.admin1 {
            push(
                &mut sql,
                " AND lower(e.admin1) = ?",
                Value::Text(a.to_lowercase()),
            );
        }
        let bbox = f.bbox.or_else(|| {
            f.near.map(|(lat, lon, km)| {
                let dlat = km / 111.0;
                let dlon = km / (111.0 * lat.to_radians().cos().max(0.01));
                [lon - dlon, lat - dlat, lon + dlon, lat + dlat]
            })
        });
        if let Some([x0, y0, x1, y1]) = bbox {
            push(&mut sql, " AND e.lat >= ?", Value::Real(y0));
            push(&mut sql, " AND e.lat <= ?", Value::Real(y1));
            push(&mut sql, " AND e.lon >= ?", Value::Real(x0));
            push(&mut sql, " AND e.lon <= ?", Value::Real(x1));
        }
        if let Some(t) = &f.event_type {
            // A known name goes to its own indexed column; anything else is compared
            // with all three.
            let find =
                |list: &[&'static str]| list.iter().find(|x| x.eq_ignore_ascii_case(t)).copied();
            if let Some(p) = find(PLOVER_TYPES) {
                push(&mut sql, " AND e.plover_type = ?", Value::Text(p.into()));
            } else if let Some(a) = find(&EVENT_TYPES) {
                push(
                    &mut sql,
                    " AND e.acled_event_type = ?",
                    Value::Text(a.into()),
                );
            } else if let Some(a) = find(&SUB_EVENT_TYPES) {
                push(
                    &mut sql,
                    " AND e.acled_sub_event_type = ?",
                    Value::Text(a.into()),
                );
            } else {
                let t = t.to_lowercase();
                push(
                    &mut sql,
                    " AND (lower(e.plover_type) = ?",
                    Value::Text(t.clone()),
                );
                push(
                    &mut sql,
                    " OR lower(e.acled_event_type) = ?",
                    Value::Text(t.clone()),
                );
                push(
                    &mut sql,
                    " OR lower(e.acled_sub_event_type) = ?)",
                    Value::Text(t),
                );
            }
        }
        if let Some(c) = &f.certainty {
            push(
                &mut sql,
                " AND e.certainty = ?",
                Value::Text(c.to_lowercase()),
            );
        }
        if let Some(q) = &f.text {
            push(
                &mut sql,
                " AND e.id IN (SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ?)",
                Value::Text(text_query(q)?),
            );
        }
        if let Some(name) = &f.actor {
            let ids = self.actor_ids(name)?;
            if ids.is_empty() {
                return Ok(None);
            }
            let mut placeholders = Vec::new();
            for id in ids {
                args.push(Value::Text(id));
                placeholders.push(format!("?{}", args.len()));
            }
            let list = placeholders.join(", ");
            sql.push_str(&format!(
                " AND (e.source_actor_id IN ({list}) OR e.target_actor_id IN ({list}))"
            ));
        }
        Ok(Some((sql, args)))
    }

    /// Events matching `f`, sorted and paged.
    pub fn query(&self, f: &Filter) -> Result<Vec<EventRow>> {
        let Some((conds, args)) = self.where_clause(f)? else {
            return Ok(Vec::new());
        };
        let mut sql = String::from(
            "SELECT e.id, e.incident_id, a.ext_id, e.date, e.plover_type, e.acled_event_type, e.acled_sub_event_type,
                    sa.name, ta.name, e.location, e.admin1, e.country, e.lat, e.lon, e.killed, e.certainty, e.claimant, e.confidence, e.json
             FROM events e JOIN articles a ON a.id = e.article_id
             LEFT JOIN actors sa ON sa.id = e.source_actor_id LEFT JOIN actors ta ON ta.id = e.target_actor_id",
        );
        sql.push_str(&conds);
        sql.push_str(match f.sort.as_deref() {
            None | Some("date") => " ORDER BY e.date DESC, e.confidence DESC, e.id",
            Some("confidence") => " ORDER BY e.confidence DESC, e.date DESC, e.id",
            Some("fatalities") => " ORDER BY coalesce(e.killed, 0) DESC, e.date DESC, e.id",
            Some(other) => {
                return Err(StoreError::Other(format!(
                    "unknown sort {other:?}: use date, confidence or fatalities"
                )))
            }
        });
        check_page(f)?;
        // A radius is exact only after the box: page in Rust then.
        if f.near.is_none() {
            sql.push_str(&format!(
                " LIMIT {} OFFSET {}",
                f.limit.unwrap_or(100),
                f.offset.unwrap_or(0)
            ));
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(EventRow {
                id: r.get(0)?,
                incident_id: r.get(1)?,
                article: r.get(2)?,
                date: r.get(3)?,
                plover_type: r.get(4)?,
                acled_event_type: r.get(5)?,
                acled_sub_event_type: r.get(6)?,
                source: r.get(7)?,
                target: r.get(8)?,
                location: r.get(9)?,
                admin1: r.get(10)?,
                country: r.get(11)?,
                lat: r.get(12)?,
                lon: r.get(13)?,
                killed: r.get(14)?,
                certainty: r.get(15)?,
                claimant: r.get(16)?,
                confidence: r.get(17)?,
                json: r.get(18)?,
            })
        })?;
        let mut out: Vec<EventRow> = rows.collect::<std::result::Result<_, _>>()?;
        if let Some((lat, lon, km)) = f.near {
            out.retain(|e| {
                e.lat
                    .zip(e.lon)
                    .is_some_and(|(a, b)| annals_geo::haversine_km(lat, lon, a, b) <= km)
            });
            out = out
                .into_iter()
                .skip(f.offset.unwrap_or(0))
                .take(f.limit.unwrap_or(100))
                .collect();
        }
        Ok(out)
    }

    /// Counts by day, type and country of the events matching `f`.
    pub fn stats(&self, f: &Filter) -> Result<Stats> {
        let Some((conds, args)) = self.where_clause(f)? else {
            return Ok(Stats::default());
        };
        let group = |col: &str, order: &str| -> Result<Vec<(String, i64)>> {
            let sql = format!("SELECT coalesce({col}, ''), count(*) FROM events e{conds} GROUP BY 1 ORDER BY {order}");
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            Ok(rows.collect::<std::result::Result<_, _>>()?)
        };
        let by_day = group("e.date", "1")?;
        Ok(Stats {
            events: by_day.iter().map(|d| d.1).sum(),
            by_day,
            by_type: group("e.acled_event_type", "2 DESC, 1")?,
            by_country: group("e.country", "2 DESC, 1")?,
        })
    }

    /// Actors whose alias or name matches `q`, with how many events name them.
    pub fn search_actors(&self, q: &str, limit: usize) -> Result<Vec<ActorHit>> {
        let key = normalize_key(q);
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.name, a.kind, a.country,
                    (SELECT count(*) FROM events e WHERE e.source_actor_id = a.id OR e.target_actor_id = a.id)
             FROM actors a WHERE a.id IN (SELECT actor_id FROM actor_aliases WHERE alias_key = ?1 OR alias_key LIKE ?4 || '%' ESCAPE '\\')
                OR lower(a.name) LIKE '%' || ?2 || '%' ESCAPE '\\'
             ORDER BY 5 DESC, a.name LIMIT ?3",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![
                key,
                like_escaped(&q.to_lowercase()),
                limit.min(MAX_LIMIT) as i64,
                like_escaped(&key)
            ],
            |r| {
                Ok(ActorHit {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    country: r.get(3)?,
                    events: r.get(4)?,
                })
            },
        )?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// One event with its article, incident, figures and why it joined its incident;
    /// `None` when there is no such event.
    pub fn event_detail(&self, id: i64) -> Result<Option<serde_json::Value>> {
        use rusqlite::OptionalExtension;
        let row = self
            .conn
            .query_row(
                "SELECT e.json, e.incident_id, a.ext_id, a.date, a.source, a.url, a.title, a.text, a.output,
                        (SELECT reason FROM merges m WHERE m.event_id = e.id)
                 FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<i64>>(1)?,
                        (r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, Option<String>>(4)?, r.get::<_, Option<String>>(5)?, r.get::<_, Option<String>>(6)?),
                        r.get::<_, Option<String>>(7)?,
                        r.get::<_, String>(8)?,
                        r.get::<_, Option<String>>(9)?,
                    ))
                },
            )
            .optional()?;
        let Some((json, incident, (ext, date, source, url, title), text, output, reason)) = row
        else {
            return Ok(None);
        };
        let output: serde_json::Value = serde_json::from_str(&output)?;
        let mut claims = Vec::new();
        let mut reports = 0i64;
        if let Some(inc) = incident {
            let mut stmt = self.conn.prepare("SELECT what, value, high, qualifier, claimant, certainty, event_id FROM claims WHERE incident_id = ?1 ORDER BY what, value")?;
            let rows = stmt.query_map([inc], |r| {
                Ok(serde_json::json!({
                    "what": r.get::<_, String>(0)?, "value": r.get::<_, i64>(1)?, "high": r.get::<_, Option<i64>>(2)?,
                    "qualifier": r.get::<_, Option<String>>(3)?, "claimant": r.get::<_, Option<String>>(4)?,
                    "certainty": r.get::<_, String>(5)?, "event_id": r.get::<_, i64>(6)?,
                }))
            })?;
            for c in rows {
                claims.push(c?);
            }
            reports =
                self.conn
                    .query_row("SELECT reports FROM incidents WHERE id = ?1", [inc], |r| {
                        r.get(0)
                    })?;
        }
        Ok(Some(serde_json::json!({
            "id": id,
            "event": serde_json::from_str::<serde_json::Value>(&json)?,
            "article": {"id": ext, "date": date, "source": source, "url": url, "title": title, "text": text,
                        "actors": output["actors"], "places": output["places"], "quotes": output["quotes"]},
            "incident": {"id": incident, "reports": reports, "claims": claims, "joined_because": reason},
        })))
    }

    /// An incident in words: its fields, every report, why each joined, and every figure
    /// with its claimant.
    pub fn show_incident(&self, id: i64) -> Result<String> {
        use std::fmt::Write;
        let mut s = String::new();
        let row = self.conn.query_row(
            "SELECT plover_type, acled_event_type, acled_sub_event_type, date, country, admin1, location, lat, lon, actor_ids, fatalities, fatalities_low, fatalities_high, reports FROM incidents WHERE id = ?1",
            [id],
            |r| {
                Ok(format!(
                    "incident {id}: {} / {} / {}\n  date {}  place {} ({}, {}) at {:?},{:?}\n  actors {}\n  fatalities {:?} (range {:?}-{:?}), reports {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                    r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                    r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                    r.get::<_, Option<f64>>(7)?,
                    r.get::<_, Option<f64>>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, Option<i64>>(10)?,
                    r.get::<_, Option<i64>>(11)?,
                    r.get::<_, Option<i64>>(12)?,
                    r.get::<_, i64>(13)?,
                ))
            },
        );
        match row {
            Ok(head) => s.push_str(&head),
            Err(rusqlite::Error::QueryReturnedNoRows) => {
                return Err(StoreError::Other(format!("no incident {id}")))
            }
            Err(e) => return Err(e.into()),
        }
        s.push_str("\nreports:\n");
        let mut stmt = self.conn.prepare(
            "SELECT e.id, a.ext_id, coalesce(a.source, ''), e.date, e.location, m.reason, e.certainty, coalesce(e.claimant, '') FROM merges m
             JOIN events e ON e.id = m.event_id JOIN articles a ON a.id = e.article_id WHERE m.incident_id = ?1 ORDER BY e.id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(format!(
                "  event {} in {} {} ({}, {}): {} [{} by {}]",
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?
            ))
        })?;
        for r in rows {
            let _ = writeln!(s, "{}", r?);
        }
        s.push_str("figures:\n");
        let mut stmt = self.conn.prepare("SELECT what, value, coalesce(qualifier, ''), coalesce(claimant, 'the article'), certainty, event_id FROM claims WHERE incident_id = ?1 ORDER BY what, value")?;
        let rows = stmt.query_map([id], |r| {
            let q: String = r.get(2)?;
            Ok(format!(
                "  {} {}{} according to {} ({}, event {})",
                r.get::<_, String>(0)?,
                if q.is_empty() {
                    String::new()
                } else {
                    format!("{q} ")
                },
                r.get::<_, i64>(1)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?
            ))
        })?;
        for r in rows {
            let _ = writeln!(s, "{}", r?);
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_is_quoted_words() {
        assert_eq!(text_query("St. Louis").unwrap(), r#""St." "Louis""#);
        assert_eq!(text_query("Davis-Riley").unwrap(), r#""Davis-Riley""#);
        assert_eq!(text_query(r#"say "no" *"#).unwrap(), r#""say" """no""""#);
        assert_eq!(text_query("nosuchcol:x").unwrap(), r#""nosuchcol:x""#);
        assert!(text_query(" \" * ").is_err());
        assert!(text_query(&"a* ".repeat(100)).is_err());
        assert!(text_query(&"w ".repeat(MAX_TEXT_WORDS + 1)).is_err());
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(like_escaped("50%_a\\b"), "50\\%\\_a\\\\b");
        assert_eq!(like_escaped("nrf"), "nrf");
    }
}
