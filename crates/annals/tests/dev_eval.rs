//! The eval commands on the shared dev sets: figures the spine issue sets bars for.
//! Skipped, with a message, when ../shared is absent.

mod common;
use common::*;

/// The figures `annals eval WHAT FLAG FILE --json` prints, once it has succeeded.
fn eval_json(what: &str, flag: &str, file: &std::path::Path) -> serde_json::Value {
    let out = annals(
        &["eval", what, flag, file.to_str().unwrap(), "--json"],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn tokens_and_sentences_on_ewt_dev() {
    let Some(shared) = shared() else { return };
    let f = shared.join("data/ud/en_ewt/en_ewt-ud-dev.conllu");
    let v = eval_json("tokens", "--conllu", &f);
    assert!(v["token_f1"].as_f64().unwrap() >= 0.97, "{v}");
    assert!(v["sentence_f1"].as_f64().unwrap() >= 0.80, "{v}");
}

#[test]
fn acled_dev_runs_over_every_record() {
    let Some(shared) = shared() else { return };
    let f = shared.join("data/events/acled_dev.jsonl");
    let v = eval_json("acled", "--jsonl", &f);
    assert_eq!(v["records"], 4000);
    for k in [
        "event_type_acc",
        "sub_event_type_acc",
        "fatalities_exact",
        "fatalities_exact_nonzero",
        "admin1_acc",
        "country_acc",
        "within_25km",
        "within_100km",
        "date_exact",
        "country_acc_placed",
        "placed",
        "date_exact_dated",
        "dated",
    ] {
        let x = v[k].as_f64().unwrap_or(-1.0);
        assert!((0.0..=1.0).contains(&x), "{k} = {x}");
    }
    // A floor well under today's figures: a regression that breaks a stage shows here.
    assert!(v["event_type_acc"].as_f64().unwrap() > 0.5, "{v}");
    assert!(v["date_exact"].as_f64().unwrap() > 0.5, "{v}");
}

#[test]
fn geovirus_dev_meets_the_places_bars() {
    let Some(shared) = shared() else { return };
    let f = shared.join("data/events/geovirus_dev.jsonl");
    let v = eval_json("geo", "--jsonl", &f);
    // The places issue's bars, end to end from raw text.
    assert!(v["recall"].as_f64().unwrap() >= 0.85, "{v}");
    assert!(v["acc_161km"].as_f64().unwrap() >= 0.85, "{v}");
}

#[test]
fn event_location_dev_meets_the_event_place_bar() {
    let Some(shared) = shared() else { return };
    let f = shared.join("data/events/event_location_dev.jsonl");
    let v = eval_json("evloc", "--jsonl", &f);
    // The places issue's bar for the event's own place.
    assert!(v["span_acc"].as_f64().unwrap() >= 0.75, "{v}");
}
