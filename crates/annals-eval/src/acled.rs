//! ACLED coder notes: the top event of each note against its gold row (type, place,
//! date, fatalities, actors), and how much of the place each note gives away.

use crate::gold::gold_line;
use crate::places::admin1_match;
use crate::{rows_writer, Report, Tally};
use annals_extract::acled::EVENT_TYPES;
use annals_extract::output::ArticleOutput;
use annals_extract::Pipeline;
use annals_text::{normalize_key, Article};
use anyhow::{bail, Context as _, Result};
use serde_json::json;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// An ACLED actor name folded for comparison: parenthesised years and countries and
/// anything after " - " dropped ("Military Forces of Nigeria (2015-2023)" and "Boko Haram -
/// Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad" keep their first part).
pub(crate) fn acled_actor_key(name: &str) -> String {
    let head = name.split(" - ").next().unwrap_or(name);
    let mut out = String::new();
    let mut depth = 0;
    for c in head.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    // "PKK: Kurdistan Workers Party" and "Kurdistan Workers' Party": punctuation folded.
    let folded: String = normalize_key(out.trim())
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ACLED's event types before its 2019 revision, as the current types they became.
/// "Riots/Protests" was one type then: either current type counts as right.
pub fn current_event_types(t: &str) -> Vec<&'static str> {
    let k = t.to_ascii_lowercase();
    let of = |name: &str| {
        EVENT_TYPES
            .iter()
            .copied()
            .filter(|e| e.eq_ignore_ascii_case(name))
            .collect::<Vec<_>>()
    };
    let found = match k.as_str() {
        "riots/protests" => [of("Protests"), of("Riots")].concat(),
        "remote violence" => of("Explosions/Remote violence"),
        "strategic development" => of("Strategic developments"),
        _ if k.starts_with("battle") => of("Battles"),
        _ => of(&k),
    };
    if found.is_empty() {
        vec!["(unknown)"]
    } else {
        found
    }
}

// Why this function is long: one pass over the notes fills eleven tallies and the
// optional rows file; the tallies, the confusion table and the row writer share the
// loop.
/// The top event of each ACLED note (fed as an article published two days after the
/// event) against its gold row.
pub fn acled(
    path: &Path,
    limit: Option<usize>,
    rows_out: Option<&Path>,
    pipeline: &Pipeline,
) -> Result<Report> {
    let mut rows_out = rows_writer(rows_out)?;
    let g = &pipeline.gazetteer;
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let (mut et, mut st, mut fat, mut fatnz, mut a1, mut cc, mut k25, mut k100, mut date) = (
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
    );
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    let (mut act1, mut act2) = (Tally::default(), Tally::default());
    // The same figures over the rows where the coder found what they score: how far the
    // misses are of recognition (the note names no place, no date) or of resolution.
    let (mut cc_placed, mut date_dated) = (Tally::default(), Tally::default());
    // How many notes give the place away at all, as the shipped data reads names: the
    // bound on country and admin-1 figures that recognition and resolution work under.
    let (mut names_country, mut names_local) = (Tally::default(), Tally::default());
    let mut bad = 0usize;
    let mut records = 0usize;
    for (i, line) in text.lines().enumerate() {
        if limit.is_some_and(|l| records >= l) {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        let Some(v) = gold_line(path, i, line) else {
            bad += 1;
            continue;
        };
        let gold = &v["gold"];
        let Some(gdate) = v["date"]
            .as_str()
            .and_then(|d| annals_text::article::parse_date(d).ok())
        else {
            eprintln!(
                "annals: skipped {}:{}: no gold event date",
                path.display(),
                i + 1
            );
            bad += 1;
            continue;
        };
        records += 1;
        // The note is published two days after the event: the date must come from the text.
        let article = Article {
            id: v["id"].as_str().unwrap_or("").to_string(),
            date: gdate
                .checked_add(jiff::Span::new().days(2))
                .unwrap_or(gdate),
            text: v["text"].as_str().unwrap_or("").to_string(),
            title: None,
            url: None,
            source: None,
            origin: format!("{}:{}", path.display(), i + 1),
        };
        let out: ArticleOutput = pipeline.extract(&article);
        let top = out.events.first();
        let s = |k: &str| gold[k].as_str().unwrap_or("").to_string();
        let pred_type = top
            .map(|e| e.acled_event_type.clone())
            .unwrap_or_else(|| "(none)".into());
        let gold_types = current_event_types(&s("event_type"));
        let type_ok = gold_types.contains(&pred_type.as_str());
        et.add(type_ok);
        if !s("sub_event_type").is_empty() {
            st.add(top.is_some_and(|e| e.acled_sub_event_type == s("sub_event_type")));
        }
        *confusion
            .entry((gold_types.join(" or "), pred_type))
            .or_default() += 1;
        let gf = gold["fatalities"].as_i64().unwrap_or(0);
        let pf = top
            .and_then(|e| e.killed.as_ref())
            .map(|k| k.value)
            .unwrap_or(0);
        fat.add(gf == pf);
        if gf > 0 {
            fatnz.add(gf == pf);
        }
        // Actors: a gold actor is found when an actor of the top event names it.
        let found = |gold_name: &str| -> bool {
            let g = acled_actor_key(gold_name);
            top.is_some_and(|e| {
                [&e.source_actor, &e.target_actor]
                    .into_iter()
                    .flatten()
                    .map(|a| a.name.as_str())
                    .chain(e.acled_actor1.as_deref())
                    .any(|a| {
                        let p = acled_actor_key(a);
                        !p.is_empty() && (p == g || g.contains(&p) || p.contains(&g))
                    })
            })
        };
        if !s("actor1").is_empty() {
            act1.add(found(&s("actor1")));
        }
        if !s("actor2").is_empty() {
            act2.add(found(&s("actor2")));
        }
        let place = top.and_then(|e| e.place.as_ref());
        let gcountry = s("country");
        let pcountry = place.and_then(|p| g.country(&p.geo.country));
        let country_ok = pcountry.is_some_and(|c| {
            std::iter::once(&c.name)
                .chain(c.aliases.iter())
                .any(|n| normalize_key(n) == normalize_key(&gcountry))
        });
        cc.add(country_ok);
        if place.is_some() {
            cc_placed.add(country_ok);
        }
        let gold_cc = g
            .lookup(&normalize_key(&gcountry))
            .iter()
            .map(|&i| &g.entries[i as usize])
            .find(|e| e.kind == annals_geo::Kind::Country)
            .map(|e| e.country.as_str());
        let (named, local) = gold_cc.map_or((false, false), |c| {
            country_evidence(pipeline, &article.text, c)
        });
        names_country.add(named);
        names_local.add(local);
        let gold_admin1 = s("admin1");
        // The region's own name or any the gazetteer knows it by ("Lombardia").
        let admin1_ok = !gold_admin1.is_empty() && {
            let region = place
                .and_then(|p| p.geo.admin1_code.as_deref())
                .and_then(|c| g.admin1(c));
            place
                .and_then(|p| p.geo.admin1.as_deref())
                .is_some_and(|x| admin1_match(x, &gold_admin1))
                || region.is_some_and(|r| r.aliases.iter().any(|n| admin1_match(n, &gold_admin1)))
        };
        if !gold_admin1.is_empty() {
            a1.add(admin1_ok);
        }
        if let (Some(lat), Some(lon)) = (gold["latitude"].as_f64(), gold["longitude"].as_f64()) {
            let d = place.map(|p| annals_geo::haversine_km(p.geo.lat, p.geo.lon, lat, lon));
            k25.add(d.is_some_and(|d| d <= 25.0));
            k100.add(d.is_some_and(|d| d <= 100.0));
        }
        let date_ok = top.is_some_and(|e| e.date.value == gdate.to_string());
        date.add(date_ok);
        if top.is_some_and(|e| e.date.source != "article_date") {
            date_dated.add(date_ok);
        }
        if let Some(w) = rows_out.as_mut() {
            use std::io::Write;
            let row = json!({
                "id": article.id,
                "text": article.text,
                "gold": {
                    "event_type": s("event_type"),
                    "sub_event_type": s("sub_event_type"),
                    "fatalities": gf,
                    "actor1": s("actor1"),
                    "actor2": s("actor2"),
                    "country": gcountry,
                    "admin1": gold_admin1,
                    "location": s("location"),
                    "date": gdate.to_string(),
                },
                "pred": top.map(|e| json!({
                    "event_type": e.acled_event_type,
                    "sub_event_type": e.acled_sub_event_type,
                    "plover": e.plover_type,
                    "trigger": e.trigger.text,
                    "fatalities": pf,
                    "source": e.source_actor.as_ref().map(|a| &a.name),
                    "target": e.target_actor.as_ref().map(|a| &a.name),
                    "place": place.map(|p| &p.geo.name),
                    "country": place.map(|p| &p.geo.country),
                    "admin1": place.and_then(|p| p.geo.admin1.as_deref()),
                    "date": e.date.value,
                    "date_source": e.date.source,
                })),
                "ok": {
                    "event_type": type_ok,
                    "fatalities": gf == pf,
                    "country": country_ok,
                    "admin1": admin1_ok,
                    "date": date_ok,
                },
                "names": {"country": named, "subnational": local},
            });
            writeln!(w, "{row}")?;
        }
    }
    if records == 0 {
        bail!("{}: no records", path.display());
    }
    let figures = json!({
        "records": records,
        "event_type_acc": et.rate(),
        "sub_event_type_acc": st.rate(),
        "fatalities_exact": fat.rate(),
        "fatalities_exact_nonzero": fatnz.rate(),
        "admin1_acc": a1.rate(),
        "country_acc": cc.rate(),
        "within_25km": k25.rate(),
        "within_100km": k100.rate(),
        "date_exact": date.rate(),
        "actor1_found": act1.rate(),
        "actor2_found": act2.rate(),
        "country_acc_placed": cc_placed.rate(),
        "placed": cc_placed.of as f64 / records as f64,
        "date_exact_dated": date_dated.rate(),
        "dated": date_dated.of as f64 / records as f64,
        "names_country": names_country.rate(),
        "names_subnational": names_local.rate(),
    });
    let figures = { figures };
    let mut table = String::new();
    writeln!(table, "{records} ACLED records from {} (notes fed as articles published two days after the event)", path.display())?;
    writeln!(table, "{:<26} {:>8} {:>8}", "metric", "value", "rows")?;
    for (name, t) in [
        ("event_type_acc", &et),
        ("sub_event_type_acc", &st),
        ("fatalities_exact", &fat),
        ("fatalities_exact_nonzero", &fatnz),
        ("admin1_acc", &a1),
        ("country_acc", &cc),
        ("within_25km", &k25),
        ("within_100km", &k100),
        ("date_exact", &date),
        ("actor1_found", &act1),
        ("actor2_found", &act2),
    ] {
        writeln!(table, "{:<26} {:>8.4} {:>8}", name, t.rate(), t.of)?;
    }
    writeln!(
        table,
        "\nwhere the coder found a place or a date in the note:"
    )?;
    for (name, t) in [
        ("country_acc_placed", &cc_placed),
        ("date_exact_dated", &date_dated),
    ] {
        writeln!(table, "{:<26} {:>8.4} {:>8}", name, t.rate(), t.of)?;
    }
    writeln!(
        table,
        "\nnotes whose text names the gold country as the shipped data reads names:"
    )?;
    writeln!(
        table,
        "{:<26} {:>8.4} {:>8}  (any name, demonym, actor or country cue of it)",
        "names_country",
        names_country.rate(),
        names_country.of
    )?;
    writeln!(
        table,
        "{:<26} {:>8.4} {:>8}  (a region or town of it that the gazetteer holds)",
        "names_subnational",
        names_local.rate(),
        names_local.of
    )?;
    writeln!(table, "\nevent_type confusion (gold -> predicted: rows)")?;
    for ((gt, pt), n) in &confusion {
        writeln!(table, "  {gt:<28} -> {pt:<28} {n:>5}")?;
    }
    if bad > 0 {
        eprintln!("annals: {bad} record(s) skipped");
    }
    Ok(Report { figures, table })
}

/// Whether `text` names country `cc` at all, as the shipped data reads names (a country,
/// region or town name or alias of the gazetteer, a demonym, an actor of the lexicon or a
/// country cue, on folded keys), and whether it names a region or town of it. Any place
/// figure of a text-only coder is bounded by these.
pub(crate) fn country_evidence(p: &annals_extract::Pipeline, text: &str, cc: &str) -> (bool, bool) {
    let (g, lx) = (&p.gazetteer, &p.lexicons);
    let doc = annals_text::Doc::new(text);
    let keys = annals_text::TokenKeys::new(&doc);
    let longest = (g.max_words * 2 + 1).max(lx.max_words).max(lx.cue_words);
    let (mut named, mut local) = (false, false);
    let mut key = String::new();
    for a in 0..doc.tokens.len() {
        for b in a + 1..=(a + longest).min(doc.tokens.len()) {
            keys.window(&doc, a, b, &mut key);
            for &i in g.lookup(&key) {
                let e = &g.entries[i as usize];
                if e.country == cc {
                    named = true;
                    local |= e.kind != annals_geo::Kind::Country;
                }
            }
            named |= g
                .demonym(&key)
                .is_some_and(|i| g.entries[i as usize].country == cc)
                || lx
                    .actor_keys
                    .get(key.as_str())
                    .is_some_and(|&i| lx.actors[i].country == cc)
                || lx
                    .cue_keys
                    .get(key.as_str())
                    .is_some_and(|f| f.iter().any(|(c, _)| c == cc));
            if named && local {
                return (true, true);
            }
        }
    }
    (named, local)
}
