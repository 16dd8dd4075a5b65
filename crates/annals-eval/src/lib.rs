//! Evaluation as a library: the gold readers and every `annals eval` task, each
//! measuring one stage of annals against gold files and returning its figures as one
//! JSON object and as a table ([`Report`]). The `annals` binary only parses arguments
//! and prints. Every figure is defined in docs/EVALUATION.md.
//!
//! This crate reads gold files; nothing in the coder may depend on it.

mod acled;
mod events;
mod gold;
mod nlp;
mod places;

pub use acled::{acled, current_event_types};
pub use events::{counts, plover};
pub use gold::gold_records;
pub use nlp::{ner, parse, pos, tokens};
pub use places::{admin1_match, evloc, geo};

use anyhow::{Context as _, Result};
use std::path::Path;

/// What one evaluation measured.
#[derive(Debug, Clone)]
pub struct Report {
    /// The figures, as `annals eval ... --json` prints them.
    pub figures: serde_json::Value,
    /// The figures as a table for people, with counts and notes.
    pub table: String,
}

/// The writer of `--rows FILE`, if asked for.
pub(crate) fn rows_writer(
    path: Option<&Path>,
) -> Result<Option<std::io::BufWriter<std::fs::File>>> {
    path.map(|p| {
        std::fs::File::create(p)
            .map(std::io::BufWriter::new)
            .with_context(|| p.display().to_string())
    })
    .transpose()
}

#[derive(Default)]
pub(crate) struct Tally {
    pub(crate) hit: usize,
    pub(crate) of: usize,
}

impl Tally {
    pub(crate) fn add(&mut self, ok: bool) {
        self.of += 1;
        self.hit += ok as usize;
    }
    pub(crate) fn rate(&self) -> f64 {
        if self.of == 0 {
            0.0
        } else {
            self.hit as f64 / self.of as f64
        }
    }
}
