//! The coder reads who did what to whom, and who says so, from the dependency tree:
//! sentences where word order alone misleads. Each sentence is its own article.

mod common;
use common::*;
use serde_json::Value;

/// Code one sentence (published 2024-05-10) and return its events.
fn events(sentence: &str) -> (Vec<Value>, Value) {
    let line = serde_json::json!({"id": "t", "date": "2024-05-10", "text": sentence}).to_string();
    let out = annals(&["extract", "-"], Some(line.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut v = json_lines(&out.stdout);
    let o = v.remove(0);
    (o["events"].as_array().cloned().unwrap_or_default(), o)
}

fn name(v: &Value) -> String {
    v["name"].as_str().unwrap_or("").to_string()
}

/// The event whose trigger is `word`.
fn by_trigger<'a>(evs: &'a [Value], word: &str) -> &'a Value {
    evs.iter()
        .find(|e| {
            e["trigger"]["text"]
                .as_str()
                .is_some_and(|t| t.contains(word))
        })
        .unwrap_or_else(|| panic!("no event on {word:?} in {evs:#?}"))
}

#[test]
fn passive_subject_is_the_target_and_the_by_phrase_the_source() {
    let (evs, _) =
        events("A convoy of Afghan soldiers was attacked by Taliban fighters near Ghazni.");
    let e = by_trigger(&evs, "attacked");
    assert!(name(&e["source_actor"]).contains("Taliban"), "{e:#}");
    assert!(name(&e["target_actor"]).contains("Afghanistan"), "{e:#}");
}

#[test]
fn a_relative_clause_takes_the_noun_it_modifies_as_subject() {
    let (evs, _) =
        events("Boko Haram fighters who attacked Monguno on Monday were repelled by the army.");
    let e = by_trigger(&evs, "attacked");
    assert!(name(&e["source_actor"]).contains("Boko Haram"), "{e:#}");
}

#[test]
fn coordinated_verbs_share_their_subject() {
    let (evs, _) =
        events("Islamic State militants stormed a village and abducted 20 civilians in Nineveh.");
    let e = by_trigger(&evs, "abducted");
    assert!(name(&e["source_actor"]).contains("Islamic State"), "{e:#}");
    assert!(name(&e["target_actor"]).contains("Civilians"), "{e:#}");
}

#[test]
fn the_object_is_the_target_even_when_a_name_comes_between() {
    let (evs, _) =
        events("On Tuesday in Kandahar, Taliban fighters ambushed Afghan police officers.");
    let e = by_trigger(&evs, "ambushed");
    assert!(name(&e["source_actor"]).contains("Taliban"), "{e:#}");
    assert!(name(&e["target_actor"]).contains("Police"), "{e:#}");
}

#[test]
fn the_speaker_is_the_subject_of_the_reporting_verb() {
    let (evs, o) = events(
        "Zabihullah Mujahid, a spokesman for the Taliban, said the group captured the city of Kunduz.",
    );
    let e = by_trigger(&evs, "captured");
    let claimant = e["attribution"]["by"].as_str().unwrap_or("");
    assert!(
        claimant.contains("Mujahid") || claimant.contains("Taliban"),
        "{e:#}\n{o:#}"
    );
}

#[test]
fn an_unknown_place_named_in_the_sentence_is_the_event_place() {
    // "Al-Fijah Springs" is in no gazetteer; it is still where the shelling happened,
    // located by the region named with it.
    let (evs, _) = events("Syrian army forces shelled rebel positions at the Al-Fijah Springs in Rif Dimashq on Friday.");
    let e = by_trigger(&evs, "shelled");
    let place = &e["place"];
    assert!(
        place["name"].as_str().unwrap_or("").contains("Fijah"),
        "{e:#}"
    );
    assert_eq!(place["country"], "SY", "{e:#}");
    assert_ne!(place["precision"], "exact", "{e:#}");
}

#[test]
fn a_place_north_of_a_town_is_near_it() {
    let (evs, _) = events("Taliban fighters attacked a checkpoint 30 km north of Kabul on Monday.");
    let e = by_trigger(&evs, "attacked");
    assert_eq!(e["place"]["name"], "Kabul", "{e:#}");
    assert_eq!(e["place"]["precision"], "near", "{e:#}");
    let (evs, _) = events("Militants attacked a village in Maiduguri.");
    assert_eq!(by_trigger(&evs, "attacked")["place"]["precision"], "exact");
}

#[test]
fn the_most_precise_of_nested_places_is_the_event_place() {
    // "the West Bank city of Nablus": the city takes the "in", and the region it lies in
    // gives way to it.
    let (evs, _) = events(
        "In the West Bank city of Nablus on Saturday, a Palestinian man was shot and killed.",
    );
    let e = by_trigger(&evs, "shot");
    assert_eq!(e["place"]["name"], "Nablus", "{e:#}");
    let (evs, _) = events(
        "Israeli soldiers shot dead a policeman in the West Bank town of Tulkarm on Friday.",
    );
    let place = &by_trigger(&evs, "shot")["place"];
    assert!(name(place).contains("lkarm"), "{place:#}"); // GeoNames writes "Ţūlkarm"
                                                         // A country and a city in it: the city.
    let (evs, _) =
        events("A suicide bomber killed 26 people in the Yemen city of Ibb, authorities said.");
    // One event: the casualty verb joins the suicide bombing that says how.
    assert_eq!(by_trigger(&evs, "suicide bomber")["place"]["name"], "Ibb");
}

#[test]
fn captures_and_patrols_are_events_with_places() {
    let (evs, _) = events("Harvey Ponce-Gomez of Nicaragua was captured in Los Angeles on June 1.");
    let e = by_trigger(&evs, "captured");
    assert_eq!(e["plover_type"], "COERCE", "{e:#}");
    assert_eq!(e["place"]["name"], "Los Angeles", "{e:#}");
    let (evs, _) = events("U.N. peacekeepers patrolled the streets of Bangui on Sunday.");
    let e = by_trigger(&evs, "patrolled");
    assert_eq!(e["plover_type"], "MOBILIZE", "{e:#}");
    assert_eq!(e["place"]["name"], "Bangui", "{e:#}");
}

#[test]
fn a_city_the_gazetteer_lacks_is_named_after_city_of() {
    // "Deir Ezzor" is spelt as no gazetteer entry; "the ... city of" marks it as the place,
    // located no finer than its country.
    let (evs, _) = events(
        "A Syrian fighter jet was shot down in the eastern Syrian city of Deir Ezzor on Monday.",
    );
    let place = &by_trigger(&evs, "shot")["place"];
    assert_eq!(place["name"], "Deir Ezzor", "{place:#}");
    assert_eq!(place["country"], "SY", "{place:#}");
    assert_eq!(place["precision"], "country", "{place:#}");
}

#[test]
fn a_victim_named_without_a_figure_is_one() {
    let (evs, _) = events("A man was shot and killed in Lakeland on Monday afternoon.");
    let e = by_trigger(&evs, "killed");
    assert_eq!(e["killed"]["value"], 1, "{e:#}");
    let (evs, _) = events("Gunmen wounded a policeman in Kano on Tuesday.");
    let e = by_trigger(&evs, "wounded");
    assert_eq!(e["injured"]["value"], 1, "{e:#}");
    assert!(e["killed"].is_null(), "{e:#}");
    // Killed people counted by a figure keep the figure.
    let (evs, _) = events("Gunmen killed three men in Kano on Tuesday.");
    assert_eq!(by_trigger(&evs, "killed")["killed"]["value"], 3);
}
