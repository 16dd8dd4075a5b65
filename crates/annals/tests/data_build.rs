//! The shipped gazetteer and word list are rebuilt byte for byte by the documented
//! command. Skipped, with a message, when ../shared is absent.

mod common;
use common::*;

#[test]
fn gazetteer_rebuilds_identically() {
    let Some(shared) = shared() else { return };
    let out = std::env::temp_dir().join(format!("annals-build-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let r = annals(
        &[
            "build",
            "gazetteer",
            "--shared",
            shared.join("data").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    for f in ["gazetteer.tsv", "common_words.txt"] {
        let built = std::fs::read(out.join(f)).unwrap();
        let shipped = std::fs::read(repo().join("data").join(f)).unwrap();
        assert!(
            built == shipped,
            "data/{f} differs from what `annals build gazetteer` makes: rebuild and commit it"
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}

/// Retrain `data/KIND.model` with `annals train KIND` into a scratch file, check it is the
/// shipped file byte for byte, and return the JSON of `annals eval KIND FLAG DEV --json`.
fn retrain_identically_and_eval(
    shared: &std::path::Path,
    kind: &str,
    flag: &str,
    dev: &str,
) -> serde_json::Value {
    let out = std::env::temp_dir().join(format!("annals-{kind}-{}.model", std::process::id()));
    let r = annals(
        &[
            "train",
            kind,
            "--shared",
            shared.join("data").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let shipped = repo().join(format!("data/{kind}.model"));
    assert!(
        std::fs::read(&out).unwrap() == std::fs::read(shipped).unwrap(),
        "data/{kind}.model differs from what `annals train {kind}` makes"
    );
    let _ = std::fs::remove_file(&out);
    let dev = shared.join(dev);
    let r = annals(&["eval", kind, flag, dev.to_str().unwrap(), "--json"], None);
    serde_json::from_slice(&r.stdout).unwrap()
}

#[test]
fn pos_model_retrains_identically_and_scores() {
    let Some(shared) = shared() else { return };
    let v = retrain_identically_and_eval(
        &shared,
        "pos",
        "--conllu",
        "data/ud/en_ewt/en_ewt-ud-dev.conllu",
    );
    assert!(v["upos_acc"].as_f64().unwrap() >= 0.95, "{v}");
}

#[test]
fn ner_model_retrains_identically_and_scores() {
    let Some(shared) = shared() else { return };
    let v = retrain_identically_and_eval(&shared, "ner", "--conll", "data/ner/conll2003/eng.testa");
    assert!(v["f1"].as_f64().unwrap() >= 0.88, "{v}");
    for t in ["PER", "ORG", "LOC", "MISC"] {
        assert!(v["per_type"][t]["f1"].as_f64().unwrap() > 0.8, "{t}: {v}");
    }
}

#[test]
fn parse_model_retrains_identically_and_scores() {
    let Some(shared) = shared() else { return };
    let v = retrain_identically_and_eval(
        &shared,
        "parse",
        "--conllu",
        "data/ud/en_ewt/en_ewt-ud-dev.conllu",
    );
    assert!(v["las"].as_f64().unwrap() >= 0.82, "{v}");
    assert!(
        v["uas"].as_f64().unwrap() >= v["las"].as_f64().unwrap(),
        "{v}"
    );
}
