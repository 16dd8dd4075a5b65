//! The parser's transitions, oracle, features and training on treebank slices.

use super::*;

fn w(form: &str, head: usize, rel: &str) -> Word {
    Word {
        form: form.into(),
        upos: "X".into(),
        xpos: "X".into(),
        head,
        deprel: rel.into(),
    }
}

fn slots<'t>(words: &[&str], tags: &[&'t str]) -> Slots<'t> {
    let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    Slots::new(&words, tags)
}

#[test]
fn features_read_the_state_and_nothing_else() {
    let x = slots(
        &["Police", "arrested", "them"],
        &["NOUN_NN", "VERB_VBD", "PRON_PRP"],
    );
    let mut s = State::new(3, vec![false; 4], LabelRules::of(&[]));
    let (mut a, mut b) = (Vec::new(), Vec::new());
    features(&s, &x, &mut a);
    features(&s, &x, &mut b);
    assert_eq!(a, b, "deterministic");
    let count = a.len();
    let distinct: std::collections::HashSet<_> = a.iter().collect();
    assert!(distinct.len() > count * 9 / 10, "templates hash apart");
    // A move changes the features, not their number (one per template).
    s.apply(0);
    features(&s, &x, &mut b);
    assert_ne!(a, b);
    assert_eq!(b.len(), count);
    // A different word at b0 changes only features that read b0's word.
    let y = slots(
        &["Police", "detained", "them"],
        &["NOUN_NN", "VERB_VBD", "PRON_PRP"],
    );
    let mut c = Vec::new();
    features(&s, &y, &mut c);
    let same = b.iter().zip(&c).filter(|(p, q)| p == q).count();
    assert!(same > count / 2 && same < b.len(), "{same} of {}", b.len());
    // The tagger's runner-up is read when given.
    let z = slots(
        &["Police", "arrested", "them"],
        &["NOUN_NN", "VERB_VBD|VERB_VBN", "PRON_PRP"],
    );
    let mut d = Vec::new();
    features(&s, &z, &mut d);
    assert_ne!(b, d);
}

#[test]
fn trains_on_a_treebank_slice_in_seconds() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud/en_ewt");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).ok();
    let (Some(train), Some(dev)) = (read("en_ewt-ud-train.conllu"), read("en_ewt-ud-dev.conllu"))
    else {
        eprintln!("SKIPPED: UD English EWT not found under {}", dir.display());
        return;
    };
    let train: Vec<Vec<Word>> = crate::corpus::read_conllu(&train)
        .unwrap()
        .into_iter()
        .take(600)
        .collect();
    let dev: Vec<Vec<Word>> = crate::corpus::read_conllu(&dev)
        .unwrap()
        .into_iter()
        .take(300)
        .collect();
    let gold_tags = |s: &[Vec<Word>]| -> Vec<Vec<String>> {
        s.iter()
            .map(|x| x.iter().map(|w| format!("{}_{}", w.upos, w.xpos)).collect())
            .collect()
    };
    let (tt, dt) = (gold_tags(&train), gold_tags(&dev));
    let p = Parser::train(&train, &tt, None, 3, 1, &mut |_| {});
    let sc = p.evaluate(&dev, &dt);
    assert!(sc.uas > 0.65 && sc.las > 0.55, "{sc:?}");
    for (s, t) in dev.iter().zip(&dt) {
        let forms: Vec<&str> = s.iter().map(|w| w.form.as_str()).collect();
        let tags: Vec<&str> = t.iter().map(String::as_str).collect();
        let tree = p.parse(&forms, &tags);
        assert!(is_tree(&tree.heads), "{forms:?}");
        let roots = tree.labels.iter().filter(|l| *l == "root").count();
        assert_eq!(roots, 1, "one root label: {forms:?}");
    }
}

/// "The NRF claimed a victory ." with its gold tree.
fn claimed_victory() -> Vec<Word> {
    vec![
        w("The", 2, "det"),
        w("NRF", 3, "nsubj"),
        w("claimed", 0, "root"),
        w("a", 5, "det"),
        w("victory", 3, "obj"),
        w(".", 3, "punct"),
    ]
}

#[test]
fn tree_check() {
    assert!(is_tree(&[2, 0, 2]));
    assert!(!is_tree(&[2, 1, 0]), "cycle");
    assert!(!is_tree(&[0, 0]), "two roots");
    assert!(!is_tree(&[2, 3, 1]), "no root");
}

#[test]
fn the_oracle_reaches_a_projective_gold_tree_at_zero_cost() {
    let sent = claimed_victory();
    let gold: Vec<usize> = std::iter::once(0)
        .chain(sent.iter().map(|w| w.head))
        .collect();
    let mut s = State::new(sent.len(), vec![false; sent.len() + 1], LabelRules::of(&[]));
    while !s.done() {
        let c = costs(&s, &gold);
        let a = (0..3)
            .find(|&a| c[a] == 0 && s.valid(if a == 0 { 0 } else { a }))
            .expect("a zero-cost move");
        s.apply(a);
    }
    assert_eq!(&s.heads[1..], &gold[1..]);
}

#[test]
fn trains_on_a_slice_and_outputs_trees() {
    let sent = claimed_victory();
    let train: Vec<Vec<Word>> = (0..20).map(|_| sent.clone()).collect();
    let tags: Vec<Vec<String>> = train
        .iter()
        .map(|_| {
            [
                "DET_DT",
                "PROPN_NNP",
                "VERB_VBD",
                "DET_DT",
                "NOUN_NN",
                "PUNCT_.",
            ]
            .iter()
            .map(|t| t.to_string())
            .collect()
        })
        .collect();
    let p = Parser::train(&train, &tags, None, 4, 3, &mut |_| {});
    let sc = p.evaluate(&train, &tags);
    assert!(sc.las > 0.99, "{sc:?}");
    let t = p.parse(
        &["Police", "arrested", "them", "."],
        &["NOUN_NN", "VERB_VBD", "PRON_PRP", "PUNCT_."],
    );
    assert!(is_tree(&t.heads), "{t:?}");
    let p2 = Parser::train(&train, &tags, None, 4, 3, &mut |_| {});
    assert_eq!(p, p2, "same seed, same model");
}
