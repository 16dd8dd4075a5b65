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
        let errors: Vec<String> = v
            .iter_errors(o)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", o["article"]["id"]);
    }
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
