//! The coder's shipped lexicons: canonical actors (`data/actors.tsv`), generic actor
//! nouns (`data/actor_nouns.tsv`) and event triggers (`data/triggers.tsv`). They are
//! data, documented in their own headers, and read here into look-up tables keyed by
//! folded word sequences.

use annals_text::normalize_key;
use jiff::civil::Date;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What an actor is: the kinds the lexicons write (data/actors.tsv, data/actor_nouns.tsv)
/// and those the coder gives (a country acting as a state, a speaker known only as a
/// source or a pronoun).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    /// A state's armed or police forces.
    StateForce,
    /// A country acting as a state ("the US withdrawal").
    State,
    /// A government.
    Government,
    /// A rebel group.
    RebelGroup,
    /// A militia (identity, communal or pro-government).
    Militia,
    /// A political party.
    PoliticalParty,
    /// A named person.
    Person,
    /// An international organisation.
    InternationalOrganisation,
    /// A news organisation.
    Media,
    /// Civilians.
    Civilians,
    /// Protesters.
    Protesters,
    /// Rioters.
    Rioters,
    /// A source of information named by no actor ("officials", "witnesses").
    Source,
    /// A speaker told only by a pronoun.
    Pronoun,
}

impl ActorKind {
    const NAMES: [(ActorKind, &'static str); 14] = [
        (ActorKind::StateForce, "state force"),
        (ActorKind::State, "state"),
        (ActorKind::Government, "government"),
        (ActorKind::RebelGroup, "rebel group"),
        (ActorKind::Militia, "militia"),
        (ActorKind::PoliticalParty, "political party"),
        (ActorKind::Person, "person"),
        (
            ActorKind::InternationalOrganisation,
            "international organisation",
        ),
        (ActorKind::Media, "media"),
        (ActorKind::Civilians, "civilians"),
        (ActorKind::Protesters, "protesters"),
        (ActorKind::Rioters, "rioters"),
        (ActorKind::Source, "source"),
        (ActorKind::Pronoun, "pronoun"),
    ];

    /// The kind a lexicon names, if it is one.
    pub fn parse(name: &str) -> Option<ActorKind> {
        Self::NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(k, _)| *k)
    }

    /// A crowd of unarmed people: civilians, protesters or rioters.
    pub fn is_crowd(self) -> bool {
        matches!(
            self,
            ActorKind::Civilians | ActorKind::Protesters | ActorKind::Rioters
        )
    }

    /// A non-state armed group: a rebel group or a militia.
    pub fn is_armed_group(self) -> bool {
        matches!(self, ActorKind::RebelGroup | ActorKind::Militia)
    }

    /// The name the lexicons and the output write.
    pub fn as_str(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("", |(_, n)| n)
    }
}

/// A canonical actor of the lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorDef {
    /// Stable id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// What it is: state force, rebel group, person, ...
    pub kind: ActorKind,
    /// ISO alpha-2 country, empty for transnational actors.
    pub country: String,
    /// Names it goes by.
    pub aliases: Vec<String>,
    /// For persons: the actor they speak for.
    pub affiliation: Option<String>,
    /// Aliases and affiliation hold from this day on.
    pub valid_from: Option<Date>,
    /// ... until this day.
    pub valid_to: Option<Date>,
}

/// A generic actor noun class ("troops", "protesters").
#[derive(Debug, Clone, PartialEq)]
pub struct NounDef {
    /// Kind of the actor it makes.
    pub kind: ActorKind,
    /// Name template with `{country}`.
    pub template: String,
    /// Only when counted ("12 people").
    pub counted_only: bool,
    /// Only with a country word before it ("a Turkish drone"): a weapon or vehicle names
    /// its operator only when the text says whose it is.
    pub country_only: bool,
}

/// An event trigger class.
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerDef {
    /// PLOVER event type.
    pub plover_type: String,
    /// PLOVER mode.
    pub plover_mode: String,
    /// Default ACLED event type.
    pub acled_event_type: String,
    /// Default ACLED sub-event type.
    pub acled_sub_event_type: String,
    /// How surely the words name such an event.
    pub weight: f64,
    /// Words of which one must stand in the sentence for the trigger to count ("gathered"
    /// is a protest only near "demand", "against", ...); empty when none are needed.
    pub needs: Vec<String>,
    /// Words (written "!word" among the cues) none of which may stand in the sentence
    /// ("executed a search warrant" is no killing); empty when none are shunned.
    pub shuns: Vec<String>,
    /// V (verb), N (event noun), P (passive participle) or C (a casualty verb: read as
    /// V, it says what befell the victims but not how, and joins another violent event
    /// of its sentence).
    pub frame: char,
}

/// Errors reading a lexicon.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct LexiconError {
    /// The file.
    pub path: String,
    /// 1-based line (0 when the file could not be read).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Every lexicon, indexed.
#[derive(Debug, Default)]
pub struct Lexicons {
    /// Canonical actors.
    pub actors: Vec<ActorDef>,
    /// Folded alias -> actor index.
    pub actor_keys: HashMap<String, usize>,
    /// Generic nouns.
    pub nouns: Vec<NounDef>,
    /// Folded noun -> noun class.
    pub noun_keys: HashMap<String, usize>,
    /// Trigger classes.
    pub triggers: Vec<TriggerDef>,
    /// Folded form -> trigger class.
    pub trigger_keys: HashMap<String, usize>,
    /// Folded form -> the later trigger classes listing it, in file order, tried where
    /// the first one's needed words are missing ("blocked the road" to demand wages is a
    /// protest, else a restriction).
    pub trigger_fallback: HashMap<String, Vec<usize>>,
    /// Longest key in words, over all tables.
    pub max_words: usize,
    /// First words ([`annals_text::first_word`]) of actor and noun keys: a window can
    /// only match where its first token folds to one of them.
    pub actor_first: HashSet<String>,
    /// First words of trigger keys.
    pub trigger_first: HashSet<String>,
    /// Country cues (`data/country_cues.tsv`): folded form -> the forms' country and,
    /// for a form with a capital letter, the surface it must have.
    pub cue_keys: HashMap<String, Vec<(String, Option<String>)>>,
    /// Longest cue form in words.
    pub cue_words: usize,
    /// First words of cue forms: a window can only match where its first token folds to
    /// one of them.
    pub cue_first: HashSet<String>,
}

fn rows(path: &Path) -> Result<Vec<(usize, Vec<String>)>, LexiconError> {
    let text = std::fs::read_to_string(path).map_err(|e| LexiconError {
        path: path.display().to_string(),
        line: 0,
        message: e.to_string(),
    })?;
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l.split('\t').map(|c| c.trim().to_string()).collect()))
        .collect())
}

fn forms(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split('|').map(normalize_key).filter(|k| !k.is_empty())
}

impl Lexicons {
    /// Read the three lexicons from the data directory.
    pub fn load(data: &Path) -> Result<Self, LexiconError> {
        let mut lx = Lexicons::default();
        let bad = |path: &Path, line: usize, m: &str| LexiconError {
            path: path.display().to_string(),
            line,
            message: m.to_string(),
        };
        let p = data.join("actors.tsv");
        for (line, c) in rows(&p)? {
            if c.len() < 5 {
                return Err(bad(&p, line, "expected at least 5 tab-separated columns"));
            }
            let date = |i: usize| -> Result<Option<Date>, LexiconError> {
                match c.get(i).map(String::as_str) {
                    None | Some("") => Ok(None),
                    Some(d) => d.parse().map(Some).map_err(|_| bad(&p, line, "bad date")),
                }
            };
            let def = ActorDef {
                id: c[0].clone(),
                name: c[1].clone(),
                kind: ActorKind::parse(&c[2]).ok_or_else(|| bad(&p, line, "unknown actor kind"))?,
                country: c[3].clone(),
                aliases: c[4].split('|').map(String::from).collect(),
                affiliation: c.get(5).filter(|s| !s.is_empty()).cloned(),
                valid_from: date(6)?,
                valid_to: date(7)?,
            };
            let idx = lx.actors.len();
            for k in forms(&c[4]).chain(std::iter::once(normalize_key(&c[1]))) {
                lx.max_words = lx.max_words.max(k.split(' ').count());
                lx.actor_first
                    .insert(annals_text::first_word(&k).to_string());
                lx.actor_keys.entry(k).or_insert(idx);
            }
            lx.actors.push(def);
        }
        let p = data.join("actor_nouns.tsv");
        for (line, c) in rows(&p)? {
            if c.len() < 4 {
                return Err(bad(&p, line, "expected 4 tab-separated columns"));
            }
            let idx = lx.nouns.len();
            for k in forms(&c[0]) {
                lx.max_words = lx.max_words.max(k.split(' ').count());
                lx.actor_first
                    .insert(annals_text::first_word(&k).to_string());
                lx.noun_keys.entry(k).or_insert(idx);
            }
            lx.nouns.push(NounDef {
                kind: ActorKind::parse(&c[1]).ok_or_else(|| bad(&p, line, "unknown actor kind"))?,
                template: c[2].clone(),
                counted_only: c[3] == "1",
                country_only: c[3] == "country",
            });
        }
        let p = data.join("triggers.tsv");
        for (line, c) in rows(&p)? {
            if c.len() < 7 {
                return Err(bad(&p, line, "expected 7 tab-separated columns"));
            }
            let idx = lx.triggers.len();
            for k in forms(&c[0]) {
                lx.max_words = lx.max_words.max(k.split(' ').count());
                lx.trigger_first
                    .insert(annals_text::first_word(&k).to_string());
                match lx.trigger_keys.get(&k) {
                    None => {
                        lx.trigger_keys.insert(k, idx);
                    }
                    Some(_) => {
                        lx.trigger_fallback.entry(k).or_default().push(idx);
                    }
                }
            }
            // Cue words: "!word" is shunned, any other is needed.
            let (mut needs, mut shuns) = (Vec::new(), Vec::new());
            for cue in c.get(7).into_iter().flat_map(|n| n.split('|')) {
                let (list, word) = match cue.strip_prefix('!') {
                    Some(w) => (&mut shuns, w),
                    None => (&mut needs, cue),
                };
                let key = normalize_key(word);
                if !key.is_empty() {
                    list.push(key);
                }
            }
            lx.triggers.push(TriggerDef {
                plover_type: c[1].clone(),
                plover_mode: c[2].clone(),
                acled_event_type: c[3].clone(),
                acled_sub_event_type: c[4].clone(),
                weight: c[5]
                    .parse()
                    .map_err(|_| bad(&p, line, "weight is not a number"))?,
                needs,
                shuns,
                frame: match c[6].as_str() {
                    "V" | "N" | "P" | "C" => c[6].chars().next().unwrap_or('V'),
                    _ => return Err(bad(&p, line, "frame is not V, N, P or C")),
                },
            });
        }
        let p = data.join("country_cues.tsv");
        for (line, c) in rows(&p)? {
            if c.len() < 2 || c[1].len() != 2 {
                return Err(bad(&p, line, "expected forms and a two-letter country"));
            }
            for form in c[0].split('|').filter(|f| !f.is_empty()) {
                let key = normalize_key(form);
                lx.cue_words = lx.cue_words.max(key.split(' ').count());
                lx.cue_first
                    .insert(annals_text::first_word(&key).to_string());
                let surface = form
                    .chars()
                    .any(char::is_uppercase)
                    .then(|| form.to_string());
                lx.cue_keys
                    .entry(key)
                    .or_default()
                    .push((c[1].clone(), surface));
            }
        }
        Ok(lx)
    }

    /// The country cues of a document: each cue's span and country, once a form.
    pub fn country_cues(
        &self,
        doc: &annals_text::Doc,
        keys: &annals_text::TokenKeys,
    ) -> Vec<(annals_text::Span, String)> {
        let mut out: Vec<(annals_text::Span, String)> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut key = String::new();
        let mut a = 0;
        while a < doc.tokens.len() {
            let mut next = a + 1;
            if doc.tokens[a].kind != annals_text::TokenKind::Word
                || !self
                    .cue_first
                    .contains(annals_text::first_word(&keys.norm[a]))
            {
                a = next;
                continue;
            }
            for b in (a + 1..=(a + self.cue_words).min(doc.tokens.len())).rev() {
                keys.window(doc, a, b, &mut key);
                let Some(forms) = self.cue_keys.get(key.as_str()) else {
                    continue;
                };
                let span = (doc.tokens[a].start, doc.tokens[b - 1].end);
                let surface = &doc.text[span.0..span.1];
                let hit = forms
                    .iter()
                    .find(|(_, s)| s.as_deref().is_none_or(|s| s == surface));
                if let Some((cc, _)) = hit {
                    if seen.insert(key.clone()) {
                        out.push((span, cc.clone()));
                    }
                    next = b;
                    break;
                }
            }
            a = next;
        }
        out
    }

    /// The other names the lexicon knows an actor by (none for an unknown id).
    pub fn aliases_of(&self, id: &str) -> Vec<String> {
        self.actors
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.aliases.clone())
            .unwrap_or_default()
    }

    /// Whether an actor's names apply on `date` (an NRF did not exist in 2001).
    pub fn actor_valid_on(&self, idx: usize, date: Date) -> bool {
        let a = &self.actors[idx];
        a.valid_from.is_none_or(|f| date >= f) && a.valid_to.is_none_or(|t| date <= t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_kinds_read_as_written() {
        for (k, name) in ActorKind::NAMES {
            assert_eq!(ActorKind::parse(name), Some(k));
            assert_eq!(k.as_str(), name);
        }
        assert_eq!(ActorKind::parse("rebels"), None);
        assert!(ActorKind::Rioters.is_crowd() && !ActorKind::Militia.is_crowd());
        assert!(ActorKind::Militia.is_armed_group() && !ActorKind::StateForce.is_armed_group());
    }

    #[test]
    fn shipped_lexicons_load() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let lx = Lexicons::load(&data).unwrap();
        let nrf = lx.actor_keys["nrf"];
        assert_eq!(lx.actor_keys["panjshir resistance"], nrf);
        assert_eq!(lx.actor_keys["national resistance front"], nrf);
        assert_eq!(
            lx.triggers[lx.trigger_keys["gunned down"]].plover_type,
            "ASSAULT"
        );
        assert_eq!(
            lx.triggers[lx.trigger_keys["withdrawal"]].plover_type,
            "RETREAT"
        );
        let shah = lx
            .actors
            .iter()
            .position(|a| a.id == "ahmad-shah-massoud")
            .unwrap();
        assert!(!lx.actor_valid_on(shah, "2021-09-02".parse().unwrap()));
    }

    #[test]
    fn country_cues_match_acronyms_as_written_and_words_in_any_case() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let lx = Lexicons::load(&data).unwrap();
        let cues = |text: &str| {
            let doc = annals_text::Doc::new(text);
            let keys = annals_text::TokenKeys::new(&doc);
            lx.country_cues(&doc, &keys)
                .into_iter()
                .map(|(sp, cc)| (text[sp.0..sp.1].to_string(), cc))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            cues("SAD members attacked BKU members at a Gram Panchayat office."),
            [
                ("SAD".to_string(), "IN".to_string()),
                ("BKU".to_string(), "IN".to_string()),
                ("Gram Panchayat".to_string(), "IN".to_string()),
            ]
        );
        // "sad" is a word, not the party; a form counts once.
        assert!(cues("It was a sad day.").is_empty());
        assert_eq!(cues("An MCA and another MCA were hurt.").len(), 1);
    }
}
