//! The event coder: from the article's tokens, trees, actors, places, dates, numbers and
//! statements (the [`Context`]) to its events ([`Draft`]s), by the passes [`code`] runs
//! in order, one module per concern.
//!
//! Source and target come from the dependency tree first (`roles::tree_roles`:
//! subjects, objects, passive agents, possessors and "on"/"against" modifiers of event
//! nouns, subjects shared through "and" and "vowed to"); word order and a few function
//! words fill a role only where the tree gives no actor for it.

mod acled_notes;
mod casualties;
mod claims;
mod commitment;
mod context;
mod counts;
mod embedding;
pub(crate) mod emit;
mod merge;
mod mode;
pub(crate) mod place;
mod protest;
pub(crate) mod roles;
#[cfg(test)]
mod testing;
mod triggers;

use crate::actors::ActorMention;
use crate::attribution::Statement;
use crate::dates::DateMention;
use crate::lexicon::Lexicons;
use crate::lexicon::TriggerDef;
use crate::numbers::NumberPhrase;
use crate::output::Attribution;
use crate::output::Count;
use crate::output::Quantity;
use crate::words::{self, casualty_kind, Word};
use annals_geo::resolve::Resolution;
use annals_geo::Gazetteer;
use annals_text::Doc;
use annals_text::Span;
use jiff::civil::Date;

/// What a figure counts: the people a casualty word tells of, or things seized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Killed ("350 Taliban killed").
    Killed,
    /// Injured or wounded.
    Injured,
    /// Taken prisoner in fighting.
    Captured,
    /// Arrested by the authorities.
    Arrested,
    /// Abducted or held hostage.
    Abducted,
    /// Driven from their homes.
    Displaced,
    /// Things seized ("40 Humvees").
    Seized,
}

impl Counted {
    /// The name the output writes (`quantities[].what`).
    pub fn as_str(self) -> &'static str {
        match self {
            Counted::Killed => "killed",
            Counted::Injured => "injured",
            Counted::Captured => "captured",
            Counted::Arrested => "arrested",
            Counted::Abducted => "abducted",
            Counted::Displaced => "displaced",
            Counted::Seized => "seized",
        }
    }

    /// Whether the figure is a toll: killed or injured.
    pub fn is_toll(self) -> bool {
        matches!(self, Counted::Killed | Counted::Injured)
    }
}

/// What the text says of an event's reality (the output's `status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Told as done.
    Occurred,
    /// Wanted or aimed at: "to fight", "called for the withdrawal".
    Intended,
    /// Ahead: "will", "plans to", "vowed to".
    Future,
    /// "may", or in a clause of condition ("unless Baghdad accepted").
    Possible,
    /// "did not", "never".
    Negated,
}

impl Status {
    /// The status as the output writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Occurred => "occurred",
            Status::Intended => "intended",
            Status::Future => "future",
            Status::Possible => "possible",
            Status::Negated => "negated",
        }
    }
}

/// An event being built, with token positions kept for merging.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Trigger class.
    pub def: TriggerDef,
    /// Trigger tokens.
    pub trigger: (usize, usize),
    /// Sentence index.
    pub sentence: usize,
    /// Whether the event happened, is wanted, ahead, possible or denied.
    pub status: Status,
    /// Who acted.
    pub source: Option<ActorMention>,
    /// Who was acted on.
    pub target: Option<ActorMention>,
    /// Place, and whether it was inferred.
    pub place: Option<(usize, Span, bool)>,
    /// Date and where it came from (`text`, `context`).
    pub date: Option<(DateMention, &'static str)>,
    /// Counts by what.
    pub killed: Option<Count>,
    /// Injured.
    pub injured: Option<Count>,
    /// Captured.
    pub captured: Option<Count>,
    /// Arrested.
    pub arrested: Option<Count>,
    /// Other quantities.
    pub quantities: Vec<Quantity>,
    /// Attribution.
    pub attribution: Attribution,
    /// Evidence sentences (spans).
    pub evidence: Vec<Span>,
    /// Number of reports merged in.
    pub reports: usize,
    /// Whether the place was taken from the event's own sentence.
    pub place_from_text: bool,
    /// Whether the event's sentence is a headline (no final punctuation, alone on its line).
    pub headline: bool,
    /// Distinct attributions of the merged reports.
    pub claims: Vec<Attribution>,
    /// When the text names no place for the event: the region or city a body is named
    /// after ("Haryana Computer Teachers Welfare Association"), else the country of its
    /// actors (or of the article's demonyms), as a gazetteer entry and the span that
    /// gives it away.
    pub inferred_place: Option<(u32, Span)>,
    /// Part of a demonstration reported in the same article (the police's arrests, the
    /// crowd's road block): kept, but ranked below the demonstration.
    pub within_protest: bool,
    /// The trigger lies inside another event's phrase in its sentence ("demanded the
    /// withdrawal", "accused X of violating the ceasefire", "a protest against the
    /// killing"), or named as a charge ("charged with murder", "aggravated assault"):
    /// told as the other's matter, it ranks below it.
    pub embedded: bool,
    /// The trigger sits in a clause or phrase that modifies something else (a relative
    /// clause, "after a demonstration", "during the fight", "the shooting in which"):
    /// background to the sentence's main event, ranked below it.
    pub subordinate: bool,
    /// What the trigger acts on is a military object ("a checkpoint", "an army
    /// patrol"), so the other side is armed even when no actor is named.
    pub armed_object: bool,
    /// The trigger names an exchange of fire ("gunfight", "shootout", "encounter"):
    /// both sides bore arms, whoever they were.
    pub gunfight: bool,
    /// The sentence names small arms among the weapons used ("fired grenade launchers
    /// and small arms at the positions"): fire at close range, an exchange between
    /// sides, not a strike from afar.
    pub small_arms: bool,
    /// The sides are communities armed on identity lines (clans, tribes, ethnic groups,
    /// herders and farmers, drug traffickers), told in the trigger's sentence or the
    /// next: ACLED's identity militias, whose fights are armed clashes, not riots.
    pub communal: bool,
    /// The trigger names setting something on fire ("burned a school", "set fire to
    /// houses").
    pub arson: bool,
    /// The event's place is named here but the gazetteer lacks it; `place` or
    /// `inferred_place` then locate it, more coarsely.
    pub unresolved: Option<Span>,
    /// ACLED's first actor where it is not the source: the crowd ("Protesters
    /// (Bangladesh)") that a named party led.
    pub acled_crowd: Option<String>,
    /// A demonstration that the authorities broke up ("police intervened to disperse
    /// them", "used tear gas", "detained them"): ACLED's protest with intervention.
    pub intervened: bool,
    /// Told amid a demonstration (its words stand in the sentence or the one before or
    /// after): a crowd's violence is then a violent demonstration, else mob violence.
    pub amid_demonstration: bool,
}

impl Draft {
    /// The toll of one kind: `killed` for [`Counted::Killed`], else `injured`.
    fn toll(&self, kind: Counted) -> &Option<Count> {
        if kind == Counted::Killed {
            &self.killed
        } else {
            &self.injured
        }
    }

    /// The toll of one kind, to set: `killed` for [`Counted::Killed`], else `injured`.
    fn toll_mut(&mut self, kind: Counted) -> &mut Option<Count> {
        if kind == Counted::Killed {
            &mut self.killed
        } else {
            &mut self.injured
        }
    }
}

/// Everything the coder needs about one article.
pub struct Context<'a> {
    /// The tokenized article.
    pub doc: &'a Doc<'a>,
    /// Article date.
    pub article_date: Date,
    /// Lexicons.
    pub lx: &'a Lexicons,
    /// Tags, names and dependency trees of every sentence.
    pub tree: &'a annals_nlp::Analysis<'a>,
    /// Token ranges of place names the gazetteer lacks.
    pub unresolved: &'a [(usize, usize)],
    /// Gazetteer.
    pub g: &'a Gazetteer,
    /// Places.
    pub places: &'a Resolution,
    /// Actor mentions (including countries acting as states).
    pub actors: &'a [ActorMention],
    /// Dates.
    pub dates: &'a [DateMention],
    /// Numbers.
    pub numbers: &'a [NumberPhrase],
    /// Statements.
    pub statements: &'a [Statement],
    /// Lower-cased tokens.
    pub low: Vec<String>,
    /// The word classes of each lower-cased token ([`crate::words`]), as bits.
    pub classes: Vec<u64>,
    /// Sentence index of each token.
    pub sent_of: Vec<usize>,
    /// Token ranges of every trigger of the article.
    pub trigger_tokens: Vec<(usize, usize)>,
    /// Folded token keys.
    pub keys: &'a annals_text::TokenKeys,
    /// Whether each token lies inside an actor's or a place's name.
    pub in_name: Vec<bool>,
}

impl<'a> Context<'a> {
    fn w(&self, i: usize) -> &str {
        self.low.get(i).map(String::as_str).unwrap_or("")
    }
    /// Whether token `i` (lower-cased) is a word of `class` (false past the end).
    fn is(&self, i: usize, class: crate::words::Word) -> bool {
        use annals_text::words::WordClass;
        self.classes.get(i).is_some_and(|&c| c & class.bit() != 0)
    }
    fn covered(&self, i: usize) -> bool {
        self.in_name[i]
    }
}

/// Whether each token lies inside an actor's or a place's name. A common noun that is
/// itself a trigger is left out: "A suicide bomber killed 26" names the event as well as
/// its doer.
pub(crate) fn in_names(
    doc: &Doc,
    keys: &annals_text::TokenKeys,
    lx: &Lexicons,
    actors: &[ActorMention],
    places: &Resolution,
) -> Vec<bool> {
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
                    .find(|&k| !crate::words::is(&keys.norm[k], crate::words::Word::Determiner))
                    .unwrap_or(a);
                keys.window(doc, a, b, &mut key);
                !lx.trigger_keys.contains_key(&key)
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
}

/// The sentence index of each token.
pub(crate) fn sentence_of_tokens(doc: &Doc) -> Vec<usize> {
    let mut sent_of = vec![0; doc.tokens.len()];
    for (si, s) in doc.sentences.iter().enumerate() {
        for x in &mut sent_of[s.first..s.last] {
            *x = si;
        }
    }
    sent_of
}

// Readers of casualty words, shared by the passes that attach figures (counts) and
// those that read victims without one (casualties).

/// What the casualty word at token `j` says happened, reading "shot" in its context: a
/// person shot is wounded ("three people were shot"), unless the words around say death
/// ("shot dead", "fatally shot", "shot and killed", "shot to death") or the shots missed
/// ("shot at").
fn casualty_at(cx: &Context, j: usize) -> Option<Counted> {
    let w = cx.w(j);
    if w != "shot" {
        return casualty_kind(w);
    }
    let last = cx.doc.sentences[cx.sent_of[j]].last;
    if j + 1 < last && matches!(cx.w(j + 1), "at" | "down") {
        return None;
    }
    let death = (j + 1..(j + 4).min(last)).any(|k| matches!(cx.w(k), "dead" | "death" | "killed"))
        || (j > 0 && cx.w(j - 1) == "fatally");
    Some(if death {
        Counted::Killed
    } else {
        Counted::Injured
    })
}

/// Whether the noun at `k`, as the victim of a killing or wounding verb, names one
/// person: a listed person word, or any common noun but a measure or a group ("killed a
/// mechanic", "wounded a JNIM fighter"), since such verbs take people as objects.
fn one_person(cx: &Context, k: usize) -> bool {
    let w = cx.w(k);
    words::is(w, Word::OnePerson)
        // "A 17-year-old was shot" (tokens "17 - year - old")
        || (w == "old" && k >= 2 && cx.w(k - 1) == "-" && matches!(cx.w(k - 2), "year" | "years"))
        || (cx.tree.upos(k) == "NOUN"
            && !words::is(w, Word::NotOnePerson)
            && !w.ends_with('s')
            && w.chars().all(|c| c.is_alphabetic() || c == '-'))
}

/// Which conventions the coder reads beside plain news English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// News articles: the default.
    #[default]
    News,
    /// ACLED coders' notes: also read the notes' own conventions about tolls ("4
    /// fatalities.", "coded across 6 events", "coded as 2 for this event"), which no news
    /// article contains (module `acled_notes`).
    AcledNotes,
}

/// Code the events of one article: the passes in the order they run.
///
/// Each pass reads the [`Context`] and changes the drafts the passes before it left.
/// The order matters: figures are attached before reports merge (a merged event keeps
/// every part of a toll), merging runs before context filling (a place or date read
/// from a neighbouring sentence must not split reports of one event), and the ACLED
/// conventions (crowds, unidentified perpetrators, demonstrations) come last, on the
/// merged events.
pub fn code(cx: &mut Context, profile: Profile) -> Vec<Draft> {
    // One draft per trigger: type, mode, status, roles, place and date of its sentence.
    let triggers = triggers::find_triggers(cx);
    cx.trigger_tokens = triggers.iter().map(|t| t.1).collect();
    let cx = &*cx;
    let mut drafts = triggers::draft_events(cx, &triggers);
    // Before figures: an event told inside another's phrase ranks below it.
    embedding::embedded_events(cx, &mut drafts);
    // Figures next to their casualty words ("350 Taliban killed"), then the readings
    // that need the figures already placed: "one of them fatally", "another person",
    // single victims ("a man was shot"), later deaths, "fatal" nouns, "left N dead",
    // the wounded among the shot.
    counts::attach_numbers(cx, &mut drafts);
    casualties::fatal_among_shot(cx, &mut drafts);
    casualties::another_casualty(cx, &mut drafts);
    casualties::attach_single_victims(cx, &mut drafts);
    casualties::later_deaths(cx, &mut drafts);
    casualties::fatal_nouns(cx, &mut drafts);
    casualties::left_casualties(cx, &mut drafts);
    casualties::wound_victims(cx, &mut drafts);
    // Who says so, where no reporting verb names anyone: before merging, so that each
    // report keeps its own claimant among the event's claims.
    claims::implied_claimants(cx, &mut drafts);
    // Reports of one event become one: same type, overlapping actors (merge), a deed
    // and what followed from it (sequels), the one incident an article is about.
    let drafts = merge::merge_drafts(cx.doc.text, drafts);
    let drafts = merge::join_sequels(cx, drafts);
    let mut drafts = merge::one_incident(cx, drafts);
    // What the event's own sentence left open, from the sentences around it: place,
    // date, the actors' country.
    context::fill_from_context(cx, &mut drafts);
    context::actor_countries(cx, &mut drafts);
    // ACLED's view of crowds and unknown doers, on the merged events.
    protest::violent_demonstrations(cx, &mut drafts);
    for d in &mut drafts {
        context::crowd_actor(cx, d);
        context::unidentified_perpetrator(cx, d);
    }
    protest::protest_context(cx, &mut drafts);
    if profile == Profile::AcledNotes {
        acled_notes::toll_summary(cx, &mut drafts);
        acled_notes::toll_shares(cx, &mut drafts);
    }
    // Last: a party's word about what it will do is itself an event (AGREE, THREATEN),
    // read once every deed it may promise is known.
    commitment::commitments(cx, &mut drafts);
    drafts
}

/// "police said Tuesday", "announced on Monday": a date right after a reporting verb
/// tells when it was said, not when the event was.
fn dates_a_statement(cx: &Context, d: &DateMention) -> bool {
    let start = cx.doc.tokens[d.tokens.0].start;
    cx.statements.iter().any(|st| {
        // ("As reported on 28 April": ACLED's way of dating the event itself.)
        let as_reported = cx.doc.text[..st.verb_span.0]
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("as"));
        !as_reported
            && st.verb_span.1 <= start
            && cx.doc.text[st.verb_span.1..start]
                .split_whitespace()
                .all(|w| w == "on")
            && start - st.verb_span.1 <= 4
    })
}

/// Whether no blank line separates sentences `a` and `b` (a before b).
fn same_paragraph(cx: &Context, a: usize, b: usize) -> bool {
    let (end, start) = (
        cx.doc.tokens[cx.doc.sentences[a].last - 1].end,
        cx.doc.tokens[cx.doc.sentences[b].first].start,
    );
    !cx.doc.text[end.min(start)..start].contains("\n\n")
}

/// The token of a trigger whose head lies outside it.
fn trigger_head(cx: &Context, trig: (usize, usize)) -> usize {
    (trig.0..trig.1)
        .find(|&k| cx.tree.head(k).is_none_or(|x| x < trig.0 || x >= trig.1))
        .unwrap_or(trig.0)
}
