//! Training recipes: how each shipped model is made from the shared corpora, as
//! `annals train pos|ner|parse` runs them. Deterministic for a given seed (see
//! data/MODELS.md for the settings of the shipped models and their dev scores).

use crate::corpus::{read_conllu, Word};
use crate::ner::{read_conll, NameList, NerSentence, Recogniser};
use crate::parser::Parser;
use crate::tagger::Tagger;
use std::path::{Path, PathBuf};

/// Where the corpora lie under the shared data folder.
pub const EWT_TRAIN: &str = "ud/en_ewt/en_ewt-ud-train.conllu";
/// UD English EWT dev.
pub const EWT_DEV: &str = "ud/en_ewt/en_ewt-ud-dev.conllu";
/// CoNLL-2003 English train.
pub const CONLL_TRAIN: &str = "ner/conll2003/eng.train";
/// CoNLL-2003 English dev (testa).
pub const CONLL_DEV: &str = "ner/conll2003/eng.testa";

/// Folds of the jackknife that gives the parser's training set predicted tags.
const FOLDS: usize = 10;

/// Settings of one training run.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// The shared data folder.
    pub shared: PathBuf,
    /// Passes over the training data (`None`: the shipped model's setting).
    pub epochs: Option<usize>,
    /// Seed of the example order (and of the parser's exploration).
    pub seed: u64,
    /// Parser only: how many parsers to train and average (`None`: 5).
    pub runs: Option<u64>,
}

/// Read a CoNLL-U treebank, naming the file in any error.
pub fn read_treebank(p: &Path) -> Result<Vec<Vec<Word>>, String> {
    let t = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
    read_conllu(&t).map_err(|e| format!("{}: {e}", p.display()))
}

/// Read a CoNLL NER file, naming the file in any error.
pub fn read_ner(p: &Path) -> Result<Vec<NerSentence>, String> {
    let t = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
    read_conll(&t).map_err(|e| format!("{}: {e}", p.display()))
}

/// The tagger's tags ("UPOS_XPOS", or "A|B" where it hesitates, as the parser reads
/// them) for gold-tokenized sentences.
pub fn predicted_tags(tagger: &Tagger, sents: &[Vec<Word>]) -> Vec<Vec<String>> {
    sents
        .iter()
        .map(|s| {
            let forms: Vec<&str> = s.iter().map(|w| w.form.as_str()).collect();
            tagger
                .tag_alternatives(&forms, crate::analyse::HESITATION)
                .into_iter()
                .map(|(c, alt)| {
                    let (u, x) = &tagger.classes[c];
                    match alt {
                        Some(a) => {
                            format!("{u}_{x}|{}_{}", tagger.classes[a].0, tagger.classes[a].1)
                        }
                        None => format!("{u}_{x}"),
                    }
                })
                .collect()
        })
        .collect()
}

/// The POS tagger on EWT train, scored on EWT dev after each epoch.
pub fn train_pos(o: &TrainOptions, progress: &mut dyn FnMut(String)) -> Result<Tagger, String> {
    let train = read_treebank(&o.shared.join(EWT_TRAIN))?;
    let dev = read_treebank(&o.shared.join(EWT_DEV))?;
    Ok(Tagger::train(
        &train,
        Some(&dev),
        o.epochs.unwrap_or(10),
        o.seed,
        progress,
    ))
}

/// The recogniser on CoNLL-2003 train with the name list, scored on testa after each
/// epoch.
pub fn train_ner(
    o: &TrainOptions,
    names: NameList,
    progress: &mut dyn FnMut(String),
) -> Result<Recogniser, String> {
    let train = read_ner(&o.shared.join(CONLL_TRAIN))?;
    let dev = read_ner(&o.shared.join(CONLL_DEV))?;
    Ok(Recogniser::train(
        &train,
        Some(&dev),
        names,
        o.epochs.unwrap_or(10),
        o.seed,
        progress,
    ))
}

/// The parser on EWT train with the tags a tagger gives text it has not seen (a
/// ten-fold jackknife, folds trained side by side), as the parser will meet them; the
/// mean of `runs` parsers' weights, scored on EWT dev with `tagger`'s tags.
pub fn train_parse(
    o: &TrainOptions,
    tagger: &Tagger,
    progress: &mut dyn FnMut(String),
) -> Result<Parser, String> {
    let train = read_treebank(&o.shared.join(EWT_TRAIN))?;
    let dev = read_treebank(&o.shared.join(EWT_DEV))?;
    let train_tags = jackknife_tags(&train, o.seed, progress);
    let dev_tags = predicted_tags(tagger, &dev);
    let seeds: Vec<u64> = (0..o.runs.unwrap_or(5).max(1))
        .map(|k| o.seed + k)
        .collect();
    Ok(Parser::train_mixed(
        &train,
        &train_tags,
        Some((&dev, &dev_tags)),
        o.epochs.unwrap_or(12),
        &seeds,
        progress,
    ))
}

/// Tags for every training sentence from a tagger trained on the other folds.
fn jackknife_tags(
    train: &[Vec<Word>],
    seed: u64,
    progress: &mut dyn FnMut(String),
) -> Vec<Vec<String>> {
    let mut tags: Vec<Vec<String>> = vec![Vec::new(); train.len()];
    let fold = |k: usize| -> Vec<(usize, Vec<String>)> {
        let others: Vec<Vec<Word>> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS != k)
            .map(|(_, s)| s.clone())
            .collect();
        let fold_tagger = Tagger::train(&others, None, 10, seed + k as u64, &mut |_| {});
        let held: Vec<usize> = (0..train.len()).filter(|i| i % FOLDS == k).collect();
        let held_sents: Vec<Vec<Word>> = held.iter().map(|&i| train[i].clone()).collect();
        held.into_iter()
            .zip(predicted_tags(&fold_tagger, &held_sents))
            .collect()
    };
    let width = std::thread::available_parallelism().map_or(1, |n| n.get());
    let folds: Vec<usize> = (0..FOLDS).collect();
    for wave in folds.chunks(width.max(1)) {
        let done: Vec<Vec<(usize, Vec<String>)>> = std::thread::scope(|scope| {
            let hs: Vec<_> = wave.iter().map(|&k| scope.spawn(move || fold(k))).collect();
            hs.into_iter()
                .map(|h| h.join().expect("a jackknife fold panicked"))
                .collect()
        });
        for (k, tagged) in wave.iter().zip(done) {
            for (i, t) in tagged {
                tags[i] = t;
            }
            progress(format!("jackknife tags: fold {} of {FOLDS} done", k + 1));
        }
    }
    tags
}
