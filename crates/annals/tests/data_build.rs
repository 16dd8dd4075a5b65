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

#[test]
fn pos_model_retrains_identically_and_scores() {
    let Some(shared) = shared() else { return };
    let out = std::env::temp_dir().join(format!("annals-pos-{}.model", std::process::id()));
    let r = annals(
        &[
            "train",
            "pos",
            "--shared",
            shared.join("data").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(
        std::fs::read(&out).unwrap() == std::fs::read(repo().join("data/pos.model")).unwrap(),
        "data/pos.model differs from what `annals train pos` makes"
    );
    let _ = std::fs::remove_file(&out);
    let dev = shared.join("data/ud/en_ewt/en_ewt-ud-dev.conllu");
    let r = annals(
        &["eval", "pos", "--conllu", dev.to_str().unwrap(), "--json"],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert!(v["upos_acc"].as_f64().unwrap() >= 0.95, "{v}");
}

#[test]
fn ner_model_retrains_identically_and_scores() {
    let Some(shared) = shared() else { return };
    let out = std::env::temp_dir().join(format!("annals-ner-{}.model", std::process::id()));
    let r = annals(
        &[
            "train",
            "ner",
            "--shared",
            shared.join("data").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(
        std::fs::read(&out).unwrap() == std::fs::read(repo().join("data/ner.model")).unwrap(),
        "data/ner.model differs from what `annals train ner` makes"
    );
    let _ = std::fs::remove_file(&out);
    let dev = shared.join("data/ner/conll2003/eng.testa");
    let r = annals(
        &["eval", "ner", "--conll", dev.to_str().unwrap(), "--json"],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert!(v["f1"].as_f64().unwrap() >= 0.88, "{v}");
    for t in ["PER", "ORG", "LOC", "MISC"] {
        assert!(v["per_type"][t]["f1"].as_f64().unwrap() > 0.8, "{t}: {v}");
    }
}

#[test]
fn parse_model_retrains_identically_and_scores() {
    let Some(shared) = shared() else { return };
    let out = std::env::temp_dir().join(format!("annals-parse-{}.model", std::process::id()));
    let r = annals(
        &[
            "train",
            "parse",
            "--shared",
            shared.join("data").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(
        std::fs::read(&out).unwrap() == std::fs::read(repo().join("data/parse.model")).unwrap(),
        "data/parse.model differs from what `annals train parse` makes"
    );
    let _ = std::fs::remove_file(&out);
    let dev = shared.join("data/ud/en_ewt/en_ewt-ud-dev.conllu");
    let r = annals(
        &["eval", "parse", "--conllu", dev.to_str().unwrap(), "--json"],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert!(v["las"].as_f64().unwrap() >= 0.82, "{v}");
    assert!(
        v["uas"].as_f64().unwrap() >= v["las"].as_f64().unwrap(),
        "{v}"
    );
}
