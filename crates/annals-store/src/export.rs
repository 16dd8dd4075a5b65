//! Exports of incidents: ACLED-style CSV (ACLED's column names where they exist, then
//! annals' own), JSON Lines (each incident with its reports and figures), and GeoJSON.

use crate::{Result, Store};
use rusqlite::params;
use serde::Serialize;
use std::io::Write;

/// An incident with everything behind it.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentExport {
    /// Incident id.
    pub incident_id: i64,
    /// ACLED-style id: country code and incident id.
    pub event_id_cnty: String,
    /// Date.
    pub event_date: String,
    /// Year.
    pub year: i64,
    /// 1 day, 2 week, 3 month or coarser.
    pub time_precision: i64,
    /// PLOVER type.
    pub plover_type: String,
    /// ACLED type.
    pub event_type: String,
    /// ACLED sub-type.
    pub sub_event_type: String,
    /// First actor (the first report's source, else its target).
    pub actor1: String,
    /// Second actor.
    pub actor2: String,
    /// Country name.
    pub country: String,
    /// ISO alpha-2.
    pub iso2: String,
    /// Admin-1 name.
    pub admin1: String,
    /// Place name.
    pub location: String,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// 1 exact place, 2 near or district, 3 region or country (ACLED's scale).
    pub geo_precision: i64,
    /// Outlets of the reports, `; `-separated.
    pub source: String,
    /// The first report's evidence.
    pub notes: String,
    /// The most conservative fatality figure reported.
    pub fatalities: i64,
    /// Lowest reported.
    pub fatalities_low: Option<i64>,
    /// Highest reported.
    pub fatalities_high: Option<i64>,
    /// Every figure with who claims it: "killed 350 (over) by National Resistance Front, claimed".
    pub claimants: String,
    /// Number of articles reporting it.
    pub reports: i64,
}

fn time_precision(p: &str) -> i64 {
    match p {
        "day" => 1,
        "week" => 2,
        _ => 3,
    }
}

fn geo_precision(p: Option<&str>) -> i64 {
    match p {
        Some("exact") => 1,
        Some("near") | Some("admin2") => 2,
        _ => 3,
    }
}

impl Store {
    /// Every incident, oldest first. `country_name` turns ISO codes into names.
    pub fn incidents(&self, country_name: &dyn Fn(&str) -> String) -> Result<Vec<IncidentExport>> {
        self.incidents_page(country_name, i64::MAX as usize, 0)
    }

    /// A page of incidents, newest first when paged for the API, oldest first for exports.
    pub fn incidents_page(
        &self,
        country_name: &dyn Fn(&str) -> String,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<IncidentExport>> {
        let order = if limit == i64::MAX as usize {
            "date, id"
        } else {
            "date DESC, id DESC"
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, date, date_precision, plover_type, acled_event_type, acled_sub_event_type, coalesce(country, ''), coalesce(admin1, ''),
                    coalesce(location, ''), lat, lon, geo_precision, fatalities, fatalities_low, fatalities_high, reports
             FROM incidents ORDER BY {order} LIMIT {} OFFSET {}",
            limit.min(i64::MAX as usize) as i64,
            offset
        ))?;
        let mut out = Vec::new();
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, Option<f64>>(9)?,
                r.get::<_, Option<f64>>(10)?,
                r.get::<_, Option<String>>(11)?,
                (
                    r.get::<_, Option<i64>>(12)?,
                    r.get::<_, Option<i64>>(13)?,
                    r.get::<_, Option<i64>>(14)?,
                    r.get::<_, i64>(15)?,
                ),
            ))
        })?;
        for row in rows {
            let (id, date, dp, pt, et, st, cc, a1, loc, lat, lon, gp, (fat, lo, hi, reports)) =
                row?;
            let (actor1, actor2, notes, source) = self.conn.query_row(
                "SELECT coalesce(sa.name, ''), coalesce(ta.name, ''), e.json, coalesce(a.source, '') FROM events e
                 JOIN articles a ON a.id = e.article_id
                 LEFT JOIN actors sa ON sa.id = e.source_actor_id LEFT JOIN actors ta ON ta.id = e.target_actor_id
                 WHERE e.incident_id = ?1 ORDER BY e.id LIMIT 1",
                params![id],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?)),
            )?;
            let notes = serde_json::from_str::<serde_json::Value>(&notes)
                .ok()
                .and_then(|v| v["evidence"][0]["text"].as_str().map(String::from))
                .unwrap_or_default();
            let mut sources: Vec<String> = {
                let mut s = self.conn.prepare_cached(
                    "SELECT DISTINCT coalesce(a.source, a.ext_id) FROM events e JOIN articles a ON a.id = e.article_id WHERE e.incident_id = ?1 ORDER BY 1",
                )?;
                let v = s
                    .query_map([id], |r| r.get::<_, String>(0))?
                    .collect::<std::result::Result<Vec<_>, _>>()?;
                v
            };
            if sources.is_empty() && !source.is_empty() {
                sources.push(source);
            }
            let claimants = {
                let mut s = self.conn.prepare_cached(
                    "SELECT what, value, high, qualifier, coalesce(claimant, 'the article'), certainty FROM claims WHERE incident_id = ?1 ORDER BY what, value, id",
                )?;
                let v = s
                    .query_map([id], |r| {
                        let high: Option<i64> = r.get(2)?;
                        let q: Option<String> = r.get(3)?;
                        Ok(format!(
                            "{} {}{}{} by {}, {}",
                            r.get::<_, String>(0)?,
                            r.get::<_, i64>(1)?,
                            high.map(|h| format!("-{h}")).unwrap_or_default(),
                            q.map(|q| format!(" ({q})")).unwrap_or_default(),
                            r.get::<_, String>(4)?,
                            r.get::<_, String>(5)?
                        ))
                    })?
                    .collect::<std::result::Result<Vec<_>, _>>()?;
                v.join("; ")
            };
            out.push(IncidentExport {
                incident_id: id,
                event_id_cnty: format!("{}{}", if cc.is_empty() { "XX" } else { &cc }, id),
                year: date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0),
                event_date: date,
                time_precision: time_precision(&dp),
                plover_type: pt,
                event_type: et,
                sub_event_type: st,
                actor1: if actor1.is_empty() {
                    actor2.clone()
                } else {
                    actor1.clone()
                },
                actor2: if actor1.is_empty() {
                    String::new()
                } else {
                    actor2
                },
                country: if cc.is_empty() {
                    String::new()
                } else {
                    country_name(&cc)
                },
                iso2: cc,
                admin1: a1,
                location: loc,
                latitude: lat,
                longitude: lon,
                geo_precision: geo_precision(gp.as_deref()),
                source: sources.join("; "),
                notes,
                fatalities: fat.unwrap_or(0),
                fatalities_low: lo,
                fatalities_high: hi,
                claimants,
                reports,
            });
        }
        Ok(out)
    }

    /// Write every incident in `format`: `acled-csv`, `jsonl` or `geojson`.
    pub fn export(
        &self,
        format: &str,
        country_name: &dyn Fn(&str) -> String,
        out: &mut dyn Write,
    ) -> Result<usize> {
        let rows = self.incidents(country_name)?;
        let io = |e: std::io::Error| crate::StoreError::Other(format!("writing the export: {e}"));
        match format {
            "acled-csv" => {
                let mut w = csv::Writer::from_writer(out);
                for r in &rows {
                    w.serialize(r)
                        .map_err(|e| crate::StoreError::Other(format!("writing CSV: {e}")))?;
                }
                w.flush().map_err(io)?;
            }
            "jsonl" => {
                for r in &rows {
                    let mut v = serde_json::to_value(r)?;
                    let mut stmt = self.conn.prepare_cached("SELECT e.json, a.ext_id FROM events e JOIN articles a ON a.id = e.article_id WHERE e.incident_id = ?1 ORDER BY e.id")?;
                    let reports: Vec<serde_json::Value> = stmt
                        .query_map([r.incident_id], |x| Ok((x.get::<_, String>(0)?, x.get::<_, String>(1)?)))?
                        .filter_map(|x| x.ok())
                        .map(|(j, art)| serde_json::json!({"article": art, "event": serde_json::from_str::<serde_json::Value>(&j).unwrap_or_default()}))
                        .collect();
                    v["reports_detail"] = serde_json::Value::Array(reports);
                    writeln!(out, "{}", serde_json::to_string(&v)?).map_err(io)?;
                }
            }
            "geojson" => {
                let features: Vec<serde_json::Value> = rows
                    .iter()
                    .filter(|r| r.latitude.is_some() && r.longitude.is_some())
                    .map(|r| {
                        serde_json::json!({
                            "type": "Feature",
                            "geometry": {"type": "Point", "coordinates": [r.longitude, r.latitude]},
                            "properties": r,
                        })
                    })
                    .collect();
                let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
                writeln!(out, "{}", serde_json::to_string(&fc)?).map_err(io)?;
            }
            other => {
                return Err(crate::StoreError::Other(format!(
                    "unknown export format {other:?}: use acled-csv, jsonl or geojson"
                )))
            }
        }
        Ok(rows.len())
    }
}
