//! Reading CoNLL-U treebanks as running text with gold token and sentence spans, and
//! scoring the tokenizer and sentence splitter against them.
//!
//! The text of each document is rebuilt from its sentences' `# text` lines: sentences
//! of one paragraph are joined by a space, paragraphs and documents by a blank line.
//! Gold tokens are the syntactic words where their forms spell the surface token
//! ("did" + "n't" for "didn't"), otherwise the surface token itself.

use crate::{split_sentences, tokenize, Span};
use std::collections::HashSet;

/// One document of a treebank, as running text with gold spans.
#[derive(Debug, Default, Clone)]
pub struct GoldDoc {
    /// The rebuilt running text.
    pub text: String,
    /// Gold token spans.
    pub tokens: Vec<Span>,
    /// Gold sentence spans.
    pub sentences: Vec<Span>,
}

/// Read a CoNLL-U file into documents. Malformed lines are errors naming the line.
pub fn read_gold_docs(conllu: &str) -> Result<Vec<GoldDoc>, String> {
    let mut docs: Vec<GoldDoc> = Vec::new();
    let mut doc = GoldDoc::default();
    let mut new_par = false;
    let mut sent_text: Option<String> = None;
    let mut sent_start = 0usize;
    let mut cursor = 0usize; // byte position inside the sentence text
    let mut skip_until = 0usize; // word ids covered by a multi-word token
    let mut mwt: Option<(usize, String, Vec<String>)> = None; // (last id, surface, words)

    for (ln, line) in conllu.lines().enumerate() {
        let lno = ln + 1;
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if c.starts_with("newdoc") && !doc.text.is_empty() {
                docs.push(std::mem::take(&mut doc));
            } else if c.starts_with("newpar") {
                new_par = true;
            } else if let Some(t) = c.strip_prefix("text =") {
                let t = t.trim().to_string();
                if !doc.text.is_empty() {
                    doc.text.push_str(if new_par { "\n\n" } else { " " });
                }
                new_par = false;
                sent_start = doc.text.len();
                doc.text.push_str(&t);
                sent_text = Some(t);
                cursor = 0;
                skip_until = 0;
                mwt = None;
            }
            continue;
        }
        if line.trim().is_empty() {
            if let Some(t) = sent_text.take() {
                doc.sentences.push((sent_start, sent_start + t.len()));
            }
            continue;
        }
        let Some(text) = sent_text.as_deref() else {
            return Err(format!("line {lno}: token line before any '# text =' line"));
        };
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(format!(
                "line {lno}: expected 10 tab-separated columns, found {}",
                cols.len()
            ));
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // empty nodes have no surface form
        }
        let form = cols[1];
        if let Some((_, b)) = id.split_once('-') {
            let b: usize = b
                .parse()
                .map_err(|_| format!("line {lno}: bad range id {id}"))?;
            skip_until = b;
            mwt = Some((b, form.to_string(), Vec::new()));
            continue;
        }
        let wid: usize = id.parse().map_err(|_| format!("line {lno}: bad id {id}"))?;
        if let Some((last, _, words)) = mwt.as_mut() {
            words.push(form.to_string());
            if wid == *last {
                let (_, surface, words) = mwt.take().unwrap_or_default();
                let start = find_from(text, &surface, cursor)
                    .ok_or_else(|| format!("line {lno}: {surface:?} not in text"))?;
                if words.concat() == surface {
                    let mut p = start;
                    for w in &words {
                        doc.tokens.push((sent_start + p, sent_start + p + w.len()));
                        p += w.len();
                    }
                } else {
                    doc.tokens
                        .push((sent_start + start, sent_start + start + surface.len()));
                }
                cursor = start + surface.len();
            }
            continue;
        }
        if wid <= skip_until {
            continue;
        }
        let start = find_from(text, form, cursor)
            .ok_or_else(|| format!("line {lno}: {form:?} not in text"))?;
        doc.tokens
            .push((sent_start + start, sent_start + start + form.len()));
        cursor = start + form.len();
    }
    if let Some(t) = sent_text.take() {
        doc.sentences.push((sent_start, sent_start + t.len()));
    }
    if !doc.text.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

fn find_from(text: &str, needle: &str, from: usize) -> Option<usize> {
    text.get(from..)?.find(needle).map(|p| p + from)
}

/// Precision, recall and F1 of one kind of span.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// Spans found that are gold.
    pub correct: usize,
    /// Spans found.
    pub predicted: usize,
    /// Gold spans.
    pub gold: usize,
}

impl Prf {
    /// Correct over predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Correct over gold.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, gold: &[Span], pred: &[Span]) {
        let g: HashSet<&Span> = gold.iter().collect();
        self.correct += pred.iter().filter(|s| g.contains(s)).count();
        self.predicted += pred.len();
        self.gold += gold.len();
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Token and sentence scores over a treebank.
#[derive(Debug, Clone, Copy, Default)]
pub struct SegmentationScores {
    /// Exact token span match.
    pub tokens: Prf,
    /// Exact sentence span match.
    pub sentences: Prf,
    /// Documents read.
    pub docs: usize,
}

/// Tokenize and split every document and compare with the gold spans.
pub fn score_segmentation(docs: &[GoldDoc]) -> SegmentationScores {
    let mut s = SegmentationScores {
        docs: docs.len(),
        ..Default::default()
    };
    for d in docs {
        let toks = tokenize(&d.text);
        let sents = split_sentences(&d.text, &toks);
        let pt: Vec<Span> = toks.iter().map(|t| (t.start, t.end)).collect();
        let ps: Vec<Span> = sents.iter().map(|x| (x.start, x.end)).collect();
        s.tokens.add(&d.tokens, &pt);
        s.sentences.add(&d.sentences, &ps);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuilds_text_and_spans() {
        let src = "# newdoc id = d1\n# newpar id = p1\n# text = I didn't go.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n# newpar id = p2\n# text = Yes.\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n";
        let docs = read_gold_docs(src).unwrap();
        assert_eq!(docs[0].text, "I didn't go.\n\nYes.");
        assert_eq!(docs[0].tokens.len(), 7);
        assert_eq!(
            &docs[0].text[docs[0].tokens[2].0..docs[0].tokens[2].1],
            "n't"
        );
        let s = score_segmentation(&docs);
        assert_eq!(s.tokens.f1(), 1.0);
        assert_eq!(s.sentences.f1(), 1.0);
    }

    #[test]
    fn malformed_lines_are_named() {
        let e = read_gold_docs("# text = x\n1\tx\n").unwrap_err();
        assert!(e.starts_with("line 2"), "{e}");
    }
}
