//! The parser's second stage: each arc of a finished tree relabelled by a classifier
//! that sees the whole tree (head, siblings, the labels given before it), mixed with the
//! transition scores.

use super::*;

/// Passes of the relabelling stage over the treebank.
pub(super) const LABEL_EPOCHS: usize = 8;

/// Features of the arc from `h` (slot; 0 = root) to `d` (1-based) in a finished tree.
fn label_features(
    x: &Slots,
    heads: &[usize],
    kids: &[Vec<usize>],
    lab: &[usize],
    d: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let n = heads.len();
    let none = n + 1;
    let h = heads[d - 1];
    let w = |i: usize| x.word[i];
    let t = |i: usize| x.tag[i];
    let u = |i: usize| x.upos[i];
    let dir: u64 = if h == 0 { 2 } else { u64::from(d < h) };
    let dist: u64 = if h == 0 {
        9
    } else {
        d.abs_diff(h).min(8) as u64
    };
    let g = if h == 0 { none } else { heads[h - 1] };
    let prev = if d > 1 { d - 1 } else { none };
    let next = if d < n { d + 1 } else { none };
    let first_kid = kids[d].first().copied().unwrap_or(none);
    let last_kid = kids[d].last().copied().unwrap_or(none);
    // The dependent's siblings next to it under the same head.
    let sibs = &kids[h];
    let at = sibs.iter().position(|&k| k == d).unwrap_or(0);
    let left_sib = if at > 0 { sibs[at - 1] } else { none };
    let right_sib = sibs.get(at + 1).copied().unwrap_or(none);
    // Function words hanging on the dependent ("by", "of", "to", "that") and on the head
    // ("was" of a passive, "will").
    let small = |i: usize| -> u64 {
        kids[i]
            .iter()
            .filter(|&&k| matches!(x.upos_name[k], "ADP" | "SCONJ" | "AUX" | "PART" | "DET"))
            .fold(0x1234_5678, |acc, &k| mix(acc, w(k)))
    };
    let mut f = templates(out, 0xA076_1D64_78BD_642F);
    f(&[]);
    f(&[w(d)]);
    f(&[t(d)]);
    f(&[w(d), t(d)]);
    f(&[w(h)]);
    f(&[t(h)]);
    f(&[w(d), t(h), dir]);
    f(&[t(d), w(h), dir]);
    f(&[w(d), w(h)]);
    f(&[t(d), t(h), dir]);
    f(&[t(d), t(h), dist, dir]);
    f(&[u(d), u(h), dir]);
    f(&[t(d), t(h), t(g)]);
    f(&[t(d), t(prev), t(next)]);
    f(&[t(d), t(h), t(first_kid), t(last_kid)]);
    f(&[t(d), t(h), small(d)]);
    f(&[t(d), t(h), small(h), dir]);
    f(&[w(d), small(d)]);
    f(&[t(d), t(h), t(left_sib), dir]);
    f(&[t(d), t(h), t(right_sib), dir]);
    f(&[t(d), kids[d].len().min(4) as u64, dir]);
    f(&[x.suffix[d], t(h), dir]);
    f(&[
        t(d),
        t(h),
        u64::from(at == 0),
        u64::from(at + 1 == sibs.len()),
    ]);
    f(&[w(d), t(d), t(h), dir]);
    f(&[t(d), w(h), t(h), dir]);
    f(&[w(d), w(h), dir]);
    f(&[small(d), w(h), dir]);
    // Labels already given (the tree is labelled top-down, siblings left to right): the
    // head's own relation, and the nearer left sibling's.
    let lab_of = |i: usize| -> u64 {
        match lab.get(i) {
            Some(&l) if l != NONE => l as u64 + 1,
            _ => 0,
        }
    };
    f(&[lab_of(h), t(d), t(h), dir]);
    f(&[lab_of(h), w(d), dir]);
    f(&[lab_of(left_sib), t(left_sib), t(d), t(h), dir]);
}

/// Slots in the order the second stage labels them: breadth first from the root,
/// siblings left to right, so that a word's head and left siblings come first.
fn top_down(kids: &[Vec<usize>]) -> Vec<usize> {
    let mut order = Vec::with_capacity(kids.len());
    let mut queue = std::collections::VecDeque::from([0usize]);
    while let Some(h) = queue.pop_front() {
        for &k in &kids[h] {
            order.push(k);
            queue.push_back(k);
        }
    }
    order
}

/// Children of every slot (0 = root) in text order.
fn children(heads: &[usize]) -> Vec<Vec<usize>> {
    let mut kids = vec![Vec::new(); heads.len() + 2];
    for (i, &h) in heads.iter().enumerate() {
        kids[h.min(heads.len())].push(i + 1);
    }
    kids
}

/// The best label of every word (`usize::MAX` where none fits the rules).
pub(super) fn relabel(
    m: &Model,
    x: &Slots,
    heads: &[usize],
    punct: &[bool],
    rules: LabelRules,
    arc_scores: &[f32],
) -> Vec<usize> {
    let kids = children(heads);
    let mut feats = Vec::with_capacity(32);
    let mut scores = Vec::with_capacity(m.n);
    let nl = m.n;
    let mut lab = vec![NONE; heads.len() + 2];
    for d in top_down(&kids) {
        label_features(x, heads, &kids, &lab, d, &mut feats);
        m.scores(&feats, &mut scores);
        for (l, sc) in scores.iter_mut().enumerate() {
            *sc += LABEL_MIX * arc_scores.get(d * nl + l).copied().unwrap_or(0.0);
        }
        lab[d] = best(&scores, |l| {
            label_allowed(l, heads[d - 1] == 0, punct[d], rules)
        });
    }
    lab[1..=heads.len()].to_vec()
}

/// Weight of the transition scores against the second stage's in the final label (the
/// best of a few on EWT dev: 0.5-0.75 all within 0.0005 LAS).
const LABEL_MIX: f32 = 0.6;

/// UD's label rules for one arc (see [`State::label_fits`]).
pub(super) fn label_allowed(l: usize, from_root: bool, punct: bool, r: LabelRules) -> bool {
    // A sentence of one punctuation mark still has its root.
    (r.root == usize::MAX || (l == r.root) == from_root)
        && (r.punct == usize::MAX || from_root || (l == r.punct) == punct)
}

/// Train the relabelling stage on the gold trees, read with the (jackknifed) tags the
/// parser trains on.
pub(super) fn train_labeler(
    train: &[Vec<Word>],
    train_tags: &[Vec<String>],
    labels: &[String],
    vocab: &std::collections::HashSet<String>,
    epochs: usize,
    seed: u64,
) -> Model {
    let rules = LabelRules::of(labels);
    let mut t = Trainer::new(labels.len());
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut state = seed.wrapping_add(17).max(1);
    let (mut feats, mut scores) = (Vec::new(), Vec::new());
    for _ in 0..epochs {
        shuffle(&mut order, &mut state);
        for &si in &order {
            let sent = &train[si];
            let words: Vec<String> = sent.iter().map(|w| known(norm(&w.form), vocab)).collect();
            let tags: Vec<&str> = train_tags[si].iter().map(String::as_str).collect();
            let x = Slots::new(&words, &tags);
            let heads: Vec<usize> = sent.iter().map(|w| w.head.min(sent.len())).collect();
            let kids = children(&heads);
            let punct = punct_flags(&tags);
            let mut lab: Vec<usize> = std::iter::once(NONE)
                .chain(
                    sent.iter()
                        .map(|w| labels.binary_search(&w.deprel).unwrap_or(NONE)),
                )
                .chain(std::iter::once(NONE))
                .collect();
            lab.resize(sent.len() + 2, NONE);
            for d in top_down(&kids) {
                let gold = lab[d];
                if gold == NONE {
                    continue;
                }
                label_features(&x, &heads, &kids, &lab, d, &mut feats);
                t.scores(&feats, &mut scores);
                let guess = best(&scores, |l| {
                    label_allowed(l, heads[d - 1] == 0, punct[d], rules)
                });
                let guess = if guess == NONE { gold } else { guess };
                t.update(&feats, gold, guess);
            }
        }
    }
    t.average(0.05)
}
