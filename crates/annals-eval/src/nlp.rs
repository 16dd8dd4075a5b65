//! The text and model stages against treebanks and CoNLL files: tokens and sentences,
//! POS tags, dependency trees, named entities.

use crate::Report;
use anyhow::{Context as _, Result};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::Path;

pub fn ner(path: &Path, data: &Path) -> Result<Report> {
    let t0 = std::time::Instant::now();
    let rec = annals_nlp::ner::Recogniser::load(&data.join("ner.model"))
        .context("loading data/ner.model (build it with `annals train ner`)")?;
    let load = t0.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let sents = annals_nlp::ner::read_conll(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let sc = rec.evaluate(&sents);
    let (p, r, f1) = sc.overall();
    let figures = {
        let per: serde_json::Map<String, Value> = annals_nlp::ner::TYPES
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let (p, r, f) = sc.of_type(k);
                (
                    t.to_string(),
                    json!({"precision": p, "recall": r, "f1": f, "gold": sc.per_type[k].2}),
                )
            })
            .collect();
        json!({"precision": p, "recall": r, "f1": f1, "per_type": per})
    };
    let mut table = String::new();
    writeln!(
        table,
        "{} sentences from {} (model loaded in {:.2}s)",
        sents.len(),
        path.display(),
        load
    )?;
    writeln!(
        table,
        "{:<8} {:>9} {:>9} {:>9} {:>7}",
        "type", "precision", "recall", "f1", "gold"
    )?;
    for (k, t) in annals_nlp::ner::TYPES.iter().enumerate() {
        let (p, r, f) = sc.of_type(k);
        writeln!(
            table,
            "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7}",
            t, p, r, f, sc.per_type[k].2
        )?;
    }
    writeln!(table, "{:<8} {:>9.4} {:>9.4} {:>9.4}", "all", p, r, f1)?;
    Ok(Report { figures, table })
}

pub fn parse(path: &Path, data: &Path) -> Result<Report> {
    let t0 = std::time::Instant::now();
    let tagger = annals_nlp::tagger::Tagger::load(&data.join("pos.model"))
        .context("loading data/pos.model")?;
    let parser = annals_nlp::parser::Parser::load(&data.join("parse.model"))
        .context("loading data/parse.model (build it with `annals train parse`)")?;
    let load = t0.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let sents = annals_nlp::corpus::read_conllu(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let tags = annals_nlp::train::predicted_tags(&tagger, &sents);
    let s = parser.evaluate(&sents, &tags);
    let figures = { json!({"words": s.words, "uas": s.uas, "las": s.las}) };
    let mut table = String::new();
    writeln!(
        table,
        "{} words from {} (gold tokens, predicted tags; models loaded in {:.2}s)",
        s.words,
        path.display(),
        load
    )?;
    writeln!(table, "uas  {:.4}\nlas  {:.4}", s.uas, s.las)?;
    Ok(Report { figures, table })
}

pub fn pos(path: &Path, data: &Path) -> Result<Report> {
    let model = data.join("pos.model");
    let t0 = std::time::Instant::now();
    let tagger = annals_nlp::tagger::Tagger::load(&model).with_context(|| {
        format!(
            "loading {} (build it with `annals train pos`)",
            model.display()
        )
    })?;
    let load = t0.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let sents = annals_nlp::corpus::read_conllu(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let s = tagger.evaluate(&sents);
    let figures = { json!({"words": s.words, "upos_acc": s.upos, "xpos_acc": s.xpos}) };
    let mut table = String::new();
    writeln!(
        table,
        "{} words from {} (model loaded in {:.2}s)",
        s.words,
        path.display(),
        load
    )?;
    writeln!(table, "upos_acc  {:.4}\nxpos_acc  {:.4}", s.upos, s.xpos)?;
    Ok(Report { figures, table })
}

pub fn tokens(path: &Path) -> Result<Report> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let docs = annals_text::conllu::read_gold_docs(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let s = annals_text::conllu::score_segmentation(&docs);
    let figures = {
        json!({
            "docs": s.docs,
            "token_precision": s.tokens.precision(), "token_recall": s.tokens.recall(), "token_f1": s.tokens.f1(),
            "sentence_precision": s.sentences.precision(), "sentence_recall": s.sentences.recall(), "sentence_f1": s.sentences.f1(),
        })
    };
    let mut table = String::new();
    writeln!(table, "{} documents from {}", s.docs, path.display())?;
    writeln!(
        table,
        "{:<10} {:>9} {:>9} {:>9} {:>9}",
        "unit", "precision", "recall", "f1", "gold"
    )?;
    for (name, p) in [("tokens", s.tokens), ("sentences", s.sentences)] {
        writeln!(
            table,
            "{:<10} {:>9.4} {:>9.4} {:>9.4} {:>9}",
            name,
            p.precision(),
            p.recall(),
            p.f1(),
            p.gold
        )?;
    }
    Ok(Report { figures, table })
}
