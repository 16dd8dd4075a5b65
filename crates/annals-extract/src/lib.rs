//! The event coder of annals: from one article to its events, actors, places and
//! quotes ([`output::ArticleOutput`]).
//!
//! [`Pipeline::extract`] walks one article through the stages in one direction: tokens,
//! sentences and proper-name chunks (annals-text), tags, entities and trees
//! (annals-nlp), numbers ([`numbers`]), dates ([`dates`]), actor mentions from the
//! lexicons ([`actors`], [`lexicon`]), places resolved against the gazetteer
//! (annals-geo), statements and their speakers ([`attribution`]), and finally events
//! ([`events`]: the passes of [`events::code`]), mapped to ACLED's types ([`acled`]) and
//! written as [`output`]. Word classes the rules read are data ([`words`]).
//!
//! This crate knows nothing of the store, the server or gold files; ARCHITECTURE.md
//! follows one article through it.

pub mod acled;
pub mod actors;
pub mod attribution;
pub mod dates;
pub mod events;
pub mod lexicon;
pub mod numbers;
pub mod output;
pub mod words;
use crate::lexicon::ActorKind;
use actors::{find_actors, ActorMention};
use annals_geo::Gazetteer;
use annals_text::{Article, Doc, Span};
use events::Context;
use lexicon::Lexicons;
use output::ArticleOutput;
use std::collections::HashSet;
use std::path::Path;

/// Errors loading the coder's data.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The gazetteer.
    #[error(transparent)]
    Geo(#[from] annals_geo::GeoError),
    /// A lexicon.
    #[error(transparent)]
    Lexicon(#[from] lexicon::LexiconError),
    /// Another data file.
    #[error("{0}")]
    Other(String),
}

/// The names the recogniser looks up: countries, regions and cities of 50,000 or more
/// from the gazetteer (LOC), and the actor lexicon (persons as PER, the rest as ORG).
/// Single words that are ordinary English words are left out.
pub fn ner_name_list(data: &Path) -> Result<annals_nlp::ner::NameList, LoadError> {
    let g = annals_geo::Gazetteer::load(&data.join("gazetteer.tsv"))?;
    let common = annals_geo::build::load_word_list(&data.join("common_words.txt"))
        .map_err(LoadError::Other)?;
    let lx = Lexicons::load(data)?;
    let mut names = annals_nlp::ner::NameList::default();
    let ok = |n: &str| n.contains(' ') || !common.contains(&n.to_lowercase());
    for e in &g.entries {
        // Second-level regions are left out: their names are as often a person's
        // ("Angus", "Kent"), and with them the recogniser scored lower on dev.
        if e.kind == annals_geo::Kind::Admin2
            || (e.kind == annals_geo::Kind::Place && e.population < 50_000)
        {
            continue;
        }
        for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
            // Names are matched word by word as the tokenizer cuts them.
            let spaced = annals_text::tokenize(n)
                .iter()
                .map(|t| &n[t.start..t.end])
                .collect::<Vec<_>>()
                .join(" ");
            if ok(&spaced) {
                names.add(&spaced, 2);
            }
        }
    }
    for a in &lx.actors {
        let k = if a.kind == ActorKind::Person { 0 } else { 1 };
        for n in std::iter::once(&a.name).chain(a.aliases.iter()) {
            let spaced = annals_text::tokenize(n)
                .iter()
                .map(|t| &n[t.start..t.end])
                .collect::<Vec<_>>()
                .join(" ");
            if ok(&spaced) && spaced.chars().next().is_some_and(char::is_uppercase) {
                names.add(&spaced, k);
            }
        }
    }
    Ok(names)
}

/// The loaded models and data: build once, then code any number of articles, from any
/// number of threads (it is read-only).
pub struct Pipeline {
    /// The gazetteer.
    pub gazetteer: Gazetteer,
    /// Ordinary English words, never single-word place names.
    pub common_words: HashSet<String>,
    /// Actor, noun and trigger lexicons.
    pub lexicons: Lexicons,
    /// The trained tagger, recogniser and parser.
    pub models: annals_nlp::Models,
    /// Which conventions to read beside news English (news by default).
    pub profile: events::Profile,
}

impl Pipeline {
    /// Load everything from the data directory.
    pub fn load(data: &Path) -> Result<Self, LoadError> {
        let gazetteer = Gazetteer::load(&data.join("gazetteer.tsv"))?;
        let common_words = annals_geo::build::load_word_list(&data.join("common_words.txt"))
            .map_err(LoadError::Other)?;
        let lexicons = Lexicons::load(data)?;
        let models = annals_nlp::Models::load(data).map_err(|e| {
            LoadError::Other(format!(
                "{e} (the trained models; `annals train pos|ner|parse` rebuilds them)"
            ))
        })?;
        Ok(Pipeline {
            gazetteer,
            common_words,
            lexicons,
            models,
            profile: events::Profile::default(),
        })
    }

    /// Code one article: its walk through the stages, from text to the output line.
    pub fn extract(&self, article: &Article) -> ArticleOutput {
        self.code_article(article, self.profile, |cx, drafts| {
            events::emit::article_output(cx, article, &drafts)
        })
    }

    /// Read one article through every stage and code its events; `then` gets the
    /// coder's context and the events (the output line is made from them; tests read
    /// them directly).
    pub(crate) fn code_article<R>(
        &self,
        article: &Article,
        profile: events::Profile,
        then: impl FnOnce(&Context, Vec<events::Draft>) -> R,
    ) -> R {
        let (g, lx) = (&self.gazetteer, &self.lexicons);
        // Text and models: tokens and sentences, tags, entities and trees, capitalised
        // chunks, folded keys for the lexicons.
        let doc = Doc::new(&article.text);
        let analysis = self.models.analyse(&doc);
        let chunks = annals_text::proper_chunks(&doc);
        let keys = annals_text::TokenKeys::new(&doc);
        // Numbers and dates; actors first without a focus country, to keep their names
        // out of the places.
        let numbers = numbers::find_numbers(&doc);
        let number_ends: Vec<usize> = numbers.iter().map(|n| n.tokens.1).collect();
        let first = find_actors(&doc, &keys, lx, g, &number_ends, None);
        let dates = dates::find_dates(&doc, article.date);
        // Places, resolved against the gazetteer around the article's focus country.
        let places = self.resolve_places(&doc, &keys, &chunks, &first, &dates);
        // Actors again, knowing the focus country, and countries acting as states.
        let focus = places.focus_country.as_deref();
        let mut actors = find_actors(&doc, &keys, lx, g, &number_ends, focus);
        actors::countries_acting(&doc, g, &places, &mut actors);
        actors.sort_by_key(|m| m.tokens.0);
        // Statements and their speakers.
        let place_spans: Vec<Span> = places
            .places
            .iter()
            .flat_map(|p| p.mentions.iter().copied())
            .collect();
        // Lower-cased tokens, made once for the statement finder and the event coder.
        let low: Vec<String> = (0..doc.tokens.len())
            .map(|i| doc.tok(i).to_lowercase())
            .collect();
        let statements = attribution::find_statements(
            &doc,
            &low,
            &actors,
            &chunks,
            &place_spans,
            Some(&analysis),
        );
        // Places the gazetteer lacks, where an event may still be told to happen.
        let unresolved = events::place::unresolved_names(
            &doc, &low, &analysis, &chunks, &places, &actors, &dates,
        );
        // Events, by the coder's passes in order.
        let mut cx = Context {
            doc: &doc,
            tree: &analysis,
            unresolved: &unresolved,
            article_date: article.date,
            lx,
            g,
            places: &places,
            actors: &actors,
            dates: &dates,
            numbers: &numbers,
            statements: &statements,
            classes: low.iter().map(|w| words::WORDS.classes_of(w)).collect(),
            sent_of: events::sentence_of_tokens(&doc),
            low,
            trigger_tokens: Vec::new(),
            keys: &keys,
            in_name: events::in_names(&doc, &keys, lx, &actors, &places),
        };
        let drafts = events::code(&mut cx, profile);
        then(&cx, drafts)
    }

    /// Resolve the article's places. Names of actors and dates ("August 31") are not
    /// places, nor the name opening an eponymous trigger ("Molotov cocktails"); country
    /// cues ("upazila") vote for the focus country.
    fn resolve_places(
        &self,
        doc: &Doc,
        keys: &annals_text::TokenKeys,
        chunks: &[annals_text::Chunk],
        first: &[ActorMention],
        dates: &[dates::DateMention],
    ) -> annals_geo::resolve::Resolution {
        let blocked: Vec<Span> = first
            .iter()
            .filter(|m| m.how != "noun")
            .map(|m| m.span)
            .chain(dates.iter().map(|d| d.span))
            .chain(eponym_triggers(doc, keys, &self.lexicons))
            .collect();
        let cues = self.lexicons.country_cues(doc, keys);
        annals_geo::resolve_places(
            &self.gazetteer,
            doc,
            keys,
            chunks,
            &blocked,
            &self.common_words,
            &cues,
        )
    }
}

/// Trigger phrases that open with a capitalised name and go on in lower case ("Molotov
/// cocktails"): a common noun named after someone or somewhere, so the name is no place
/// ("Molotov" alone is Perm's old name).
fn eponym_triggers(doc: &Doc, keys: &annals_text::TokenKeys, lx: &Lexicons) -> Vec<Span> {
    let mut out = Vec::new();
    let mut key = String::new();
    for (i, t) in doc.tokens.iter().enumerate() {
        if !doc.tok(i).chars().next().is_some_and(char::is_uppercase)
            || !lx
                .trigger_first
                .contains(annals_text::first_word(&keys.norm[i]))
        {
            continue;
        }
        for len in 2..=lx.max_words.min(doc.tokens.len() - i) {
            let lower =
                (i + 1..i + len).all(|k| doc.tok(k).chars().next().is_some_and(char::is_lowercase));
            if !lower {
                break;
            }
            keys.window(doc, i, i + len, &mut key);
            if lx.trigger_keys.contains_key(&key) {
                out.push((t.start, t.end));
                break;
            }
        }
    }
    out
}
