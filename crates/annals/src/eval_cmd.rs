//! `annals eval`: the arguments of each task and how its report is printed; the tasks
//! themselves are the annals-eval library's.

use crate::ProfileArg;
use annals_eval::Report;
use anyhow::{Context as _, Result};
use clap::Subcommand;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum EvalWhat {
    /// Tokenizer and sentence splitter against a CoNLL-U treebank.
    Tokens {
        /// The treebank (e.g. ../shared/data/ud/en_ewt/en_ewt-ud-dev.conllu).
        #[arg(long)]
        conllu: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// The POS tagger against a CoNLL-U treebank (gold tokenization).
    Pos {
        /// The treebank.
        #[arg(long)]
        conllu: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// The dependency parser against a CoNLL-U treebank (gold tokens, predicted tags).
    Parse {
        /// The treebank.
        #[arg(long)]
        conllu: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// The named-entity recogniser against a CoNLL file (IOB1 or IOB2).
    Ner {
        /// The file (e.g. ../shared/data/ner/conll2003/eng.testa).
        #[arg(long)]
        conll: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Toponyms end to end from text against GeoVirus-style records (place spans with
    /// coordinates).
    Geo {
        /// Records shaped like ../shared/data/events/geovirus_dev.jsonl.
        #[arg(long)]
        jsonl: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Also write one JSON line per gold place to FILE: its name and point, and the
        /// place read there (if any) with its point and error in km.
        #[arg(long, value_name = "FILE")]
        rows: Option<PathBuf>,
    },
    /// The place of the event against event-location records (the gold place span of the
    /// gold event verb).
    Evloc {
        /// Records shaped like ../shared/data/events/event_location_dev.jsonl.
        #[arg(long)]
        jsonl: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// PLOVER event type, source and target of each sentence against PLOVER gold records.
    Plover {
        /// Records shaped like ../shared/data/events/plover_dev.jsonl.
        #[arg(long)]
        jsonl: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Killed and injured counts and the event date of gun-violence articles.
    Counts {
        /// Records shaped like ../shared/data/events/gva_dev.jsonl.
        #[arg(long)]
        jsonl: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// The top event of each ACLED note against its gold row.
    Acled {
        /// Records shaped like ../shared/data/events/acled_dev.jsonl.
        #[arg(long)]
        jsonl: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Score only the first N records.
        #[arg(long)]
        limit: Option<usize>,
        /// Also write one JSON line per record to FILE: the note, the gold fields and
        /// what the top event gave, so that misses can be read.
        #[arg(long, value_name = "FILE")]
        rows: Option<PathBuf>,
        /// Conventions to read beside news English: `acled-notes` also reads the notes'
        /// own toll conventions ("4 fatalities.", "coded across 6 events").
        #[arg(long, value_enum, default_value = "news")]
        profile: ProfileArg,
    },
}

/// Run one evaluation and print its report: the table, or the figures as one JSON object.
pub fn run(what: EvalWhat, data: &Path) -> Result<i32> {
    let pipeline = |profile: ProfileArg| -> Result<annals_extract::Pipeline> {
        let mut p = annals_extract::Pipeline::load(data)
            .with_context(|| format!("loading data from {}", data.display()))?;
        p.profile = profile.into();
        Ok(p)
    };
    let (report, json): (Report, bool) = match what {
        EvalWhat::Tokens { conllu, json } => (annals_eval::tokens(&conllu)?, json),
        EvalWhat::Pos { conllu, json } => (annals_eval::pos(&conllu, data)?, json),
        EvalWhat::Parse { conllu, json } => (annals_eval::parse(&conllu, data)?, json),
        EvalWhat::Ner { conll, json } => (annals_eval::ner(&conll, data)?, json),
        EvalWhat::Geo { jsonl, json, rows } => (
            annals_eval::geo(&jsonl, rows.as_deref(), &pipeline(ProfileArg::News)?)?,
            json,
        ),
        EvalWhat::Evloc { jsonl, json } => (
            annals_eval::evloc(&jsonl, &pipeline(ProfileArg::News)?)?,
            json,
        ),
        EvalWhat::Plover { jsonl, json } => (
            annals_eval::plover(&jsonl, &pipeline(ProfileArg::News)?)?,
            json,
        ),
        EvalWhat::Counts { jsonl, json } => (
            annals_eval::counts(&jsonl, &pipeline(ProfileArg::News)?)?,
            json,
        ),
        EvalWhat::Acled {
            jsonl,
            json,
            limit,
            rows,
            profile,
        } => (
            annals_eval::acled(&jsonl, limit, rows.as_deref(), &pipeline(profile)?)?,
            json,
        ),
    };
    if json {
        println!("{}", report.figures);
    } else {
        print!("{}", report.table);
    }
    Ok(0)
}
