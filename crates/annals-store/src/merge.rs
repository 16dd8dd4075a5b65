//! Merging reports of one real-world event into an incident.
//!
//! An event joins an incident when all of these hold, and the closest such incident
//! (by distance, then by days apart) wins:
//! - it happened (`status` = occurred) and has the incident's PLOVER and ACLED types;
//! - its date is within [`DATE_WINDOW_DAYS`] of the incident's;
//! - its place is within [`DISTANCE_KM`] of the incident's, or, when either lacks
//!   coordinates, both are in the same country and neither's admin-1 contradicts;
//! - the actors overlap (an actor id in common), or one side names none.
//!
//! Every join is recorded in `merges` with the reason in words (`annals show`).
//! The incident keeps every report's figures in `claims`; its own figure is the most
//! conservative one reported (ACLED's rule), beside the low-high range.

use crate::exec;
use crate::Result;
use annals_extract::output::Event;
use rusqlite::{params, Transaction};

/// Reports more days apart than this are different incidents.
pub const DATE_WINDOW_DAYS: i64 = 2;
/// Reports farther apart than this are different incidents.
pub const DISTANCE_KM: f64 = 50.0;

/// What merging needs to know about an event.
#[derive(Debug, Clone)]
pub struct EventKey {
    /// PLOVER type.
    pub plover_type: String,
    /// ACLED type.
    pub acled_event_type: String,
    /// ACLED sub-type.
    pub acled_sub_event_type: String,
    /// Status.
    pub status: String,
    /// Date.
    pub date: jiff::civil::Date,
    /// Date precision.
    pub date_precision: String,
    /// Place fields.
    pub country: Option<String>,
    /// Admin-1 name.
    pub admin1: Option<String>,
    /// Place name.
    pub location: Option<String>,
    /// Coordinates.
    pub latlon: Option<(f64, f64)>,
    /// Geo precision.
    pub geo_precision: Option<String>,
    /// Actor ids.
    pub actors: Vec<String>,
}

impl EventKey {
    /// The key of an output event.
    pub fn of(e: &Event) -> Self {
        let p = e.place.as_ref().map(|p| &p.geo);
        EventKey {
            plover_type: e.plover_type.clone(),
            acled_event_type: e.acled_event_type.clone(),
            acled_sub_event_type: e.acled_sub_event_type.clone(),
            status: e.status.clone(),
            date: e
                .date
                .value
                .parse()
                .unwrap_or(jiff::civil::date(1970, 1, 1)),
            date_precision: e.date.precision.clone(),
            country: p.map(|p| p.country.clone()),
            admin1: p.and_then(|p| p.admin1.clone()),
            location: p.map(|p| p.name.clone()),
            latlon: p.map(|p| (p.lat, p.lon)),
            geo_precision: p.map(|p| p.precision.clone()),
            actors: [&e.source_actor, &e.target_actor]
                .into_iter()
                .flatten()
                .map(|a| a.id.clone())
                .collect(),
        }
    }
}

fn precision_rank(p: Option<&str>) -> u8 {
    match p {
        Some("exact") => 4,
        Some("near") => 3,
        Some("admin2") => 2,
        Some("admin1") => 1,
        _ => 0,
    }
}

/// Put event `event_id` into an incident: an existing one it matches, or a new one.
/// Returns whether it joined an existing incident.
pub fn assign(tx: &Transaction, event_id: i64, k: &EventKey) -> Result<bool> {
    let found = if k.status == "occurred" {
        best_match(tx, k)?
    } else {
        None
    };
    let (incident, joined) = match found {
        Some((id, reason)) => {
            exec(
                tx,
                "INSERT INTO merges (incident_id, event_id, reason) VALUES (?1, ?2, ?3)",
                params![id, event_id, reason],
            )?;
            (id, true)
        }
        None => {
            exec(
            tx,
            "INSERT INTO incidents (plover_type, acled_event_type, acled_sub_event_type, date, date_precision, country, admin1, location, lat, lon, geo_precision, actor_ids, reports)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0)",
                params![
                    k.plover_type,
                    k.acled_event_type,
                    k.acled_sub_event_type,
                    k.date.to_string(),
                    k.date_precision,
                    k.country,
                    k.admin1,
                    k.location,
                    k.latlon.map(|l| l.0),
                    k.latlon.map(|l| l.1),
                    k.geo_precision,
                    k.actors.join("|")
                ],
            )?;
            let id = tx.last_insert_rowid();
            exec(tx, "INSERT INTO merges (incident_id, event_id, reason) VALUES (?1, ?2, 'first report')", params![id, event_id])?;
            (id, false)
        }
    };
    exec(
        tx,
        "UPDATE events SET incident_id = ?1 WHERE id = ?2",
        params![incident, event_id],
    )?;
    exec(
        tx,
        "UPDATE claims SET incident_id = ?1 WHERE event_id = ?2",
        params![incident, event_id],
    )?;
    if joined {
        refresh(tx, incident, k)?;
    } else {
        refresh_figures(tx, incident)?;
    }
    Ok(joined)
}

struct Candidate {
    id: i64,
    date: String,
    country: Option<String>,
    admin1: Option<String>,
    latlon: Option<(f64, f64)>,
    actors: Vec<String>,
}

fn best_match(tx: &Transaction, k: &EventKey) -> Result<Option<(i64, String)>> {
    let lo = k
        .date
        .checked_sub(jiff::Span::new().days(DATE_WINDOW_DAYS))
        .unwrap_or(k.date)
        .to_string();
    let hi = k
        .date
        .checked_add(jiff::Span::new().days(DATE_WINDOW_DAYS))
        .unwrap_or(k.date)
        .to_string();
    let mut stmt = tx.prepare_cached(
        "SELECT id, date, country, admin1, lat, lon, actor_ids FROM incidents
         WHERE acled_event_type = ?1 AND plover_type = ?2 AND date BETWEEN ?3 AND ?4",
    )?;
    let rows = stmt.query_map(params![k.acled_event_type, k.plover_type, lo, hi], |r| {
        let lat: Option<f64> = r.get(4)?;
        let lon: Option<f64> = r.get(5)?;
        let actors: String = r.get(6)?;
        Ok(Candidate {
            id: r.get(0)?,
            date: r.get(1)?,
            country: r.get(2)?,
            admin1: r.get(3)?,
            latlon: lat.zip(lon),
            actors: actors
                .split('|')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        })
    })?;
    let mut best: Option<(f64, i64, i64, String)> = None; // (km, days, id, reason)
    for c in rows {
        let c = c?;
        let days = c
            .date
            .parse::<jiff::civil::Date>()
            .map(|d| (d - k.date).get_days().abs() as i64)
            .unwrap_or(i64::MAX);
        let (km, place_why) = match (k.latlon, c.latlon) {
            (Some(a), Some(b)) => {
                let d = annals_geo::haversine_km(a.0, a.1, b.0, b.1);
                if d > DISTANCE_KM {
                    continue;
                }
                (d, format!("{d:.0} km apart"))
            }
            _ => {
                let same_country = k.country.is_some() && k.country == c.country;
                let admin_ok = k.admin1.is_none() || c.admin1.is_none() || k.admin1 == c.admin1;
                if !same_country || !admin_ok {
                    continue;
                }
                (
                    DISTANCE_KM,
                    format!("same country {}", c.country.clone().unwrap_or_default()),
                )
            }
        };
        let shared: Vec<&String> = k.actors.iter().filter(|a| c.actors.contains(a)).collect();
        let actor_why = if !shared.is_empty() {
            format!(
                "shared actor {}",
                shared
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else if k.actors.is_empty() || c.actors.is_empty() {
            "no conflicting actors (one side names none)".to_string()
        } else {
            continue;
        };
        let reason = format!(
            "same type {} / {}; {} day(s) apart; {}; {}",
            k.plover_type, k.acled_event_type, days, place_why, actor_why
        );
        if best.as_ref().is_none_or(|b| (km, days) < (b.0, b.1)) {
            best = Some((km, days, c.id, reason));
        }
    }
    Ok(best.map(|b| (b.2, b.3)))
}

/// After a join: widen the incident (earliest date, more precise place, more actors)
/// and recompute its figures.
fn refresh(tx: &Transaction, id: i64, k: &EventKey) -> Result<()> {
    let (date, gp, actors): (String, Option<String>, String) = tx.query_row(
        "SELECT date, geo_precision, actor_ids FROM incidents WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if k.date.to_string() < date {
        exec(
            tx,
            "UPDATE incidents SET date = ?1, date_precision = ?2 WHERE id = ?3",
            params![k.date.to_string(), k.date_precision, id],
        )?;
    }
    if precision_rank(k.geo_precision.as_deref()) > precision_rank(gp.as_deref()) {
        exec(
            tx,
            "UPDATE incidents SET country = ?1, admin1 = ?2, location = ?3, lat = ?4, lon = ?5, geo_precision = ?6 WHERE id = ?7",
            params![k.country, k.admin1, k.location, k.latlon.map(|l| l.0), k.latlon.map(|l| l.1), k.geo_precision, id],
        )?;
    }
    let mut all: Vec<String> = actors
        .split('|')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    for a in &k.actors {
        if !all.contains(a) {
            all.push(a.clone());
        }
    }
    exec(
        tx,
        "UPDATE incidents SET actor_ids = ?1 WHERE id = ?2",
        params![all.join("|"), id],
    )?;
    refresh_figures(tx, id)
}

fn refresh_figures(tx: &Transaction, id: i64) -> Result<()> {
    exec(
            tx,
            "UPDATE incidents SET
            fatalities = (SELECT min(value) FROM claims WHERE incident_id = ?1 AND what = 'killed'),
            fatalities_low = (SELECT min(value) FROM claims WHERE incident_id = ?1 AND what = 'killed'),
            fatalities_high = (SELECT max(coalesce(high, value)) FROM claims WHERE incident_id = ?1 AND what = 'killed'),
            reports = (SELECT count(DISTINCT article_id) FROM events WHERE incident_id = ?1)
         WHERE id = ?1",
        [id],
    )?;
    Ok(())
}
