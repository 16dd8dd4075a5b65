//! The seed article (examples/panjshir_2021-09-02.txt) end to end: what the spine issue
//! asks annals to read from it.

mod common;
use common::*;
use serde_json::Value;

fn seed() -> (Value, String) {
    let out = annals(&["extract", "examples/panjshir_2021-09-02.txt"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1);
    (lines.remove(0), seed_text())
}

fn actor_id(v: &Value) -> &str {
    v["id"].as_str().unwrap_or("")
}

fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let h = ((lat2 - lat1).to_radians() / 2.0).sin().powi(2)
        + p1.cos() * p2.cos() * ((lon2 - lon1).to_radians() / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

#[test]
fn battle_between_taliban_and_nrf_in_panjshir() {
    let (o, _) = seed();
    let events = o["events"].as_array().unwrap();
    let battle = events
        .iter()
        .find(|e| {
            let ids = [actor_id(&e["source_actor"]), actor_id(&e["target_actor"])];
            e["plover_type"] == "ASSAULT"
                && e["acled_event_type"] == "Battles"
                && ids.contains(&"taliban")
                && ids.contains(&"nrf")
        })
        .expect("an ASSAULT / Battles event between the Taliban and the NRF");
    let place = &battle["place"];
    assert_eq!(place["admin1_code"], "AF.42", "{place}");
    assert_eq!(place["country"], "AF");
    let d = km(
        place["lat"].as_f64().unwrap(),
        place["lon"].as_f64().unwrap(),
        35.5,
        69.8,
    );
    assert!(d < 60.0, "Panjshir is {d:.0} km from 35.5N 69.8E");
    assert_eq!(battle["date"]["value"], "2021-09-01");
    assert_eq!(battle["date"]["precision"], "day");
    assert_eq!(battle["killed"]["value"], 350);
    assert_eq!(battle["killed"]["qualifier"], "over");
    assert_eq!(battle["captured"]["value"], 130);
    assert_eq!(battle["attribution"]["by_id"], "nrf");
    assert_eq!(battle["attribution"]["certainty"], "claimed");
    assert_eq!(
        events[0]["id"], battle["id"],
        "the battle is the most confident event"
    );
}

#[test]
fn al_qaeda_cooperates_with_taliban_by_the_nrf_s_account() {
    let (o, _) = seed();
    let e = o["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["plover_type"] == "COOPERATE"
                && actor_id(&e["source_actor"]) == "al-qaeda"
                && actor_id(&e["target_actor"]) == "taliban"
        })
        .expect("COOPERATE Al-Qaeda -> Taliban");
    assert_eq!(e["attribution"]["by_id"], "nrf");
}

#[test]
fn us_withdrawal_is_a_retreat_on_august_31() {
    let (o, _) = seed();
    let e = o["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["plover_type"] == "RETREAT" && e["source_actor"]["country"] == "US")
        .expect("RETREAT by the US");
    assert_eq!(e["date"]["value"], "2021-08-31");
    assert_eq!(e["date"]["source"], "text");
}

#[test]
fn the_nrf_rejects_the_takeover_in_its_own_name() {
    let (o, _) = seed();
    let e = o["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["plover_type"] == "REJECT")
        .expect("REJECT");
    assert_eq!(actor_id(&e["source_actor"]), "nrf", "{e:#}");
    assert_eq!(actor_id(&e["target_actor"]), "taliban", "{e:#}");
    // A rejection is a statement: its claimant is the one who rejects.
    assert_eq!(e["attribution"]["by_id"], "nrf", "{e:#}");
}

#[test]
fn the_seized_equipment_is_the_nrf_s_claim() {
    let (o, _) = seed();
    let e = o["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["plover_type"] == "COERCE" && e["plover_mode"] == "seize")
        .expect("COERCE/seize");
    assert_eq!(actor_id(&e["source_actor"]), "nrf", "{e:#}");
    // Told right after the resistance's own claim, as part of it.
    assert_eq!(e["attribution"]["by_id"], "nrf", "{e:#}");
    assert_eq!(e["attribution"]["certainty"], "claimed", "{e:#}");
    let items: Vec<(i64, &str)> = e["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["value"].as_i64().unwrap(),
                q["item"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(items.contains(&(15, "Humvees")), "{items:?}");
    assert!(items.contains(&(1000, "Kalashnikov rifles")), "{items:?}");
}

#[test]
fn places_resolve_including_the_misspelt_one() {
    let (o, text) = seed();
    let places = o["places"].as_array().unwrap();
    let find = |admin1: &str| {
        places
            .iter()
            .find(|p| p["admin1"] == admin1 && p["country"] == "AF")
            .unwrap_or_else(|| panic!("{admin1} in {places:?}"))
    };
    find("Panjshir");
    find("Kabul");
    let nangarhar = find("Nangarhar");
    let m = &nangarhar["mentions"][0];
    assert_eq!(
        &text[m[0].as_u64().unwrap() as usize..m[1].as_u64().unwrap() as usize],
        "Nangahar"
    );
    // Kashmir and Palestine are not Afghan places.
    for p in places {
        for m in p["mentions"].as_array().unwrap() {
            let s = &text[m[0].as_u64().unwrap() as usize..m[1].as_u64().unwrap() as usize];
            if s == "Kashmir" || s == "Palestine" {
                assert_ne!(p["country"], "AF", "{s} resolved to {p}");
            }
            // "Palestine, Somalia, Yamen": the misspelt country, not a Chinese village.
            if s == "Yamen" {
                assert_eq!(p["country"], "YE", "{s} resolved to {p}");
            }
        }
    }
}

#[test]
fn the_nrf_is_one_actor_under_all_its_names() {
    let (o, text) = seed();
    let nrf = o["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "nrf")
        .expect("NRF actor");
    let names: Vec<&str> = nrf["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &text[m[0].as_u64().unwrap() as usize..m[1].as_u64().unwrap() as usize])
        .collect();
    for n in [
        "National Resistance Front",
        "NRF",
        "Panjshir resistance",
        "Northern Alliance",
        "resistance front",
    ] {
        assert!(names.contains(&n), "{n} not among {names:?}");
    }
    assert_eq!(
        o["actors"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["name"] == "National Resistance Front")
            .count(),
        1
    );
}

#[test]
fn every_span_points_at_its_text() {
    let (o, text) = seed();
    let slice = |s: &Value| &text[s[0].as_u64().unwrap() as usize..s[1].as_u64().unwrap() as usize];
    for e in o["events"].as_array().unwrap() {
        assert_eq!(slice(&e["trigger"]["span"]), e["trigger"]["text"]);
        for ev in e["evidence"].as_array().unwrap() {
            assert_eq!(slice(&ev["span"]), ev["text"]);
        }
        if let Some(t) = e["date"]["text"].as_str() {
            assert_eq!(slice(&e["date"]["span"]), t);
        }
    }
    for q in o["quotes"].as_array().unwrap() {
        assert_eq!(slice(&q["span"]), q["text"]);
    }
    let tweet = o["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["verb"] == "tweeted")
        .expect("the tweet");
    assert_eq!(tweet["speaker_id"], "nrf");
}
