//! The nlp stage of annals: the trained models that read a tokenized article.
//!
//! - [`tagger`]: a POS tagger (UPOS and XPOS) trained on UD English EWT;
//! - [`ner`]: a named-entity recogniser (PER, ORG, LOC, MISC) trained on CoNLL-2003, with
//!   a name list from the gazetteer and the actor lexicon as features;
//! - [`parser`]: a transition-based dependency parser trained on EWT with jackknifed tags;
//! - [`analyse`]: all three run over a document ([`Models::analyse`]);
//! - [`train`]: how each shipped model is made (`annals train pos|ner|parse`).
//!
//! All three are averaged perceptrons ([`perceptron`]) over sparse features, shipped as
//! data/*.model. This crate owns the models and their training; it knows nothing of
//! places, actors or events (those are annals-geo's and annals-extract's), and reads no
//! lexicon.

pub mod analyse;
pub mod corpus;
pub mod ner;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod train;

pub use analyse::{Analysis, Entity, Models};
