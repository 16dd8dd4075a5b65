//! The output validates against schema/article.schema.json, over the seed example and
//! the bundled VOA stories.

mod common;
use common::*;

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("schema/article.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn check(args: &[&str], expect: usize) {
    let v = validator();
    let out = annals(args, None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), expect);
    for o in &lines {
        assert_valid(&v, o);
    }
}

/// Fail with every schema error of one output line.
fn assert_valid(v: &jsonschema::Validator, o: &serde_json::Value) {
    let errors: Vec<String> = v
        .iter_errors(o)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}: {errors:#?}", o["article"]["id"]);
}

#[test]
fn seed_example_validates() {
    check(&["extract", "examples/panjshir_2021-09-02.txt"], 1);
}

#[test]
fn voa_stories_validate() {
    check(&["extract", "examples/voa_stories.jsonl"], 89);
}

#[test]
fn schema_rejects_a_broken_record() {
    let v = validator();
    let out = annals(&["extract", "examples/panjshir_2021-09-02.txt"], None);
    let mut o = json_lines(&out.stdout).remove(0);
    o["events"][0]["attribution"]["certainty"] = "probably".into();
    assert!(!v.is_valid(&o));
    o["events"][0]["attribution"]["certainty"] = "claimed".into();
    o["events"][0]["surprise"] = 1.into();
    assert!(!v.is_valid(&o));
}

/// Every article date annals accepts gives output the schema accepts, however far the
/// text's relative dates step from it; dates outside the accepted years are refused by
/// name, not coded.
#[test]
fn output_validates_at_the_edges_of_the_accepted_years() {
    let v = validator();
    let text = "Gunmen killed two people in Kabul last year and on 31 December; three more \
                died on Monday, police said on Friday. The attack was in August.";
    let dates = [
        "1800-01-01",
        "1800-01-02",
        "1800-03-01",
        "1999-12-31",
        "2000-02-29",
        "2024-02-29",
        "2199-12-31",
        "2200-01-01",
        "2200-12-31",
    ];
    let input: String = dates
        .iter()
        .map(|d| serde_json::json!({"id": d, "date": d, "text": text}).to_string() + "\n")
        .collect();
    let out = annals(&["extract", "-"], Some(input.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), dates.len());
    for o in &lines {
        assert_valid(&v, o);
    }
    for bad in ["0000-08-31", "1799-12-31", "2201-01-01"] {
        let rec = serde_json::json!({"id": bad, "date": bad, "text": text}).to_string();
        let out = annals(&["extract", "-"], Some(rec.as_bytes()));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("outside the years annals reads (1800-2200)"),
            "{err}"
        );
        assert!(json_lines(&out.stdout).is_empty());
    }
}
