//! PETRARCH2's unit-test sentences (../shared/data/events/petrarch_unittest.jsonl): how
//! many records annals codes with the right source, target and CAMEO root, through the
//! PLOVER-to-CAMEO mapping below. The sentences use fictional countries (Arnor, Gondor)
//! coded by PETRARCH's own dictionaries, which are not shipped; an actor matches a gold
//! code when the code's three-letter country part is the ISO alpha-3 code of the actor's
//! country or of a country its name contains, or the first three letters of a word of
//! its name ("Arnor" ARN, "Eriador" ERI). Skipped, with a message, when ../shared is
//! absent. The figures are printed (`cargo test --test petrarch -- --nocapture`) and
//! recorded in the README.

mod common;
use common::*;
use serde_json::Value;
use std::collections::HashMap;

/// CAMEO root codes (two digits) that each PLOVER type covers, read from both codebooks.
fn cameo_roots(plover: &str) -> &'static [&'static str] {
    match plover {
        "AGREE" => &["03", "05"],
        "CONSULT" => &["04"],
        "SUPPORT" => &["05"],
        "COOPERATE" => &["05", "06"],
        "AID" => &["07"],
        "CONCEDE" | "RETREAT" => &["08"],
        "INVESTIGATE" => &["09"],
        "REQUEST" => &["02", "10"],
        "ACCUSE" => &["11"],
        "REJECT" => &["12"],
        "THREATEN" => &["13"],
        "PROTEST" => &["14"],
        "MOBILIZE" => &["15"],
        "SANCTION" => &["16"],
        "COERCE" => &["17"],
        "ASSAULT" => &["18", "19", "20"],
        _ => &[],
    }
}

/// ISO alpha-3 codes by alpha-2 code and by lower-cased country name.
fn iso3(shared: &std::path::Path) -> (HashMap<String, String>, Vec<(String, String)>) {
    let f = shared.join("data/gazetteer/pycountry-26.2.16/iso3166-1.json");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(f).expect("iso3166-1.json"))
        .expect("iso3166-1 JSON");
    let mut by2 = HashMap::new();
    let mut names = Vec::new();
    for c in v["3166-1"].as_array().expect("countries") {
        let a3 = c["alpha_3"].as_str().unwrap_or("").to_string();
        by2.insert(c["alpha_2"].as_str().unwrap_or("").to_string(), a3.clone());
        for k in ["name", "common_name"] {
            if let Some(n) = c[k].as_str() {
                names.push((n.to_lowercase(), a3.clone()));
            }
        }
    }
    (by2, names)
}

#[test]
fn petrarch_unit_records_source_target_and_cameo_root() {
    let Some(shared) = shared() else { return };
    let path = shared.join("data/events/petrarch_unittest.jsonl");
    let text = std::fs::read_to_string(&path).expect("petrarch_unittest.jsonl");
    let records: Vec<Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("JSON record"))
        .collect();
    fn s(v: &Value) -> &str {
        v.as_str().unwrap_or("")
    }
    let coded: HashMap<String, Value> = extract_articles(
        records
            .iter()
            .map(|r| (s(&r["id"]), s(&r["date"]), s(&r["text"]))),
    )
    .into_iter()
    .map(|o| (o["article"]["id"].as_str().unwrap_or("").to_string(), o))
    .collect();
    let (by2, names) = iso3(&shared);
    let actor_matches = |code: &str, actor: &Value| -> bool {
        let Some(country) = code.get(..3) else {
            return false;
        };
        if actor.is_null() {
            return false;
        }
        let name = actor["name"].as_str().unwrap_or("").to_lowercase();
        let from_country = actor["country"]
            .as_str()
            .and_then(|c| by2.get(c))
            .is_some_and(|a3| a3 == country);
        let from_name = names
            .iter()
            .any(|(n, a3)| a3 == country && name.contains(n.as_str()));
        let from_word = name.split(|c: char| !c.is_alphanumeric()).any(|w| {
            w.chars().count() >= 3
                && w.chars().take(3).collect::<String>().to_uppercase() == country
        });
        from_country || from_name || from_word
    };
    let (mut n, mut root, mut source, mut target, mut all) = (0, 0, 0, 0, 0);
    for r in &records {
        let gold: Vec<&Value> = match &r["gold"]["EventCoding"] {
            Value::Array(a) => a.iter().collect(),
            Value::Object(_) => vec![&r["gold"]["EventCoding"]],
            _ => Vec::new(),
        };
        if gold.is_empty() {
            continue;
        }
        n += 1;
        let id = r["id"].as_str().unwrap_or("");
        let events: Vec<Value> = coded
            .get(id)
            .and_then(|o| o["events"].as_array().cloned())
            .unwrap_or_default();
        // A record counts when one of its events matches one of its gold codings.
        let (mut r_root, mut r_src, mut r_tgt, mut r_all) = (false, false, false, false);
        for g in &gold {
            let code = g["eventcode"].as_str().unwrap_or("");
            let (src, tgt) = (
                g["sourcecode"].as_str().unwrap_or(""),
                g["targetcode"].as_str().unwrap_or(""),
            );
            for e in &events {
                let ok_root = code.get(..2).is_some_and(|c| {
                    cameo_roots(e["plover_type"].as_str().unwrap_or("")).contains(&c)
                });
                let ok_src = actor_matches(src, &e["source_actor"]);
                let ok_tgt = actor_matches(tgt, &e["target_actor"]);
                r_root |= ok_root;
                r_src |= ok_src;
                r_tgt |= ok_tgt;
                r_all |= ok_root && ok_src && ok_tgt;
            }
        }
        root += usize::from(r_root);
        source += usize::from(r_src);
        target += usize::from(r_tgt);
        all += usize::from(r_all);
    }
    eprintln!(
        "PETRARCH unit records with a gold coding: {n}; right CAMEO root {root}, right source \
         {source}, right target {target}, all three in one event {all}"
    );
    assert!(n >= 280, "records read: {n}");
    assert!(all <= root.min(source).min(target));
    // Floors a little under today's figures, so that a regression shows.
    assert!(root >= FLOOR_ROOT, "CAMEO root right on {root} of {n}");
    assert!(source >= FLOOR_SOURCE, "source right on {source} of {n}");
}

/// Today's figures less a margin (see the README).
const FLOOR_ROOT: usize = 6;
const FLOOR_SOURCE: usize = 4;
