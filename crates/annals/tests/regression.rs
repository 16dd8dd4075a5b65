//! The coder's regression suite: hand-checked sentences in `regression/sentences.tsv`
//! (each PLOVER type and the main modes, negation, modality, passives, claims, numbers,
//! dates), each coded as its own article. Every expectation must hold; the test prints
//! each case that fails and why, then fails.

mod common;
use common::*;
use serde_json::Value;

/// One line of the suite.
struct Case {
    id: String,
    date: String,
    sentence: String,
    expect: Vec<(String, String)>,
}

fn cases(file: &str) -> Vec<Case> {
    let path = repo().join("crates/annals/tests/regression").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 4, "four tab-separated columns: {l}");
            let expect = c[3]
                .split(" ; ")
                .map(|kv| {
                    let (k, v) = kv
                        .split_once('=')
                        .unwrap_or_else(|| panic!("{}: not key=value: {kv:?}", c[0]));
                    (k.trim().to_string(), v.trim().to_string())
                })
                .collect();
            Case {
                id: c[0].into(),
                date: c[1].into(),
                sentence: c[2].into(),
                expect,
            }
        })
        .collect()
}

/// The event a case checks: by trigger, else the first of its type, else the first.
fn chosen<'a>(events: &'a [Value], expect: &[(String, String)]) -> Option<&'a Value> {
    let get = |k: &str| {
        expect
            .iter()
            .find(|(kk, _)| kk == k)
            .map(|(_, v)| v.as_str())
    };
    if let Some(t) = get("trigger") {
        return events
            .iter()
            .find(|e| e["trigger"]["text"].as_str().is_some_and(|w| w.contains(t)));
    }
    if let Some(t) = get("type") {
        return events.iter().find(|e| e["plover_type"] == t);
    }
    events.first()
}

/// Whether `got` (a string field, possibly null) contains `want`, any case; "-" wants null.
fn text_holds(got: &Value, want: &str) -> bool {
    match got.as_str() {
        None => want == "-",
        Some(g) => want != "-" && g.to_lowercase().contains(&want.to_lowercase()),
    }
}

/// Check one expectation against the event read from `sentence`; `None` when it holds, else what was found.
fn check(e: &Value, sentence: &str, key: &str, want: &str) -> Option<String> {
    let (got, ok) = match key {
        "trigger" | "events" | "first" | "first_trigger" => return None,
        "type" => (&e["plover_type"], e["plover_type"] == want),
        "mode" => (&e["plover_mode"], e["plover_mode"] == want),
        "status" => (&e["status"], e["status"] == want),
        "acled" => (&e["acled_event_type"], e["acled_event_type"] == want),
        "acled_sub" => (
            &e["acled_sub_event_type"],
            e["acled_sub_event_type"] == want,
        ),
        "source" => (
            &e["source_actor"]["name"],
            text_holds(&e["source_actor"]["name"], want),
        ),
        "target" => (
            &e["target_actor"]["name"],
            text_holds(&e["target_actor"]["name"], want),
        ),
        "acled_actor1" => (&e["acled_actor1"], text_holds(&e["acled_actor1"], want)),
        "killed" | "injured" | "arrested" | "captured" => {
            let v = &e[key]["value"];
            let ok = if want == "-" {
                v.is_null() || v == 0
            } else {
                v.as_i64().map(|n| n.to_string()).as_deref() == Some(want)
            };
            (v, ok)
        }
        "killed_q" => (
            &e["killed"]["qualifier"],
            text_holds(&e["killed"]["qualifier"], want),
        ),
        "killed_high" => (
            &e["killed"]["high"],
            e["killed"]["high"]
                .as_i64()
                .map(|n| n.to_string())
                .as_deref()
                == Some(want),
        ),
        "by" => (
            &e["attribution"]["by"],
            text_holds(&e["attribution"]["by"], want),
        ),
        "certainty" => (
            &e["attribution"]["certainty"],
            e["attribution"]["certainty"] == want,
        ),
        "date" => (&e["date"]["value"], e["date"]["value"] == want),
        "admin1" => (
            &e["place"]["admin1"],
            text_holds(&e["place"]["admin1"], want),
        ),
        "precision" => (&e["place"]["precision"], e["place"]["precision"] == want),
        "unlocated" => (
            &e["unlocated_place"]["text"],
            text_holds(&e["unlocated_place"]["text"], want),
        ),
        // The words the place was read from, so that "Jalalabad" is not "Jalālābād".
        "place" => {
            let said = e["place"]["span"].as_array().and_then(|sp| {
                let (a, b) = (
                    sp.first()?.as_u64()? as usize,
                    sp.get(1)?.as_u64()? as usize,
                );
                sentence.get(a..b).map(Value::from)
            });
            let said = said.unwrap_or(Value::Null);
            let ok = text_holds(&said, want);
            return (!ok)
                .then(|| format!("place: want {want:?}, got {said} ({})", e["place"]["name"]));
        }
        other => panic!("unknown expectation key {other:?}"),
    };
    (!ok).then(|| format!("{key}: want {want:?}, got {got}"))
}

#[test]
fn hand_checked_sentences_are_coded_as_expected() {
    let cases = cases("sentences.tsv");
    assert!(cases.len() >= 60, "the suite has {} cases", cases.len());
    run_suite(&cases, &[]);
}

/// The notes' toll conventions ("4 fatalities.", "coded across 6 events") under the
/// profile that reads them.
#[test]
fn acled_note_conventions_under_their_profile() {
    let cases = cases("acled_notes.tsv");
    assert!(cases.len() >= 5, "the suite has {} cases", cases.len());
    run_suite(&cases, &["--profile", "acled-notes"]);
}

/// A news article never says "coded as 2 for this event": by default the toll told in
/// the sentence stands.
#[test]
fn acled_note_conventions_are_off_by_default() {
    let cases = cases("acled_notes.tsv");
    let share = cases
        .iter()
        .find(|c| c.id == "toll-summary-share")
        .expect("toll-summary-share case");
    let out = extract_articles_with(
        [(
            share.id.as_str(),
            share.date.as_str(),
            share.sentence.as_str(),
        )],
        &[],
    );
    assert_eq!(out[0]["events"][0]["killed"]["value"], 20, "{}", out[0]);
    let out = extract_articles_with(
        [(
            share.id.as_str(),
            share.date.as_str(),
            share.sentence.as_str(),
        )],
        &["--profile", "acled-notes"],
    );
    assert_eq!(out[0]["events"][0]["killed"]["value"], 2, "{}", out[0]);
}

fn run_suite(cases: &[Case], args: &[&str]) {
    let outputs = extract_articles_with(
        cases
            .iter()
            .map(|c| (c.id.as_str(), c.date.as_str(), c.sentence.as_str())),
        args,
    );
    assert_eq!(outputs.len(), cases.len(), "one output per sentence");
    let mut failures = Vec::new();
    for (c, o) in cases.iter().zip(&outputs) {
        assert_eq!(
            o["article"]["id"],
            c.id.as_str(),
            "outputs keep input order"
        );
        let events = o["events"].as_array().cloned().unwrap_or_default();
        let mut why: Vec<String> = Vec::new();
        if let Some((_, n)) = c.expect.iter().find(|(k, _)| k == "events") {
            if events.len().to_string() != *n {
                why.push(format!("events: want {n}, got {}", events.len()));
            }
        }
        if let Some((_, t)) = c.expect.iter().find(|(k, _)| k == "first") {
            if events.first().map(|e| &e["plover_type"]) != Some(&Value::from(t.as_str())) {
                why.push(format!(
                    "first: want {t}, got {}",
                    events
                        .first()
                        .map_or(Value::Null, |e| e["plover_type"].clone())
                ));
            }
        }
        if let Some((_, t)) = c.expect.iter().find(|(k, _)| k == "first_trigger") {
            let got = events
                .first()
                .map_or(Value::Null, |e| e["trigger"]["text"].clone());
            if got != t.as_str() {
                why.push(format!("first_trigger: want {t}, got {got}"));
            }
        }
        let needs_event = c
            .expect
            .iter()
            .any(|(k, _)| !matches!(k.as_str(), "events" | "first" | "first_trigger"));
        match chosen(&events, &c.expect) {
            None if needs_event => why.push("no such event".into()),
            None => {}
            Some(e) => why.extend(
                c.expect
                    .iter()
                    .filter_map(|(k, v)| check(e, &c.sentence, k, v)),
            ),
        }
        if !why.is_empty() {
            let got: Vec<String> = events
                .iter()
                .map(|e| {
                    format!(
                        "{}/{} on {:?}",
                        e["plover_type"], e["plover_mode"], e["trigger"]["text"]
                    )
                })
                .collect();
            failures.push(format!(
                "{}: {}\n    {}\n    events: {}",
                c.id,
                c.sentence,
                why.join("; "),
                got.join(", ")
            ));
        }
    }
    eprintln!(
        "regression suite: {} of {} sentences coded as expected",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
