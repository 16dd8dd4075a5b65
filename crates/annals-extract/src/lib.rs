//! The event coder of annals: from one article to its events, actors, places and
//! quotes ([`output::ArticleOutput`]).
//!
//! The stages run in one direction: tokens and sentences (annals-text), proper-name
//! chunks (annals-nlp), actor mentions from the lexicons ([`actors`]), places resolved
//! against the gazetteer (annals-geo), dates ([`dates`]), numbers ([`numbers`]),
//! statements and their speakers ([`attribution`]), and finally events ([`events`]).

pub mod acled;
pub mod actors;
pub mod attribution;
pub mod dates;
pub mod events;
pub mod lexicon;
pub mod numbers;
pub mod output;
pub mod words;
use actors::{find_actors, slug, ActorMention};
use annals_geo::words::PlaceWord;
use words::Word;
use annals_geo::{Gazetteer, Kind};
use annals_text::{Article, Doc, Span};
use events::Context;
use lexicon::Lexicons;
use output::{Actor, ArticleMeta, ArticleOutput, Event, Place, Quote, TextSpan};
use std::collections::{HashMap, HashSet};
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
        let k = if a.kind == "person" { 0 } else { 1 };
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

    /// Code one article.
    pub fn extract(&self, article: &Article) -> ArticleOutput {
        let g = &self.gazetteer;
        let doc = Doc::new(&article.text);
        let analysis = self.models.analyse(&doc);
        let chunks = annals_text::proper_chunks(&doc);
        let keys = annals_text::TokenKeys::new(&doc);
        let numbers = numbers::find_numbers(&doc);
        let number_ends: Vec<usize> = numbers.iter().map(|n| n.tokens.1).collect();
        // Actors first without a focus country, to keep their names out of the places.
        let first = find_actors(&doc, &keys, &self.lexicons, g, &number_ends, None);
        let dates = dates::find_dates(&doc, article.date);
        // Names of actors and dates ("August 31") are not places.
        let blocked: Vec<Span> = first
            .iter()
            .filter(|m| m.how != "noun")
            .map(|m| m.span)
            .chain(dates.iter().map(|d| d.span))
            .chain(eponym_triggers(&doc, &keys, &self.lexicons))
            .collect();
        let cues = self.lexicons.country_cues(&doc, &keys);
        let places = annals_geo::resolve_places(
            g,
            &doc,
            &keys,
            &chunks,
            &blocked,
            &self.common_words,
            &cues,
        );
        let mut actors = find_actors(
            &doc,
            &keys,
            &self.lexicons,
            g,
            &number_ends,
            places.focus_country.as_deref(),
        );
        // Countries named outside a locative phrase act as states: "the US withdrawal".
        let country_mentions: Vec<(usize, usize)> = places
            .places
            .iter()
            .filter(|p| g.entries[p.entry as usize].kind == Kind::Country)
            .flat_map(|p| p.mention_tokens.iter().copied())
            .collect();
        for p in &places.places {
            let e = &g.entries[p.entry as usize];
            if e.kind != Kind::Country {
                continue;
            }
            for (k, &t) in p.mention_tokens.iter().enumerate() {
                let prep = if t.0 > 0 {
                    doc.tok(t.0 - 1).to_lowercase()
                } else {
                    String::new()
                };
                // "Armenia and Azerbaijan signed": a list of countries acts together, so
                // read on to what follows the list's last name.
                let mut end = t.1;
                while end + 1 < doc.tokens.len() && matches!(doc.tok(end), "and" | "," | "or") {
                    match country_mentions.iter().find(|m| m.0 == end + 1) {
                        Some(m) => end = m.1,
                        None => break,
                    }
                }
                let next = if end < doc.tokens.len() {
                    doc.tok(end)
                } else {
                    ""
                };
                let inside = actors
                    .iter()
                    .any(|m| m.tokens.0 <= t.0 && t.1 <= m.tokens.1);
                // A country acts when a verb or noun follows it ("the US withdrawal", "the
                // US retreated", "Russia's attack"), not inside a list of names.
                let acts = next.chars().next().is_some_and(char::is_lowercase)
                    && !matches!(next, "and" | "or")
                    || matches!(next, "'s" | "\u{2019}s");
                if inside || words::is(&prep, Word::BeforePlace) || prep == "," || !acts {
                    continue;
                }
                actors.push(ActorMention {
                    id: slug(&e.name),
                    name: e.name.clone(),
                    kind: "state".into(),
                    country: e.country.clone(),
                    span: p.mentions[k],
                    tokens: t,
                    counted: false,
                    how: "country",
                });
            }
        }
        actors.sort_by_key(|m| m.tokens.0);
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
        let mut sent_of = vec![0; doc.tokens.len()];
        for (si, s) in doc.sentences.iter().enumerate() {
            for x in &mut sent_of[s.first..s.last] {
                *x = si;
            }
        }
        // Names of places the gazetteer lacks ("the Al-Fijah Springs", "Hurriyah al-Ola"):
        // what the recogniser calls a location, or a name after "in", "at", "near" or "the
        // city of", that is no resolved place, actor or date. An event may happen there.
        let taken = |a: usize, b: usize| {
            places
                .places
                .iter()
                .flat_map(|p| p.mention_tokens.iter())
                .chain(actors.iter().map(|m| &m.tokens))
                .chain(dates.iter().map(|d| &d.tokens))
                .any(|t| t.0 < b && a < t.1)
        };
        let mut unresolved: Vec<(usize, usize)> = analysis
            .entities
            .iter()
            .filter(|e| e.kind == "LOC")
            .map(|e| (e.first, e.last))
            .chain(
                chunks
                    .iter()
                    .filter(|c| {
                        // "in X", "at the X"
                        let mut k = c.first;
                        if k > 0 && low[k - 1] == "the" {
                            k -= 1;
                        }
                        // "the city of X", "the village of X"
                        let of_place = k >= 2
                            && low[k - 1] == "of"
                            && annals_geo::words::is(&low[k - 2], PlaceWord::PlaceNoun);
                        // "Baghdad's western Amriya district", "the Butitian village"
                        let kind_after = low
                            .get(c.last)
                            .is_some_and(|w| events::place::is_place_word(w));
                        // "Taksim Square", "the Darulaman Palace", "Ziverbey District"
                        let kind_inside =
                            c.last - c.first >= 2 && events::place::is_place_word(&low[c.last - 1]);
                        // "stormed Tall Kurdi", "entered Kafr Naya": what a deed of
                        // taking or striking ground acts on, unless it names a person
                        // or a body.
                        let taken_ground = k > 0
                            && words::is(&low[k - 1], Word::GroundVerb)
                            && !analysis.entities.iter().any(|e| {
                                matches!(e.kind, "PER" | "ORG")
                                    && e.first < c.last
                                    && c.first < e.last
                            });
                        of_place
                            || kind_after
                            || kind_inside
                            || taken_ground
                            || k > 0
                                && matches!(
                                    low[k - 1].as_str(),
                                    "in" | "at" | "near" | "outside" | "inside" | "from" | "into"
                                )
                    })
                    .map(|c| (c.first, c.last)),
            )
            .filter(|&(a, b)| !taken(a, b))
            // "Serb-held Vogosca", "Turkey-backed forces": a modifier, not a place.
            .filter(|&(_, b)| !events::place::before_hyphened_word(&doc, b, doc.tokens.len()))
            .collect();
        // Of overlapping readings the longest: the recogniser may tag only "Al" of
        // "Al-Fijah Springs".
        unresolved.sort_unstable_by_key(|&(a, b)| (a, std::cmp::Reverse(b)));
        unresolved.dedup_by(|b, a| b.0 < a.1);
        let cx = Context {
            doc: &doc,
            tree: &analysis,
            unresolved: &unresolved,
            article_date: article.date,
            lx: &self.lexicons,
            g,
            places: &places,
            actors: &actors,
            dates: &dates,
            numbers: &numbers,
            statements: &statements,
            classes: low.iter().map(|w| words::WORDS.classes_of(w)).collect(),
            low,
            sent_of,
            trigger_tokens: Vec::new(),
            keys: &keys,
            in_name: {
                let mut v = vec![false; doc.tokens.len()];
                // ("A suicide bomber killed 26": a common noun that is itself a trigger
                // names the event as well as its doer.)
                let mut key = String::new();
                let ranges = actors
                    .iter()
                    .filter(|m| {
                        m.how != "noun" || {
                            let (a, b) = m.tokens;
                            let a = (a..b)
                                .find(|&k| !matches!(keys.norm[k].as_str(), "a" | "an" | "the"))
                                .unwrap_or(a);
                            keys.window(&doc, a, b, &mut key);
                            !self.lexicons.trigger_keys.contains_key(&key)
                        }
                    })
                    .map(|m| m.tokens)
                    .chain(
                        places
                            .places
                            .iter()
                            .flat_map(|p| p.mention_tokens.iter().copied()),
                    );
                for (a, b) in ranges {
                    for x in &mut v[a..b] {
                        *x = true;
                    }
                }
                v
            },
        };
        let mut cx = cx;
        let drafts = events::code(&mut cx, self.profile);

        let mut evs: Vec<(f64, usize, Event)> = drafts
            .iter()
            .map(|d| {
                let (t, s) = acled::acled_view(d);
                let conf = events::emit::confidence(d);
                let place = events::emit::event_place(&cx, d);
                let unlocated_place = place
                    .is_none()
                    .then(|| events::emit::named_place(&cx, d))
                    .flatten();
                let ev = Event {
                    id: String::new(),
                    plover_type: d.def.plover_type.clone(),
                    plover_mode: d.def.plover_mode.clone(),
                    acled_event_type: t,
                    acled_sub_event_type: s,
                    status: d.status.into(),
                    source_actor: d.source.as_ref().map(events::emit::actor_ref),
                    target_actor: d.target.as_ref().map(events::emit::actor_ref),
                    acled_actor1: d.acled_crowd.clone(),
                    trigger: events::emit::trigger_text(&cx, d),
                    place,
                    unlocated_place,
                    date: events::emit::event_date(&cx, d),
                    killed: d.killed.clone(),
                    injured: d.injured.clone(),
                    captured: d.captured.clone(),
                    arrested: d.arrested.clone(),
                    quantities: d.quantities.clone(),
                    attribution: d.attribution.clone(),
                    // The article's own voice counts as a claim only when nobody is quoted.
                    claims: if d.claims.iter().any(|c| c.by.is_some()) {
                        d.claims
                            .iter()
                            .filter(|c| c.by.is_some())
                            .cloned()
                            .collect()
                    } else {
                        d.claims.clone()
                    },
                    evidence: d
                        .evidence
                        .iter()
                        .map(|&(a, b)| TextSpan {
                            text: doc.text[a..b].to_string(),
                            span: [a, b],
                        })
                        .collect(),
                    confidence: conf,
                };
                (conf, d.trigger.0, ev)
            })
            .collect();
        evs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let events: Vec<Event> = evs
            .into_iter()
            .enumerate()
            .map(|(i, (_, _, mut e))| {
                e.id = format!("e{}", i + 1);
                e
            })
            .collect();

        // Actors of the article, each once.
        let mut out_actors: Vec<Actor> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut add = |id: &str, name: &str, kind: &str, country: &str, span: Span| {
            let i = *index.entry(id.to_string()).or_insert_with(|| {
                out_actors.push(Actor {
                    id: id.into(),
                    name: name.into(),
                    kind: kind.into(),
                    country: (!country.is_empty()).then(|| country.to_string()),
                    mentions: Vec::new(),
                });
                out_actors.len() - 1
            });
            let m = [span.0, span.1];
            if !out_actors[i].mentions.contains(&m) {
                out_actors[i].mentions.push(m);
            }
        };
        for m in &actors {
            add(&m.id, &m.name, &m.kind, &m.country, m.span);
        }
        for st in &statements {
            if let Some(sp) = &st.speaker {
                if !sp.id.is_empty() {
                    add(&sp.id, &sp.name, &sp.kind, "", sp.span);
                }
            }
        }
        for a in &mut out_actors {
            a.mentions.sort();
        }

        let out_places: Vec<Place> = places
            .places
            .iter()
            .map(|p| Place {
                geo: events::emit::geo_ref(g, &g.entries[p.entry as usize], p.precision),
                reason: p.reason.clone(),
                mentions: p.mentions.iter().map(|s| [s.0, s.1]).collect(),
            })
            .collect();
        let quotes: Vec<Quote> = statements
            .iter()
            .filter(|s| s.quote)
            .map(|s| Quote {
                speaker: s.speaker.as_ref().map(|x| x.name.clone()),
                speaker_id: s
                    .speaker
                    .as_ref()
                    .map(|x| x.id.clone())
                    .filter(|x| !x.is_empty()),
                verb: (!s.verb.is_empty()).then(|| s.verb.clone()),
                text: doc.text[s.text_span.0..s.text_span.1].to_string(),
                span: [s.text_span.0, s.text_span.1],
            })
            .collect();
        ArticleOutput {
            article: ArticleMeta {
                id: article.id.clone(),
                date: article.date.to_string(),
                title: article.title.clone(),
                url: article.url.clone(),
                source: article.source.clone(),
                language: "en".into(),
            },
            events,
            actors: out_actors,
            places: out_places,
            quotes,
        }
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
