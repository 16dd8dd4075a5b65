//! Places: toponyms end to end (GeoVirus) and the place of the event (event-location
//! records), and how admin-1 names are compared across naming conventions.

use crate::gold::{byte_at, gold_place_chars, gold_records};
use crate::{rows_writer, Report};
use annals_extract::Pipeline;
use annals_geo::build::{english_directions, strip_generic};
use annals_geo::words::PlaceWord;
use annals_text::normalize_key;
use anyhow::Result;
use serde_json::json;
use std::fmt::Write as _;
use std::path::Path;

pub fn geo(path: &Path, rows_out: Option<&Path>, pipeline: &Pipeline) -> Result<Report> {
    let mut rows_out = rows_writer(rows_out)?;
    let (mut gold_n, mut found, mut within) = (0usize, 0usize, 0usize);
    let mut errors_km: Vec<f64> = Vec::new();
    for (article, gold) in gold_records(path)? {
        let out = pipeline.extract(&article);
        for g in gold["locations"].as_array().into_iter().flatten() {
            // GeoVirus offsets are characters; `_span` is the checked one.
            let (Some(cs), Some(ce)) = (g["_span"][0].as_u64(), g["_span"][1].as_u64()) else {
                continue;
            };
            let (gs, ge) = (
                byte_at(&article.text, cs as usize),
                byte_at(&article.text, ce as usize),
            );
            gold_n += 1;
            let hit = out
                .places
                .iter()
                .find(|p| p.mentions.iter().any(|m| m[0] < ge && gs < m[1]));
            let mut km = None;
            if let Some(p) = hit {
                found += 1;
                if let (Some(lat), Some(lon)) = (g["lat"].as_f64(), g["lon"].as_f64()) {
                    let d = annals_geo::haversine_km(p.geo.lat, p.geo.lon, lat, lon);
                    errors_km.push(d);
                    within += usize::from(d <= 161.0);
                    km = Some(d);
                }
            }
            if let Some(w) = rows_out.as_mut() {
                use std::io::Write;
                let row = json!({
                    "id": article.id,
                    "gold": {"name": &article.text[gs..ge], "lat": g["lat"], "lon": g["lon"]},
                    "pred": hit.map(|p| json!({
                        "name": p.geo.name, "country": p.geo.country,
                        "lat": p.geo.lat, "lon": p.geo.lon, "reason": p.reason,
                    })),
                    "km": km,
                });
                writeln!(w, "{row}")?;
            }
        }
    }
    errors_km.sort_by(f64::total_cmp);
    let median = errors_km.get(errors_km.len() / 2).copied().unwrap_or(0.0);
    let recall = found as f64 / gold_n.max(1) as f64;
    let acc = within as f64 / found.max(1) as f64;
    let figures =
        { json!({"gold": gold_n, "recall": recall, "acc_161km": acc, "median_km": median}) };
    let mut table = String::new();
    writeln!(table, "{gold_n} gold place mentions in {}", path.display())?;
    writeln!(
        table,
        "recall      {recall:.4}  (a resolved place mention overlaps the gold one)"
    )?;
    writeln!(
        table,
        "acc_161km   {acc:.4}  (of the recalled: within 161 km of the gold point)"
    )?;
    writeln!(table, "median_km   {median:.1}")?;
    Ok(Report { figures, table })
}

pub fn evloc(path: &Path, pipeline: &Pipeline) -> Result<Report> {
    let (mut n, mut exact, mut overlap, mut with_event) = (0usize, 0usize, 0usize, 0usize);
    let mut unusable = 0usize;
    for (article, gold) in gold_records(path)? {
        let spans = gold["spans"].as_array().cloned().unwrap_or_default();
        let find = |label: &str| {
            spans
                .iter()
                .find(|s| s["label"] == label)
                .and_then(|s| Some((s["start"].as_u64()? as usize, s["end"].as_u64()? as usize)))
        };
        let (Some(verb), Some(loc)) = (find("VERB"), find("LOCATION")) else {
            continue;
        };
        let Some(loc) = gold_place_chars(&article.text, &spans, loc) else {
            unusable += 1;
            continue;
        };
        let (vs, ve) = (
            byte_at(&article.text, verb.0),
            byte_at(&article.text, verb.1),
        );
        let (ls, le) = (byte_at(&article.text, loc.0), byte_at(&article.text, loc.1));
        n += 1;
        let out = pipeline.extract(&article);
        // The event of the gold verb; else the most confident event.
        let ev = out
            .events
            .iter()
            .find(|e| e.trigger.span[0] < ve && vs < e.trigger.span[1])
            .or(out.events.first());
        // A place the gazetteer lacks and nothing locates is still the text's answer.
        let Some(span) = ev.and_then(|e| {
            e.place
                .as_ref()
                .map(|p| p.span)
                .or(e.unlocated_place.as_ref().map(|p| p.span))
        }) else {
            continue;
        };
        with_event += 1;
        exact += usize::from(span == [ls, le]);
        overlap += usize::from(span[0] < le && ls < span[1]);
    }
    let span_acc = overlap as f64 / n.max(1) as f64;
    let figures = {
        json!({"sentences": n, "unusable_gold": unusable, "span_acc": span_acc, "span_exact": exact as f64 / n.max(1) as f64, "with_place": with_event as f64 / n.max(1) as f64})
    };
    let mut table = String::new();
    writeln!(
        table,
        "{n} sentences with a gold event place in {} ({unusable} more whose gold place \
         span could not be read, see docs/EVALUATION.md)",
        path.display()
    )?;
    writeln!(
        table,
        "span_acc    {span_acc:.4}  (the event's place span overlaps the gold place)"
    )?;
    writeln!(table, "span_exact  {:.4}", exact as f64 / n.max(1) as f64)?;
    writeln!(
        table,
        "with_place  {:.4}  (an event with a place was found)",
        with_event as f64 / n.max(1) as f64
    )?;
    Ok(Report { figures, table })
}

/// Admin-1 names match when, folded and stripped of generic words ("Province",
/// "Division", ...), they are equal or within a small edit distance (one edit per six
/// letters, at least one).
pub fn admin1_match(a: &str, b: &str) -> bool {
    // ("Seoul Special City", "Busan Metropolitan City": Korea's official names for the
    // regions that are its cities.)
    let f = |s: &str| {
        let k = strip_generic(s)
            .unwrap_or_else(|| normalize_key(s))
            .replace(['\'', '.'], "");
        ["special city", "metropolitan city"]
            .iter()
            .find_map(|t| k.strip_suffix(t).map(|r| r.trim_end().to_string()))
            .filter(|r| !r.is_empty())
            .unwrap_or(k)
    };
    let f = |s: &str| conventions(&f(&english_directions(s).unwrap_or_else(|| s.to_string())));
    let (a, b) = (f(a), f(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let allowed = (a.chars().count().max(b.chars().count()) / 6).max(1);
    // Adjectival region names: "Kharkivska" (oblast) is Kharkiv.
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let suffixed = short.chars().count() >= 4
        && long.starts_with(short.as_str())
        && long.chars().count() - short.chars().count() <= 4;
    a == b || suffixed || strsim::levenshtein(&a, &b) <= allowed
}

/// What writers of admin-1 names add beyond the gazetteer's generic words, dropped from
/// a folded name: "Capital", "Federal" and "NCT" ("Islamabad Capital Territory", "NCT of
/// Delhi"), the Serbo-Croatian "opstina" (municipality) and a leading article of a
/// transliterated name (the gazetteer build's `ARTICLES`: "Al Anbar"). Nothing is dropped
/// where nothing would be left ("Federal District").
pub(crate) fn conventions(key: &str) -> String {
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let mut kept: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "capital" | "federal" | "nct" | "opstina"))
        .collect();
    if kept.len() > 1 && annals_geo::words::is(kept[0], PlaceWord::Article) {
        kept.remove(0);
    }
    if kept.is_empty() {
        words.join(" ")
    } else {
        kept.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin1_names_match_across_conventions() {
        assert!(admin1_match("Seoul Special City", "Seoul"));
        assert!(!admin1_match("Special City", "Seoul"));
        assert!(admin1_match("Dhaka Division", "Dhaka"));
        assert!(admin1_match("Idlib", "Idleb"));
        assert!(admin1_match("Kharkivs’ka Oblast’", "Kharkiv"));
        assert!(!admin1_match("Kabul", "Kandahar"));
        assert!(!admin1_match("", "Kabul"));
        assert!(admin1_match("Islamabad Capital Territory", "Islamabad"));
        assert!(admin1_match("NCT of Delhi", "Delhi"));
        assert!(admin1_match(
            "Federal Territory of Kuala Lumpur",
            "Kuala Lumpur"
        ));
        assert!(admin1_match("Federal District", "Federal"));
        assert!(admin1_match("Plav", "Opština Plav"));
        assert!(admin1_match("Anbar", "Al Anbar"));
        assert!(admin1_match("Sud-Ouest", "South-West"));
        assert!(!admin1_match("Centre-Nord", "Centre"));
        assert!(!admin1_match("Centre-Nord", "Nord"));
    }
}
