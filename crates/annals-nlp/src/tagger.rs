//! The part-of-speech tagger: an averaged perceptron that predicts the Universal POS
//! and Penn Treebank tags together, left to right, from the word, its affixes and shape,
//! the words around it and the two tags before it. Frequent unambiguous words are
//! tagged from a dictionary. Trained on UD English EWT (`annals train pos`).

use crate::corpus::Word;
use crate::perceptron::{
    bad_model, context_word, feature_hash, header_field, load_model_file, save_model_file, Model,
    Trainer,
};
use std::collections::HashMap;
use std::path::Path;

const MAGIC: &[u8; 8] = b"ANNPOS03";

/// A trained tagger.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagger {
    /// Tag pairs (UPOS, XPOS); classes are indices into this list.
    pub classes: Vec<(String, String)>,
    /// Words always given one class.
    pub tagdict: HashMap<String, usize>,
    /// The tags each known (lower-cased) word was seen with, as one string ("NN|VB"):
    /// the context's ambiguity classes are strong features.
    pub ambiguity: HashMap<String, String>,
    model: Model,
}

/// Accuracy of a tagger on a treebank.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TagScores {
    /// Words.
    pub words: usize,
    /// UPOS accuracy.
    pub upos: f64,
    /// XPOS accuracy.
    pub xpos: f64,
}

/// The word's shape: letter case and digits, runs cut at two ("Kabul" -> "Xxx").
pub(crate) fn shape(w: &str) -> String {
    let mut s = String::new();
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if !s.ends_with(k) || s.chars().rev().take_while(|&x| x == k).count() < 2 {
            s.push(k);
        }
    }
    s
}

fn suffix(w: &str, n: usize) -> &str {
    let start = w
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &w[start..]
}

fn prefix(w: &str, n: usize) -> &str {
    let end = w.char_indices().nth(n).map_or(w.len(), |(i, _)| i);
    &w[..end]
}

/// Lower-cased words with digits folded, for context features.
pub(crate) fn norm(w: &str) -> String {
    if w.chars().any(|c| c.is_ascii_digit())
        && w.chars().all(|c| c.is_ascii_digit() || ",.:/-".contains(c))
    {
        return "<num>".into();
    }
    w.to_lowercase()
}

/// The features of word `i` given the tags already chosen before it.
fn features(
    words: &[String],
    raw: &[&str],
    amb: &[&str],
    i: usize,
    p1: &str,
    p2: &str,
    out: &mut Vec<u64>,
) {
    out.clear();
    let a = |k: isize| -> &str {
        let j = i as isize + k;
        if j < 0 || j as usize >= amb.len() {
            "<b>"
        } else {
            amb[j as usize]
        }
    };
    let w = words[i].as_str();
    let r = raw[i];
    let get = |k: isize| context_word(words, i, k);
    let f = |out: &mut Vec<u64>, parts: &[&[u8]]| out.push(feature_hash(parts));
    f(out, &[b"bias"]);
    f(out, &[b"w", w.as_bytes()]);
    for n in 1..=4 {
        f(out, &[b"s", &[n as u8], suffix(w, n).as_bytes()]);
    }
    for n in 1..=3 {
        f(out, &[b"p", &[n as u8], prefix(w, n).as_bytes()]);
    }
    f(out, &[b"shape", shape(r).as_bytes()]);
    f(out, &[b"t1", p1.as_bytes()]);
    f(out, &[b"t2", p2.as_bytes()]);
    f(out, &[b"t12", p1.as_bytes(), p2.as_bytes()]);
    f(out, &[b"t1w", p1.as_bytes(), w.as_bytes()]);
    f(out, &[b"w-1", get(-1).as_bytes()]);
    f(out, &[b"w-1s3", suffix(get(-1), 3).as_bytes()]);
    f(out, &[b"w-2", get(-2).as_bytes()]);
    f(out, &[b"w+1", get(1).as_bytes()]);
    f(out, &[b"w+1s3", suffix(get(1), 3).as_bytes()]);
    f(out, &[b"w+2", get(2).as_bytes()]);
    f(out, &[b"w-1w", get(-1).as_bytes(), w.as_bytes()]);
    f(out, &[b"ww+1", w.as_bytes(), get(1).as_bytes()]);
    let first_cap = r.chars().next().is_some_and(char::is_uppercase);
    f(out, &[b"cap", &[first_cap as u8, (i == 0) as u8]]);
    if r.contains('-') {
        f(out, &[b"hyph"]);
    }
    f(out, &[b"a0", a(0).as_bytes()]);
    f(out, &[b"a+1", a(1).as_bytes()]);
    f(out, &[b"a+2", a(2).as_bytes()]);
    f(out, &[b"a0a+1", a(0).as_bytes(), a(1).as_bytes()]);
    f(out, &[b"t1a0", p1.as_bytes(), a(0).as_bytes()]);
    f(
        out,
        &[b"t1a0a+1", p1.as_bytes(), a(0).as_bytes(), a(1).as_bytes()],
    );
}

fn ambiguity_classes<'a>(train: impl Iterator<Item = &'a Vec<Word>>) -> HashMap<String, String> {
    let mut seen: HashMap<String, HashMap<String, usize>> = HashMap::new();
    for w in train.flatten() {
        *seen
            .entry(norm(&w.form))
            .or_default()
            .entry(w.xpos.clone())
            .or_default() += 1;
    }
    let mut out = HashMap::new();
    for (word, tags) in seen {
        let total: usize = tags.values().sum();
        let mut t: Vec<&String> = tags
            .iter()
            .filter(|(_, &n)| n * 10 >= total)
            .map(|(k, _)| k)
            .collect();
        t.sort();
        out.insert(
            word,
            t.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("|"),
        );
    }
    out
}

impl Tagger {
    fn ambiguities<'a>(&'a self, words: &[String]) -> Vec<&'a str> {
        words
            .iter()
            .map(|w| self.ambiguity.get(w).map_or("<unk>", String::as_str))
            .collect()
    }
}

fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = i;
        }
    }
    best
}

/// A deterministic shuffle (xorshift): the same seed gives the same order, and so the
/// same model.
pub fn shuffle<T>(v: &mut [T], seed: &mut u64) {
    for i in (1..v.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        v.swap(i, (*seed % (i as u64 + 1)) as usize);
    }
}

impl Tagger {
    /// Train on `train` for `epochs`, reporting dev accuracy after each through `log`.
    pub fn train(
        train: &[Vec<Word>],
        dev: Option<&[Vec<Word>]>,
        epochs: usize,
        seed: u64,
        log: &mut dyn FnMut(String),
    ) -> Tagger {
        let mut class_of: HashMap<(String, String), usize> = HashMap::new();
        let mut classes: Vec<(String, String)> = Vec::new();
        let mut counts: HashMap<String, HashMap<usize, usize>> = HashMap::new();
        let mut pairs: Vec<(String, String)> = train
            .iter()
            .flatten()
            .map(|w| (w.upos.clone(), w.xpos.clone()))
            .collect();
        pairs.sort();
        pairs.dedup();
        for p in pairs {
            class_of.insert(p.clone(), classes.len());
            classes.push(p);
        }
        for w in train.iter().flatten() {
            *counts
                .entry(w.form.clone())
                .or_default()
                .entry(class_of[&(w.upos.clone(), w.xpos.clone())])
                .or_default() += 1;
        }
        let mut tagdict = HashMap::new();
        for (form, c) in &counts {
            let total: usize = c.values().sum();
            let (&best, &n) = c
                .iter()
                .max_by_key(|(k, v)| (**v, std::cmp::Reverse(**k)))
                .unwrap_or((&0, &0));
            if total >= 20 && n as f64 / total as f64 >= 0.99 {
                tagdict.insert(form.clone(), best);
            }
        }
        let mut t = Trainer::new(classes.len());
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut state = seed.max(1);
        let mut feats = Vec::new();
        let mut scores = Vec::new();
        let ambiguity = ambiguity_classes(train.iter());
        // Jackknifed ambiguity classes for training: each tenth of the corpus sees the
        // classes of the other nine, so known and unknown words look as they will at
        // test time.
        const FOLDS: usize = 10;
        let folds: Vec<HashMap<String, String>> = (0..FOLDS)
            .map(|k| {
                ambiguity_classes(
                    train
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| i % FOLDS != k)
                        .map(|(_, s)| s),
                )
            })
            .collect();
        let mut tagger = Tagger {
            classes: classes.clone(),
            tagdict: tagdict.clone(),
            ambiguity,
            model: Trainer::new(1).average(0.0),
        };
        for epoch in 1..=epochs {
            shuffle(&mut order, &mut state);
            let (mut right, mut seen) = (0usize, 0usize);
            for &si in &order {
                let s = &train[si];
                let raw: Vec<&str> = s.iter().map(|w| w.form.as_str()).collect();
                let words: Vec<String> = raw.iter().map(|w| norm(w)).collect();
                // Words seen only in this sentence would look known: in training, a word
                // seen once counts as unknown, as it would be at test time.
                let fold = &folds[si % FOLDS];
                let amb: Vec<String> = words
                    .iter()
                    .map(|w| fold.get(w).cloned().unwrap_or_else(|| "<unk>".into()))
                    .collect();
                let amb: Vec<&str> = amb.iter().map(String::as_str).collect();
                let (mut p1, mut p2) = ("<s>".to_string(), "<s>".to_string());
                for (i, w) in s.iter().enumerate() {
                    let truth = class_of[&(w.upos.clone(), w.xpos.clone())];
                    let guess = if let Some(&c) = tagdict.get(&w.form) {
                        c
                    } else {
                        features(&words, &raw, &amb, i, &p1, &p2, &mut feats);
                        t.scores(&feats, &mut scores);
                        let g = argmax(&scores);
                        t.update(&feats, truth, g);
                        g
                    };
                    right += (guess == truth) as usize;
                    seen += 1;
                    p2 = std::mem::replace(&mut p1, classes[guess].1.clone());
                }
            }
            tagger.model = t.average(0.0);
            let dev_msg = match dev {
                Some(d) => {
                    let s = tagger.evaluate(d);
                    format!(", dev UPOS {:.4} XPOS {:.4}", s.upos, s.xpos)
                }
                None => String::new(),
            };
            log(format!(
                "pos epoch {epoch}: train {:.4}{dev_msg}",
                right as f64 / seen.max(1) as f64
            ));
        }
        tagger.model = t.average(1e-3);
        tagger
    }

    /// Class indices for a sentence's words.
    pub fn tag(&self, raw: &[&str]) -> Vec<usize> {
        self.tag_with(raw, None)
            .into_iter()
            .map(|(c, _)| c)
            .collect()
    }

    /// Tags with, where the tagger hesitates (runner-up within `margin` of the winner),
    /// the runner-up: a parser can weigh both.
    pub fn tag_alternatives(&self, raw: &[&str], margin: f32) -> Vec<(usize, Option<usize>)> {
        self.tag_with(raw, Some(margin))
    }

    fn tag_with(&self, raw: &[&str], margin: Option<f32>) -> Vec<(usize, Option<usize>)> {
        let words: Vec<String> = raw.iter().map(|w| norm(w)).collect();
        let amb = self.ambiguities(&words);
        let mut out = Vec::with_capacity(raw.len());
        let mut feats = Vec::with_capacity(32);
        let mut scores = Vec::with_capacity(self.classes.len());
        let (mut p1, mut p2): (&str, &str) = ("<s>", "<s>");
        for i in 0..raw.len() {
            let c = match self.tagdict.get(raw[i]) {
                Some(&c) => (c, None),
                None => {
                    features(&words, raw, &amb, i, p1, p2, &mut feats);
                    self.model.scores(&feats, &mut scores);
                    let best = argmax(&scores);
                    let alt = margin.and_then(|m| {
                        let top = scores[best];
                        scores[best] = f32::NEG_INFINITY;
                        let second = argmax(&scores);
                        let near = top - scores[second] < m;
                        scores[best] = top;
                        near.then_some(second)
                    });
                    (best, alt)
                }
            };
            out.push(c);
            p2 = p1;
            p1 = &self.classes[c.0].1;
        }
        out
    }

    /// UPOS and XPOS accuracy on gold-tokenized sentences.
    pub fn evaluate(&self, sents: &[Vec<Word>]) -> TagScores {
        let (mut n, mut u, mut x) = (0usize, 0usize, 0usize);
        for s in sents {
            let raw: Vec<&str> = s.iter().map(|w| w.form.as_str()).collect();
            for (c, w) in self.tag(&raw).into_iter().zip(s) {
                n += 1;
                u += (self.classes[c].0 == w.upos) as usize;
                x += (self.classes[c].1 == w.xpos) as usize;
            }
        }
        TagScores {
            words: n,
            upos: u as f64 / n.max(1) as f64,
            xpos: x as f64 / n.max(1) as f64,
        }
    }

    /// Write the model file.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let mut tagdict: Vec<(&String, &usize)> = self.tagdict.iter().collect();
        tagdict.sort();
        let mut ambiguity: Vec<(&String, &String)> = self.ambiguity.iter().collect();
        ambiguity.sort();
        let header = serde_json::json!({"classes": self.classes, "tagdict": tagdict, "ambiguity": ambiguity});
        save_model_file(path, MAGIC, &header, &self.model)
    }

    /// Read a model file.
    pub fn load(path: &Path) -> std::io::Result<Self> {
        let (header, model) = load_model_file(path, MAGIC, "POS")?;
        let classes: Vec<(String, String)> = header_field(path, &header, "classes")?;
        let tagdict: Vec<(String, usize)> = header_field(path, &header, "tagdict")?;
        let ambiguity: Vec<(String, String)> = header_field(path, &header, "ambiguity")?;
        if model.n != classes.len() || tagdict.iter().any(|t| t.1 >= classes.len()) {
            return Err(bad_model(path, "classes do not match the weights"));
        }
        Ok(Tagger {
            classes,
            tagdict: tagdict.into_iter().collect(),
            ambiguity: ambiguity.into_iter().collect(),
            model,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(form: &str, upos: &str, xpos: &str) -> Word {
        Word {
            form: form.into(),
            upos: upos.into(),
            xpos: xpos.into(),
            head: 0,
            deprel: "dep".into(),
        }
    }

    #[test]
    fn features_and_shapes() {
        assert_eq!(shape("Kabul"), "Xxx");
        assert_eq!(shape("1,000"), "d,ddd".replace("ddd", "dd"));
        assert_eq!(suffix("Jalālābād", 3), "bād");
        assert_eq!(prefix("ab", 3), "ab");
    }

    #[test]
    fn trains_on_a_slice_and_round_trips() {
        let s1 = vec![
            w("The", "DET", "DT"),
            w("NRF", "PROPN", "NNP"),
            w("fought", "VERB", "VBD"),
            w(".", "PUNCT", "."),
        ];
        let s2 = vec![
            w("The", "DET", "DT"),
            w("Taliban", "PROPN", "NNP"),
            w("retreated", "VERB", "VBD"),
            w(".", "PUNCT", "."),
        ];
        let train: Vec<Vec<Word>> = (0..30).flat_map(|_| [s1.clone(), s2.clone()]).collect();
        let t = Tagger::train(&train, None, 3, 7, &mut |_| {});
        assert!(t.evaluate(&train).upos > 0.99);
        let t2 = Tagger::train(&train, None, 3, 7, &mut |_| {});
        assert_eq!(t, t2, "same seed, same model");
        let p = std::env::temp_dir().join(format!("annals-pos-{}.bin", std::process::id()));
        t.save(&p).unwrap();
        assert_eq!(Tagger::load(&p).unwrap(), t);
        let _ = std::fs::remove_file(p);
    }
}
