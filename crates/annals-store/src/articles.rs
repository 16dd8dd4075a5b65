//! The one path from articles to the store, shared by `annals ingest` and
//! `POST /api/articles`: exact copies of stored articles are not coded again, copies that
//! differ in a few words (near-duplicates) are linked to their original without coding,
//! the rest are coded in parallel, and every article is then stored in its own
//! transaction, in input order.
//!
//! Coding ([`code_articles`]) needs only read access to the store, so a caller that
//! serialises writers can code before it takes the writer ([`Store::ingest_coded`]).

use crate::{IngestRecord, Outcome, Result, Store};
use annals_extract::output::{ArticleMeta, ArticleOutput};
use annals_extract::Pipeline;
use annals_text::Article;
use rayon::prelude::*;

/// One article made ready to store.
#[derive(Debug, Clone)]
pub enum Coded {
    /// The same text and date are stored already: nothing to do.
    Stored {
        /// The stored article.
        article_id: i64,
    },
    /// Coded (or, for a near-duplicate, its identity only), to be stored.
    Record(Box<IngestRecord>),
}

/// Code `articles` with `pipeline`: what is stored already is looked up in `store` first
/// (by content hash, then by SimHash), and only what is new is coded, in parallel.
pub fn code_articles(
    store: &Store,
    pipeline: &Pipeline,
    articles: &[Article],
) -> Result<Vec<Coded>> {
    enum Plan {
        Stored(i64),
        Copy,
        Code,
    }
    let mut plans = Vec::with_capacity(articles.len());
    for a in articles {
        let hash = IngestRecord::hash_of_text(&a.date.to_string(), &a.text);
        plans.push(if let Some(id) = store.article_by_hash(&hash)? {
            Plan::Stored(id)
        } else if store.near_duplicate_of_text(&a.text)?.is_some() {
            Plan::Copy
        } else {
            Plan::Code
        });
    }
    Ok(articles
        .par_iter()
        .zip(plans.par_iter())
        .map(|(a, plan)| match plan {
            Plan::Stored(id) => Coded::Stored { article_id: *id },
            Plan::Copy => Coded::Record(Box::new(IngestRecord {
                output: uncoded(a),
                text: Some(a.text.clone()),
            })),
            Plan::Code => Coded::Record(Box::new(IngestRecord {
                output: pipeline.extract(a),
                text: Some(a.text.clone()),
            })),
        })
        .collect())
}

/// The output of an article that is not coded (a near-duplicate): its identity only.
fn uncoded(a: &Article) -> ArticleOutput {
    ArticleOutput {
        article: ArticleMeta {
            id: a.id.clone(),
            date: a.date.to_string(),
            title: a.title.clone(),
            url: a.url.clone(),
            source: a.source.clone(),
            language: "en".into(),
        },
        events: Vec::new(),
        actors: Vec::new(),
        places: Vec::new(),
        quotes: Vec::new(),
    }
}

impl Store {
    /// Store what [`code_articles`] made, one transaction per article, in order. Actor
    /// aliases come from the pipeline's lexicon, so that queries by any alias find them.
    pub fn ingest_coded(&mut self, pipeline: &Pipeline, coded: &[Coded]) -> Result<Vec<Outcome>> {
        let aliases = |id: &str| -> Vec<String> { pipeline.lexicons.aliases_of(id) };
        coded
            .iter()
            .map(|c| match c {
                Coded::Stored { article_id } => Ok(Outcome::Duplicate {
                    article_id: *article_id,
                }),
                Coded::Record(rec) => self.ingest(rec, &aliases),
            })
            .collect()
    }

    /// Code and store `articles`: [`code_articles`] then [`Store::ingest_coded`].
    pub fn ingest_articles(
        &mut self,
        pipeline: &Pipeline,
        articles: &[Article],
    ) -> Result<Vec<Outcome>> {
        let coded = code_articles(self, pipeline, articles)?;
        self.ingest_coded(pipeline, &coded)
    }
}
