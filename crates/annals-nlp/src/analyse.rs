//! The trained models run together over a whole document: a POS tag, a named-entity tag
//! and a dependency tree for every sentence, indexed by document token, so that later
//! stages can ask "what is the subject of token 17?" without knowing how it was found.

use crate::ner::{spans, Recogniser};
use crate::parser::Parser;
use crate::tagger::Tagger;
use annals_text::Doc;
use std::collections::HashSet;
use std::path::Path;

/// Sentences longer than this are parsed as flat (every word on the root): a run-on
/// "sentence" of hundreds of tokens is a table or a list, and a tree over it says nothing.
const MAX_PARSED: usize = 200;

/// How close (in tagger score) a runner-up tag must come to be passed to the parser as
/// an alternative: about one token in twenty, where two in five of the tagger's errors
/// lie (EWT dev).
pub const HESITATION: f32 = 8.0;

/// The tagger, recogniser and parser, loaded once and shared (read-only) by threads.
pub struct Models {
    /// POS tagger.
    pub tagger: Tagger,
    /// Named-entity recogniser.
    pub ner: Recogniser,
    /// Dependency parser.
    pub parser: Parser,
    /// "UPOS_XPOS" of every tagger class, as the parser reads tags.
    joined: Vec<String>,
}

/// A named entity: tokens `first..last` of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entity {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub kind: &'static str,
}

/// What the models say of one document, per document token.
pub struct Analysis<'m> {
    models: &'m Models,
    tags: Vec<u16>,
    heads: Vec<u32>,
    rels: Vec<u16>,
    /// Named entities in document order.
    pub entities: Vec<Entity>,
}

/// No head: the sentence's root.
const ROOT: u32 = u32::MAX;

impl Models {
    /// Load `pos.model`, `ner.model` and `parse.model` from the data directory.
    pub fn load(data: &Path) -> std::io::Result<Models> {
        let tagger = Tagger::load(&data.join("pos.model"))?;
        let ner = Recogniser::load(&data.join("ner.model"))?;
        let parser = Parser::load(&data.join("parse.model"))?;
        let joined = tagger
            .classes
            .iter()
            .map(|(u, x)| format!("{u}_{x}"))
            .collect();
        Ok(Models {
            tagger,
            ner,
            parser,
            joined,
        })
    }

    /// Tag, name and parse every sentence of `doc`.
    pub fn analyse<'m>(&'m self, doc: &Doc) -> Analysis<'m> {
        let n = doc.tokens.len();
        let mut a = Analysis {
            models: self,
            tags: vec![0; n],
            heads: vec![ROOT; n],
            rels: vec![u16::MAX; n],
            entities: Vec::new(),
        };
        // The recogniser's document-consistency features: words the article writes in
        // lower case somewhere.
        let lower: HashSet<String> = (0..n)
            .map(|i| doc.tok(i))
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .map(str::to_string)
            .collect();
        let mut words: Vec<String> = Vec::new();
        for s in &doc.sentences {
            let forms: Vec<&str> = (s.first..s.last).map(|i| doc.tok(i)).collect();
            if forms.is_empty() {
                continue;
            }
            let tagged = self.tagger.tag_alternatives(&forms, HESITATION);
            for (k, &(c, _)) in tagged.iter().enumerate() {
                a.tags[s.first + k] = c as u16;
            }
            words.clear();
            words.extend(forms.iter().map(|w| w.to_string()));
            for (first, last, kind) in spans(&self.ner.tag(&words, &lower)) {
                a.entities.push(Entity {
                    first: s.first + first,
                    last: s.first + last,
                    kind: crate::ner::TYPES[kind],
                });
            }
            if forms.len() > MAX_PARSED {
                continue;
            }
            let joined: Vec<std::borrow::Cow<str>> = tagged
                .iter()
                .map(|&(c, alt)| match alt {
                    None => self.joined[c].as_str().into(),
                    Some(a) => format!("{}|{}", self.joined[c], self.joined[a]).into(),
                })
                .collect();
            let joined: Vec<&str> = joined.iter().map(|c| c.as_ref()).collect();
            let tree = self.parser.parse(&forms, &joined);
            for k in 0..forms.len() {
                let h = tree.heads[k];
                a.heads[s.first + k] = if h == 0 {
                    ROOT
                } else {
                    (s.first + h - 1) as u32
                };
                a.rels[s.first + k] = self
                    .parser
                    .labels
                    .binary_search(&tree.labels[k])
                    .map_or(u16::MAX, |l| l as u16);
            }
        }
        a
    }
}

impl Analysis<'_> {
    /// Universal POS tag of token `i`.
    pub fn upos(&self, i: usize) -> &str {
        &self.models.tagger.classes[self.tags[i] as usize].0
    }

    /// Penn Treebank tag of token `i`.
    pub fn xpos(&self, i: usize) -> &str {
        &self.models.tagger.classes[self.tags[i] as usize].1
    }

    /// Head of token `i`, or `None` for a sentence root.
    pub fn head(&self, i: usize) -> Option<usize> {
        let h = self.heads[i];
        (h != ROOT).then_some(h as usize)
    }

    /// Relation of token `i` to its head (`root` for a root).
    pub fn rel(&self, i: usize) -> &str {
        match self.rels[i] {
            u16::MAX => "root",
            l => &self.models.parser.labels[l as usize],
        }
    }

    /// Dependents of token `i` within tokens `lo..hi` (its sentence), in text order.
    pub fn children(&self, i: usize, lo: usize, hi: usize) -> impl Iterator<Item = usize> + '_ {
        (lo..hi.min(self.heads.len())).filter(move |&k| self.heads[k] == i as u32)
    }

    /// Whether `k` lies in the subtree of `i` (or is `i`).
    pub fn dominates(&self, i: usize, mut k: usize) -> bool {
        for _ in 0..self.heads.len() {
            if k == i {
                return true;
            }
            match self.head(k) {
                Some(h) => k = h,
                None => return false,
            }
        }
        false
    }

    /// The entity covering token `i`, if any.
    pub fn entity_at(&self, i: usize) -> Option<&Entity> {
        let at = self.entities.partition_point(|e| e.last <= i);
        self.entities.get(at).filter(|e| e.first <= i)
    }
}
