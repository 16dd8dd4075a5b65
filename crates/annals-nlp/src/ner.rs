//! The named-entity recogniser: PER, ORG, LOC and MISC, as BIO tags decoded with Viterbi
//! over tag transitions (only valid BIO sequences), scored by a structured averaged
//! perceptron. Features: the word, its shape and affixes, its neighbours, whether the
//! article writes the word in lower case elsewhere (document consistency), and whether
//! it starts or continues a name of the project's gazetteer or actor lexicon.
//! Trained on CoNLL-2003 English (`annals train ner`).

use crate::perceptron::{
    bad_model, context_word, feature_hash_str, header_field, load_model_file, save_model_file,
    Model, Trainer,
};
use crate::tagger::{shape, shuffle};
use std::collections::{HashMap, HashSet};
use std::path::Path;

const MAGIC: &[u8; 8] = b"ANNNER03";
/// Entity types.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// Tag `0` is O; `1 + 2k` is B-`TYPES[k]`; `2 + 2k` is I-`TYPES[k]`.
pub const N_TAGS: usize = 1 + 2 * TYPES.len();

/// The name of tag `t`.
pub fn tag_name(t: usize) -> String {
    if t == 0 {
        "O".into()
    } else {
        format!(
            "{}-{}",
            if t % 2 == 1 { "B" } else { "I" },
            TYPES[(t - 1) / 2]
        )
    }
}

fn valid_transition(prev: Option<usize>, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true;
    }
    // I-X only after B-X or I-X.
    matches!(prev, Some(p) if p != 0 && (p - 1) / 2 == (cur - 1) / 2)
}

/// A sentence of a NER corpus: words and BIO (IOB2) tags.
#[derive(Debug, Clone, PartialEq)]
pub struct NerSentence {
    /// Words.
    pub words: Vec<String>,
    /// Tag indices (see [`N_TAGS`]).
    pub tags: Vec<usize>,
    /// Document number, for document-level features.
    pub doc: usize,
}

/// Read a CoNLL NER file: the token is the first column and the tag the last; IOB1 and
/// IOB2 are both read (an I- that does not continue an entity of its type starts one);
/// `-DOCSTART-` lines separate documents. Types outside PER/ORG/LOC/MISC are mapped by
/// name (Person, Organisation, Location) or dropped.
pub fn read_conll(text: &str) -> Result<Vec<NerSentence>, String> {
    let mut out = Vec::new();
    let mut words = Vec::new();
    let mut raw: Vec<String> = Vec::new();
    let mut doc = 0usize;
    let flush =
        |words: &mut Vec<String>, raw: &mut Vec<String>, out: &mut Vec<NerSentence>, doc: usize| {
            if words.is_empty() {
                return;
            }
            let mut tags = Vec::with_capacity(raw.len());
            let mut prev_type: Option<usize> = None;
            for r in raw.iter() {
                let (bio, ty) = r.split_once('-').unwrap_or((r.as_str(), ""));
                let k = match ty {
                    "PER" | "Person" | "PERSON" => Some(0),
                    "ORG" | "Organisation" | "Organization" | "ORGANIZATION" => Some(1),
                    "LOC" | "Location" | "LOCATION" | "GPE" => Some(2),
                    "MISC" | "MISCELLANEOUS" => Some(3),
                    _ => None,
                };
                let t = match (bio, k) {
                    ("B", Some(k)) => 1 + 2 * k,
                    ("I", Some(k)) if prev_type == Some(k) => 2 + 2 * k,
                    ("I", Some(k)) => 1 + 2 * k,
                    _ => 0,
                };
                prev_type = if t == 0 { None } else { Some((t - 1) / 2) };
                tags.push(t);
            }
            out.push(NerSentence {
                words: std::mem::take(words),
                tags,
                doc,
            });
            raw.clear();
        };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            flush(&mut words, &mut raw, &mut out, doc);
            doc += 1;
            continue;
        }
        if line.is_empty() {
            flush(&mut words, &mut raw, &mut out, doc);
            continue;
        }
        let cols: Vec<&str> = line.split([' ', '\t']).filter(|c| !c.is_empty()).collect();
        if cols.len() < 2 {
            return Err(format!("line {}: expected a token and a tag", i + 1));
        }
        words.push(cols[0].to_string());
        raw.push(cols[cols.len() - 1].to_string());
    }
    flush(&mut words, &mut raw, &mut out, doc);
    Ok(out)
}

/// Entity spans `(start, end, type)` of a BIO tag sequence.
pub fn spans(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let t = tags[i];
        if t == 0 {
            i += 1;
            continue;
        }
        let k = (t - 1) / 2;
        let mut j = i + 1;
        while j < tags.len() && tags[j] == 2 + 2 * k {
            j += 1;
        }
        out.push((i, j, k));
        i = j;
    }
    out
}

/// Names the recogniser may look up: folded name -> type index, from the gazetteer and
/// the actor lexicon.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameList {
    /// Folded multi-word names and their type.
    pub names: HashMap<String, usize>,
    /// Most words in a name.
    pub max_words: usize,
    /// The first word of every name: most capitalised words start none, and are passed
    /// over without building a key.
    pub first_words: HashSet<String>,
}

impl NameList {
    /// Add a name of type `k`.
    pub fn add(&mut self, name: &str, k: usize) {
        let key = name.to_lowercase();
        self.max_words = self.max_words.max(key.split(' ').count());
        self.first_words
            .insert(key.split(' ').next().unwrap_or("").to_string());
        self.names.entry(key).or_insert(k);
    }
}

/// Entity-level scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NerScores {
    /// (correct, predicted, gold) per type, in [`TYPES`] order.
    pub per_type: [(usize, usize, usize); 4],
}

impl NerScores {
    fn prf(c: usize, p: usize, g: usize) -> (f64, f64, f64) {
        let pr = if p == 0 { 0.0 } else { c as f64 / p as f64 };
        let rc = if g == 0 { 0.0 } else { c as f64 / g as f64 };
        (
            pr,
            rc,
            if pr + rc == 0.0 {
                0.0
            } else {
                2.0 * pr * rc / (pr + rc)
            },
        )
    }
    /// Overall precision, recall, F1.
    pub fn overall(&self) -> (f64, f64, f64) {
        let (c, p, g) = self
            .per_type
            .iter()
            .fold((0, 0, 0), |a, x| (a.0 + x.0, a.1 + x.1, a.2 + x.2));
        Self::prf(c, p, g)
    }
    /// Precision, recall, F1 of type `k`.
    pub fn of_type(&self, k: usize) -> (f64, f64, f64) {
        let (c, p, g) = self.per_type[k];
        Self::prf(c, p, g)
    }
}

/// A trained recogniser.
#[derive(Debug, Clone, PartialEq)]
pub struct Recogniser {
    model: Model,
    trans: Vec<f32>, // (N_TAGS + 1) x N_TAGS; row N_TAGS is the start
    /// Names looked up for features.
    pub names: NameList,
}

/// Per-token name-list marks: "B-LOC", "I-ORG" or "".
fn name_marks(words: &[String], names: &NameList) -> Vec<String> {
    let mut marks = vec![String::new(); words.len()];
    let low: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut key = String::new();
    let mut i = 0;
    while i < words.len() {
        let mut hit = None;
        if words[i].chars().next().is_some_and(char::is_uppercase)
            && names.first_words.contains(&low[i])
        {
            for len in (1..=names.max_words.min(words.len() - i)).rev() {
                key.clear();
                for (j, w) in low[i..i + len].iter().enumerate() {
                    if j > 0 {
                        key.push(' ');
                    }
                    key.push_str(w);
                }
                if let Some(&k) = names.names.get(&key) {
                    hit = Some((len, k));
                    break;
                }
            }
        }
        match hit {
            Some((len, k)) => {
                for (j, m) in marks[i..i + len].iter_mut().enumerate() {
                    *m = format!("{}-{}", if j == 0 { "B" } else { "I" }, TYPES[k]);
                }
                i += len;
            }
            None => i += 1,
        }
    }
    marks
}

fn features(
    words: &[String],
    marks: &[String],
    doc_lower: &HashSet<String>,
    i: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let w = words[i].as_str();
    let low = w.to_lowercase();
    let get = |k: isize| context_word(words, i, k);
    let mk = |k: isize| -> &str {
        let j = i as isize + k;
        if j < 0 || j as usize >= marks.len() {
            "-"
        } else {
            marks[j as usize].as_str()
        }
    };
    let mut f = |parts: &[&str]| out.push(feature_hash_str(parts));
    f(&["bias"]);
    f(&["w", w]);
    f(&["lw", &low]);
    let sh = shape(w);
    f(&["sh", &sh]);
    let chars: Vec<char> = low.chars().collect();
    for n in 1..=4 {
        if chars.len() >= n {
            let suf: String = chars[chars.len() - n..].iter().collect();
            let pre: String = chars[..n].iter().collect();
            f(&["suf", &suf]);
            f(&["pre", &pre]);
        }
    }
    for k in [-2isize, -1, 1, 2] {
        let ks = k.to_string();
        let x = get(k);
        f(&["w", &ks, &x.to_lowercase()]);
        if k.abs() == 1 {
            f(&["sh", &ks, &shape(x)]);
        }
    }
    f(&["w-1.w", &get(-1).to_lowercase(), &low]);
    f(&["w.w+1", &low, &get(1).to_lowercase()]);
    f(&["sh-1.sh.sh+1", &shape(get(-1)), &sh, &shape(get(1))]);
    f(&["first", if i == 0 { "1" } else { "0" }, &sh]);
    // Document consistency: a capitalised word the article also writes in lower case.
    if w.chars().next().is_some_and(char::is_uppercase) && doc_lower.contains(&low) {
        f(&["doclower"]);
    }
    f(&["mk", mk(0)]);
    f(&["mk-1.mk", mk(-1), mk(0)]);
    f(&["mk.mk+1", mk(0), mk(1)]);
}

fn doc_lowers(sents: &[NerSentence]) -> HashMap<usize, HashSet<String>> {
    let mut m: HashMap<usize, HashSet<String>> = HashMap::new();
    for s in sents {
        let e = m.entry(s.doc).or_default();
        for w in &s.words {
            if w.chars().next().is_some_and(char::is_lowercase) {
                e.insert(w.clone());
            }
        }
    }
    m
}

impl Recogniser {
    fn viterbi(&self, emissions: &[Vec<f32>], trans: &[f32]) -> Vec<usize> {
        let n = emissions.len();
        if n == 0 {
            return Vec::new();
        }
        let neg = f32::NEG_INFINITY;
        let mut score = vec![[neg; N_TAGS]; n];
        let mut back = vec![[0usize; N_TAGS]; n];
        for c in 0..N_TAGS {
            if valid_transition(None, c) {
                score[0][c] = emissions[0][c] + trans[N_TAGS * N_TAGS + c];
            }
        }
        for i in 1..n {
            for c in 0..N_TAGS {
                let mut best = (neg, 0);
                for p in 0..N_TAGS {
                    if score[i - 1][p] == neg || !valid_transition(Some(p), c) {
                        continue;
                    }
                    let v = score[i - 1][p] + trans[p * N_TAGS + c];
                    if v > best.0 {
                        best = (v, p);
                    }
                }
                if best.0 > neg {
                    score[i][c] = best.0 + emissions[i][c];
                    back[i][c] = best.1;
                }
            }
        }
        let mut last = (0..N_TAGS)
            .max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b]))
            .unwrap_or(0);
        let mut out = vec![0; n];
        for i in (0..n).rev() {
            out[i] = last;
            last = back[i][last];
        }
        out
    }

    /// Train on `train`, reporting dev F1 after each epoch.
    pub fn train(
        train: &[NerSentence],
        dev: Option<&[NerSentence]>,
        names: NameList,
        epochs: usize,
        seed: u64,
        log: &mut dyn FnMut(String),
    ) -> Recogniser {
        let mut t = Trainer::new(N_TAGS);
        // Transition weights, averaged by hand like the emission weights.
        let tn = (N_TAGS + 1) * N_TAGS;
        let (mut tw, mut ttotal, mut tstamp) = (vec![0f32; tn], vec![0f64; tn], vec![0u32; tn]);
        let mut step = 0u32;
        let lowers = doc_lowers(train);
        let empty = HashSet::new();
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut state = seed.max(1);
        let mut rec = Recogniser {
            model: Trainer::new(N_TAGS).average(0.0),
            trans: vec![0.0; tn],
            names,
        };
        let mut feats = Vec::new();
        for epoch in 1..=epochs {
            shuffle(&mut order, &mut state);
            for &si in &order {
                let s = &train[si];
                let marks = name_marks(&s.words, &rec.names);
                let dl = lowers.get(&s.doc).unwrap_or(&empty);
                let all: Vec<Vec<u64>> = (0..s.words.len())
                    .map(|i| {
                        features(&s.words, &marks, dl, i, &mut feats);
                        feats.clone()
                    })
                    .collect();
                let em: Vec<Vec<f32>> = all
                    .iter()
                    .map(|f| {
                        let mut sc = Vec::new();
                        t.scores(f, &mut sc);
                        sc
                    })
                    .collect();
                let guess = rec.viterbi(&em, &tw);
                step += 1;
                for i in 0..s.words.len() {
                    // One perceptron step per token keeps the emission averages in time.
                    t.update(&all[i], s.tags[i], guess[i]);
                }
                if guess != s.tags {
                    let mut bump = |idx: usize, d: f32| {
                        ttotal[idx] += (step - tstamp[idx]) as f64 * tw[idx] as f64;
                        tstamp[idx] = step;
                        tw[idx] += d;
                    };
                    for (seq, d) in [(&s.tags, 1.0f32), (&guess, -1.0f32)] {
                        let mut prev = N_TAGS;
                        for &c in seq.iter() {
                            bump(prev * N_TAGS + c, d);
                            prev = c;
                        }
                    }
                }
            }
            rec.model = t.average(0.0);
            rec.trans = (0..tn)
                .map(|i| {
                    ((ttotal[i] + (step - tstamp[i]) as f64 * tw[i] as f64) / step.max(1) as f64)
                        as f32
                })
                .collect();
            let msg = match dev {
                Some(d) => {
                    let (p, r, f1) = rec.evaluate(d).overall();
                    format!(", dev P {p:.4} R {r:.4} F1 {f1:.4}")
                }
                None => String::new(),
            };
            log(format!("ner epoch {epoch}{msg}"));
        }
        rec.model = t.average(0.01);
        rec
    }

    /// Tags for a sentence; `doc_lower` holds the words its article writes in lower case.
    pub fn tag(&self, words: &[String], doc_lower: &HashSet<String>) -> Vec<usize> {
        let marks = name_marks(words, &self.names);
        let mut feats = Vec::with_capacity(48);
        let em: Vec<Vec<f32>> = (0..words.len())
            .map(|i| {
                features(words, &marks, doc_lower, i, &mut feats);
                let mut sc = Vec::with_capacity(N_TAGS);
                self.model.scores(&feats, &mut sc);
                sc
            })
            .collect();
        self.viterbi(&em, &self.trans)
    }

    /// Entity-level exact-match scores.
    pub fn evaluate(&self, sents: &[NerSentence]) -> NerScores {
        let lowers = doc_lowers(sents);
        let empty = HashSet::new();
        let mut sc = NerScores::default();
        for s in sents {
            let pred = self.tag(&s.words, lowers.get(&s.doc).unwrap_or(&empty));
            let g = spans(&s.tags);
            let p = spans(&pred);
            for &(_, _, k) in &g {
                sc.per_type[k].2 += 1;
            }
            for x in &p {
                sc.per_type[x.2].1 += 1;
                if g.contains(x) {
                    sc.per_type[x.2].0 += 1;
                }
            }
        }
        sc
    }

    /// Write the model file.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let mut names: Vec<(&String, &usize)> = self.names.names.iter().collect();
        names.sort();
        let header = serde_json::json!({"trans": self.trans, "names": names, "max_words": self.names.max_words});
        save_model_file(path, MAGIC, &header, &self.model)
    }

    /// Read a model file.
    pub fn load(path: &Path) -> std::io::Result<Self> {
        let (header, model) = load_model_file(path, MAGIC, "NER")?;
        let trans: Vec<f32> = header_field(path, &header, "trans")?;
        let names: Vec<(String, usize)> = header_field(path, &header, "names")?;
        let max_words: usize = header_field(path, &header, "max_words")?;
        if trans.len() != (N_TAGS + 1) * N_TAGS || model.n != N_TAGS {
            return Err(bad_model(path, "sizes do not match"));
        }
        Ok(Recogniser {
            model,
            trans,
            names: NameList {
                first_words: names
                    .iter()
                    .map(|(n, _)| n.split(' ').next().unwrap_or("").to_string())
                    .collect(),
                names: names.into_iter().collect(),
                max_words,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_and_iob2_read_alike() {
        let iob1 = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n";
        let iob2 = "EU B-ORG\nrejects O\nGerman B-MISC\ncall O\nPeter B-PER\nBlackburn I-PER\n\n";
        let a = read_conll(iob1).unwrap();
        let b = read_conll(iob2).unwrap();
        assert_eq!(a[0].tags, b[0].tags);
        assert_eq!(spans(&a[0].tags), vec![(0, 1, 1), (2, 3, 3), (4, 6, 0)]);
    }

    #[test]
    fn viterbi_never_outputs_an_invalid_sequence() {
        let r = Recogniser {
            model: Trainer::new(N_TAGS).average(0.0),
            trans: vec![0.0; (N_TAGS + 1) * N_TAGS],
            names: NameList::default(),
        };
        // Emissions that favour I-PER everywhere, which cannot start an entity.
        let em: Vec<Vec<f32>> = (0..4)
            .map(|_| {
                (0..N_TAGS)
                    .map(|c| if c == 2 { 5.0 } else { 0.0 })
                    .collect()
            })
            .collect();
        let tags = r.viterbi(&em, &r.trans);
        let mut prev = None;
        for &t in &tags {
            assert!(valid_transition(prev, t), "{tags:?}");
            prev = Some(t);
        }
    }

    #[test]
    fn learns_names_on_a_slice() {
        let text = "Peter B-PER\nvisited O\nKabul B-LOC\n.\tO\n\nThe O\nTaliban B-ORG\nleft O\nKabul B-LOC\n\n";
        let train: Vec<NerSentence> = (0..20).flat_map(|_| read_conll(text).unwrap()).collect();
        let r = Recogniser::train(&train, None, NameList::default(), 4, 1, &mut |_| {});
        assert!(r.evaluate(&train).overall().2 > 0.99);
    }
}
