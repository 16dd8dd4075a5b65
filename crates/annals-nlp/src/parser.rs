//! The dependency parser: greedy arc-hybrid transitions scored by an averaged perceptron,
//! trained with a dynamic oracle (Goldberg and Nivre 2013) so that it learns to recover
//! from its own mistakes. Input is words and their POS tags; output is a head and a UD
//! relation per word. Trained on UD English EWT (`annals train parse`).

use crate::corpus::Word;
use crate::perceptron::{
    bad_model, feature_hash_str, header_field, load_model_file, save_model_file, Model, Trainer,
};
use crate::tagger::{norm, shuffle};
use std::path::Path;

const MAGIC: &[u8; 8] = b"ANNDEP01";

/// A trained parser.
#[derive(Debug, Clone, PartialEq)]
pub struct Parser {
    /// Relation labels; transition `1 + 2l` is LEFT(l), `2 + 2l` is RIGHT(l), 0 is SHIFT.
    pub labels: Vec<String>,
    /// Words seen at least twice in training; others are read by their suffix.
    pub vocab: std::collections::HashSet<String>,
    model: Model,
}

/// A parse: heads (0 = root, else 1-based) and labels for words 1..=n.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    /// `heads[i]` is the head of word `i + 1`.
    pub heads: Vec<usize>,
    /// `labels[i]` is the relation of word `i + 1` to its head.
    pub labels: Vec<String>,
}

/// Attachment scores.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ParseScores {
    /// Words scored.
    pub words: usize,
    /// Unlabeled attachment score.
    pub uas: f64,
    /// Labeled attachment score.
    pub las: f64,
}

struct State {
    stack: Vec<usize>,
    b: usize, // next buffer word (1-based); n + 1 when empty
    n: usize,
    heads: Vec<usize>, // index 0 unused
    labels: Vec<usize>,
    lefts: Vec<Vec<usize>>,  // children left of each head, in attach order
    rights: Vec<Vec<usize>>, // children right of each head
}

const NONE: usize = usize::MAX;

impl State {
    fn new(n: usize) -> Self {
        State {
            stack: vec![0],
            b: 1,
            n,
            heads: vec![NONE; n + 1],
            labels: vec![NONE; n + 1],
            lefts: vec![Vec::new(); n + 1],
            rights: vec![Vec::new(); n + 1],
        }
    }
    fn done(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }
    fn can_shift(&self) -> bool {
        self.b <= self.n
    }
    fn can_left(&self) -> bool {
        self.b <= self.n && self.stack.len() > 1
    }
    fn can_right(&self) -> bool {
        // Only the last word standing goes on the root: one root per sentence.
        self.stack.len() > 2 || (self.stack.len() == 2 && self.b > self.n)
    }
    fn attach(&mut self, head: usize, dep: usize, label: usize) {
        self.heads[dep] = head;
        self.labels[dep] = label;
        if dep < head {
            self.lefts[head].push(dep);
        } else {
            self.rights[head].push(dep);
        }
    }
    fn apply(&mut self, t: usize) {
        if t == 0 {
            self.stack.push(self.b);
            self.b += 1;
        } else {
            let label = (t - 1) / 2;
            let s0 = self.stack.pop().unwrap_or(0);
            if t % 2 == 1 {
                self.attach(self.b, s0, label);
            } else {
                let s1 = *self.stack.last().unwrap_or(&0);
                self.attach(s1, s0, label);
            }
        }
    }
    fn valid(&self, t: usize) -> bool {
        match t {
            0 => self.can_shift(),
            t if t % 2 == 1 => self.can_left(),
            _ => self.can_right(),
        }
    }
}

/// The cost of each structural move (SHIFT, LEFT, RIGHT) from this state: gold arcs it
/// makes unreachable (arc-hybrid dynamic oracle).
fn costs(s: &State, gold: &[usize]) -> [usize; 3] {
    let n = s.n;
    let s0 = *s.stack.last().unwrap_or(&0);
    let s1 = if s.stack.len() > 1 {
        s.stack[s.stack.len() - 2]
    } else {
        NONE
    };
    let in_buffer = |k: usize| k >= s.b && k <= n;
    let mut shift = 0;
    if s.b <= n {
        let b0 = s.b;
        // b0's head in the stack below s0, or b0's children in the stack, are lost.
        for &k in &s.stack {
            if k != s0 && gold[b0] == k {
                shift += 1;
            }
            if k != 0 && gold[k] == b0 && s.heads[k] == NONE {
                shift += 1;
            }
        }
    }
    let mut left = 0;
    let mut right = 0;
    if s.stack.len() > 1 {
        // s0 leaves the stack: its children still in the buffer are lost either way.
        let kids_in_buffer = (s.b..=n).filter(|&k| gold[k] == s0).count();
        let h = gold[s0];
        left = kids_in_buffer + usize::from(h != s.b && (h == s1 || (in_buffer(h))));
        right = kids_in_buffer + usize::from(h != s1 && in_buffer(h));
        if s.b > n {
            left = usize::MAX / 2;
        }
    }
    [shift, left, right]
}

fn suffix3(x: &str) -> &str {
    let start = x.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
    &x[start..]
}

/// The features of a state.
fn features(s: &State, words: &[String], tags: &[&str], labels: &[String], out: &mut Vec<u64>) {
    out.clear();
    let w = |i: usize| -> &str {
        if i == NONE {
            "<none>"
        } else if i == 0 {
            "<root>"
        } else {
            words[i - 1].as_str()
        }
    };
    let t = |i: usize| -> &str {
        if i == NONE {
            "<none>"
        } else if i == 0 {
            "<root>"
        } else {
            tags[i - 1]
        }
    };
    // Tags come as "UPOS_XPOS": the pair, and the universal part alone (AUX and VERB
    // share Penn tags, and "aux" or "cop" hang on that difference).
    let u = |i: usize| -> &str {
        let x = t(i);
        x.split_once('_').map_or(x, |(a, _)| a)
    };
    let l = |i: usize| -> &str {
        if i == NONE || i == 0 || s.labels[i] == NONE {
            "<none>"
        } else {
            labels[s.labels[i]].as_str()
        }
    };
    let st = |k: usize| -> usize {
        if s.stack.len() > k {
            s.stack[s.stack.len() - 1 - k]
        } else {
            NONE
        }
    };
    let bf = |k: usize| -> usize {
        if s.b + k <= s.n {
            s.b + k
        } else {
            NONE
        }
    };
    let lm = |i: usize| -> usize {
        if i == NONE {
            NONE
        } else {
            s.lefts[i].iter().copied().min().unwrap_or(NONE)
        }
    };
    let rm = |i: usize| -> usize {
        if i == NONE {
            NONE
        } else {
            s.rights[i].iter().copied().max().unwrap_or(NONE)
        }
    };
    let (s0, s1, s2, b0, b1, b2) = (st(0), st(1), st(2), bf(0), bf(1), bf(2));
    let (s0l, s0r, s1l, s1r, b0l) = (lm(s0), rm(s0), lm(s1), rm(s1), lm(b0));
    let s0l2 = if s0 != NONE {
        s.lefts[s0]
            .iter()
            .copied()
            .filter(|&x| x != s0l)
            .min()
            .unwrap_or(NONE)
    } else {
        NONE
    };
    let s0r2 = if s0 != NONE {
        s.rights[s0]
            .iter()
            .copied()
            .filter(|&x| x != s0r)
            .max()
            .unwrap_or(NONE)
    } else {
        NONE
    };
    const SMALL: [&str; 7] = ["0", "1", "2", "3", "4", "5", "6"];
    let dist = if s0 != NONE && b0 != NONE && s0 != 0 {
        SMALL[(b0 - s0).min(6)]
    } else {
        "-"
    };
    let val = |i: usize| -> [&str; 2] {
        if i == NONE {
            ["-", "-"]
        } else {
            [
                SMALL[s.lefts[i].len().min(3)],
                SMALL[s.rights[i].len().min(3)],
            ]
        }
    };
    let mut f = |parts: &[&str]| out.push(feature_hash_str(parts));
    // The set of children's labels, as one hash folded into a feature part.
    let lset = |kids: &[usize]| -> u64 {
        let mut ids: [u16; 8] = [u16::MAX; 8];
        for (slot, &k) in ids.iter_mut().zip(kids) {
            *slot = if s.labels[k] == NONE {
                u16::MAX - 1
            } else {
                s.labels[k] as u16
            };
        }
        ids.sort_unstable();
        ids.iter().fold(0xcbf29ce484222325u64, |h, &x| {
            (h ^ x as u64).wrapping_mul(0x100000001b3)
        })
    };
    f(&["bias"]);
    // single positions
    for (name, i) in [
        ("s0", s0),
        ("s1", s1),
        ("s2", s2),
        ("b0", b0),
        ("b1", b1),
        ("b2", b2),
    ] {
        f(&[name, "w", w(i)]);
        f(&[name, "t", t(i)]);
        f(&[name, "wt", w(i), t(i)]);
    }
    for (name, i) in [
        ("s0l", s0l),
        ("s0r", s0r),
        ("s1l", s1l),
        ("s1r", s1r),
        ("b0l", b0l),
        ("s0l2", s0l2),
        ("s0r2", s0r2),
    ] {
        f(&[name, "w", w(i)]);
        f(&[name, "t", t(i)]);
        f(&[name, "l", l(i)]);
    }
    // pairs and triples (Zhang and Nivre 2011, adapted to arc-hybrid positions)
    f(&["s0wt.b0wt", w(s0), t(s0), w(b0), t(b0)]);
    f(&["s0wt.b0w", w(s0), t(s0), w(b0)]);
    f(&["s0w.b0wt", w(s0), w(b0), t(b0)]);
    f(&["s0wt.b0t", w(s0), t(s0), t(b0)]);
    f(&["s0t.b0wt", t(s0), w(b0), t(b0)]);
    f(&["s0w.b0w", w(s0), w(b0)]);
    f(&["s0t.b0t", t(s0), t(b0)]);
    f(&["s1t.s0t", t(s1), t(s0)]);
    f(&["s1w.s0w", w(s1), w(s0)]);
    f(&["s1wt.s0t", w(s1), t(s1), t(s0)]);
    f(&["s1t.s0wt", t(s1), w(s0), t(s0)]);
    f(&["b0t.b1t", t(b0), t(b1)]);
    f(&["s0t.b0t.b1t", t(s0), t(b0), t(b1)]);
    f(&["s1t.s0t.b0t", t(s1), t(s0), t(b0)]);
    f(&["s0t.s0lt.b0t", t(s0), t(s0l), t(b0)]);
    f(&["s0t.s0rt.b0t", t(s0), t(s0r), t(b0)]);
    f(&["s0t.b0t.b0lt", t(s0), t(b0), t(b0l)]);
    f(&["s1t.s1rt.s0t", t(s1), t(s1r), t(s0)]);
    f(&["s1t.s0t.s0rt", t(s1), t(s0), t(s0r)]);
    f(&["s2t.s1t.s0t", t(s2), t(s1), t(s0)]);
    f(&["b0t.b1t.b2t", t(b0), t(b1), t(b2)]);
    f(&["dist.s0w", dist, w(s0)]);
    f(&["dist.s0t.b0t", dist, t(s0), t(b0)]);
    f(&["dist.s0w.b0w", dist, w(s0), w(b0)]);
    let [a, b] = val(s0);
    f(&["val.s0wt", a, b, w(s0), t(s0)]);
    let [a, b] = val(s1);
    f(&["val.s1t", a, b, t(s1)]);
    let [a, b] = val(b0);
    f(&["val.b0t", a, b, t(b0)]);
    f(&["s0l.s0r.s0t", l(s0l), l(s0r), t(s0)]);
    f(&["s1l.s1r.s1t", l(s1l), l(s1r), t(s1)]);
    f(&["b0l.b0t", l(b0l), t(b0)]);
    f(&["s1t.b0t", t(s1), t(b0)]);
    f(&["s0u.b0u", u(s0), u(b0)]);
    f(&["s1u.s0u.b0u", u(s1), u(s0), u(b0)]);
    f(&["s0u.b0u.b1u", u(s0), u(b0), u(b1)]);
    f(&["s0w.b0u", w(s0), u(b0)]);
    f(&["s0u.b0w", u(s0), w(b0)]);
    f(&["s0u.s0lu.s0ru", u(s0), u(s0l), u(s0r)]);
    f(&["s1w.b0w", w(s1), w(b0)]);
    f(&["s0s3", suffix3(w(s0)), t(s0)]);
    f(&["b0s3", suffix3(w(b0)), t(b0)]);
    if s0 != NONE {
        out.push(lset(&s.lefts[s0]) ^ feature_hash_str(&["s0lset", t(s0)]));
        out.push(lset(&s.rights[s0]).rotate_left(17) ^ feature_hash_str(&["s0rset", t(s0)]));
    }
    if b0 != NONE {
        out.push(lset(&s.lefts[b0]).rotate_left(31) ^ feature_hash_str(&["b0lset", t(b0)]));
    }
}

/// A rare word stands for its suffix, so that what is learned of one rare word carries
/// over to others that end alike.
fn known(w: String, vocab: &std::collections::HashSet<String>) -> String {
    if vocab.contains(&w) {
        w
    } else {
        let suffix: String = w
            .chars()
            .rev()
            .take(3)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("<unk>{suffix}")
    }
}

fn best(scores: &[f32], ok: impl Fn(usize) -> bool) -> usize {
    let mut b = NONE;
    for (i, &v) in scores.iter().enumerate() {
        if ok(i) && (b == NONE || v > scores[b]) {
            b = i;
        }
    }
    b
}

impl Parser {
    /// Train on `train` (words with their tags in `tags_of`), reporting dev scores each
    /// epoch. `tags_of(sentence index, is_dev)` gives the tags to parse with.
    pub fn train(
        train: &[Vec<Word>],
        train_tags: &[Vec<String>],
        dev: Option<(&[Vec<Word>], &[Vec<String>])>,
        epochs: usize,
        seed: u64,
        log: &mut dyn FnMut(String),
    ) -> Parser {
        let mut labels: Vec<String> = train.iter().flatten().map(|w| w.deprel.clone()).collect();
        labels.sort();
        labels.dedup();
        let mut freq: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for w in train.iter().flatten() {
            *freq.entry(norm(&w.form)).or_default() += 1;
        }
        let vocab: std::collections::HashSet<String> = freq
            .into_iter()
            .filter(|(_, n)| *n >= 2)
            .map(|(w, _)| w)
            .collect();
        let n_classes = 1 + 2 * labels.len();
        let mut t = Trainer::new(n_classes);
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut state = seed.max(1);
        let mut rng = seed.wrapping_mul(0x9E3779B97F4A7C15) | 1;
        let mut feats = Vec::new();
        let mut scores = Vec::new();
        let mut parser = Parser {
            labels: labels.clone(),
            vocab: vocab.clone(),
            model: Trainer::new(1).average(0.0),
        };
        for epoch in 1..=epochs {
            shuffle(&mut order, &mut state);
            let (mut right, mut seen) = (0usize, 0usize);
            for &si in &order {
                let sent = &train[si];
                let n = sent.len();
                // Non-projective trees are learned as far as the oracle can reach.
                let gold: Vec<usize> = std::iter::once(0)
                    .chain(sent.iter().map(|w| w.head))
                    .collect();
                let gold_label: Vec<usize> = std::iter::once(0)
                    .chain(
                        sent.iter()
                            .map(|w| labels.binary_search(&w.deprel).unwrap_or(0)),
                    )
                    .collect();
                let words: Vec<String> =
                    sent.iter().map(|w| known(norm(&w.form), &vocab)).collect();
                let tags: Vec<&str> = train_tags[si].iter().map(String::as_str).collect();
                let mut s = State::new(n);
                while !s.done() {
                    features(&s, &words, &tags, &labels, &mut feats);
                    t.scores(&feats, &mut scores);
                    let c = costs(&s, &gold);
                    let s0 = *s.stack.last().unwrap_or(&0);
                    let cost = |a: usize| -> usize {
                        if !s.valid(a) {
                            return usize::MAX;
                        }
                        match a {
                            0 => c[0],
                            a if a % 2 == 1 => {
                                c[1] + usize::from(gold[s0] == s.b && gold_label[s0] != (a - 1) / 2)
                            }
                            a => {
                                let s1 = s.stack[s.stack.len() - 2];
                                c[2] + usize::from(gold[s0] == s1 && gold_label[s0] != (a - 1) / 2)
                            }
                        }
                    };
                    let guess = best(&scores, |a| s.valid(a));
                    let min_cost = (0..n_classes).map(cost).min().unwrap_or(0);
                    let target = best(&scores, |a| cost(a) == min_cost);
                    if guess == NONE || target == NONE {
                        break;
                    }
                    t.update(
                        &feats,
                        target,
                        if cost(guess) == min_cost {
                            target
                        } else {
                            guess
                        },
                    );
                    right += usize::from(cost(guess) == min_cost);
                    seen += 1;
                    // Explore: after the first epoch, usually follow the model's own move.
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    let follow = if epoch > 1 && rng % 10 != 0 {
                        guess
                    } else {
                        target
                    };
                    s.apply(follow);
                }
            }
            parser.model = t.average(0.0);
            let dev_msg = match dev {
                Some((d, dt)) => {
                    let sc = parser.evaluate(d, dt);
                    format!(", dev UAS {:.4} LAS {:.4}", sc.uas, sc.las)
                }
                None => String::new(),
            };
            log(format!(
                "parse epoch {epoch}: train oracle agreement {:.4}{dev_msg}",
                right as f64 / seen.max(1) as f64
            ));
        }
        // Weights that averaged out near zero barely change a decision: dropping them
        // keeps the model small.
        parser.model = t.average(0.05);
        parser
    }

    /// Parse one sentence given its words and tags.
    pub fn parse(&self, forms: &[&str], tags: &[&str]) -> Tree {
        let n = forms.len();
        let words: Vec<String> = forms.iter().map(|w| known(norm(w), &self.vocab)).collect();
        let mut s = State::new(n);
        let mut feats = Vec::with_capacity(96);
        let mut scores = Vec::with_capacity(self.model.n);
        while !s.done() {
            features(&s, &words, tags, &self.labels, &mut feats);
            self.model.scores(&feats, &mut scores);
            let a = best(&scores, |a| s.valid(a));
            if a == NONE {
                break;
            }
            s.apply(a);
        }
        // Anything left unattached (cannot happen with valid moves) goes to the root.
        let heads: Vec<usize> = (1..=n)
            .map(|i| if s.heads[i] == NONE { 0 } else { s.heads[i] })
            .collect();
        let labels = (1..=n)
            .map(|i| {
                if s.labels[i] == NONE {
                    "dep".to_string()
                } else {
                    self.labels[s.labels[i]].clone()
                }
            })
            .collect();
        Tree { heads, labels }
    }

    /// UAS and LAS on gold-tokenized sentences, punctuation included.
    pub fn evaluate(&self, sents: &[Vec<Word>], tags: &[Vec<String>]) -> ParseScores {
        let (mut n, mut u, mut l) = (0usize, 0usize, 0usize);
        for (s, tg) in sents.iter().zip(tags) {
            let forms: Vec<&str> = s.iter().map(|w| w.form.as_str()).collect();
            let tg: Vec<&str> = tg.iter().map(String::as_str).collect();
            let tree = self.parse(&forms, &tg);
            for (i, w) in s.iter().enumerate() {
                n += 1;
                if tree.heads[i] == w.head {
                    u += 1;
                    l += usize::from(tree.labels[i] == w.deprel);
                }
            }
        }
        ParseScores {
            words: n,
            uas: u as f64 / n.max(1) as f64,
            las: l as f64 / n.max(1) as f64,
        }
    }

    /// The parser without its weights smaller than `th` (a smaller file, nearly the same
    /// decisions).
    pub fn pruned(&self, th: f32) -> Parser {
        Parser {
            labels: self.labels.clone(),
            vocab: self.vocab.clone(),
            model: self.model.pruned(th),
        }
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        self.model.features()
    }

    /// Write the model file.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let mut vocab: Vec<&String> = self.vocab.iter().collect();
        vocab.sort();
        save_model_file(
            path,
            MAGIC,
            &serde_json::json!({"labels": self.labels, "vocab": vocab}),
            &self.model,
        )
    }

    /// Read a model file.
    pub fn load(path: &Path) -> std::io::Result<Self> {
        let (header, model) = load_model_file(path, MAGIC, "parser")?;
        let labels: Vec<String> = header_field(path, &header, "labels")?;
        let vocab: Vec<String> = header_field(path, &header, "vocab")?;
        if model.n != 1 + 2 * labels.len() {
            return Err(bad_model(path, "labels do not match the weights"));
        }
        Ok(Parser {
            labels,
            vocab: vocab.into_iter().collect(),
            model,
        })
    }
}

/// Whether `heads` (0 = root, 1-based) form a tree: exactly one word on the root, and
/// every word reaches it without a cycle.
pub fn is_tree(heads: &[usize]) -> bool {
    let n = heads.len();
    if heads.iter().filter(|&&h| h == 0).count() != 1 || heads.iter().any(|&h| h > n) {
        return false;
    }
    (1..=n).all(|start| {
        let mut i = start;
        for _ in 0..=n {
            if i == 0 {
                return true;
            }
            i = heads[i - 1];
        }
        false
    })
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn tree_check() {
        assert!(is_tree(&[2, 0, 2]));
        assert!(!is_tree(&[2, 1, 0]), "cycle");
        assert!(!is_tree(&[0, 0]), "two roots");
        assert!(!is_tree(&[2, 3, 1]), "no root");
    }

    #[test]
    fn the_oracle_reaches_a_projective_gold_tree_at_zero_cost() {
        // "The NRF claimed a victory ."
        let sent = vec![
            w("The", 2, "det"),
            w("NRF", 3, "nsubj"),
            w("claimed", 0, "root"),
            w("a", 5, "det"),
            w("victory", 3, "obj"),
            w(".", 3, "punct"),
        ];
        let gold: Vec<usize> = std::iter::once(0)
            .chain(sent.iter().map(|w| w.head))
            .collect();
        let mut s = State::new(sent.len());
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
        let sent = vec![
            w("The", 2, "det"),
            w("NRF", 3, "nsubj"),
            w("claimed", 0, "root"),
            w("a", 5, "det"),
            w("victory", 3, "obj"),
            w(".", 3, "punct"),
        ];
        let train: Vec<Vec<Word>> = (0..20).map(|_| sent.clone()).collect();
        let tags: Vec<Vec<String>> = train
            .iter()
            .map(|_| {
                ["DT", "NNP", "VBD", "DT", "NN", "."]
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
            &["NN", "VBD", "PRP", "."],
        );
        assert!(is_tree(&t.heads), "{t:?}");
        let p2 = Parser::train(&train, &tags, None, 4, 3, &mut |_| {});
        assert_eq!(p, p2, "same seed, same model");
    }
}
