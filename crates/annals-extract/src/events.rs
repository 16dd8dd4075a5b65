//! The event coder: triggers, their arguments, status, place, date, counts and
//! attribution, then merging of the reports of one event inside the article.
//!
//! Source and target come from the dependency tree first ([`tree_roles`]: subjects,
//! objects, passive agents, possessors and "on"/"against" modifiers of event nouns,
//! subjects shared through "and" and "vowed to"); word order and a few function words
//! fill a role only where the tree gives no actor for it.

use crate::actors::ActorMention;
use crate::attribution::{Statement, CLAIM_VERBS, DENY_VERBS, HEDGES};
use crate::dates::DateMention;
use crate::lexicon::{Lexicons, TriggerDef};
use crate::numbers::NumberPhrase;
use crate::output::{
    ActorRef, Attribution, Count, EventDate, EventPlace, GeoRef, Quantity, TextSpan,
};
use annals_geo::{resolve::Resolution, Gazetteer, Kind};
use annals_text::{Doc, Span};
use jiff::civil::Date;

/// An event being built, with token positions kept for merging.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Trigger class.
    pub def: TriggerDef,
    /// Trigger tokens.
    pub trigger: (usize, usize),
    /// Sentence index.
    pub sentence: usize,
    /// Status word.
    pub status: &'static str,
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
    /// The toll of one kind: `killed` for "killed", else `injured`.
    fn toll(&self, kind: &str) -> &Option<Count> {
        if kind == "killed" {
            &self.killed
        } else {
            &self.injured
        }
    }

    /// The toll of one kind, to set: `killed` for "killed", else `injured`.
    fn toll_mut(&mut self, kind: &str) -> &mut Option<Count> {
        if kind == "killed" {
            &mut self.killed
        } else {
            &mut self.injured
        }
    }
}

const BE: &[&str] = &[
    "was", "were", "been", "being", "is", "are", "be", "got", "get", "gets",
];
const ADVERBS: &[&str] = &[
    "heavily",
    "reportedly",
    "allegedly",
    "also",
    "then",
    "later",
    "badly",
    "seriously",
    "fatally",
    "critically",
    "brutally",
    "already",
    "successfully",
];
const NEGATIONS: &[&str] = &["not", "n't", "never", "no"];
const FUTURE: &[&str] = &[
    "will",
    "would",
    "shall",
    "plans",
    "plan",
    "planned",
    "planning",
    "threatened",
    "threatens",
    "vowed",
    "vows",
    "intends",
    "intended",
    "aims",
    "wants",
    "going",
];
const MODAL: &[&str] = &["may", "might", "could", "can"];
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "on",
    "across",
    "inside",
    "outside",
    "around",
    "into",
    "throughout",
    "within",
    "from",
];

/// Words that ask for what follows "for": "an appeal for deploying troops", "called for
/// the withdrawal" name an event wanted, not one that happened.
const ASKING: &[&str] = &[
    "appeal",
    "appeals",
    "appealed",
    "call",
    "calls",
    "called",
    "calling",
    "demand",
    "demands",
    "demanded",
    "plan",
    "plans",
    "proposal",
    "proposals",
    "push",
    "pushed",
    "bid",
    "pressed",
    "urged",
    "pressure",
];

/// Whether the words before a trigger (nearest first) ask for it: "for" or "for the"
/// after one of [`ASKING`].
fn asked_for(before: &[&str]) -> bool {
    let at = match before {
        ["for", ..] => 1,
        [_, "for", ..] => 2,
        _ => return false,
    };
    before.get(at).is_some_and(|w| ASKING.contains(w))
}

/// What the casualty word at token `j` says happened, reading "shot" in its context: a
/// person shot is wounded ("three people were shot"), unless the words around say death
/// ("shot dead", "fatally shot", "shot and killed", "shot to death") or the shots missed
/// ("shot at").
fn casualty_at(cx: &Context, j: usize) -> Option<&'static str> {
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
    Some(if death { "killed" } else { "injured" })
}

/// What a casualty word says happened to the people counted.
fn casualty_kind(w: &str) -> Option<&'static str> {
    Some(match w {
        "killed" | "kill" | "killing" | "kills" | "dead" | "died" | "die" | "death" | "deaths"
        | "fatalities" | "gunned" | "slain" | "lives" | "bodies" | "corpses" | "massacred"
        | "executed" | "beheaded" | "perished" | "murdered" | "lifeless" | "fatally"
        | "lynched" | "lynch" | "lynching" | "lynches" | "assassinated" | "assassination" => {
            "killed"
        }
        "injured" | "wounded" | "injuring" | "wounding" | "hurt" | "injuries" | "injury"
        | "wounds" | "injures" | "wounds," => "injured",
        "captured" | "capturing" | "prisoners" | "prisoner" | "captive" | "captives"
        | "surrendered" => "captured",
        "arrested" | "detained" | "arresting" | "detaining" | "arrests" | "custody"
        | "apprehended" | "nabbed" => "arrested",
        "abducted" | "kidnapped" | "abducting" | "kidnapping" | "hostages" | "hostage" => {
            "abducted"
        }
        "displaced" | "homeless" | "evacuated" => "displaced",
        _ => return None,
    })
}

const PEOPLE: &[&str] = &[
    "people",
    "persons",
    "person",
    "civilians",
    "civilian",
    "soldiers",
    "soldier",
    "troops",
    "fighters",
    "militants",
    "militant",
    "police",
    "policemen",
    "officers",
    "members",
    "children",
    "women",
    "men",
    "man",
    "woman",
    "child",
    "terrorists",
    "insurgents",
    "rebels",
    "others",
    "protesters",
    "demonstrators",
    "students",
    "workers",
    "villagers",
    "residents",
    "personnel",
    "gunmen",
    "attackers",
    "boys",
    "girls",
    "journalists",
    "individuals",
    "migrants",
    "supporters",
    "activists",
    "opponents",
    "suspects",
    "worshippers",
    "farmers",
    "herders",
    "traders",
    "teachers",
    "officials",
    "guards",
    "passengers",
    "inmates",
    "detainees",
    "youths",
    "miners",
    "refugees",
    "farmers",
    "passengers",
    "youths",
    "suspects",
    "of",
    "them",
    "were",
    "have",
    "had",
    "are",
    "more",
    "including",
    "other",
];

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
    fn covered(&self, i: usize) -> bool {
        self.in_name[i]
    }
}

/// Relations that stay inside a noun phrase: an actor reached from a role's word through
/// these belongs to that role ("fighters loyal to the Taliban", "a Taliban commander").
const IN_PHRASE: &[&str] = &[
    "compound",
    "flat",
    "nmod",
    "nmod:poss",
    "appos",
    "amod",
    "conj",
    "nummod",
    "det",
    "case",
    "obl",
    "cc",
    "punct",
    "nmod:unmarked",
];

/// Agent and patient of a trigger read from the dependency tree: the token each role
/// hangs on, when the tree has one.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct TreeRoles {
    /// Who acted: subject of an active verb, "by" agent of a passive, possessor or "by"
    /// modifier of an event noun, the noun a relative or participle clause modifies.
    pub agent: Option<usize>,
    /// Who was acted on: object, subject of a passive, "on"/"against" modifier.
    pub patient: Option<usize>,
}

/// The case word ("by", "on") hanging on token `k`, lower-cased.
fn case_of(cx: &Context, k: usize, lo: usize, hi: usize) -> Option<String> {
    cx.tree
        .children(k, lo, hi)
        .find(|&c| cx.tree.rel(c) == "case")
        .map(|c| cx.w(c).to_string())
}

/// Verbs (by their first letters) whose "at" names what they were aimed at.
const AIMED_VERBS: &[&str] = &[
    "fir", "shot", "shoot", "threw", "throw", "hurl", "lob", "pelt",
];

/// Read the roles of the trigger at tokens `trig` from the tree.
pub fn tree_roles(cx: &Context, trig: (usize, usize), noun: bool) -> TreeRoles {
    let s = cx.doc.sentences[cx.sent_of[trig.0]];
    let (lo, hi) = (s.first, s.last);
    let t = cx.tree;
    let h = trigger_head(cx, trig);
    let mut r = TreeRoles::default();
    // ("A Jubo League leader was shot and injured by gunmen": "shot" misread as a noun
    // after a copula is still a passive participle.)
    let participle = {
        let w = cx.w(h);
        w.ends_with("ed") || matches!(w, "shot" | "hit" | "struck" | "beaten" | "slain" | "hurt")
    };
    let passive = t.children(h, lo, hi).any(|c| {
        matches!(t.rel(c), "aux:pass" | "nsubj:pass")
            || (t.rel(c) == "cop"
                && participle
                && matches!(cx.w(c), "was" | "were" | "been" | "being"))
    });
    for c in t.children(h, lo, hi) {
        match t.rel(c) {
            "nsubj" if !passive => r.agent = r.agent.or(Some(c)),
            "nsubj:pass" | "nsubj" => r.patient = r.patient.or(Some(c)),
            "obl:agent" => r.agent = r.agent.or(Some(c)),
            "obj" => r.patient = r.patient.or(Some(c)),
            "nmod:poss" if noun => r.agent = r.agent.or(Some(c)),
            "obl" | "nmod" => match case_of(cx, c, lo, hi).as_deref() {
                Some("by") => r.agent = r.agent.or(Some(c)),
                Some("on" | "against" | "upon" | "targeting") => r.patient = r.patient.or(Some(c)),
                // "fired tear gas at demonstrators", "threw stones at the police"
                Some("at") if AIMED_VERBS.iter().any(|v| cx.w(h).starts_with(v)) => {
                    r.patient = r.patient.or(Some(c))
                }
                _ => {}
            },
            _ => {}
        }
    }
    // "militants who attacked": the relative pronoun stands for the noun it modifies.
    if t.rel(h) == "acl:relcl" {
        let governor = t.head(h);
        for role in [&mut r.agent, &mut r.patient] {
            if role.is_some_and(|k| matches!(cx.w(k), "who" | "which" | "that")) {
                *role = governor;
            }
        }
    }
    // A verb without its own subject shares its governor's: "attacked and killed",
    // "vowed to attack"; a relative or participle clause takes the noun it modifies
    // ("militants who attacked", "gunmen attacking", "a man killed in").
    if r.agent.is_none() && !noun {
        let mut k = h;
        for _ in 0..4 {
            let (Some(g), rel) = (t.head(k), t.rel(k)) else {
                break;
            };
            match rel {
                "conj" | "xcomp" => {
                    let subj = t
                        .children(g, lo, hi)
                        .find(|&c| t.rel(c) == "nsubj" && c != k);
                    if let Some(sj) = subj {
                        if passive {
                            r.patient = r.patient.or(Some(sj));
                        } else {
                            r.agent = Some(sj);
                        }
                        break;
                    }
                    k = g;
                }
                "acl:relcl" | "acl" => {
                    // ("Villagers assaulted and killed a tea seller" parsed as a reduced
                    // relative: a participle with an object is an active verb.)
                    let has_obj = |v: usize| t.children(v, lo, hi).any(|c| t.rel(c) == "obj");
                    let active = has_obj(k)
                        || t.children(k, lo, hi)
                            .any(|c| t.rel(c) == "conj" && has_obj(c));
                    let participle = t.xpos(h) == "VBN" && !active;
                    if passive || participle {
                        r.patient = r.patient.or(Some(g));
                    } else {
                        r.agent = Some(g);
                    }
                    break;
                }
                _ => break,
            }
        }
    }
    r
}

/// The actor a role's word names: an actor mention covering it, else the nearest one
/// inside its noun phrase.
pub fn actor_at<'c>(cx: &'c Context, node: usize) -> Option<&'c ActorMention> {
    if let Some(m) = cx
        .actors
        .iter()
        .find(|m| m.tokens.0 <= node && node < m.tokens.1)
    {
        return Some(m);
    }
    let t = cx.tree;
    let s = cx.doc.sentences[cx.sent_of[node]];
    cx.actors
        .iter()
        .filter(|m| m.tokens.0 >= s.first && m.tokens.1 <= s.last)
        .filter(|m| {
            // every step from the mention up to the node stays inside the phrase
            let mut k = m.tokens.0;
            for _ in 0..(s.last - s.first) {
                if k == node {
                    return true;
                }
                if !IN_PHRASE.contains(&t.rel(k)) {
                    return false;
                }
                match t.head(k) {
                    Some(h) => k = h,
                    None => return false,
                }
            }
            false
        })
        .min_by_key(|m| m.tokens.0.abs_diff(node))
}

/// Find every trigger: (trigger class, token range, sentence index).
pub fn find_triggers(cx: &Context) -> Vec<(usize, (usize, usize), usize)> {
    let doc = cx.doc;
    let mut drafts = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let mut i = s.first;
        while i < s.last {
            let mut hit = None;
            let candidate = cx
                .lx
                .trigger_first
                .contains(annals_text::first_word(&cx.keys.norm[i]));
            let mut key = String::new();
            for len in (1..=cx.lx.max_words.min(s.last - i)).rev() {
                if !candidate {
                    break;
                }
                let b = i + len;
                if doc.tokens[b - 1].kind != annals_text::TokenKind::Word {
                    continue;
                }
                cx.keys.window(doc, i, b, &mut key);
                // "protested to demand": a phrase ending in "to" ("protested to" the
                // embassy) is not read before a verb.
                let to_verb = |b: usize| {
                    len > 1 && cx.w(b - 1) == "to" && b < s.last && cx.tree.upos(b) == "VERB"
                };
                if let Some(&t) = cx.lx.trigger_keys.get(&key).filter(|_| !to_verb(b)) {
                    // A trigger that needs a cue word the sentence lacks gives way to
                    // the next reading of the words, if any.
                    // (A crowd's aim may come in the next sentence: "Taxi drivers
                    // blocked streets. The protesters denounced high fuel prices.")
                    let cue_end = |t: usize| match cx.doc.sentences.get(si + 1) {
                        Some(n)
                            if cx.lx.triggers[t].plover_type == "PROTEST"
                                && same_paragraph(cx, si, si + 1) =>
                        {
                            n.last
                        }
                        _ => s.last,
                    };
                    let cued = |t: usize| {
                        let (needs, shuns) = (&cx.lx.triggers[t].needs, &cx.lx.triggers[t].shuns);
                        (needs.is_empty()
                            || (s.first..cue_end(t)).any(|k| needs.iter().any(|n| n == cx.w(k))))
                            && !(s.first..s.last).any(|k| shuns.iter().any(|n| n == cx.w(k)))
                    };
                    let t = if cued(t) {
                        Some(t)
                    } else {
                        cx.lx
                            .trigger_fallback
                            .get(&key)
                            .and_then(|rows| rows.iter().copied().find(|&f| cued(f)))
                    };
                    if let Some(t) = t {
                        hit = Some((t, b));
                        break;
                    }
                }
            }
            let Some((t, b)) = hit else {
                i += 1;
                continue;
            };
            // Trigger words inside names ("Resistance Front") or month names ("March") are not events.
            let surface = doc.tok(i);
            // (A phrase whose later words are in lower case is a common noun named after
            // someone or somewhere: "threw Molotov cocktails", "a Kalashnikov rifle".)
            let eponym = b - i >= 2
                && (i + 1..b).all(|k| doc.tok(k).chars().next().is_some_and(char::is_lowercase));
            let capital_inside = surface.chars().next().is_some_and(char::is_uppercase)
                && i > s.first
                && !matches!(cx.w(i - 1), "\"" | "\u{201c}" | ":")
                && !eponym;
            // "life-threatening injuries", "long-running": the second half of such a
            // compound modifier names no event ("car-bomb", "air-strikes" do).
            let compound_tail = i >= s.first + 2
                && cx.w(i - 1) == "-"
                && doc.tokens[i - 1].start == doc.tokens[i - 2].end
                && doc.tokens[i].start == doc.tokens[i - 1].end
                && matches!(cx.w(i - 2), "life" | "long" | "well" | "never" | "ever");
            if cx.covered(i) || capital_inside || compound_tail {
                // (Only past the name: "mob" of "mob attacked" is an actor, "attacked"
                // still an event.)
                i += 1;
                continue;
            }
            drafts.push((t, (i, b), si));
            i = b;
        }
    }
    drafts
}

/// Build one draft per trigger found by [`find_triggers`].
pub fn draft_events(cx: &Context, triggers: &[(usize, (usize, usize), usize)]) -> Vec<Draft> {
    triggers
        .iter()
        .map(|&(t, span, si)| draft_one(cx, cx.lx.triggers[t].clone(), span, si))
        .collect()
}

/// Whether the trigger stands in a clause of condition ("unless Baghdad accepted its
/// conditions", "if the talks fail"): what it names has not happened.
fn on_condition(cx: &Context, trig: (usize, usize)) -> bool {
    let s = cx.doc.sentences[cx.sent_of[trig.0]];
    let mut k = trigger_head(cx, trig);
    for _ in 0..6 {
        if cx.tree.rel(k) == "advcl"
            && cx
                .tree
                .children(k, s.first, s.last)
                .any(|c| cx.tree.rel(c) == "mark" && matches!(cx.w(c), "unless" | "if"))
        {
            return true;
        }
        match cx.tree.head(k) {
            Some(h) => k = h,
            None => return false,
        }
    }
    false
}

/// Whether two actor mentions are one party: the same words, or the same named actor.
/// Two mentions of a common noun are different people ("villagers assaulted one
/// person": both are civilians, but not the same ones).
fn same_party(a: &ActorMention, b: &ActorMention) -> bool {
    a.tokens == b.tokens || (a.id == b.id && a.how != "noun" && b.how != "noun")
}

fn draft_one(cx: &Context, mut def: TriggerDef, trig: (usize, usize), si: usize) -> Draft {
    let doc = cx.doc;
    let s = doc.sentences[si];
    // ---- status ----
    let mut k = trig.0;
    let mut before: Vec<&str> = Vec::new();
    while k > s.first && before.len() < 4 {
        k -= 1;
        before.push(cx.w(k));
    }
    let has = |set: &[&str], n: usize| before.iter().take(n).any(|w| set.contains(w));
    let perfect_infinitive = before.first() == Some(&"have") && before.get(1) == Some(&"to");
    let status = if has(NEGATIONS, 3) {
        "negated"
    } else if perfect_infinitive {
        "occurred"
    } else if has(FUTURE, 3) {
        "future"
    } else if (before.first() == Some(&"to")
        || (before.get(1) == Some(&"to") && ADVERBS.contains(&before[0]))
        || asked_for(&before))
        // "continued to protest", "in addition to protesting": it goes on.
        && !before.get(1).is_some_and(|w| {
            matches!(
                *w,
                "continued" | "continue" | "continues" | "continuing" | "began" | "begin"
                    | "begins" | "started" | "start" | "starts" | "addition" | "went"
                    | "resorted" | "due" | "led"
            )
        })
    {
        "intended"
    } else if (has(MODAL, 2) && !before.iter().take(3).any(|w| *w == "have"))
        || on_condition(cx, trig)
    {
        "possible"
    } else {
        "occurred"
    };

    // ---- actors ----
    // The clause starts after a reporting "that", a colon or semicolon, or a reporting
    // verb not followed by "to".
    let mut clause_start = s.first;
    for j in (s.first..trig.0).rev() {
        let w = cx.w(j);
        let reporting_that = w == "that"
            && j > s.first
            && cx.statements.iter().any(|st| {
                !st.quote
                    && st.verb_span.1 <= doc.tokens[j].start
                    && doc.tokens[j].start - st.verb_span.1 <= 12
            });
        if reporting_that || w == ";" || w == ":" {
            clause_start = j + 1;
            break;
        }
    }
    // An actor word inside the trigger phrase ("joined forces with") is no argument.
    let in_trigger = |m: &ActorMention| m.tokens.0 < trig.1 && trig.0 < m.tokens.1;
    let in_clause: Vec<&ActorMention> = cx
        .actors
        .iter()
        .filter(|m| m.tokens.0 >= clause_start && m.tokens.1 <= s.last && !in_trigger(m))
        .collect();
    let left: Vec<&ActorMention> = in_clause
        .iter()
        .copied()
        .filter(|m| m.tokens.1 <= trig.0)
        .collect();
    let right: Vec<&ActorMention> = in_clause
        .iter()
        .copied()
        .filter(|m| m.tokens.0 >= trig.1)
        .collect();
    // passive: an auxiliary "be" before the trigger, adverbs skipped
    let mut p = trig.0;
    while p > s.first && ADVERBS.contains(&cx.w(p - 1)) {
        p -= 1;
    }
    let passive = p > s.first && BE.contains(&cx.w(p - 1)) && def.frame != 'N';
    // "by X", "by the X"
    let after_by = |m: &ActorMention| {
        let k = m.tokens.0;
        (k > 0 && cx.w(k - 1) == "by")
            || (k > 1 && matches!(cx.w(k - 1), "the" | "a" | "an") && cx.w(k - 2) == "by")
    };
    let by_agent = right
        .iter()
        .find(|m| after_by(m) && m.tokens.0 <= trig.1 + 6)
        .copied();
    let nearest_left = left.iter().max_by_key(|m| m.tokens.1).copied();
    let first_right = right
        .iter()
        .min_by_key(|m| m.tokens.0)
        .filter(|m| m.tokens.0 <= trig.1 + 8)
        .copied();
    // "a motive for the killing", "the shooting of a teen": a verb's form used as a noun
    // takes its actors as an event noun does, not from the clause around it.
    let noun_use = def.frame == 'N'
        || (trig.1 - trig.0 == 1
            && trig.0 > s.first
            && cx.tree.upos(trig.0) == "NOUN"
            && (matches!(
                cx.w(trig.0 - 1),
                "the" | "this" | "that" | "a" | "an" | "fatal" | "deadly"
            ) && cx.w(trig.0).ends_with("ing")
                || matches!(cx.w(trig.0 - 1), "gunshot" | "stab" | "bullet")));
    let (mut source, mut target): (Option<&ActorMention>, Option<&ActorMention>);
    if noun_use {
        // "Taliban's attack", "US withdrawal", "withdrawal of US troops", "attack by X on Y"
        let possessor = left
            .iter()
            .find(|m| {
                m.tokens.1 == trig.0
                    || (m.tokens.1 + 1 == trig.0 && matches!(cx.w(m.tokens.1), "'s" | "\u{2019}s"))
            })
            .copied();
        let of_agent = right
            .iter()
            .find(|m| m.tokens.0 == trig.1 + 1 && matches!(cx.w(trig.1), "of" | "by"))
            .copied();
        let on_target = right
            .iter()
            .find(|m| {
                m.tokens.0 > 0
                    && matches!(cx.w(m.tokens.0 - 1), "on" | "against" | "targeting")
                    && m.tokens.0 <= trig.1 + 6
            })
            .copied();
        // ("Three soldiers were killed in the attack": no name before an event noun
        // governed by a preposition did it.)
        let in_phrase = || {
            let h = trigger_head(cx, trig);
            cx.tree.upos(h) == "NOUN"
                && cx
                    .tree
                    .children(h, s.first, s.last)
                    .any(|c| cx.tree.rel(c) == "case" && c < trig.0)
        };
        // ("Police are investigating a fatal shooting": who looks into an event or
        // speaks of it did not do it.)
        let looked_into = || {
            let h = trigger_head(cx, trig);
            cx.tree.rel(h) == "obj"
                && cx.tree.head(h).is_some_and(|v| {
                    let w = cx.w(v);
                    [
                        "investigat",
                        "prob",
                        "condemn",
                        "report",
                        "respond",
                        "denounc",
                        "deni",
                        "describ",
                    ]
                    .iter()
                    .any(|p| w.starts_with(p))
                })
        };
        source = possessor
            .or(of_agent)
            .or(by_agent)
            // ("Police say a man sustained a gunshot wound": a casualty word used as
            // a noun names what befell someone, not who did it.)
            .or(nearest_left.filter(|_| !in_phrase() && !looked_into() && def.frame != 'C'));
        target = on_target;
    } else if passive {
        // The subject of a passive is the target; names after "by" inside it are agents
        // of something else ("formed by X and supported by Y").
        target = left
            .iter()
            .filter(|m| m.tokens.0 == 0 || cx.w(m.tokens.0 - 1) != "by")
            .max_by_key(|m| m.tokens.1)
            .copied();
        source = by_agent;
    } else {
        source = nearest_left;
        target = first_right.filter(|m| source.is_none_or(|s| !same_party(s, m)));
        // "Over 350 Taliban terrorists gunned down": a counted group before a violent
        // verb with no auxiliary is the victim.
        // (Not when the verb goes on to its object: "several hundred rioters attacked
        // the building".)
        // ("three villagers beat and injured a boy": past a joined verb too.)
        let mut obj_at = trig.1;
        if obj_at + 2 < s.last && cx.w(obj_at) == "and" && cx.tree.upos(obj_at + 1) == "VERB" {
            // ("lynched and burned to death a thief": past the whole joined phrase.)
            obj_at = cx
                .trigger_tokens
                .iter()
                .find(|t| t.0 == obj_at + 1)
                .map_or(obj_at + 2, |t| t.1);
        }
        let object_follows = first_right.is_some_and(|m| m.tokens.0 <= obj_at + 3)
            || (obj_at < s.last
                && (matches!(
                    cx.w(obj_at),
                    "a" | "an" | "the" | "two" | "several" | "his" | "her"
                ) || matches!(
                    cx.tree.upos(obj_at),
                    "NOUN" | "PROPN" | "NUM" | "ADJ" | "DET"
                )));
        if let Some(l) = nearest_left.filter(|_| !object_follows) {
            if l.counted && def.plover_type == "ASSAULT" && l.tokens.1 == trig.0 {
                target = Some(l);
                source = left
                    .iter()
                    .filter(|m| m.tokens.1 < l.tokens.0 && !m.counted)
                    .max_by_key(|m| m.tokens.1)
                    .copied();
            }
        }
    }
    // The tree's reading wins wherever it names an actor.
    let roles = tree_roles(cx, trig, noun_use);
    let tree_agent = roles
        .agent
        .and_then(|k| actor_at(cx, k))
        .filter(|m| !in_trigger(m));
    let tree_patient = roles
        .patient
        .and_then(|k| actor_at(cx, k))
        .filter(|m| !in_trigger(m));
    let counted_victim = tree_agent.is_some_and(|a| {
        a.counted && def.plover_type == "ASSAULT" && target.is_some_and(|t| same_party(t, a))
    });
    if !counted_victim {
        if let Some(a) = tree_agent {
            if source.is_none_or(|s| !same_party(s, a)) && target.is_some_and(|t| same_party(t, a))
            {
                target = None;
            }
            source = Some(a);
        }
        if let Some(p) = tree_patient {
            if source.is_some_and(|s| same_party(s, p)) && tree_agent.is_none() {
                source = None;
            }
            target = Some(p);
        }
    }
    // "clashes between GNLA cadres and police", "talks between Kyiv and Moscow": the two
    // sides the event's noun names are its source and its target.
    {
        let sent = cx.doc.sentences[cx.sent_of[trig.0]];
        let (lo, hi) = (sent.first, sent.last);
        let h = trigger_head(cx, trig);
        let sides = cx
            .tree
            .children(h, lo, hi)
            .find(|&c| {
                matches!(cx.tree.rel(c), "nmod" | "obl")
                    && case_of(cx, c, lo, hi).as_deref() == Some("between")
            })
            .and_then(|x| {
                let y = cx
                    .tree
                    .children(x, lo, hi)
                    .find(|&c| cx.tree.rel(c) == "conj")?;
                Some((actor_at(cx, x)?, actor_at(cx, y)?))
            });
        if let Some((a, b)) = sides.filter(|(a, b)| !same_party(a, b) && a.id != b.id) {
            source = Some(a);
            target = Some(b);
        }
    }
    // "Armenia and Azerbaijan signed": the first of two joined actors is the source,
    // and in a meeting, a deal or a fight the second is the other side.
    if let Some(b) = source {
        let a = (b.tokens.0 >= 2 && cx.w(b.tokens.0 - 1) == "and")
            .then(|| cx.actors.iter().find(|m| m.tokens.1 == b.tokens.0 - 1))
            .flatten();
        if let Some(a) = a.filter(|a| a.id != b.id) {
            source = Some(a);
            let mutual = matches!(
                def.plover_type.as_str(),
                "AGREE" | "CONSULT" | "COOPERATE" | "ASSAULT"
            );
            if target.is_none() && mutual {
                target = Some(b);
            }
        }
    }
    if let (Some(a), Some(b)) = (source, target) {
        if same_party(a, b) {
            target = None;
        }
    }
    // ("Police found the body of a young man"): who finds the dead did not kill them.
    if matches!(
        cx.w(trig.0),
        "found" | "discovered" | "recovered" | "body" | "bodies"
    ) {
        source = None;
    }
    if def.plover_type == "RETREAT" && target.is_some() && source.is_none() {
        source = target.take();
    }
    // "A Turkish drone attacked", "Russian tanks attacked": the weapon that acts says how.
    if let Some(m) =
        source.filter(|_| def.plover_type == "ASSAULT" && def.plover_mode == "firearms")
    {
        weapon_mode(&mut def, cx.w(m.tokens.1 - 1));
    }

    // ---- place ----
    let (place, unresolved) = match choose_place(cx, trig, si, source, target) {
        Some(Chosen::Known(pi, sp)) => (Some((pi, sp, false)), None),
        Some(Chosen::Unknown(sp, by)) => (by.map(|(pi, m)| (pi, m, false)), Some(sp)),
        None => (None, None),
    };

    // ---- date ----
    // A date in the sentence belongs to the trigger nearest to it ("after the withdrawal
    // on August 31, X claimed that Y has joined Z": August 31 dates the withdrawal).
    let dist = |a: (usize, usize), b: (usize, usize)| {
        if a.0 >= b.1 {
            a.0 - b.1
        } else {
            b.0.saturating_sub(a.1)
        }
    };
    // "Around 16 April 2022 (between 14 - 18 April)", "On 3 May (2-3 May)": a date in
    // brackets right after another spells out the first one's span; the first dates
    // the event.
    let refines_another = |d: &&DateMention| {
        d.tokens.0 >= 2
            && cx.dates.iter().any(|o| {
                o.tokens.1 < d.tokens.0
                    && matches!(cx.w(o.tokens.1), "(" | "[")
                    && (o.tokens.1..d.tokens.0).all(|k| {
                        let w = cx.w(k);
                        matches!(
                            w,
                            "(" | "[" | "between" | "from" | "-" | "\u{2013}" | "and" | "to"
                        ) || w.bytes().all(|b| b.is_ascii_digit())
                    })
            })
    };
    // "On 8 June 2022, in General Pico, relatives ... protested ... [of a case of]
    // September 2020": a day that opens the sentence dates all that the sentence tells,
    // before a coarser date further on.
    let opening = cx.dates.iter().find(|d| {
        d.precision == "day"
            && d.tokens.1 <= s.last
            && d.tokens.0 >= s.first
            && d.tokens.0 <= s.first + 3
            && (s.first..d.tokens.0).all(|k| {
                matches!(
                    cx.w(k),
                    "On" | "on" | "Around" | "around" | "Overnight" | ":"
                ) || cx.w(k + 1) == ":"
            })
    });
    let date = cx
        .dates
        .iter()
        .filter(|d| d.tokens.0 >= s.first && d.tokens.1 <= s.last)
        .filter(|d| !refines_another(d))
        .filter(|d| !dates_a_statement(cx, d))
        .filter(|d| opening.is_none_or(|o| d.precision == "day" || o.tokens == d.tokens))
        .filter(|d| {
            let mine = dist(d.tokens, trig);
            !cx.trigger_tokens
                .iter()
                .any(|&t| t != trig && t.0 >= s.first && t.1 <= s.last && dist(d.tokens, t) < mine)
        })
        .min_by_key(|d| dist(d.tokens, trig))
        .map(|d| (d.clone(), "text"));

    // ---- attribution ----
    let attribution = attribute(cx, trig, si, source, target);

    let sentence_span = (doc.sentences[si].start, doc.sentences[si].end);
    let last = doc.tok(s.last - 1);
    let line_end = s.last >= doc.tokens.len()
        || doc.text[doc.tokens[s.last - 1].end..doc.tokens[s.last].start].contains('\n');
    // (A text's last line that lost its full stop is no headline: one heads what follows.)
    let headline = line_end
        && !matches!(last, "." | "!" | "?" | "\"" | "\u{201d}" | ":")
        && s.last - s.first <= 15
        && (si == 0 || s.last < doc.tokens.len());
    Draft {
        headline,
        claims: vec![attribution.clone()],
        def,
        trigger: trig,
        sentence: si,
        status,
        source: source.cloned(),
        target: target.cloned(),
        place_from_text: place.is_some() || unresolved.is_some(),
        place,
        date,
        killed: None,
        injured: None,
        captured: None,
        arrested: None,
        quantities: Vec::new(),
        attribution,
        evidence: vec![sentence_span],
        reports: 1,
        inferred_place: None,
        within_protest: false,
        intervened: false,
        amid_demonstration: false,
        armed_object: acts_on_military_object(cx, trig, s.last),
        gunfight: (trig.0..trig.1).any(|k| GUNFIGHT_WORDS.contains(&cx.w(k))),
        small_arms: (s.first..s.last.saturating_sub(1)).any(|k| {
            matches!(
                (cx.w(k), cx.w(k + 1)),
                ("small" | "light", "arms") | ("small-arms", _) | ("firearms", _)
            )
        }),
        communal: communal_sides(cx, si),
        arson: matches!(cx.w(trig.0), "burned" | "burnt" | "set" | "torched")
            && !(trig.0..trig.1).any(|k| matches!(cx.w(k), "death" | "alive")),
        embedded: named_as_charge(cx, trig, s.first),
        subordinate: in_modifier(cx, trig),
        unresolved,
        acled_crowd: None,
    }
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

/// Weapons and craft that name how an attack was made when they are its subject.
const AERIAL_WEAPONS: &[&str] = &[
    "drone",
    "drones",
    "warplane",
    "warplanes",
    "jets",
    "jet",
    "aircraft",
    "helicopter",
    "helicopters",
    "gunship",
    "gunships",
    "airforce",
];
const ARTILLERY_WEAPONS: &[&str] = &[
    "missile",
    "missiles",
    "rockets",
    "artillery",
    "tanks",
    "tank",
];

/// Re-types a firearms assault whose actor is a weapon or craft ("a Turkish drone
/// attacked": an air strike; "Russian tanks attacked": shelling).
fn weapon_mode(def: &mut TriggerDef, head: &str) {
    let (mode, sub) = if AERIAL_WEAPONS.contains(&head) {
        ("aerial", "Air/drone strike")
    } else if ARTILLERY_WEAPONS.contains(&head) {
        ("artillery", "Shelling/artillery/missile attack")
    } else {
        return;
    };
    def.plover_mode = mode.into();
    def.acled_event_type = "Explosions/Remote violence".into();
    def.acled_sub_event_type = sub.into();
}

/// Words that tell communities armed on identity lines, or organised crime.
const COMMUNAL_WORDS: &[&str] = &[
    "ethnic",
    "clan",
    "clans",
    "sub-clan",
    "sub-clans",
    "subclan",
    "subclans",
    "tribal",
    "tribes",
    "intercommunal",
    "inter-communal",
    "herders",
    "pastoralists",
    "grazing",
    "traffickers",
    "trafficking",
];

/// Whether the sentence `si` or the next of its paragraph tells communal sides.
fn communal_sides(cx: &Context, si: usize) -> bool {
    let told = |x: usize| {
        let s = &cx.doc.sentences[x];
        (s.first..s.last).any(|k| COMMUNAL_WORDS.contains(&cx.w(k)))
    };
    told(si) || (si + 1 < cx.doc.sentences.len() && same_paragraph(cx, si, si + 1) && told(si + 1))
}

/// Words of an exchange of fire between armed sides.
const GUNFIGHT_WORDS: &[&str] = &[
    "gunfight",
    "gunfights",
    "shootout",
    "shootouts",
    "shoot-out",
    "firefight",
    "firefights",
    "gunbattle",
    "encounter",
];

/// Things only armed forces hold: attacking one is fighting them.
const MILITARY_OBJECTS: &[&str] = &[
    "checkpoint",
    "checkpoints",
    "base",
    "bases",
    "outpost",
    "outposts",
    "post",
    "posts",
    "convoy",
    "convoys",
    "patrol",
    "patrols",
    "positions",
    "position",
    "barracks",
    "garrison",
    "tank",
    "tanks",
    "station",
];

/// People who bear arms for a side: killing one is fighting that side, even when no
/// actor is named ("shot dead a policeman", "killed a volunteer fighter").
const ARMED_PEOPLE: &[&str] = &[
    "officer",
    "officers",
    "police",
    "bodyguards",
    "detachment",
    "soldier",
    "soldiers",
    "policeman",
    "policemen",
    "troops",
    "militiamen",
    "militiaman",
    "fighter",
    "fighters",
    "militants",
    "militant",
    "gendarme",
    "gendarmes",
    "jihadists",
    "jihadist",
    "insurgents",
    "insurgent",
    "rebels",
    "rebel",
    "combatants",
    "combatant",
    "serviceman",
    "servicemen",
    "conscripts",
    "paramilitaries",
    "guerrillas",
    "guerrilla",
];

/// Whether the words right after the trigger name a military object or armed people
/// ("ambushed an army patrol", "attacked a police checkpoint", "opened fire against a
/// military supply convoy", "shot dead a policeman", "killed a QSD member").
fn acts_on_military_object(cx: &Context, trig: (usize, usize), last: usize) -> bool {
    let mut from = trig.1;
    // ("shoots and injures a police officer": past a joined verb.)
    if from + 2 < last
        && cx.w(from) == "and"
        && (cx.tree.upos(from + 1) == "VERB" || casualty_kind(cx.w(from + 1)).is_some())
    {
        from += 2;
    }
    while from < last && matches!(cx.w(from), "against" | "on" | "at" | "upon") {
        from += 1;
    }
    let mut window = (from..(from + 7).min(last)).take_while(|&k| {
        !matches!(
            cx.w(k),
            "," | "." | ";" | "and" | "in" | "near" | "on" | "by" | "while" | "who" | "as"
        )
    });
    // "a police officer was shot": armed people suffered it.
    let s = cx.doc.sentences[cx.sent_of[trig.0]];
    let passive_armed = (trig.0..trig.1)
        .flat_map(|t| cx.tree.children(t, s.first, s.last))
        .any(|c| cx.tree.rel(c) == "nsubj:pass" && ARMED_PEOPLE.contains(&cx.w(c)));
    // ("a retired police officer", "an off-duty soldier": out of service, a civilian.)
    let out_of_service = |k: usize| crate::actors::out_of_service(cx.doc, s.first, k);
    let passive_armed = passive_armed
        && !(trig.0..trig.1)
            .flat_map(|t| cx.tree.children(t, s.first, s.last))
            .any(|c| cx.tree.rel(c) == "nsubj:pass" && out_of_service(c));
    passive_armed
        || window.any(|k| {
            // A station is a force's when named so ("police station", not "a gas
            // station worker"); a post is no post office.
            let object = MILITARY_OBJECTS.contains(&cx.w(k))
                && (cx.w(k) != "station"
                    || (k > 0
                        && matches!(
                            cx.w(k - 1),
                            "police"
                                | "military"
                                | "army"
                                | "border"
                                | "security"
                                | "gendarmerie"
                                | "ranger"
                                | "rangers"
                                | "naval"
                        )))
                && !(cx.w(k) == "post" && k + 1 < last && cx.w(k + 1) == "office");
            object
                || (ARMED_PEOPLE.contains(&cx.w(k)) && !out_of_service(k))
                || (cx.w(k) == "member"
                    && cx.actors.iter().any(|m| {
                        m.tokens.1 <= k
                            && m.tokens.0 >= from
                            && matches!(m.kind.as_str(), "rebel group" | "militia" | "state force")
                    }))
        })
}

/// The place an event's sentence gives it.
enum Chosen {
    /// A resolved place (index into the article's places) and the mention used.
    Known(usize, Span),
    /// A name the gazetteer lacks, and the known place that locates it, if the text
    /// gives one ("Bab Ghaliq (Qaatabah, Ad Dali)": index into the article's places and
    /// the mention used).
    Unknown(Span, Option<(usize, Span)>),
}

/// Words between a name and the place that locates it ("Khan Younis, in southern Gaza").
const LOCATOR_WORDS: &[&str] = &[
    ",", "in", "near", "of", "northern", "southern", "eastern", "western", "central",
];

/// The known place that locates a name the gazetteer lacks, told right after it: "Bab
/// Ghaliq (Qaatabah, Ad Dali)", "Bhardaha of Saptari District", "Tapri in Kinnaur". The
/// words between may be connectors, kinds of place and other names the gazetteer lacks.
fn locator_of(cx: &Context, last: usize, t: (usize, usize)) -> Option<(usize, usize)> {
    let mut k = t.1;
    while k < last && k < t.1 + 10 {
        // (place index, mention index)
        let found = cx.places.places.iter().enumerate().find_map(|(pi, p)| {
            let i = p.mention_tokens.iter().position(|m| m.0 == k)?;
            Some((pi, i))
        });
        if found.is_some() {
            return found;
        }
        let w = cx.w(k);
        let connector = LOCATOR_WORDS.contains(&w)
            || matches!(w, "(" | "[" | "the")
            || PLACE_NOUNS.contains(&w);
        // (An unknown name in between: "Qaatabah" of "(Qaatabah, Ad Dali)".)
        let name = w.chars().next().is_some_and(char::is_uppercase) && cx.tree.upos(k) == "PROPN";
        if !(connector || name) {
            return None;
        }
        k += 1;
    }
    None
}

/// Whether the tree hangs the phrase at token `k` on the trigger as a place ("killed
/// in X", "the attack on X's market"): an oblique or modifier of the trigger word.
fn locative_of_trigger(cx: &Context, trig: (usize, usize), k: usize) -> bool {
    let t = cx.tree;
    let mut x = k;
    for _ in 0..3 {
        let Some(h) = t.head(x) else { return false };
        if !matches!(
            t.rel(x),
            "obl" | "nmod" | "obl:unmarked" | "advmod" | "compound" | "flat"
        ) {
            return false;
        }
        if h >= trig.0 && h < trig.1 {
            return true;
        }
        x = h;
    }
    false
}

/// Whether a word of the name in tokens `t` stands to the trigger in one of `rels`
/// ("obj": "stormed Deir Khabiyeh"; "nsubj:pass": "Marino was shot").
fn trigger_argument(cx: &Context, trig: (usize, usize), t: (usize, usize), rels: &[&str]) -> bool {
    (t.0..t.1).any(|k| {
        rels.contains(&cx.tree.rel(k)) && cx.tree.head(k).is_some_and(|h| h >= trig.0 && h < trig.1)
    })
}

/// A place word: a kind of place or a site ("village", "square").
pub(crate) fn is_place_word(w: &str) -> bool {
    PLACE_NOUNS.contains(&w) || SITE_NOUNS.contains(&w)
}

/// Whether the name ending before token `b` is the first half of a compound with a
/// lower-case word ("Serb-held", "U.S.-led", "Turkey-backed"), inside tokens `..end`:
/// a modifier, not a place.
pub(crate) fn before_hyphened_word(doc: &annals_text::Doc, b: usize, end: usize) -> bool {
    b + 1 < end && doc.tok(b) == "-" && doc.tok(b + 1).starts_with(char::is_lowercase)
}

/// Nouns that name a kind of place before "of" and its name ("the city of Hebron").
pub(crate) const PLACE_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "province",
    "district",
    "region",
    "governorate",
    "state",
    "county",
    "area",
    "neighbourhood",
    "neighborhood",
    "suburb",
    "camp",
    "capital",
    "port",
    "island",
    "valley",
    "municipality",
    "prefecture",
    "outskirts",
    "township",
    "hamlet",
    "settlement",
    "locality",
    "quarter",
    "commune",
    "cities",
    "towns",
    "villages",
    "settlements",
    "districts",
    "provinces",
    "areas",
    "neighbourhoods",
    "neighborhoods",
    "camps",
    "stronghold",
    "enclave",
];

/// Verbs of taking, holding or striking ground: what they act on is mostly a place.
pub(crate) const GROUND_VERBS: &[&str] = &[
    "entered",
    "stormed",
    "storm",
    "captured",
    "capture",
    "recaptured",
    "seized",
    "liberated",
    "besieged",
    "shelled",
    "bombed",
    "patrolled",
    "patrolling",
    "overran",
    "raided",
    "targeting",
];

/// Words that end the name of a site ("Taksim Square", "Peace Memorial Park", "Jan
/// Smuts airport", "Darulaman Palace"): a name the gazetteer lacks that ends in one, or
/// is followed by one, is a place an event may happen at.
pub(crate) const SITE_NOUNS: &[&str] = &[
    "square",
    "park",
    "airport",
    "palace",
    "roundabout",
    "auditorium",
    "stadium",
    "bridge",
    "crossing",
    "checkpoint",
    "market",
    "bazaar",
    "heights",
    "fields",
    "field",
    "pass",
    "base",
    "airbase",
    "junction",
    // features of the land ("the Jazal Mountains", "the Al-Malaah Farms")
    "mountain",
    "mountains",
    "hill",
    "hills",
    "peak",
    "ridge",
    "plain",
    "plains",
    "farm",
    "farms",
    "springs",
    "desert",
    "beach",
    "forest",
    "dam",
    "lake",
    "canal",
];

fn choose_place(
    cx: &Context,
    trig: (usize, usize),
    si: usize,
    source: Option<&ActorMention>,
    target: Option<&ActorMention>,
) -> Option<Chosen> {
    let s = cx.doc.sentences[si];
    let used_as_actor = |t: (usize, usize)| {
        [source, target]
            .iter()
            .flatten()
            .any(|m| m.tokens.0 <= t.0 && t.1 <= m.tokens.1)
    };
    let score_of = |t: (usize, usize), country: bool| -> i64 {
        // The preposition before the name, past a "the" ("at the Al-Fijah Springs"), or
        // before the phrase that names its kind ("in the West Bank city of Nablus": the
        // city takes the "in").
        // Also past a determiner ("in this Albany suburb") or a compound of who holds
        // the place ("In Serb-held Vogosca", "in rebel-controlled Douma").
        let mut p = t.0;
        if p >= s.first + 3 && cx.w(p - 2) == "-" && cx.tree.xpos(p - 1) == "VBN" {
            p -= 3;
        }
        while p > s.first
            && t.0 - p < 4
            && matches!(cx.w(p - 1), "the" | "this" | "that" | "a" | "an")
        {
            p -= 1;
        }
        if p >= s.first + 2 && cx.w(p - 1) == "of" && PLACE_NOUNS.contains(&cx.w(p - 2)) {
            let mut q = p - 2;
            while q > s.first && q + 6 > p && !LOCATIVE.contains(&cx.w(q - 1)) {
                q -= 1;
            }
            if q > s.first && LOCATIVE.contains(&cx.w(q - 1)) {
                p = q;
            }
        }
        let prep = if p > 0 { cx.w(p - 1) } else { "" };
        let mut score: i64 = 0;
        if LOCATIVE.contains(&prep) && prep != "from" {
            score += 4;
        }
        if prep == "from" {
            score += 1;
        }
        if t.0 >= trig.1 {
            score += 2;
        }
        if !country {
            score += 3;
        }
        // "stormed Tall Kurdi", "entered Kafr Naya", "targeting the Al-Assad Suburb": a
        // place the deed acts on is where it happens.
        if locative_of_trigger(cx, trig, t.1 - 1) || trigger_argument(cx, trig, t, &["obj"]) {
            score += 3;
        }
        // "the U.S. Embassy in Kenya", "the U.S.-led invasion of Iraq": a name that only
        // modifies another noun says whose, not where (unless that noun is a kind of
        // place: "Potiskum town", "the Aleppo countryside").
        let modifier = {
            let last = t.1 - 1;
            let head_noun = cx.tree.head(last).filter(|&h| {
                (h < t.0 || h >= t.1)
                    && matches!(cx.tree.rel(last), "compound" | "amod")
                    && matches!(cx.tree.upos(h), "NOUN" | "PROPN")
                    && !is_place_word(cx.w(h))
                    && !matches!(cx.w(h), "countryside" | "border" | "coast")
            });
            head_noun.is_some() || before_hyphened_word(cx.doc, t.1, s.last)
        };
        if modifier {
            score -= 3;
        }
        // "Marino was shot": the trigger's subject is who acts or suffers, not where.
        if trigger_argument(cx, trig, t, &["nsubj", "nsubj:pass"]) {
            score -= 4;
        }

        let dist = if t.0 >= trig.1 {
            t.0 - trig.1
        } else {
            trig.0.saturating_sub(t.1)
        };
        score -= (dist / 6) as i64;
        // "in Yala's Betong district": the possessor contains the place named after it.
        if t.1 < s.last && matches!(cx.w(t.1), "'s" | "\u{2019}s") {
            score -= 4;
        }
        score
    };
    let mut best: Option<(i64, Chosen)> = None;
    // The places named in this sentence (not as actors), to prefer the most precise of
    // nested ones: "Tulkarm" over "the West Bank" it lies in.
    let named: Vec<&annals_geo::Entry> = cx
        .places
        .places
        .iter()
        .filter(|p| {
            p.mention_tokens
                .iter()
                .any(|&t| t.0 >= s.first && t.1 <= s.last && !used_as_actor(t))
        })
        .map(|p| &cx.g.entries[p.entry as usize])
        .collect();
    let contains_another = |e: &annals_geo::Entry| -> bool {
        named.iter().any(|o| !std::ptr::eq(*o, e) && e.holds(o))
    };
    for (pi, p) in cx.places.places.iter().enumerate() {
        let e = &cx.g.entries[p.entry as usize];
        let container_penalty = if contains_another(e) { 3 } else { 0 };
        for (k, &t) in p.mention_tokens.iter().enumerate() {
            if t.0 < s.first || t.1 > s.last || used_as_actor(t) {
                continue;
            }
            let score = score_of(t, e.kind == Kind::Country) - container_penalty;
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, Chosen::Known(pi, p.mentions[k])));
            }
        }
    }
    // A name the gazetteer lacks wins only where it is plainly the event's place.
    for &t in cx.unresolved {
        if t.0 < s.first || t.1 > s.last || used_as_actor(t) {
            continue;
        }
        let mut score = score_of(t, false) - 2;
        // "in Baghdad's western Amriya district": the "in" before the possessor is this
        // name's, and the possessor contains it.
        let mut p = t.0;
        while p > s.first
            && t.0 - p < 5
            && (matches!(
                cx.w(p - 1),
                "northern" | "southern" | "eastern" | "western" | "central" | "'s" | "\u{2019}s"
            ) || cx
                .places
                .places
                .iter()
                .any(|pl| pl.mention_tokens.iter().any(|m| m.0 < p && p - 1 < m.1)))
        {
            p -= 1;
        }
        if p < t.0
            && (p..t.0).any(|k| matches!(cx.w(k), "'s" | "\u{2019}s"))
            && p > s.first
            && LOCATIVE.contains(&cx.w(p - 1))
        {
            score += 7;
        }
        // "in Pehapan, a village near the town of Guiglo": named as a place after it.
        if t.1 + 2 < s.last
            && cx.w(t.1) == ","
            && matches!(cx.w(t.1 + 1), "a" | "an" | "the")
            && PLACE_NOUNS.contains(&cx.w(t.1 + 2))
        {
            score += 5;
        }
        // "the Amriya district", "the town of Glamoc": named as a place.
        let kind_before =
            t.0 >= s.first + 2 && cx.w(t.0 - 1) == "of" && PLACE_NOUNS.contains(&cx.w(t.0 - 2));
        if (t.1 < s.last && PLACE_NOUNS.contains(&cx.w(t.1))) || kind_before {
            score += 2;
        }
        // "the Harare township of Highfield": a part of the known place before it.
        if kind_before
            && t.0 >= s.first + 3
            && cx
                .places
                .places
                .iter()
                .any(|p| p.mention_tokens.iter().any(|m| m.1 == t.0 - 2))
        {
            score += 3;
        }
        // "the Al-Fijah Springs in Rif Dimashq", "Khan Younis, in southern Gaza": a name
        // located by the place right after it is the more precise of the two.
        let located = locator_of(cx, s.last, t);
        // Told right after it ("Khan Younis, in southern Gaza"), it outranks its locator,
        // whatever that scores as the event's place.
        if let Some((pi, i)) = located {
            let p = &cx.places.places[pi];
            let m = p.mention_tokens[i];
            let close =
                m.0 > t.1 && m.0 <= t.1 + 3 && (t.1..m.0).all(|k| LOCATOR_WORDS.contains(&cx.w(k)));
            if close {
                let country = cx.g.entries[p.entry as usize].kind == Kind::Country;
                score = (score + 5).max(score_of(m, country) + 1);
            }
        }
        if best.as_ref().is_none_or(|b| score > b.0) {
            let span = (cx.doc.tokens[t.0].start, cx.doc.tokens[t.1 - 1].end);
            let by = located.map(|(pi, i)| (pi, cx.places.places[pi].mentions[i]));
            best = Some((score, Chosen::Unknown(span, by)));
        }
    }
    best.map(|b| b.1)
}

fn attribute(
    cx: &Context,
    trig: (usize, usize),
    si: usize,
    source: Option<&ActorMention>,
    target: Option<&ActorMention>,
) -> Attribution {
    let s = cx.doc.sentences[si];
    // ("suspected militants" doubts who they are, not that the event happened.)
    // A hedge counts where it bears on this event: right before its words, at the head
    // of the sentence, or on the same verb (not "prisoners who had allegedly rioted").
    let head = trigger_head(cx, trig);
    let hedged_sentence = (s.first..s.last).any(|j| {
        HEDGES.contains(&cx.w(j))
            && !(cx.w(j) == "suspected"
                && j + 1 < s.last
                && matches!(cx.tree.upos(j + 1), "NOUN" | "PROPN" | "ADJ"))
            && ((j + 4 >= trig.0 && j < trig.1) || j < s.first + 2 || cx.tree.head(j) == Some(head))
    });
    let st = cx
        .statements
        .iter()
        .filter(|st| trig.0 >= st.scope.0 && trig.1 <= st.scope.1)
        .min_by_key(|st| (!st.quote, st.scope.1 - st.scope.0));
    let Some(st) = st else {
        return Attribution {
            by: None,
            by_id: None,
            verb: None,
            certainty: if hedged_sentence {
                "hedged"
            } else {
                "asserted"
            }
            .into(),
            span: None,
        };
    };
    let verb = st.verb.to_lowercase();
    let party = |id: &str| {
        [source, target].iter().flatten().any(|m| m.id == id)
            || cx.lx.actors.iter().any(|a| {
                a.id == id
                    && a.affiliation
                        .as_deref()
                        .is_some_and(|af| [source, target].iter().flatten().any(|m| m.id == af))
            })
    };
    // "We destroyed two tanks," a commander said: a speaker telling what his own side
    // did makes a claim.
    let own_side = (st.scope.0.max(s.first)..trig.0).any(|k| matches!(cx.w(k), "we" | "i"));
    let certainty = match &st.speaker {
        _ if DENY_VERBS.contains(&verb.as_str()) => "denied",
        _ if hedged_sentence => "hedged",
        _ if CLAIM_VERBS.contains(&verb.as_str()) || own_side => "claimed",
        Some(sp) if party(&sp.id) || matches!(sp.kind.as_str(), "rebel group" | "militia") => {
            "claimed"
        }
        Some(sp)
            if sp.kind == "person"
                && cx
                    .lx
                    .actors
                    .iter()
                    .any(|a| a.id == sp.id && a.affiliation.is_some()) =>
        {
            "claimed"
        }
        _ => "asserted",
    };
    Attribution {
        by: st.speaker.as_ref().map(|s| s.name.clone()),
        by_id: st
            .speaker
            .as_ref()
            .map(|s| s.id.clone())
            .filter(|s| !s.is_empty()),
        verb: (!st.verb.is_empty()).then(|| st.verb.clone()),
        certainty: certainty.into(),
        span: st.speaker.as_ref().map(|s| [s.span.0, s.span.1]),
    }
}

/// Who says so where no reporting verb does. A rejection, an accusation, a demand, a
/// threat or praise is a statement by its source, who is then its claimant ("The NRF
/// has rejected the takeover"). And a party's act told right after the party's own
/// claim, with no reporting of its own, continues that claim ("The resistance claimed
/// to have killed 350 ... The NRF also seized 15 Humvees").
pub fn implied_claimants(cx: &Context, drafts: &mut [Draft]) {
    let claims: Vec<(usize, Attribution)> = drafts
        .iter()
        .filter(|d| d.attribution.certainty == "claimed" && d.attribution.by_id.is_some())
        .map(|d| (d.sentence, d.attribution.clone()))
        .collect();
    for d in drafts.iter_mut().filter(|d| d.attribution.by.is_none()) {
        let Some(src) = d.source.as_ref() else {
            continue;
        };
        let spoken = matches!(
            d.def.plover_type.as_str(),
            "REJECT" | "ACCUSE" | "REQUEST" | "THREATEN" | "SUPPORT"
        );
        let carried = claims.iter().find(|(si, a)| {
            *si + 1 == d.sentence
                && a.by_id.as_deref() == Some(src.id.as_str())
                && same_paragraph(cx, *si, d.sentence)
        });
        let a = if let Some((_, a)) = carried {
            a.clone()
        } else if spoken {
            let t = trigger_text(cx, d);
            Attribution {
                by: Some(src.name.clone()),
                by_id: Some(src.id.clone()),
                verb: Some(t.text),
                certainty: d.attribution.certainty.clone(),
                span: Some([src.span.0, src.span.1]),
            }
        } else {
            continue;
        };
        d.attribution = a.clone();
        d.claims = vec![a];
    }
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

/// Whether a crime word names a charge ("charged with murder", "arrested for aggravated
/// assault", "murder charges"): the deed is told elsewhere, if at all.
fn named_as_charge(cx: &Context, trig: (usize, usize), first: usize) -> bool {
    const CRIMES: &[&str] = &["assault", "murder", "homicide", "manslaughter", "battery"];
    if !CRIMES.contains(&cx.w(trig.1 - 1)) {
        return false;
    }
    let before = |k: usize| {
        if trig.0 >= first + k {
            cx.w(trig.0 - k)
        } else {
            ""
        }
    };
    // ("first-degree murder": the tokenizer splits at the hyphen)
    let degree = matches!(
        before(1),
        "aggravated" | "attempted" | "felonious" | "felony" | "degree" | "capital"
    );
    let charged = matches!(before(1), "with" | "of" | "for" | "on")
        && matches!(
            before(2),
            "charged"
                | "charges"
                | "charge"
                | "counts"
                | "count"
                | "accused"
                | "convicted"
                | "guilty"
                | "suspicion"
                | "investigation"
                | "indicted"
                | "booked"
                | "arrested"
                | "jailed"
                | "sentenced"
                | "acquitted"
        );
    let after = cx.w(trig.1.min(cx.doc.sentences[cx.sent_of[trig.0]].last - 1));
    degree
        || charged
        || matches!(
            after,
            "charge" | "charges" | "count" | "counts" | "conviction" | "trial"
        )
}

/// Whether the trigger hangs below the sentence's root through a modifier: a relative
/// or adverbial clause, or a noun's or verb's modifying phrase.
fn in_modifier(cx: &Context, trig: (usize, usize)) -> bool {
    let mut k = trigger_head(cx, trig);
    for _ in 0..12 {
        if matches!(
            cx.tree.rel(k),
            "acl:relcl" | "acl" | "advcl" | "nmod" | "obl"
        ) {
            return true;
        }
        match cx.tree.head(k) {
            Some(h) => k = h,
            None => return false,
        }
    }
    false
}

/// Whether the word `h` hangs below `over` only through complements and "of", "for",
/// "over", "against", "about" phrases: what `over` names ("demanded the withdrawal",
/// "accused them of violating"), not its subject, a conjoined verb ("attacked and
/// vandalised") or its circumstances ("detained during a demonstration").
fn told_inside(cx: &Context, h: usize, over: usize) -> bool {
    let s = cx.doc.sentences[cx.sent_of[h]];
    let mut k = h;
    for _ in 0..6 {
        let Some(up) = cx.tree.head(k) else {
            return false;
        };
        let ok = match cx.tree.rel(k) {
            "obj" | "xcomp" | "ccomp" | "acl" => true,
            "obl" | "nmod" | "advcl" => matches!(
                case_of(cx, k, s.first, s.last).as_deref(),
                Some("of" | "for" | "over" | "against" | "about")
            ),
            _ => false,
        };
        if !ok {
            return false;
        }
        if up == over {
            return true;
        }
        k = up;
    }
    false
}

/// Verbs whose object is ended or kept from happening.
const ENDING: &[&str] = &[
    "end",
    "ending",
    "ended",
    "resolve",
    "resolving",
    "prevent",
    "preventing",
    "avoid",
    "avoiding",
    "stop",
    "stopping",
    "halt",
    "halting",
];

/// Mark events told inside another event's phrase of their sentence ([`Draft::embedded`]).
/// What a demand or a threat names directly ("demanded the withdrawal of", "called for
/// sanctions", "threatened an offensive") has not happened: it is wanted (`intended`) or
/// threatened (`future`).
pub fn embedded_events(cx: &Context, drafts: &mut [Draft]) {
    let heads: Vec<(usize, usize)> = drafts
        .iter()
        .map(|d| (d.sentence, trigger_head(cx, d.trigger)))
        .collect();
    let types: Vec<String> = drafts.iter().map(|d| d.def.plover_type.clone()).collect();
    for (i, d) in drafts.iter_mut().enumerate() {
        let (si, h) = heads[i];
        let over = heads
            .iter()
            .enumerate()
            .filter(|&(j, &(sj, hj))| j != i && sj == si && hj != h && told_inside(cx, h, hj))
            .map(|(j, &(_, hj))| (j, hj))
            .max_by_key(|&(_, hj)| hj); // any governor will do; the choice is stable
                                        // "conditions for ending the conflict", "efforts to prevent clashes": what is to be
                                        // ended or prevented is the matter of another deed.
        let ended = cx.tree.head(h).is_some_and(|g| ENDING.contains(&cx.w(g)));
        if ended {
            d.embedded = true;
        }
        let Some((j, hj)) = over else { continue };
        d.embedded = true;
        // Named directly, or through a verb it complements ("threatened to launch an
        // offensive").
        let direct = cx.tree.head(h) == Some(hj)
            || cx
                .tree
                .head(h)
                .is_some_and(|m| cx.tree.rel(m) == "xcomp" && cx.tree.head(m) == Some(hj));
        if d.status != "occurred" || !direct {
            continue;
        }
        // (The governor's own type: its head word alone may not be a trigger, as
        // "called" of "called for".)
        match types[j].as_str() {
            "REQUEST" => d.status = "intended",
            "THREATEN" => d.status = "future",
            _ => {}
        }
    }
}

/// Singular words for one person: a victim named so, without a figure, is one death.
const ONE_PERSON: &[&str] = &[
    "man",
    "woman",
    "boy",
    "girl",
    "teen",
    "teenager",
    "person",
    "child",
    "officer",
    "policeman",
    "policewoman",
    "soldier",
    "driver",
    "student",
    "resident",
    "victim",
    "father",
    "mother",
    "son",
    "daughter",
    "husband",
    "wife",
    "deputy",
    "trooper",
    "guard",
    "civilian",
    "worker",
    "journalist",
    "suspect",
    "gunman",
    "youth",
    "toddler",
    "baby",
    "male",
    "female",
    "burglar",
    "robber",
    "intruder",
    "teenager",
    "clerk",
    "neighbor",
    "neighbour",
    "homeowner",
    "motorist",
    "pedestrian",
    "shopkeeper",
    "owner",
    "passenger",
    "cashier",
    "employee",
    "relative",
    "friend",
    "girlfriend",
    "boyfriend",
    "brother",
    "sister",
    "cousin",
    "nephew",
    "uncle",
    "pastor",
    "priest",
    "teacher",
    "farmer",
    "trader",
];

/// Nouns that follow "a" without naming one person: "killed a number of", "a group of".
const NOT_ONE_PERSON: &[&str] = &[
    "number",
    "total",
    "lot",
    "dozen",
    "handful",
    "couple",
    "group",
    "family",
    "score",
    "series",
    "spate",
    "wave",
    "string",
    "crowd",
    "mob",
    "gang",
    "convoy",
    "patrol",
    "unit",
    "team",
    "band",
    "host",
    "few",
    "day",
    "week",
    "month",
    "year",
    "time",
    "dog",
    "cat",
    "horse",
    "cow",
    "goat",
    "animal",
    "bear",
    "deer",
    "pet",
    "puppy",
    "bull",
    "warrant",
    "search",
    "personnel",
    "police",
    "staff",
    "people",
    "cattle",
    "livestock",
    "militia",
    "army",
    "military",
    "crew",
    "rest",
    "majority",
    "other",
    "none",
    "everyone",
    "population",
    "community",
];

/// Whether the noun at `k`, as the victim of a killing or wounding verb, names one
/// person: a listed person word, or any common noun but a measure or a group ("killed a
/// mechanic", "wounded a JNIM fighter"), since such verbs take people as objects.
fn one_person(cx: &Context, k: usize) -> bool {
    let w = cx.w(k);
    ONE_PERSON.contains(&w)
        // "A 17-year-old was shot" (tokens "17 - year - old")
        || (w == "old" && k >= 2 && cx.w(k - 1) == "-" && matches!(cx.w(k - 2), "year" | "years"))
        || (cx.tree.upos(k) == "NOUN"
            && !NOT_ONE_PERSON.contains(&w)
            && !w.ends_with('s')
            && w.chars().all(|c| c.is_alphabetic() || c == '-'))
}

/// "A man was shot dead", "gunmen wounded a policeman": where an event's own words say
/// someone died (or was hurt) and no figure was given, a victim named as "a man" (the
/// subject of the passive, or the object) is one death (one injured).
pub fn attach_single_victims(cx: &Context, drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        let violent = d.def.plover_type == "ASSAULT" || d.def.plover_mode == "riot";
        if !violent || d.status != "occurred" {
            continue;
        }
        let says =
            |kind: &str| (d.trigger.0..d.trigger.1).any(|k| casualty_at(cx, k) == Some(kind));
        // "shot her to death", "was found shot dead"
        let to_death = (d.trigger.1..(d.trigger.1 + 4).min(cx.doc.sentences[d.sentence].last))
            .any(|k| matches!(cx.w(k), "death" | "dead"));
        let kind = if says("killed") || to_death {
            "killed"
        } else if says("injured") {
            "injured"
        } else {
            continue;
        };
        if d.toll(kind).is_some() {
            continue;
        }
        let s = cx.doc.sentences[d.sentence];
        let victim = (d.trigger.0..d.trigger.1)
            .flat_map(|k| cx.tree.children(k, s.first, s.last))
            .filter(|&c| matches!(cx.tree.rel(c), "nsubj:pass" | "obj"))
            .find_map(|c| {
                // "shot her", "he was shot", "Durrell Law was shot": a pronoun or a
                // person's name.
                if matches!(cx.w(c), "him" | "her" | "himself" | "herself")
                    || (matches!(cx.w(c), "he" | "she") && cx.tree.rel(c) == "nsubj:pass")
                    || (cx.doc.tok(c).chars().next().is_some_and(char::is_uppercase)
                        && cx.tree.upos(c) == "PROPN"
                        && !cx.actors.iter().any(|m| m.tokens.0 <= c && c < m.tokens.1)
                        && !cx
                            .places
                            .places
                            .iter()
                            .any(|p| p.mention_tokens.iter().any(|t| t.0 <= c && c < t.1)))
                {
                    return Some((c, c));
                }
                // "killing another"
                if cx.w(c) == "another" && cx.w(c.saturating_sub(1)) != "one" {
                    return Some((c, c));
                }
                if !one_person(cx, c) {
                    return None;
                }
                // "a mechanic", "the president of the committee", "his wife", and in
                // headlines none ("kills member of Al Shabaab"); not "these", "both", a
                // figure or a group.
                let mut kids = cx.tree.children(c, s.first, s.last);
                if kids.any(|x| {
                    cx.tree.rel(x) == "nummod"
                        || matches!(
                            cx.w(x),
                            "these"
                                | "those"
                                | "both"
                                | "all"
                                | "some"
                                | "several"
                                | "many"
                                | "no"
                                | "any"
                                | "each"
                                | "every"
                        )
                }) {
                    return None;
                }
                let det = cx
                    .tree
                    .children(c, s.first, s.last)
                    .filter(|&x| {
                        matches!(cx.tree.rel(x), "det" | "nmod:poss" | "amod" | "compound")
                    })
                    .min()
                    .unwrap_or(c);
                Some((det.min(c), c))
            })
            .or_else(|| {
                // By word order where the parse went astray: "a man was shot and killed",
                // "Amy Hopkins, 44, was shot", "Arsenio Brinson was found fatally shot".
                let mut t = d.trigger.0;
                if t > s.first + 2 && matches!(cx.w(t - 1), "found" | "discovered") {
                    t -= 1;
                }
                if t < s.first + 2 || !matches!(cx.w(t - 1), "was" | "is" | "been") {
                    return None;
                }
                let mut n = t - 2;
                if n >= s.first + 3
                    && cx.w(n) == ","
                    && cx.w(n - 1).chars().all(|c| c.is_ascii_digit())
                    && cx.w(n - 2) == ","
                {
                    n -= 3;
                }
                // "the death of a man who was found shot to death": who "who" is.
                if n > s.first && matches!(cx.w(n), "who" | "that") {
                    n -= 1;
                }
                let name = cx.tree.upos(n) == "PROPN"
                    && cx.doc.tok(n).chars().next().is_some_and(char::is_uppercase)
                    && !cx.actors.iter().any(|m| m.tokens.0 <= n && n < m.tokens.1);
                if name {
                    return Some((n, n));
                }
                let noun = Some(n).filter(|&n| one_person(cx, n))?;
                // Room for "a 25-year-old woman".
                let det = (noun.saturating_sub(7).max(s.first)..noun)
                    .rev()
                    .find(|&x| matches!(cx.w(x), "a" | "an" | "one"))?;
                Some((det, noun))
            })
            .or_else(|| {
                // And the object after the verb: "shot dead a police officer".
                let det = d.trigger.1;
                if det >= s.last || !matches!(cx.w(det), "a" | "an" | "one" | "1") {
                    return None;
                }
                let noun = (det + 1..(det + 8).min(s.last))
                    .take_while(|&k| {
                        !matches!(cx.w(k), "," | "." | "and" | "in" | "on" | "at" | "of")
                    })
                    .find(|&k| one_person(cx, k))?;
                Some((det, noun))
            });
        if let Some((from, to)) = victim {
            // "a soldier and his brother", "a boy, a pregnant woman, and a demonstrator":
            // each joined person is one more.
            let joined: Vec<usize> = cx
                .tree
                .children(to, s.first, s.last)
                .filter(|&c| {
                    cx.tree.rel(c) == "conj"
                        && one_person(cx, c)
                        // within the noun phrase: no verb or preposition between
                        && c > to
                        && !cx.trigger_tokens.iter().any(|t| to < t.0 && t.0 < c)
                        && (to + 1..c).all(|k| {
                            matches!(cx.tree.upos(k), "ADJ" | "NOUN" | "DET" | "PRON" | "CCONJ" | "PUNCT" | "NUM")
                                && cx.w(k) != "."
                        })
                        && !cx
                            .tree
                            .children(c, s.first, s.last)
                            .any(|x| cx.tree.rel(x) == "nummod")
                })
                .collect();
            let end = joined.iter().copied().max().unwrap_or(to).max(to);
            *d.toll_mut(kind) = Some(Count::exact(
                1 + joined.len() as i64,
                [cx.doc.tokens[from].start, cx.doc.tokens[end].end],
            ));
        }
    }
}

/// Figures that count no one: an age in apposition ("Amy Hopkins, 44, died"), a street
/// number ("the 9700 block", "1365 Martin Luther King Avenue"), a date's day or year.
fn not_a_count(cx: &Context, (a, b): (usize, usize), first: usize, last: usize) -> bool {
    let doc = cx.doc;
    let next = if b < last { doc.tok(b) } else { "" };
    let prev = if a > first { doc.tok(a - 1) } else { "" };
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let age = prev == ","
        && matches!(next, "," | ")" | "." | "and")
        && a >= first + 2
        && capital(doc.tok(a - 2))
        && b - a == 1;
    let digits = doc.tok(a).chars().all(|c| c.is_ascii_digit());
    // "a woman, age 35", "a man aged 40"
    let aged = matches!(prev, "age" | "aged" | "Age" | "Aged");
    if aged {
        return true;
    }
    let street = (b..(b + 5).min(last)).any(|k| {
        matches!(
            cx.w(k),
            "street"
                | "st"
                | "avenue"
                | "ave"
                | "road"
                | "rd"
                | "boulevard"
                | "blvd"
                | "drive"
                | "lane"
                | "way"
                | "highway"
                | "route"
                | "parkway"
                | "pike"
        )
    });
    let address = matches!(cx.w(b.min(last.saturating_sub(1))), "block" | "blocks")
        || (digits && doc.tok(a).len() >= 3 && capital(next) && b - a == 1 && street);
    // "On 29 January 2022": the day of a date.
    let date = cx.dates.iter().any(|d| d.tokens.0 < b && a < d.tokens.1);
    // "A 20 year-old man", "a 45 years old woman"
    let years_old = matches!(
        cx.w(b.min(last.saturating_sub(1))),
        "year-old" | "years-old"
    ) || (b + 1 < last
        && matches!(cx.w(b), "year" | "years")
        && matches!(cx.w(b + 1), "old" | "-old" | "-" | "of"))
        // "37-year-old", read as "37 - year - old"
        || (b + 1 < last && cx.w(b) == "-" && matches!(cx.w(b + 1), "year" | "years"));
    // "on Loop 410", "Interstate 95", "Route 9", "exit 12"
    let road = matches!(
        prev.to_lowercase().as_str(),
        "loop"
            | "interstate"
            | "route"
            | "highway"
            | "hwy"
            | "exit"
            | "i"
            | "sr"
            | "us"
            | "no"
            | "no."
            | "number"
            | "unit"
            | "apartment"
            | "apt"
            | "suite"
            | "room"
            | "flight"
    );
    // "for 30 minutes", "35 kilometres": a measure.
    let measure = b < last
        && matches!(
            cx.w(b),
            "minutes"
                | "minute"
                | "hours"
                | "hour"
                | "seconds"
                | "days"
                | "weeks"
                | "months"
                | "km"
                | "kilometres"
                | "kilometers"
                | "miles"
                | "metres"
                | "meters"
                | "percent"
                | "%"
                | "rounds"
                | "times"
                | "hectares"
                | "acres"
                | "tonnes"
                | "tons"
                | "kg"
        );
    // "a father of four": children, not victims.
    let kin = prev == "of"
        && a >= first + 2
        && matches!(
            cx.w(a - 2),
            "father" | "mother" | "parent" | "grandfather" | "grandmother" | "grandparent"
        );
    // "Colonia 5 de Mayo", "Camp 4 Road": a figure inside a name.
    let in_name = a > first
        && capital(prev)
        && (capital(next) || matches!(next, "de" | "del" | "of" | "du"))
        && b - a == 1;
    age || address || date || years_old || road || in_name || kin || measure
}

/// "One man was killed and another injured": "another" before a casualty word, with no
/// figure, is one more casualty of that kind for the sentence's violent event.
pub fn another_casualty(cx: &Context, drafts: &mut [Draft]) {
    for (si, s) in cx.doc.sentences.iter().enumerate() {
        for k in s.first..s.last.saturating_sub(1) {
            if cx.w(k) != "another" {
                continue;
            }
            let Some(kind) =
                casualty_kind(cx.w(k + 1)).filter(|&c| c == "killed" || c == "injured")
            else {
                continue;
            };
            let Some(d) = drafts.iter_mut().find(|d| {
                d.sentence == si
                    && d.def.plover_type == "ASSAULT"
                    && d.status == "occurred"
                    && d.toll(kind).is_none()
            }) else {
                continue;
            };
            *d.toll_mut(kind) = Some(Count::exact(
                1,
                [cx.doc.tokens[k].start, cx.doc.tokens[k + 1].end],
            ));
        }
    }
}

/// "Four people were shot, one man fatally": of those counted as shot, the figure said
/// to be fatal died, and the rest are the wounded (killed 1, injured 3).
pub fn fatal_among_shot(cx: &Context, drafts: &mut [Draft]) {
    for n in cx.numbers {
        let s = cx.doc.sentences[cx.sent_of[n.tokens.0]];
        let fatal = (n.tokens.1..(n.tokens.1 + 3).min(s.last)).find(|&k| cx.w(k) == "fatally");
        let Some(fatal) = fatal else { continue };
        if n.tokens.0 == s.first || cx.w(n.tokens.0 - 1) != "," {
            continue;
        }
        let Some(d) = drafts.iter_mut().find(|d| {
            d.sentence == cx.sent_of[n.tokens.0]
                && d.killed.is_none()
                && d.injured.as_ref().is_some_and(|c| {
                    c.span[1] <= cx.doc.tokens[n.tokens.0].start && c.value > n.value
                })
        }) else {
            continue;
        };
        if let Some(c) = d.injured.as_mut() {
            c.value -= n.value;
        }
        d.killed = Some(Count::exact(
            n.value,
            [cx.doc.tokens[n.tokens.0].start, cx.doc.tokens[fatal].end],
        ));
    }
}

/// "Police found a man suffering from a gunshot wound", "the woman was taken to hospital
/// with a gunshot wound to her leg": one person said to bear a wound, where the sentence
/// says no one died, is one injured of the nearest violent event (of that sentence or
/// the three before, else of the next two) that counted no casualties.
pub fn wound_victims(cx: &Context, drafts: &mut [Draft]) {
    for (si, s) in cx.doc.sentences.iter().enumerate() {
        // "... to the hospital", "was hospitalized": one taken for care was hurt.
        let to_hospital = |k: usize| {
            cx.w(k) == "hospitalized"
                || matches!(cx.w(k), "hospital" | "infirmary")
                    && (k.saturating_sub(8).max(s.first)..k).any(|j| {
                        matches!(
                            cx.w(j),
                            "taken"
                                | "sent"
                                | "rushed"
                                | "transported"
                                | "airlifted"
                                | "brought"
                                | "driven"
                                | "flown"
                                | "treated"
                                | "admitted"
                        )
                    })
        };
        let Some(k) = (s.first + 1..s.last).find(|&k| {
            matches!(cx.w(k), "wound" | "wounds" | "injuries" | "injury")
                && matches!(
                    cx.w(k - 1),
                    "gunshot" | "gun-shot" | "bullet" | "stab" | "gunshots"
                )
                || to_hospital(k)
        }) else {
            continue;
        };
        let died = (s.first..s.last).any(|j| {
            matches!(
                cx.w(j),
                "died"
                    | "dead"
                    | "death"
                    | "killed"
                    | "fatal"
                    | "fatally"
                    | "pronounced"
                    | "homicide"
                    | "deceased"
                    | "succumbed"
            )
        });
        let counted = cx.numbers.iter().any(|n| {
            n.tokens.0 >= s.first
                && n.tokens.1 <= s.last
                && n.value > 1
                && !not_a_count(cx, n.tokens, s.first, s.last)
        });
        let one = (s.first..k).any(|j| {
            let w = cx.w(j);
            matches!(w, "he" | "she" | "him" | "her" | "victim")
                || ONE_PERSON.contains(&w)
                || (cx.tree.upos(j) == "PROPN"
                    && cx.doc.tok(j).chars().next().is_some_and(char::is_uppercase)
                    && j > s.first)
        });
        if died || counted || !one {
            continue;
        }
        let fits = |d: &Draft| {
            d.def.plover_type == "ASSAULT"
                && d.status == "occurred"
                && d.killed.is_none()
                && d.injured.is_none()
        };
        let before = drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| fits(d) && d.sentence <= si && d.sentence + 3 >= si)
            .max_by_key(|(_, d)| d.trigger.0)
            .map(|(i, _)| i);
        let after = || {
            drafts
                .iter()
                .enumerate()
                .filter(|(_, d)| fits(d) && d.sentence > si && d.sentence <= si + 2)
                .min_by_key(|(_, d)| d.trigger.0)
                .map(|(i, _)| i)
        };
        let Some(i) = before.or_else(after) else {
            continue;
        };
        drafts[i].injured = Some(Count::exact(
            1,
            [cx.doc.tokens[k - 1].start, cx.doc.tokens[k].end],
        ));
    }
}

/// "He later died at the hospital", "the victim was pronounced dead": one person's death
/// told after the event, in a sentence of its own, is a death of the nearest violent
/// event of the three sentences before, which counted that person among the wounded if
/// it counted anyone.
pub fn later_deaths(cx: &Context, drafts: &mut [Draft]) {
    for (si, s) in cx.doc.sentences.iter().enumerate() {
        // "died", "was pronounced dead", "was declared deceased", "found a woman dead",
        // "discovered the victim, Grace Mathis, deceased from a gunshot wound"
        let found_before = |k: usize| {
            (k.saturating_sub(8).max(s.first)..k)
                .any(|j| matches!(cx.w(j), "found" | "discovered" | "located"))
        };
        let Some(k) = (s.first..s.last).find(|&k| {
            matches!(cx.w(k), "died" | "succumbed")
                || (matches!(cx.w(k), "dead" | "deceased")
                    && k > s.first
                    && (matches!(cx.w(k - 1), "pronounced" | "declared" | "was" | "were")
                        || found_before(k)))
        }) else {
            continue;
        };
        // The one who died: a pronoun, a person's name or "the victim" before the verb.
        let mut j = k;
        while j > s.first
            && matches!(
                cx.w(j - 1),
                "later" | "has" | "had" | "was" | "were" | "pronounced" | "declared" | "then"
                    | "subsequently"
            )
            // ("the victim, Grace Mathis, deceased from": past the name's comma, not past
            // a clause's: "Two people, who sustained burns in Savar, died".)
            || (j > s.first && cx.w(j - 1) == "," && cx.w(k) != "died")
        {
            j -= 1;
        }
        // "Both victims were later pronounced deceased", "both were pronounced dead"
        let both = if j >= s.first + 2 && cx.w(j - 2) == "both" && cx.w(j - 1).ends_with('s') {
            Some(j - 2)
        } else {
            (j > s.first && cx.w(j - 1) == "both").then(|| j - 1)
        };
        if let Some(at) = both {
            if let Some(d) = drafts
                .iter_mut()
                .filter(|d| {
                    d.def.plover_type == "ASSAULT"
                        && d.status == "occurred"
                        && d.sentence <= si
                        && d.sentence + 3 >= si
                })
                .max_by_key(|d| d.trigger.0)
                .filter(|d| d.killed.is_none())
            {
                if d.injured.as_ref().is_some_and(|c| c.value == 2) {
                    d.injured = None;
                }
                d.killed = Some(Count::exact(
                    2,
                    [cx.doc.tokens[at].start, cx.doc.tokens[j - 1].end],
                ));
            }
            continue;
        }
        let one = j > s.first && {
            let w = cx.w(j - 1);
            matches!(w, "he" | "she" | "him" | "her")
                || ONE_PERSON.contains(&w)
                || cx.tree.upos(j - 1) == "PROPN"
        };
        // Or the verb's subject past a clause about it ("A man, who was injured in an
        // attack on a bus, died at a hospital"; "Two people, who sustained burn
        // injuries, died"): one person, or a figure.
        let subject = (!one)
            .then(|| {
                cx.tree
                    .children(k, s.first, s.last)
                    .find(|&c| cx.tree.rel(c) == "nsubj")
                    // ("Robinson, who was shot at least once, died": joined to the
                    // wounding, the death befalls its victim.)
                    .or_else(|| {
                        let h = cx.tree.head(k).filter(|_| cx.tree.rel(k) == "conj")?;
                        cx.tree
                            .children(h, s.first, s.last)
                            .find(|&c| cx.tree.rel(c) == "nsubj:pass")
                    })
            })
            .flatten();
        let dead = if one {
            Some((1, k))
        } else {
            subject.and_then(|c| {
                let figure = cx
                    .tree
                    .children(c, s.first, s.last)
                    .find(|&x| cx.tree.rel(x) == "nummod")
                    .and_then(|x| {
                        cx.numbers
                            .iter()
                            .find(|n| n.tokens.0 <= x && x < n.tokens.1)
                    });
                // ("Robinson, who was shot at least once, died at the scene")
                let named = cx.tree.upos(c) == "PROPN"
                    && !cx.actors.iter().any(|m| m.tokens.0 <= c && c < m.tokens.1);
                match figure {
                    Some(n) => Some((n.value, n.tokens.0)),
                    None if one_person(cx, c) || named => Some((1, c)),
                    None => None,
                }
            })
        };
        let Some((dead, at)) = dead else {
            continue;
        };
        if dead <= 0
            || drafts
                .iter()
                .any(|d| d.sentence == si && d.killed.is_some())
        {
            continue;
        }
        let violent = |d: &Draft| d.def.plover_type == "ASSAULT" && d.status == "occurred";
        // The violence told before, else (a lede that opens with the death: "A retired
        // dentist died Monday of an accidental gunshot ... the gun fired") just after.
        let host = drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| violent(d) && d.sentence <= si && d.sentence + 3 >= si)
            .max_by_key(|(_, d)| d.trigger.0)
            .or_else(|| {
                drafts
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| violent(d) && d.sentence > si && d.sentence <= si + 2)
                    .min_by_key(|(_, d)| d.trigger.0)
            })
            .map(|(i, _)| i);
        let Some(d) = host.map(|i| &mut drafts[i]) else {
            continue;
        };
        if d.killed.is_some() {
            continue;
        }
        if d.injured.as_ref().is_some_and(|c| c.value == dead) {
            d.injured = None;
        }
        d.killed = Some(Count::exact(
            dead,
            [cx.doc.tokens[at].start, cx.doc.tokens[at].end],
        ));
    }
}

/// The people a list from token `from` (before `to`) names, one per name or person word,
/// joined by "and" or commas ("Donna and Rich Muller", "a mother and her son"): how
/// many, the last token of the list, and where the list stopped.
fn listed_people(cx: &Context, from: usize, to: usize) -> (i64, Option<usize>, usize) {
    let (mut n, mut last, mut in_one) = (0, None, false);
    let mut k = from;
    while k < to {
        let w = cx.w(k);
        let upos = cx.tree.upos(k);
        if matches!(w, "and" | ",") {
            in_one = false;
        } else if upos == "PROPN" || ONE_PERSON.contains(&w) {
            if !in_one {
                n += 1;
                in_one = true;
            }
            last = Some(k);
        } else if !matches!(upos, "DET" | "ADJ" | "NUM" | "PUNCT" | "PRON")
            && !w.contains("year-old")
        {
            break;
        }
        k += 1;
    }
    (n, last, k)
}

/// "A shooting that left a mother and her son dead", "left a woman wounded": whom an
/// attack leaves dead or hurt, named without a figure, one each.
pub fn left_casualties(cx: &Context, drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        if d.def.plover_type != "ASSAULT" || d.status != "occurred" {
            continue;
        }
        let s = cx.doc.sentences[d.sentence];
        // ("a double shooting in the Lawncrest section of Philadelphia Sunday that left":
        // no other verb between.)
        let Some(l) = (d.trigger.1..s.last.min(d.trigger.1 + 12))
            .take_while(|&k| {
                cx.tree.upos(k) != "VERB" || matches!(cx.w(k), "left" | "leaving" | "leaves")
            })
            .find(|&k| matches!(cx.w(k), "left" | "leaving" | "leaves"))
        else {
            continue;
        };
        let Some(e) = (l + 1..s.last.min(l + 12))
            .find(|&k| matches!(cx.w(k), "dead" | "injured" | "wounded" | "hurt"))
        else {
            continue;
        };
        // A figure in the list is the figures' business ("left 12 people dead").
        if (l + 1..e).any(|k| cx.tree.upos(k) == "NUM" && !cx.w(k).contains('-')) {
            continue;
        }
        let (n, Some(last), stop) = listed_people(cx, l + 1, e) else {
            continue;
        };
        if n == 0 || stop != e {
            continue;
        }
        let count = Count::exact(n, [cx.doc.tokens[l + 1].start, cx.doc.tokens[last].end]);
        let slot = if cx.w(e) == "dead" {
            &mut d.killed
        } else {
            &mut d.injured
        };
        if slot.is_none() {
            *slot = Some(count);
        }
    }
}

/// "the fatal shooting of Melvin DeVost", "the shooting deaths of David Gullate and
/// Sharonda Bouldin", "a deadly shooting": a shooting told as deadly killed the people
/// named after "of", else at least one.
pub fn fatal_nouns(cx: &Context, drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        if d.def.plover_type != "ASSAULT" || d.status != "occurred" || d.killed.is_some() {
            continue;
        }
        let (a, b) = d.trigger;
        let s = cx.doc.sentences[d.sentence];
        // "Police found the body of a young man": one body is one dead.
        let trigger_words: Vec<&str> = (a..b).map(|k| cx.w(k)).collect();
        if trigger_words.contains(&"body") {
            d.killed = Some(Count::exact(
                1,
                [cx.doc.tokens[a].start, cx.doc.tokens[b - 1].end],
            ));
            continue;
        }
        let fatal_before = a > s.first && matches!(cx.w(a - 1), "fatal" | "deadly");
        let deaths_after = b < s.last && matches!(cx.w(b), "death" | "deaths");
        if b - a != 1
            || !matches!(cx.w(a), "shooting" | "stabbing")
            || !(fatal_before || deaths_after)
        {
            continue;
        }
        let end = if deaths_after { b + 1 } else { b };
        // The victims after "of": names or "a man", joined by "and" or commas.
        let (victims, last) = if end < s.last && cx.w(end) == "of" {
            let (n, last, _) = listed_people(cx, end + 1, s.last);
            (n, last.unwrap_or(end - 1))
        } else {
            (0, end - 1)
        };
        let (value, qualifier) = if victims > 0 {
            (victims, None)
        } else {
            (1, Some("at least".to_string()))
        };
        let first = if fatal_before { a - 1 } else { a };
        let killed = Count {
            qualifier,
            ..Count::exact(value, [cx.doc.tokens[first].start, cx.doc.tokens[last].end])
        };
        // The one named dead is not also among the hurt.
        if victims == 1
            && d.injured
                .as_ref()
                .is_some_and(|i| i.value == 1 && same_victim(&cx.doc.text, &killed, i))
        {
            d.injured = None;
        }
        d.killed = Some(killed);
    }
}

/// Attach counts and quantities to the drafts: each figure goes to the nearest event of
/// a fitting type in its sentence, or to the last violent event of the two sentences
/// before ("... clashed with police. Three people were killed.").
pub fn attach_numbers(cx: &Context, drafts: &mut [Draft]) {
    let doc = cx.doc;
    for n in cx.numbers {
        let si = cx.sent_of[n.tokens.0];
        let s = doc.sentences[si];
        if n.tokens.1 < s.last && cx.w(n.tokens.1) == "-" {
            continue; // "20-year", "two-page"
        }
        if not_a_count(cx, n.tokens, s.first, s.last) {
            continue;
        }
        // The nearest casualty word within the clause.
        let mut best: Option<(usize, &'static str)> = None;
        let lo = n.tokens.0.saturating_sub(5).max(s.first);
        let hi = (n.tokens.1 + 8).min(s.last);
        for j in lo..hi {
            if j >= n.tokens.0 && j < n.tokens.1 {
                continue;
            }
            let between = if j < n.tokens.0 {
                j..n.tokens.0
            } else {
                n.tokens.1..j
            };
            // (A figure joined after this one shares its verb: "four soldiers and one
            // militant were killed".)
            if between.clone().any(|k| {
                matches!(cx.w(k), ";" | ".")
                    || cx.numbers.iter().any(|o| {
                        o.tokens.0 == k
                            && o.tokens != n.tokens
                            && !(k > n.tokens.1 && j > k && cx.w(k - 1) == "and")
                    })
            }) {
                continue;
            }
            if let Some(kind) = casualty_at(cx, j) {
                // "A man was killed and five others injured": a casualty word before the
                // figure across "and" or "while" belongs to the clause before.
                let joined = j < n.tokens.0
                    && (j..n.tokens.0).any(|k| matches!(cx.w(k), "and" | "while" | "whereas"));
                let d = if j < n.tokens.0 {
                    n.tokens.0 - j + if joined { 3 } else { 0 }
                } else {
                    j - n.tokens.1 + 1
                };
                if best.is_none_or(|b| d < b.0) {
                    best = Some((d, kind));
                }
            }
        }
        // Past a long name the parse links them: "Two Kenya Defence Forces (KDF) soldiers
        // have been killed" (the counted noun is the subject or object of the casualty verb).
        if best.is_none() {
            // ("killing three civilians and five police": through the joined noun.)
            let mut noun = counted_noun(cx, n);
            for _ in 0..3 {
                match noun {
                    Some(h) if cx.tree.rel(h) == "conj" => noun = cx.tree.head(h),
                    _ => break,
                }
            }
            let verb = noun
                .filter(|&h| matches!(cx.tree.rel(h), "nsubj:pass" | "obj" | "nsubj"))
                .and_then(|h| Some((h, cx.tree.head(h)?)));
            if let Some((h, v)) = verb {
                let clear =
                    (n.tokens.1.min(v)..n.tokens.0.max(v)).all(|k| !matches!(cx.w(k), ";" | "."));
                if let Some(kind) = casualty_at(cx, v).filter(|_| clear && h < v + 12) {
                    best = Some((v.abs_diff(n.tokens.0), kind));
                }
            }
        }
        // What is counted: people, or things.
        let after: Vec<usize> = (n.tokens.1..(n.tokens.1 + 4).min(s.last))
            .take_while(|&k| !matches!(cx.w(k), "," | "." | "and" | ";"))
            .collect();
        // "30 wounded", "12 dead": the casualty word right after the figure counts people.
        let of_people = after
            .iter()
            .any(|&k| PEOPLE.contains(&cx.w(k)) || cx.actors.iter().any(|m| m.tokens.0 == k))
            || after.is_empty()
            || after.first().is_some_and(|&k| {
                casualty_kind(cx.w(k)).is_some_and(|c| c == "killed" || c == "injured")
            });
        let of_actor = cx
            .actors
            .iter()
            .find(|m| m.tokens.0 >= n.tokens.1 && m.tokens.0 <= n.tokens.1 + 1)
            .map(|m| m.name.clone());
        let span = [n.span.0, n.span.1];
        let count = Count {
            value: n.value,
            qualifier: n.qualifier.clone(),
            high: n.high,
            of: of_actor,
            span,
            parts: Vec::new(),
        };
        let seize_here = drafts
            .iter()
            .any(|d| d.sentence == si && d.def.plover_mode == "seize");
        // "Two officers who shot and killed a woman": the figure counts those who
        // acted, before an active verb that goes on to its object.
        if let Some((dist, _)) = best {
            let j = (n.tokens.1..hi).find(|&j| casualty_at(cx, j).is_some());
            let agents = j.is_some_and(|j| {
                // to the end of "shot and killed", "lynched and burned to death"
                let mut e = j;
                while e + 1 < s.last
                    && (matches!(cx.w(e + 1), "and" | "to" | "death" | "dead")
                        || casualty_at(cx, e + 1).is_some()
                        || (cx.w(e) == "and" && cx.tree.upos(e + 1) == "VERB"))
                {
                    e += 1;
                }
                j - n.tokens.1 + 1 == dist
                    && !BE.contains(&cx.w(j - 1))
                    && e + 1 < s.last
                    && matches!(
                        cx.w(e + 1),
                        "a" | "an" | "the" | "his" | "her" | "him" | "their"
                    )
            });
            if agents {
                continue;
            }
        }
        let (what, is_people) = match best {
            Some((_, k)) if of_people || k == "killed" => (k, true),
            _ if seize_here && !of_people => ("seized", false),
            _ => continue,
        };
        let fits = |d: &Draft| match what {
            "killed" | "injured" => {
                d.def.plover_type == "ASSAULT" || d.def.plover_type == "PROTEST"
            }
            "captured" => d.def.plover_type == "ASSAULT" || d.def.plover_mode == "arrest",
            "arrested" => {
                d.def.plover_mode == "arrest"
                    || d.def.plover_type == "PROTEST"
                    || d.def.plover_type == "ASSAULT"
            }
            "seized" => d.def.plover_mode == "seize",
            _ => {
                d.def.plover_type == "ASSAULT"
                    || d.def.plover_type == "RETREAT"
                    || d.def.plover_type == "COERCE"
            }
        };
        let pos = n.tokens.0;
        // "... killed 7 militants. 1 soldier was also killed": a toll said to be more, in a
        // sentence with no violence of its own but the casualty verb, adds to the toll
        // of the event before.
        let bare_here = drafts
            .iter()
            .filter(|d| d.sentence == si && fits(d))
            .all(|d| d.def.frame == 'C');
        // The last fitting event that happened in the two sentences before.
        let latest_before = |also: &dyn Fn(&Draft) -> bool| {
            drafts
                .iter()
                .enumerate()
                .filter(|(_, d)| {
                    d.sentence < si
                        && d.sentence + 2 >= si
                        && fits(d)
                        && d.status == "occurred"
                        && also(d)
                })
                .max_by_key(|(_, d)| d.trigger.0)
                .map(|(i, _)| i)
        };
        let more_of = (bare_here && is_people && said_more(cx, n))
            .then(|| {
                latest_before(&|d| same_paragraph(cx, d.sentence, si) && d.toll(what).is_some())
            })
            .flatten();
        // A figure joined to one told in this sentence goes where that one went ("four
        // soldiers and one militant were killed").
        let joined = matches!(what, "killed" | "injured")
            .then(|| {
                drafts.iter().position(|d| {
                    d.sentence == si
                        && fits(d)
                        && d.toll(what).as_ref().is_some_and(|t| adds_to(cx, t, n))
                })
            })
            .flatten();
        let target = more_of.or(joined).or_else(|| {
            drafts
                .iter()
                .enumerate()
                .filter(|(_, d)| d.sentence == si && fits(d))
                .min_by_key(|(_, d)| {
                    if d.trigger.0 >= pos {
                        d.trigger.0 - pos
                    } else {
                        pos - d.trigger.1
                    }
                })
                .map(|(i, _)| i)
                .or_else(|| is_people.then(|| latest_before(&|_| true)).flatten())
        });
        let Some(ti) = target else { continue };
        let d = &mut drafts[ti];
        let item = (!is_people)
            .then(|| {
                let toks: Vec<usize> = after.iter().copied().filter(|&k| cx.w(k) != "of").collect();
                toks.first().map(|&a| {
                    doc.text[doc.tokens[a].start..doc.tokens[*toks.last().unwrap_or(&a)].end]
                        .to_string()
                })
            })
            .flatten();
        match what {
            "killed" | "injured" => match d.toll_mut(what) {
                toll @ None => {
                    // "An assistant police officer and two militants were killed": the
                    // one joined before the figure is counted too.
                    let mut count = count;
                    for one in one_joined_before(cx, n)
                        .into_iter()
                        .chain(one_joined_after(cx, n))
                    {
                        count.value += 1;
                        count.parts.push([one.0, one.1]);
                    }
                    *toll = Some(count);
                }
                Some(told) if adds_to(cx, told, n) => {
                    told.value += n.value;
                    told.high = None;
                    told.parts.push(span);
                }
                Some(_) => {}
            },
            "captured" if d.captured.is_none() => d.captured = Some(count),
            "arrested" if d.arrested.is_none() => d.arrested = Some(count),
            "captured" | "arrested" => {}
            _ => d.quantities.push(Quantity {
                what: what.to_string(),
                value: n.value,
                qualifier: n.qualifier.clone(),
                item,
                span,
            }),
        }
    }
}

/// The noun figure `n` counts, as the tree says ("two soldiers": "soldiers").
fn counted_noun(cx: &Context, n: &NumberPhrase) -> Option<usize> {
    (n.tokens.0..n.tokens.1)
        .find(|&k| cx.tree.rel(k) == "nummod")
        .and_then(|k| cx.tree.head(k))
}

/// The span of one person joined before the people figure `n` counts ("an assistant
/// police officer and two suspected militants"), if any.
fn one_joined_before(cx: &Context, n: &NumberPhrase) -> Option<Span> {
    let noun = counted_noun(cx, n)?;
    if cx.tree.rel(noun) != "conj" {
        return None;
    }
    let first = cx.tree.head(noun).filter(|&h| h < n.tokens.0)?;
    let s = cx.doc.sentences[cx.sent_of[first]];
    let det = cx
        .tree
        .children(first, s.first, s.last)
        .find(|&x| matches!(cx.w(x), "a" | "an" | "one"))?;
    one_person(cx, first).then(|| (cx.doc.tokens[det].start, cx.doc.tokens[first].end))
}

/// The span of one person joined after the people figure `n` counts ("seven police
/// officers and a civilian were killed"), if any: by word order, as the parse often
/// reads the one person as an adjective.
fn one_joined_after(cx: &Context, n: &NumberPhrase) -> Option<Span> {
    let noun = counted_noun(cx, n).filter(|&k| k >= n.tokens.1)?;
    let s = cx.doc.sentences[cx.sent_of[noun]];
    if noun + 3 >= s.last || cx.w(noun + 1) != "and" || !matches!(cx.w(noun + 2), "a" | "an") {
        return None;
    }
    let person = |k: usize| one_person(cx, k) || cx.actors.iter().any(|m| m.tokens == (k, k + 1));
    // "a civilian", "a local journalist", then the verb
    let other = (noun + 3..(noun + 6).min(s.last))
        .take_while(|&k| cx.tree.upos(k) != "AUX" && !matches!(cx.w(k), "were" | "was" | "," | "."))
        .last()
        .filter(|&k| person(k))?;
    matches!(
        cx.w(other + 1),
        "were" | "was" | "have" | "had" | "died" | "killed" | "injured" | "wounded"
    )
    .then(|| (cx.doc.tokens[noun + 2].start, cx.doc.tokens[other].end))
}

/// Whether the words around figure `n` say it counts more than told before: "also",
/// "more", "another", "further", "additional".
fn said_more(cx: &Context, n: &NumberPhrase) -> bool {
    let s = cx.doc.sentences[cx.sent_of[n.tokens.0]];
    (n.tokens.0.saturating_sub(1).max(s.first)..(n.tokens.1 + 4).min(s.last)).any(|k| {
        matches!(
            cx.w(k),
            "also" | "more" | "another" | "further" | "additional"
        )
    })
}

/// Whether figure `n` adds to the toll `told` already found for its event rather than
/// restating it: said to be more ("1 soldier was also killed", "5 more militants were
/// found dead", "another two"), or joined to it in one subject ("Two protesters and one
/// policeman were killed").
fn adds_to(cx: &Context, told: &Count, n: &NumberPhrase) -> bool {
    let doc = cx.doc;
    // (Tokens are in text order: find the told figure's by its start.)
    let Ok(prev) = doc.tokens.binary_search_by_key(&told.span[0], |t| t.start) else {
        return false;
    };
    if told.high.is_some() || prev >= n.tokens.0 {
        return false;
    }
    if said_more(cx, n) {
        return true;
    }
    cx.sent_of[prev] == cx.sent_of[n.tokens.0]
        && (prev..n.tokens.0).any(|k| cx.w(k) == "and")
        && !(prev..n.tokens.0).any(|k| casualty_at(cx, k).is_some() || matches!(cx.w(k), ";" | "."))
}

/// Actors of two drafts that may be one: the same id, or a country and that country's
/// state forces or government.
fn same_actor(a: &ActorMention, b: &ActorMention) -> bool {
    if a.id == b.id {
        return true;
    }
    let state =
        |m: &ActorMention| matches!(m.kind.as_str(), "state" | "state force" | "government");
    (a.how == "country" || b.how == "country")
        && state(a)
        && state(b)
        && !a.country.is_empty()
        && a.country == b.country
}

fn dates_conflict(a: &Draft, b: &Draft) -> bool {
    match (&a.date, &b.date) {
        (Some((x, "text")), Some((y, "text"))) => x.value != y.value,
        _ => false,
    }
}

fn actors_overlap(a: &Draft, b: &Draft) -> bool {
    let xs: Vec<&ActorMention> = [&a.source, &a.target].into_iter().flatten().collect();
    let ys: Vec<&ActorMention> = [&b.source, &b.target].into_iter().flatten().collect();
    xs.iter().any(|x| ys.iter().any(|y| same_actor(x, y)))
}

/// Merge drafts that report one event: same PLOVER type and status, overlapping actors
/// (or one of them in the same sentence without actors), and no conflicting dates.
pub fn merge_drafts(text: &str, mut drafts: Vec<Draft>) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::new();
    drafts.sort_by_key(|d| d.trigger.0);
    'next: for mut d in drafts {
        for o in out.iter_mut() {
            let same_sentence = o.sentence == d.sentence;
            // A casualty verb joins another violence of its sentence whatever its mode:
            // "shelled Kharkiv, killing two" is one shelling.
            let casualty_joins = same_sentence
                && o.def.plover_type == "ASSAULT"
                && d.def.plover_type == "ASSAULT"
                && (o.def.frame == 'C' || d.def.frame == 'C');
            let same_kind = o.def.plover_type == d.def.plover_type
                && (o.def.plover_mode == d.def.plover_mode || casualty_joins)
                && o.status == d.status;
            if !same_kind || dates_conflict(o, &d) {
                continue;
            }
            // In one sentence, two words for one event may each name one side:
            // "20 people were killed when fighters attacked".
            let fits = |a: &Option<ActorMention>, b: &Option<ActorMention>| match (a, b) {
                (Some(x), Some(y)) => same_actor(x, y),
                _ => true,
            };
            // "PKK shelled Turkish forces, killing 1": the casualty word's nearest name
            // is the victim of the deed before it, not a doer.
            let crossed = casualty_joins
                && d.def.frame == 'C'
                && d.trigger.0 >= o.trigger.1
                && d.target.is_none()
                && fits(&o.target, &d.source)
                && o.source
                    .as_ref()
                    .zip(d.source.as_ref())
                    .is_some_and(|(a, b)| !same_actor(a, b));
            if crossed {
                d.target = d.source.take();
            }
            // ("attacked the military detachment, one civilian was killed and a soldier
            // wounded": the toll of one attack may count victims of several kinds.)
            let compatible =
                fits(&o.source, &d.source) && (fits(&o.target, &d.target) || casualty_joins);
            if actors_overlap(o, &d) || (same_sentence && compatible) {
                absorb(text, o, d);
                continue 'next;
            }
        }
        out.push(d);
    }
    out
}

/// Later sentences that go on telling an event join it:
/// - a sentence whose only violence is a casualty verb with no doer, right after a
///   violent event of the same paragraph, tells that event's toll ("Gulf Clan members
///   clashed with the army. Four members of the armed group were killed."), and so does
///   one whose doer is that event's doer ("Al Shabaab claimed killing three soldiers");
/// - "the clash", "this attack": a definite event noun of the same kind names the
///   event told before.
///
/// Each joins the nearest such event before it (a toll only where that event has none of
/// the kind yet).
pub fn join_sequels(cx: &Context, drafts: Vec<Draft>) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    for d in drafts {
        // "He was shot in the leg": a shooting told again from its victim's side.
        let victim_told = d.def.plover_mode == "firearms" && {
            let mut b = d.trigger.0;
            while b > 0 && ADVERBS.contains(&cx.w(b - 1)) {
                b -= 1;
            }
            b > 0
                && matches!(
                    cx.w(b - 1),
                    "was" | "were" | "been" | "being" | "is" | "are" | "got"
                )
                && matches!(cx.w(d.trigger.0), "shot" | "wounded" | "stabbed")
        };
        let casualty = (d.def.frame == 'C' || victim_told) && d.source.is_none();
        // "An IED by Al Shabaab detonated near soldiers. Al Shabaab claimed killing three
        // soldiers.": a casualty verb whose doer is the event's own doer tells its toll.
        let doer_toll = d.def.frame == 'C' && d.source.is_some();
        let t = d.trigger.0;
        // "the shooting", "this attack", "the fatal shooting"
        let mut before = t;
        while before > 0 && t - before < 2 && cx.tree.upos(before - 1) == "ADJ" {
            before -= 1;
        }
        let anaphor = before > 0 && matches!(cx.w(before - 1), "the" | "this" | "that");
        let sequel = (casualty || doer_toll || anaphor)
            && d.def.plover_type == "ASSAULT"
            && d.status == "occurred"
            && !d.headline;
        let fits = |a: &Option<ActorMention>, b: &Option<ActorMention>| match (a, b) {
            (Some(x), Some(y)) => same_actor(x, y),
            _ => true,
        };
        let host = sequel
            .then(|| {
                out.iter()
                    .enumerate()
                    .filter(|(_, o)| {
                        o.def.plover_type == "ASSAULT"
                            && o.def.frame != 'C'
                            && o.status == "occurred"
                            && !o.headline
                            && o.sentence < d.sentence
                            && (anaphor
                                || (o.sentence + 2 >= d.sentence
                                    && same_paragraph(cx, o.sentence, d.sentence)))
                            && !dates_conflict(o, &d)
                            && if casualty || doer_toll {
                                // no toll of a kind both tell
                                !["killed", "injured"]
                                    .iter()
                                    .any(|k| d.toll(k).is_some() && o.toll(k).is_some())
                                    && (!doer_toll
                                        || matches!((&o.source, &d.source),
                                            (Some(x), Some(y)) if same_actor(x, y)))
                            } else {
                                // ("3 BCL members were injured in the clash": "the
                                // clash" is the one told before, whoever its sentence
                                // names.)
                                o.def.plover_mode == d.def.plover_mode
                                    && (anaphor
                                        || (fits(&o.source, &d.source)
                                            && fits(&o.target, &d.target))
                                        || (fits(&o.source, &d.target)
                                            && fits(&o.target, &d.source)))
                            }
                    })
                    .max_by_key(|(_, o)| o.trigger.0)
                    .map(|(i, _)| i)
            })
            .flatten();
        // Only the nearest violence: none of another kind between.
        let host = host.filter(|&i| {
            !out[i + 1..].iter().any(|o| {
                o.def.plover_type == "ASSAULT"
                    && o.sentence < d.sentence
                    && (casualty
                        || doer_toll
                        || (o.def.plover_mode == d.def.plover_mode && o.status == "occurred"))
            })
        });
        match host {
            Some(i) => {
                let o = &mut out[i];
                let (def, trigger) = (o.def.clone(), o.trigger);
                absorb(&cx.doc.text, o, d);
                o.def = def;
                o.trigger = trigger;
            }
            None => out.push(d),
        }
    }
    out
}

/// Words by which an article says it tells of more than one shooting ("in a separate
/// shooting", "three shootings overnight").
const SEVERAL_INCIDENTS: &[&str] = &[
    "separate",
    "separately",
    "unrelated",
    "shootings",
    "homicides",
    "incidents",
    "killings",
    "stabbings",
];

/// A local report tells one shooting again and again: "A woman was shot Tuesday ...
/// officers were called to a reported shooting ... she was taken to hospital". Where the
/// article tells of no other incident, its gunfire reports are one event: each later one
/// joins the first, unless they name different days, different places, different
/// figures of one kind, or opposed actors.
pub fn one_incident(cx: &Context, drafts: Vec<Draft>) -> Vec<Draft> {
    if cx
        .low
        .iter()
        .any(|w| SEVERAL_INCIDENTS.contains(&w.as_str()))
    {
        return drafts;
    }
    let joinable = |d: &Draft| {
        d.def.plover_type == "ASSAULT"
            && d.def.plover_mode == "firearms"
            && d.status == "occurred"
            && !d.embedded
    };
    let place_entry = |d: &Draft| {
        d.place
            .map(|(pi, _, _)| &cx.g.entries[cx.places.places[pi].entry as usize])
    };
    let fits = |a: &Option<ActorMention>, b: &Option<ActorMention>| match (a, b) {
        (Some(x), Some(y)) => same_actor(x, y),
        _ => true,
    };
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    let mut host: Option<usize> = None;
    for d in drafts {
        let Some(h) = host.filter(|_| joinable(&d)) else {
            if host.is_none() && joinable(&d) {
                host = Some(out.len());
            }
            out.push(d);
            continue;
        };
        let o = &out[h];
        let places_differ = match (place_entry(o), place_entry(&d)) {
            (Some(a), Some(b)) => !std::ptr::eq(a, b) && !a.holds(b) && !b.holds(a),
            _ => false,
        };
        let figures_differ = ["killed", "injured"]
            .iter()
            .any(|k| matches!((o.toll(k), d.toll(k)), (Some(x), Some(y)) if x.value != y.value));
        let actors_fit = (fits(&o.source, &d.source) && fits(&o.target, &d.target))
            || (fits(&o.source, &d.target) && fits(&o.target, &d.source));
        if dates_conflict(o, &d) || places_differ || figures_differ || !actors_fit {
            out.push(d);
            continue;
        }
        let o = &mut out[h];
        let (def, trigger, headline) = (o.def.clone(), o.trigger, o.headline);
        absorb(&cx.doc.text, o, d);
        if !headline {
            o.def = def;
            o.trigger = trigger;
        }
    }
    out
}

/// Whether two one-person counts name the same person: the same noun ("a man" ... "the
/// man"), a name or a pronoun for one, and no word of a second person ("another man",
/// "a second victim").
fn same_victim(text: &str, a: &Count, b: &Count) -> bool {
    let words = |c: &Count| -> Vec<String> {
        text[c.span[0]..c.span[1]]
            .split(|ch: char| !ch.is_alphanumeric() && ch != '-')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    // ("a fatal shooting": at least one died, nobody named.)
    if a.qualifier.is_some() || b.qualifier.is_some() {
        return false;
    }
    let (x, y) = (words(a), words(b));
    let second = |w: &[String]| {
        w.iter().any(|w| {
            matches!(
                w.as_str(),
                "another" | "second" | "other" | "also" | "two" | "both" | "third"
            )
        })
    };
    if second(&x) || second(&y) {
        return false;
    }
    let anyone = |w: &str| {
        matches!(
            w,
            "he" | "she" | "him" | "her" | "victim" | "person" | "one" | "1"
        ) || w.chars().next().is_some_and(|c| c.is_uppercase())
    };
    let head = |w: &[String], c: &Count| -> (String, bool) {
        let last = w.last().cloned().unwrap_or_default();
        let raw = &text[c.span[0]..c.span[1]];
        let named = raw
            .split_whitespace()
            .last()
            .is_some_and(|t| t.chars().next().is_some_and(char::is_uppercase));
        (last, named)
    };
    let ((hx, nx), (hy, ny)) = (head(&x, a), head(&y, b));
    hx == hy || nx || ny || anyone(&hx) || anyone(&hy)
}

fn completeness(d: &Draft) -> usize {
    d.source.is_some() as usize + d.target.is_some() as usize
}

/// Fold report `d` into event `o`. `text` is the article's.
fn absorb(text: &str, o: &mut Draft, d: Draft) {
    // "A man was shot Friday ... Shuford was pronounced dead": one victim told hurt in
    // one report and dead in the other is one death.
    fn one(c: &Option<Count>) -> Option<&Count> {
        c.as_ref().filter(|c| c.value == 1)
    }
    if o.killed.is_none() && d.injured.is_none() {
        if let (Some(i), Some(k)) = (one(&o.injured), one(&d.killed)) {
            if same_victim(text, k, i) {
                o.injured = None;
            }
        }
    }
    let mut d = d;
    if d.killed.is_none() && o.injured.is_none() {
        if let (Some(k), Some(i)) = (one(&o.killed), one(&d.injured)) {
            if same_victim(text, k, i) {
                d.injured = None;
            }
        }
    }
    // Actors: the report that names both sides wins.
    if completeness(&d) > completeness(o) {
        o.source = d.source.clone();
        o.target = d.target.clone();
    } else {
        if o.source.is_none()
            && d.source
                .as_ref()
                .is_none_or(|s| o.target.as_ref().is_none_or(|t| !same_actor(s, t)))
        {
            o.source = d.source.clone();
        }
        if o.target.is_none()
            && d.target
                .as_ref()
                .is_none_or(|t| o.source.as_ref().is_none_or(|s| !same_actor(s, t)))
        {
            o.target = d.target.clone();
        }
    }
    if (!o.place_from_text && d.place_from_text) || (o.place.is_none() && o.unresolved.is_none()) {
        if d.place.is_some() || d.unresolved.is_some() {
            o.place = d.place;
            o.unresolved = d.unresolved;
            o.place_from_text = d.place_from_text;
        }
    }
    let rank = |x: &Option<(DateMention, &'static str)>| match x {
        Some((_, "text")) => 2,
        Some(_) => 1,
        None => 0,
    };
    if rank(&d.date) > rank(&o.date) {
        o.date = d.date.clone();
    }
    for (mine, theirs) in [
        (&mut o.killed, d.killed),
        (&mut o.injured, d.injured),
        (&mut o.captured, d.captured),
        (&mut o.arrested, d.arrested),
    ] {
        if mine.is_none() {
            *mine = theirs;
        }
    }
    o.quantities.extend(d.quantities);
    // The first report in the body speaks for the event; headlines only restate.
    if o.headline && !d.headline {
        o.attribution = d.attribution.clone();
        o.trigger = d.trigger;
        o.headline = false;
    }
    for c in d.claims {
        if !o
            .claims
            .iter()
            .any(|x| x.by == c.by && x.certainty == c.certainty && x.verb == c.verb)
        {
            o.claims.push(c);
        }
    }
    // The words that say how (an air strike, a clash, an ambush) type the event, not
    // the casualty verb: "killed in clashes" is a battle.
    if o.def.frame == 'C' && d.def.frame != 'C' {
        o.def = d.def;
        if !o.headline {
            o.trigger = d.trigger;
        }
    }
    for e in d.evidence {
        if !o.evidence.contains(&e) {
            o.evidence.push(e);
        }
    }
    o.evidence.sort();
    o.reports += d.reports;
    o.embedded &= d.embedded;
    o.subordinate &= d.subordinate;
}

/// The country an event happened in: its place's, else the country its actors or
/// demonyms give away, else the article's focus.
fn event_country(cx: &Context, d: &Draft) -> Option<String> {
    d.place
        .map(|(pi, _, _)| {
            cx.g.entries[cx.places.places[pi].entry as usize]
                .country
                .clone()
        })
        .or_else(|| {
            d.inferred_place
                .map(|(e, _)| cx.g.entries[e as usize].country.clone())
        })
        .or_else(|| cx.places.focus_country.clone())
}

/// "Police Forces of Unknown" where the article names no country beside the noun: the
/// country of the event's place (or, without one, of its actors or the article's focus)
/// is theirs ("police in Kaya" are Burkina Faso's police).
pub fn actor_countries(cx: &Context, drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        let country = event_country(cx, d);
        let Some(cc) = country.filter(|c| !c.is_empty()) else {
            continue;
        };
        let Some(name) = cx.g.country(&cc).map(|e| e.name.clone()) else {
            continue;
        };
        for m in [&mut d.source, &mut d.target].into_iter().flatten() {
            if m.how == "noun" && m.country.is_empty() && m.name.contains("Unknown") {
                m.name = m.name.replace("Unknown", &name);
                m.id = crate::actors::slug(&m.name);
                m.country = cc.clone();
            }
        }
        // And the speaker named by such a noun ("a Long Beach police spokesperson").
        for a in std::iter::once(&mut d.attribution).chain(d.claims.iter_mut()) {
            if let Some(by) = a.by.as_mut().filter(|b| b.contains("Unknown")) {
                *by = by.replace("Unknown", &name);
                a.by_id = Some(crate::actors::slug(by));
            }
        }
    }
}

/// Fill in what a draft's own sentences do not say: the date of the nearest earlier
/// date expression, and the nearest earlier (or, failing that, later) place.
pub fn fill_from_context(cx: &Context, drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        let at = cx.doc.sentences[d.sentence].first;
        if d.date.is_none() {
            // The nearest earlier date of the article, else the first later one.
            d.date = cx
                .dates
                .iter()
                .filter(|m| {
                    m.tokens.1 <= d.trigger.0 && m.precision == "day" && !dates_a_statement(cx, m)
                })
                .max_by_key(|m| m.tokens.1)
                .or_else(|| {
                    cx.dates.iter().find(|m| {
                        m.tokens.0 >= d.trigger.1
                            && m.precision == "day"
                            && m.value <= cx.article_date
                            && !dates_a_statement(cx, m)
                    })
                })
                // When nothing else dates it, the day it was told of is the nearest
                // bound: "militants were killed ..., an official said on Wednesday".
                .or_else(|| {
                    cx.dates
                        .iter()
                        .filter(|m| m.precision == "day" && m.value <= cx.article_date)
                        .min_by_key(|m| m.tokens.0.abs_diff(d.trigger.0))
                })
                .map(|m| (m.clone(), "context"));
        }
        if d.place.is_none() {
            let sub_national =
                |pi: usize| cx.g.entries[cx.places.places[pi].entry as usize].kind != Kind::Country;
            let mut cands: Vec<(usize, usize, Span)> = Vec::new(); // (distance, place, span)
            for (pi, p) in cx.places.places.iter().enumerate() {
                if !sub_national(pi) {
                    continue;
                }
                for (k, t) in p.mention_tokens.iter().enumerate() {
                    let dist = if t.1 <= at {
                        (at - t.1) * 2
                    } else {
                        t.0.saturating_sub(at) * 3
                    };
                    cands.push((dist, pi, p.mentions[k]));
                }
            }
            // A body named after a region or city of the focus (or of any country, with
            // none): "teachers of the Haryana Computer Teachers Welfare Association took to
            // the streets" stand in Haryana.
            let named_after = || {
                cx.places.in_names.iter().find(|n| {
                    cx.places
                        .focus_country
                        .as_ref()
                        .is_none_or(|f| *f == cx.g.entries[n.entry as usize].country)
                })
            };
            if let Some(&(_, pi, sp)) = cands.iter().min_by_key(|c| c.0) {
                d.place = Some((pi, sp, true));
            } else if let Some(n) = named_after() {
                d.inferred_place = Some((n.entry, n.span));
                continue;
            } else if let Some((pi, p)) = cx.places.places.iter().enumerate().find(|(_, p)| {
                Some(&cx.g.entries[p.entry as usize].country) == cx.places.focus_country.as_ref()
            }) {
                d.place = Some((pi, p.mentions[0], true));
            }
        }
        if d.place.is_none() {
            d.inferred_place = country_of_actors(cx, d);
        }
    }
}

/// The country an event with no named place most likely happened in: that of a state
/// actor taking part ("Israeli police arrested"), else of any actor with a country, else
/// the article's demonyms ("Lao workers") or country cues ("upazila"). Country
/// precision, marked inferred.
fn country_of_actors(cx: &Context, d: &Draft) -> Option<(u32, Span)> {
    let actors = [&d.source, &d.target];
    let state =
        |m: &ActorMention| matches!(m.kind.as_str(), "state force" | "government" | "police");
    let pick = actors
        .iter()
        .filter_map(|m| m.as_ref())
        .filter(|m| !m.country.is_empty())
        .max_by_key(|m| state(m));
    if let Some(m) = pick {
        if let Some(i) = cx.g.country_index(&m.country) {
            return Some((i, m.span));
        }
    }
    // ("MCA Julius Gaya was barred ...": a word of one country's public life.)
    let focus = cx.places.focus_country.as_deref()?;
    let span = cx
        .places
        .demonyms
        .iter()
        .chain(&cx.places.cues)
        .find(|(_, cc)| cc == focus)
        .map(|(sp, _)| *sp)?;
    cx.g.country_index(focus).map(|i| (i, span))
}

/// A demonstration's actor is the crowd: ACLED codes whoever marches ("farmers",
/// "students", "residents", or nobody named) as Protesters, or Rioters when the crowd
/// turns violent, of the country it happens in; civilians who attack are Rioters too. Named organisers (a party, a union)
/// stay.
pub fn crowd_actor(cx: &Context, d: &mut Draft) {
    let (t, _) = acled_view(d);
    // A crowd fighting the police is the riot's first actor, the police the second.
    if t == "Riots"
        && d.source.as_ref().is_some_and(ActorMention::is_state_force)
        && d.target.as_ref().is_some_and(ActorMention::is_crowd)
    {
        std::mem::swap(&mut d.source, &mut d.target);
    }
    // Villagers, residents or students who beat, burn or kill are a mob to ACLED.
    let mob = !communal_clash(d)
        && (d.def.plover_type == "ASSAULT"
            || (d.def.plover_type == "COERCE" && d.def.plover_mode == "destroy"))
        && d.source.as_ref().is_some_and(|m| {
            let head = cx.w(m.tokens.1 - 1);
            m.kind == "civilians"
                && (head.ends_with('s')
                    || head.ends_with("men")
                    || matches!(head, "people" | "children"))
        });
    let role = match t.as_str() {
        _ if mob => ("Rioters", "rioters"),
        "Protests" => ("Protesters", "protesters"),
        "Riots" => ("Rioters", "rioters"),
        _ => return,
    };
    let country = event_country(cx, d).unwrap_or_default();
    let name = match cx.g.country(&country) {
        Some(c) => format!("{} ({})", role.0, c.name),
        None => role.0.to_string(),
    };
    // A named organiser stays the source; ACLED names the crowd it led first.
    if let Some(m) = d.source.as_ref().filter(|m| !m.is_crowd()) {
        if m.kind == "political party" {
            d.acled_crowd = Some(name);
        }
        return;
    }
    let (span, tokens) = match &d.source {
        Some(m) => (m.span, m.tokens),
        None => (
            (
                cx.doc.tokens[d.trigger.0].start,
                cx.doc.tokens[d.trigger.1 - 1].end,
            ),
            d.trigger,
        ),
    };
    d.source = Some(ActorMention {
        id: crate::actors::slug(&name),
        name,
        kind: role.1.into(),
        country,
        span,
        tokens,
        counted: false,
        how: "crowd",
    });
}

/// An attack told without its doer ("a civilian was shot dead in Kaya", "an IED
/// exploded") is, in ACLED's words, by an Unidentified Armed Group of the event's
/// country (named as data/actor_nouns.tsv names "armed group"): the actor is implied
/// (`how` = "implied"), its span the trigger's.
pub fn unidentified_perpetrator(cx: &Context, d: &mut Draft) {
    let (t, _) = acled_view(d);
    let armed_violence = matches!(
        t.as_str(),
        "Violence against civilians" | "Battles" | "Explosions/Remote violence"
    );
    if d.source.is_some() || d.def.plover_type != "ASSAULT" || !armed_violence {
        return;
    }
    // "Israeli airstrikes", "a Russian missile strike": a country's word before a strike
    // names its armed forces; else the actor nouns' own entry for an armed group.
    d.source = state_strike(cx, d).or_else(|| {
        let country = event_country(cx, d).unwrap_or_default();
        noun_actor(cx, "armed group", &country, d.trigger, "implied")
    });
}

/// The forces of the country named right before a remote strike's noun ("Israeli
/// airstrikes", "a US drone strike", "Russian shelling"), adjectives between allowed.
fn state_strike(cx: &Context, d: &Draft) -> Option<ActorMention> {
    let remote = matches!(d.def.plover_mode.as_str(), "aerial" | "artillery")
        && cx.tree.upos(d.trigger.0) == "NOUN";
    if !remote {
        return None;
    }
    let first = cx.doc.sentences[d.sentence].first;
    let mut k = d.trigger.0;
    while k > first && k + 2 > d.trigger.0 && matches!(cx.tree.upos(k - 1), "ADJ" | "PROPN") {
        k -= 1;
        if let Some(cc) = crate::actors::country_word(cx.g, &cx.keys.norm[k]) {
            return cx
                .g
                .country(&cc)
                .and_then(|_| noun_actor(cx, "forces", &cc, (k, k + 1), "noun"));
        }
    }
    None
}

/// The actor data/actor_nouns.tsv makes of its noun `key` for country `cc` ("armed
/// group" -> "Unidentified Armed Group (Mali)"), mentioned at `tokens`.
fn noun_actor(
    cx: &Context,
    key: &str,
    cc: &str,
    tokens: (usize, usize),
    how: &'static str,
) -> Option<ActorMention> {
    let def = cx.lx.noun_keys.get(key).map(|&i| &cx.lx.nouns[i])?;
    let name = def.template.replace(
        "{country}",
        cx.g.country(cc).map_or("Unknown", |c| c.name.as_str()),
    );
    Some(ActorMention {
        id: crate::actors::slug(&name),
        name,
        kind: def.kind.clone(),
        country: cc.to_string(),
        span: (
            cx.doc.tokens[tokens.0].start,
            cx.doc.tokens[tokens.1 - 1].end,
        ),
        tokens,
        counted: false,
        how,
    })
}

/// Words that say a demonstration is going on: a crowd's violence amid them is a
/// violent demonstration to ACLED, without them mob violence ("supporters vandalized
/// the camp office of a rival candidate").
const DEMONSTRATION_WORDS: &[&str] = &[
    "demonstrators",
    "demonstrator",
    "demonstration",
    "demonstrations",
    "demonstrated",
    "demonstrating",
    "protest",
    "protests",
    "protested",
    "protesting",
    "protesters",
    "protestors",
    "protester",
    "rally",
    "rallies",
    "march",
    "marched",
    "marchers",
    "blockade",
    "hartal",
    "bandh",
    "strike",
    "strikes",
    "striking",
    "demanding",
    "demand",
    "demanded",
    "demands",
    "sit-in",
    "agitation",
    "agitators",
    "agitating",
    "non-cooperation",
    "picket",
];

/// Whether one of `preps` governs the word at `k`: it stands within four words before,
/// with only "the" and modifiers between ("against the brutal killing"), and does not
/// end a name before it ("students of Bungoma High School set fire").
fn governed_by(cx: &Context, k: usize, preps: &[&str]) -> bool {
    let lo = cx.doc.sentences[cx.sent_of[k]]
        .first
        .max(k.saturating_sub(4));
    (lo..k).any(|j| {
        preps.contains(&cx.w(j))
            && (j + 1..k).all(|x| matches!(cx.tree.upos(x), "DET" | "ADJ" | "NUM" | "PRON" | "ADV"))
    })
}

/// Words that tell a crowd's violence or destruction without naming an event.
const RIOT_WORDS: &[&str] = &[
    "windows",
    "ablaze",
    "stone",
    "rocks",
    "bricks",
    "brickbats",
    "barricaded",
    "barricade",
    "barricades",
    "barricading",
    "tyres",
    "tires",
    "stoned",
    "stoning",
    "stones",
    "smashed",
    "smashing",
    "vandalized",
    "vandalised",
    "vandalizing",
    "vandalising",
    "violently",
    "torched",
    "burnt",
    "burned",
    "fires",
    "molotov",
    "petrol-bombed",
    "rampaged",
    "rampage",
    "clash",
    "clashes",
    "clashed",
    "confrontation",
    "scuffle",
    "scuffles",
    "hurled",
    "hurling",
    "pelted",
    "pelting",
];

/// A demonstration whose crowd turns violent in the same sentence, or is named doing so
/// in the next (throws
/// stones, burns tyres, clashes, vandalises) is a violent demonstration: PROTEST/riot,
/// ACLED Riots. Force used by the police alone does not make it one, nor violence the
/// crowd protests against.
pub fn violent_demonstrations(cx: &Context, drafts: &mut [Draft]) {
    // "a protest against the killing of a journalist": the violence is the grievance.
    const GRIEVANCE: &[&str] = &[
        "against",
        "over",
        "for",
        "about",
        "following",
        "after",
        "of",
    ];
    // ("families of victims in a prior murder case", "to protest the violence targeting
    // stray animals": told a few words after a grievance word, even where the tree
    // misses it.)
    const GRIEVANCE_NEAR: &[&str] = &[
        "against",
        "over",
        "following",
        "after",
        "about",
        "protest",
        "protesting",
        "oppose",
        "opposing",
        "denounce",
        "denouncing",
        "condemn",
        "condemning",
        "demand",
        "demanding",
        "demanded",
    ];
    let grievance = |v: &Draft| {
        let first = cx.doc.sentences[v.sentence].first;
        governed_by(cx, v.trigger.0, GRIEVANCE)
            || (v.trigger.0.saturating_sub(5).max(first)..v.trigger.0).any(|j| {
                GRIEVANCE_NEAR.contains(&cx.w(j))
                    // ("of", but not of a name: "students of Bungoma High School set
                    // fire")
                    || (cx.w(j) == "of"
                        && !(j + 1..v.trigger.0).any(|k| {
                            cx.doc.tok(k).starts_with(|c: char| c.is_uppercase())
                        }))
            })
    };
    let crowd = |v: &Draft| v.source.as_ref().is_some_and(ActorMention::is_crowd);
    // (sentence, whether the crowd is named as doing it)
    let violence: Vec<(usize, bool)> = drafts
        .iter()
        .filter(|v| v.status == "occurred" && !grievance(v))
        .filter(|v| {
            (v.def.plover_type == "PROTEST" && v.def.plover_mode == "riot")
                || (v.def.plover_type == "ASSAULT" && crowd(v))
        })
        .map(|v| (v.sentence, crowd(v)))
        .collect();
    // Words of a crowd's violence that name no event of their own ("barricaded the road
    // with stones and flaming tyres", "violently entered"), outside a grievance.
    let riot_words = |si: usize| {
        let s = cx.doc.sentences[si];
        (s.first..s.last).any(|k| {
            RIOT_WORDS.contains(&cx.w(k))
                && !(k.saturating_sub(4).max(s.first)..k)
                    .any(|j| matches!(cx.w(j), "against" | "over" | "following" | "after" | "of"))
        })
    };
    let doc = cx.doc;
    let demo_words = |si: usize| {
        let s = doc.sentences[si];
        (s.first..s.last).any(|k| {
            DEMONSTRATION_WORDS.contains(&cx.w(k))
                // not the month of "7 March 2022", nor an air strike
                && !cx.dates.iter().any(|d| d.tokens.0 <= k && k < d.tokens.1)
                && !(k > s.first
                    && matches!(cx.w(k - 1), "air" | "drone" | "missile"))
        })
    };
    let demo: Vec<bool> = (0..doc.sentences.len()).map(demo_words).collect();
    for d in drafts.iter_mut() {
        let si = d.sentence;
        let near = |x: usize| x < doc.sentences.len() && same_paragraph(cx, si.min(x), si.max(x));
        d.amid_demonstration =
            demo[si] || (si > 0 && near(si - 1) && demo[si - 1]) || (near(si + 1) && demo[si + 1]);
    }
    for d in drafts.iter_mut().filter(|d| {
        d.def.plover_type == "PROTEST"
            && matches!(d.def.plover_mode.as_str(), "demonstrate" | "strike")
            && d.status == "occurred"
    }) {
        d.amid_demonstration = true;
        // In its own sentence, or in the next when the crowd is named doing it
        // ("Demonstrators vandalized a police box").
        let next_too = d.sentence + 1 < cx.doc.sentences.len()
            && same_paragraph(cx, d.sentence, d.sentence + 1);
        let rioters = (cx.doc.sentences[d.sentence].first..d.trigger.0)
            .any(|k| matches!(cx.w(k), "rioters" | "rioter"));
        // ("Dozens of demonstrators burned tires ... Security forces dispersed them. The
        // demonstration came in reaction to ...": a short report tells one event.)
        let around = (d.sentence.saturating_sub(2)..=d.sentence + 2).any(|x| {
            x != d.sentence
                && x < cx.doc.sentences.len()
                && same_paragraph(cx, x.min(d.sentence), x.max(d.sentence))
                && riot_words(x)
        });
        if rioters
            || riot_words(d.sentence)
            || (next_too && riot_words(d.sentence + 1))
            || around
            || violence
                .iter()
                .any(|&(vs, named)| vs == d.sentence || (named && vs == d.sentence + 1))
        {
            d.def.plover_mode = "riot".into();
            d.def.acled_event_type = "Riots".into();
            d.def.acled_sub_event_type = "Violent demonstration".into();
        }
    }
}

/// A demonstration and what happens around it are one event to ACLED: the police's
/// arrests, dispersal or tear gas, or a road block by the crowd, are how the
/// demonstration went. Those acts are kept as events of their own but ranked below it,
/// and a demonstration the authorities broke up (words of [`INTERVENTION`] near a state
/// force or acting on the crowd, an arrest told as an event of its own) is marked
/// `intervened`, with the force as its target.
pub fn protest_context(cx: &Context, drafts: &mut [Draft]) {
    let protest = |d: &Draft| {
        d.def.plover_type == "PROTEST"
            && d.def.plover_mode == "demonstrate"
            && d.status == "occurred"
    };
    if !drafts.iter().any(protest) {
        return;
    }
    // Who broke a demonstration up: the words of its sentence and the two after (same
    // paragraph), and the state force named there, who becomes its target.
    let doc = cx.doc;
    for i in 0..drafts.len() {
        if !protest(&drafts[i]) {
            continue;
        }
        let si = drafts[i].sentence;
        let last = (si..doc.sentences.len().min(si + 3))
            .take_while(|&x| same_paragraph(cx, si, x))
            .last()
            .unwrap_or(si);
        let (lo, hi) = (doc.sentences[si].first, doc.sentences[last].last);
        // An arrest is an intervention when told as an event of its own, not as the
        // crowd's grievance ("demanding the release of students detained by police").
        let told = |k: usize| {
            !matches!(cx.w(k), "detained" | "arrested")
                || drafts.iter().any(|o| {
                    o.trigger.0 <= k
                        && k < o.trigger.1
                        && o.def.plover_mode == "arrest"
                        && o.status == "occurred"
                        && !o.embedded
                        && !o.subordinate
                })
        };
        let cue = (lo..hi).find(|&k| {
            (INTERVENTION.contains(&cx.w(k)) && told(k))
                || (k + 1 < hi
                    && matches!(
                        (cx.w(k), cx.w(k + 1)),
                        ("tear", "gas")
                            | ("water", "cannon")
                            | ("rubber", "bullets")
                            | ("broke", "up")
                            | ("baton", "charge")
                    ))
        });
        let Some(cue) = cue else { continue };
        // The crowd's own arrests of others, or police who joined, are no intervention:
        // the cue must stand near a state force or act on the crowd (passive, "them").
        let police = cx
            .actors
            .iter()
            .filter(|m| m.kind == "state force" && m.tokens.0 >= lo && m.tokens.1 <= hi)
            .min_by_key(|m| m.tokens.0.abs_diff(cue))
            .cloned();
        let on_crowd = (cue.saturating_sub(2).max(lo)..(cue + 4).min(hi)).any(|k| {
            matches!(
                cx.w(k),
                "them" | "protesters" | "demonstrators" | "were" | "was"
            )
        });
        if police.is_none() && !on_crowd {
            continue;
        }
        let d = &mut drafts[i];
        d.intervened = true;
        if d.target.is_none() {
            if let Some(p) = police.filter(|p| d.source.as_ref().is_none_or(|s| !same_actor(s, p)))
            {
                d.target = Some(p);
            }
        }
    }
    for d in drafts.iter_mut().filter(|d| d.def.plover_type == "COERCE") {
        let on_crowd = d.target.as_ref().is_none_or(ActorMention::is_crowd)
            && d.source.as_ref().is_none_or(|m| m.kind == "state force");
        let by_crowd = d.target.is_none() && d.source.as_ref().is_some_and(ActorMention::is_crowd);
        d.within_protest = on_crowd || by_crowd;
    }
}

/// Words before a deed that make it a party's word about what it will do: "will",
/// "would", "shall" ("may", "might", "could" on a condition), or "willing",
/// "prepared", "ready", "committed" before "to".
fn commitment_before(cx: &Context, trig: (usize, usize), conditional: bool) -> bool {
    let s = cx.doc.sentences[cx.sent_of[trig.0]];
    let lo = trig.0.saturating_sub(6).max(s.first);
    (lo..trig.0)
        .rev()
        .take_while(|&j| !matches!(cx.w(j), "," | ";" | ":" | "that" | "which" | "who"))
        .any(|j| {
            matches!(cx.w(j), "will" | "would" | "shall")
                || (conditional && matches!(cx.w(j), "may" | "might" | "could"))
                || (matches!(cx.w(j), "willing" | "prepared" | "ready" | "committed")
                    && j + 1 < trig.0
                    && cx.w(j + 1) == "to")
        })
}

/// The article's main violent event that happened: the most confident.
fn main_violence(drafts: &mut [Draft]) -> Option<&mut Draft> {
    drafts
        .iter_mut()
        .filter(|d| {
            (d.def.plover_type == "ASSAULT" || d.def.plover_mode == "riot")
                && d.status == "occurred"
        })
        .max_by(|a, b| confidence(a).total_cmp(&confidence(b)))
}

/// Whether tokens `from..to` say "this event" (a note's share of a toll: "coded as 2
/// for this event").
fn names_this_event(cx: &Context, from: usize, to: usize) -> bool {
    (from + 1..to).any(|k| cx.w(k - 1) == "this" && cx.w(k) == "event")
}

/// "6 deaths (coded across 6 events)", "20 fatalities split up between 3 events",
/// "Fatalities spread across two locations": a toll the text says is shared among
/// several events gives the article's main violent event its share (rounded half up;
/// none where the share rounds to nothing), unless the text gives this event's own part
/// ("coded as 2 for this event", which [`toll_summary`] reads). Once per article.
pub fn toll_shares(cx: &Context, drafts: &mut [Draft]) {
    if names_this_event(cx, 0, cx.doc.tokens.len()) {
        return;
    }
    // "across N events": the first such figure in a sentence that says the toll is shared.
    let parts = cx.numbers.iter().find_map(|n| {
        let s = cx.doc.sentences[cx.sent_of[n.tokens.0]];
        let counts_events = n.tokens.1 < s.last
            && n.qualifier.is_none()
            && n.value > 1
            && matches!(cx.w(n.tokens.1), "events" | "locations" | "incidents");
        if !counts_events {
            return None;
        }
        let has = |w: &str| (s.first..s.last).any(|k| cx.w(k) == w);
        // (Not "across several locations", nor "7 remaining fatalities split across 13
        // events": another pool.)
        let sharing = ["split", "spread", "distributed", "divided", "coded"]
            .iter()
            .any(|w| has(w))
            && !has("remaining")
            && !has("additional");
        sharing.then_some(n.value)
    });
    let Some(parts) = parts else {
        return;
    };
    if let Some(d) = main_violence(drafts) {
        if let Some(k) = d.killed.as_mut() {
            let share = (k.value * 2 + parts) / (2 * parts);
            if share == 0 {
                d.killed = None;
            } else {
                k.value = share;
                k.high = None;
            }
        }
    }
}

/// "1 fatality.", "Total 4 fatalities.", "Fatalities coded as 25.": a sentence that sums
/// up the dead gives the toll of the article's main violent event, over the parts told
/// before it ("Three men were killed ... A fourth person died later. 4 fatalities."). A
/// share of a toll told elsewhere ("20 fatalities split across ten events") counts only
/// where the sentence gives this event's part ("coded as 2 for this event").
pub fn toll_summary(cx: &Context, drafts: &mut [Draft]) {
    for s in &cx.doc.sentences {
        let (first, last) = (s.first, s.last);
        let Some(f) = (first..last).find(|&k| matches!(cx.w(k), "fatality" | "fatalities")) else {
            continue;
        };
        let has = |w: &str| (first..last).any(|k| cx.w(k) == w);
        let this_event = names_this_event(cx, first, last);
        let shared = [
            "split",
            "remaining",
            "distributed",
            "across",
            "unspecified",
            "additional",
        ]
        .iter()
        .any(|w| has(w))
            || has("addition");
        // (The article's own sum, not a party's: "Al Shabaab claims 15 fatalities".)
        let voiced = [
            "claim",
            "claims",
            "claimed",
            "said",
            "says",
            "according",
            "reported",
        ]
        .iter()
        .any(|w| has(w));
        if (shared && !this_event) || voiced {
            continue;
        }
        let words = (first..last)
            .filter(|&k| cx.doc.tokens[k].kind == annals_text::TokenKind::Word)
            .count();
        let number_at = |k: usize| cx.numbers.iter().find(|n| n.tokens.0 == k);
        let number_ending = |k: usize| cx.numbers.iter().find(|n| n.tokens.1 == k);
        // "coded as 25", "coded at 3": the coder's own figure.
        let coded = (first..last.saturating_sub(2)).rev().find_map(|k| {
            (cx.w(k) == "coded" && matches!(cx.w(k + 1), "as" | "at"))
                .then(|| number_at(k + 2))
                .flatten()
        });
        // "Total 4 fatalities", "3 fatalities": the figure just before the word.
        let before = number_ending(f).filter(|n| {
            n.tokens.0 == first || cx.w(n.tokens.0 - 1) == "total" || this_event || words <= 4
        });
        let Some(n) = coded.or(before) else {
            continue;
        };
        if n.value <= 0 || (words > 8 && !this_event && coded.is_none()) {
            continue;
        }
        if let Some(d) = main_violence(drafts) {
            d.killed = Some(Count::exact(n.value, [n.span.0, n.span.1]));
        }
    }
}

/// PLOVER codes a party's word about what it will do as the word, not the deed: "Iraq
/// said it would allow the return of inspectors" and "Syria is willing to withdraw its
/// troops" are AGREE; "NATO would tighten the naval blockade", "Nigeria will withdraw its
/// force unless ..." are THREATEN. A deed told so (and not inside another event's
/// words) gains that statement as an event of its own, which happened, on the same
/// words: force, coercion, sanctions and mobilising, or any deed on a condition
/// ("unless", "if"), are threats; the rest are promises. The deed stays, with its own
/// status (`future`, `intended`, ...), ranked below the statement.
pub fn commitments(cx: &Context, drafts: &mut Vec<Draft>) {
    let agree = cx
        .lx
        .triggers
        .iter()
        .find(|t| t.plover_type == "AGREE")
        .cloned();
    let threaten = cx
        .lx
        .triggers
        .iter()
        .find(|t| t.plover_type == "THREATEN")
        .cloned();
    let (Some(agree), Some(threaten)) = (agree, threaten) else {
        return;
    };
    let mut promised: Vec<(usize, usize)> = Vec::new();
    let mut statements: Vec<Draft> = Vec::new();
    for d in drafts.iter_mut() {
        // A sanction announced is imposed ("would deny entry"): it stays a sanction,
        // unless it hangs on a condition ("may halt mediation if ...").
        let s = cx.doc.sentences[d.sentence];
        let conditional = (s.first..s.last).any(|k| matches!(cx.w(k), "unless" | "if"));
        let deed = !matches!(
            d.def.plover_type.as_str(),
            "AGREE" | "THREATEN" | "REQUEST" | "ACCUSE" | "REJECT"
        ) && (d.def.plover_type != "SANCTION" || conditional);
        // A party must give its word: an actor who acts, or someone who says so.
        let party = d.source.is_some() || d.attribution.by.is_some();
        if !deed
            || !party
            || d.embedded
            || d.headline
            || !matches!(d.status, "future" | "intended" | "possible" | "occurred")
            || !commitment_before(cx, d.trigger, conditional)
        {
            continue;
        }
        // Withdrawing help ("will withdraw weapons inspectors and humanitarian workers")
        // is a threat; withdrawing troops a promise.
        let help_withdrawn = d.def.plover_type == "RETREAT"
            && (d.trigger.1..(d.trigger.1 + 6).min(s.last)).any(|k| {
                matches!(
                    cx.w(k),
                    "inspectors"
                        | "humanitarian"
                        | "aid"
                        | "peacekeepers"
                        | "peacekeeping"
                        | "monitors"
                        | "observers"
                        | "ambassador"
                        | "diplomats"
                        | "support"
                )
            });
        let hostile = help_withdrawn
            || matches!(
                d.def.plover_type.as_str(),
                "ASSAULT" | "COERCE" | "MOBILIZE" | "PROTEST" | "SANCTION"
            );
        let mut said = d.clone();
        let weight = d.def.weight;
        said.def = if hostile || conditional {
            threaten.clone()
        } else {
            agree.clone()
        };
        // The word is as surely an event as the words of its deed.
        said.def.weight = said.def.weight.max(weight);
        said.status = "occurred";
        // Its matter carries no toll of its own.
        (said.killed, said.injured, said.captured, said.arrested) = (None, None, None, None);
        said.quantities.clear();
        statements.push(said);
        promised.push((d.sentence, d.trigger.1));
        d.embedded = true;
    }
    // What the promised deed names ("will provide food aid") is its matter, not an
    // event of its own.
    for d in drafts.iter_mut() {
        if promised
            .iter()
            .any(|&(si, end)| d.sentence == si && d.trigger.0 >= end && d.trigger.0 <= end + 6)
        {
            d.embedded = true;
        }
    }
    drafts.extend(statements);
}

/// Words that say the authorities broke up a demonstration.
const INTERVENTION: &[&str] = &[
    "intervened",
    "intervene",
    "intervening",
    "dispersed",
    "disperse",
    "dispersing",
    "teargas",
    "tear-gas",
    "teargassed",
    "lathicharged",
    "lathi-charged",
    "lathicharge",
    "obstructed",
    "foiled",
    "thwarted",
    "cordoned",
    "baton-charged",
    "clubbed",
    "detained",
    "arrested",
];

/// Refine the ACLED pair from the actors and the mode.
/// Kinds of actor whose public demands are a protest.
const CROWD_SPEAKERS: &[&str] = &["protesters", "civilians"];

pub fn acled_view(d: &Draft) -> (String, String) {
    let armed = |m: &Option<ActorMention>| {
        m.as_ref().is_some_and(|m| {
            matches!(
                m.kind.as_str(),
                "state force" | "rebel group" | "militia" | "state"
            )
        })
    };
    let civil = |m: &Option<ActorMention>| {
        m.as_ref().is_some_and(|m| {
            matches!(
                m.kind.as_str(),
                "civilians" | "protesters" | "person" | "media"
            )
        })
    };
    let (mut t, mut s) = (
        d.def.acled_event_type.clone(),
        d.def.acled_sub_event_type.clone(),
    );
    match (d.def.plover_type.as_str(), d.def.plover_mode.as_str()) {
        // "The NAF fired grenade launchers and small arms at the governmental positions",
        // "explosions and shots involving small arms": the sides fought at close range.
        ("ASSAULT", "artillery" | "explosives")
            if d.small_arms
                && t == "Explosions/Remote violence"
                && s != "Suicide bomb"
                && !civil(&d.target) =>
        {
            t = "Battles".into();
            s = "Armed clash".into();
        }
        // "Militants burned a school", "soldiers set fire to 80 houses": fire that
        // hurts no one destroys property, a strategic development to ACLED (a crowd's
        // fire is a riot, below).
        ("ASSAULT", _)
            if d.arson && armed(&d.source) && d.killed.is_none() && d.injured.is_none() =>
        {
            t = "Strategic developments".into();
            s = "Looting/property destruction".into();
        }
        ("ASSAULT", "firearms") | ("ASSAULT", "beat") => {
            let two_sided = s == "Armed clash";
            // ("A military convoy came under attack. At least three soldiers killed": the
            // dead were a force's.)
            let armed_dead = [&d.killed, &d.injured].into_iter().flatten().any(|c| {
                c.of.as_deref().is_some_and(|o| {
                    o.starts_with("Military Forces of") || o.starts_with("Police Forces of")
                })
            });
            // ("A man was killed in a drive-by shooting by armed men": the doer read on
            // both sides is no armed victim.)
            let self_target = d
                .source
                .as_ref()
                .zip(d.target.as_ref())
                .is_some_and(|(a, b)| a.id == b.id && a.is_unidentified());
            // (Party supporters are no armed side either: ACLED codes their fights as
            // riots; a party's own violence is a riot below, whatever it hits.)
            let partisans = d
                .target
                .as_ref()
                .is_some_and(|m| m.kind == "political party");
            let state_side = [&d.source, &d.target]
                .into_iter()
                .flatten()
                .any(|m| m.is_state_force() || m.kind == "protesters");
            if d.gunfight || (communal_clash(d) && !state_side) {
                // ("Four Shibir activists were wounded in a gunfight with police"; "two
                // clans clashed over grazing land")
                t = "Battles".into();
                s = "Armed clash".into();
            } else if two_sided && (civil(&d.target) || civil(&d.source) || partisans) {
                // "Villagers clashed with residents": no armed side, a brawl; "members of
                // Jamaat-e-Islami and police clashed": a crowd fought the police. Both
                // are riots, a violent demonstration amid a demonstration.
                t = "Riots".into();
                let protesters = [&d.source, &d.target]
                    .into_iter()
                    .flatten()
                    .any(|m| m.kind == "protesters");
                s = if d.amid_demonstration || protesters {
                    "Violent demonstration"
                } else {
                    "Mob violence"
                }
                .into();
            } else if d.target.as_ref().is_some_and(|m| m.kind == "protesters")
                && d.source
                    .as_ref()
                    .is_none_or(|m| m.is_state_force() || m.is_unidentified())
            {
                // Police firing at a crowd, or a demonstrator killed by no one named,
                // is how ACLED tells the protest itself: met with force, or with
                // deadly force.
                t = "Protests".into();
                s = if d.killed.is_some() {
                    "Excessive force against protesters"
                } else {
                    "Protest with intervention"
                }
                .into();
            } else if civil(&d.target) {
                t = "Violence against civilians".into();
                s = "Attack".into();
            } else if (armed(&d.target) && (two_sided || !self_target))
                || d.armed_object
                || (armed(&d.source) && d.target.is_none() && two_sided)
                || (d.target.is_none() && armed_dead)
            {
                t = "Battles".into();
                s = "Armed clash".into();
            }
        }
        // "JNIM vandalized the house of a civilian", "soldiers looted goods": looting or
        // wrecking by a named armed group or a state force, outside a demonstration, is
        // property destruction; by a crowd or unnamed assailants, a riot.
        ("PROTEST", "riot")
            if armed(&d.source)
                && d.source
                    .as_ref()
                    .is_some_and(|m| m.how != "noun" || m.is_state_force())
                && !d.amid_demonstration
                && d.def.acled_event_type == "Riots"
                && d.killed.is_none()
                && d.injured.is_none() =>
        {
            t = "Strategic developments".into();
            s = "Looting/property destruction".into();
        }
        ("ASSAULT", "occupy") => {
            if d.source.as_ref().is_some_and(ActorMention::is_state_force) {
                s = "Government regains territory".into();
            }
        }
        ("PROTEST", "demonstrate") if d.killed.is_some() => {
            s = "Excessive force against protesters".into();
        }
        ("PROTEST", "demonstrate") if d.intervened => {
            s = "Protest with intervention".into();
        }
        // "Protesters demanded justice", "taxi drivers denounced fuel prices": a crowd
        // that speaks out in a place is a protest (ACLED has no event of words).
        ("REQUEST" | "ACCUSE" | "REJECT" | "DISAPPROVE", _)
            if d.source
                .as_ref()
                .is_some_and(|m| CROWD_SPEAKERS.contains(&m.kind.as_str()))
                && d.status == "occurred"
                && d.place.is_some() =>
        {
            t = "Protests".into();
            s = "Peaceful protest".into();
        }
        // "Levant Front fighters detained a civilian": an armed group's arrest is an
        // abduction.
        ("COERCE", "arrest") if d.source.as_ref().is_some_and(ActorMention::is_armed_group) => {
            t = "Violence against civilians".into();
            s = "Abduction/forced disappearance".into();
        }
        // "Police dispersed the protesters", "fired tear gas at demonstrators": the
        // protest told by the force that met it.
        ("COERCE", _)
            if d.target.as_ref().is_some_and(|m| m.kind == "protesters")
                && d.source.as_ref().is_some_and(ActorMention::is_state_force) =>
        {
            t = "Protests".into();
            s = "Protest with intervention".into();
        }
        _ => {}
    }
    // Violence by a crowd or a party's supporters is a riot, whoever it hits: a
    // demonstration that turned violent when the crowd protests, mob violence when not.
    let crowd = d.source.as_ref().and_then(|m| match m.kind.as_str() {
        "rioters" | "political party" if d.amid_demonstration => Some("Violent demonstration"),
        "rioters" | "political party" => Some("Mob violence"),
        "protesters" => Some("Violent demonstration"),
        _ => None,
    });
    let violent = matches!(d.def.plover_type.as_str(), "ASSAULT" | "COERCE")
        && !d.gunfight
        && !communal_clash(d);
    if let (Some(sub), true) = (crowd, violent) {
        t = "Riots".into();
        s = sub.into();
    }
    // A riot word with no demonstration around it ("vandalized the office of a rival
    // candidate", "riots broke out after a killing") is mob violence.
    if d.def.plover_mode == "riot" && s == "Violent demonstration" && !d.amid_demonstration {
        s = "Mob violence".into();
    }
    (t, s)
}

/// A fight between communal sides ("two clans clashed over grazing land").
fn communal_clash(d: &Draft) -> bool {
    d.communal
        && !d.amid_demonstration
        && d.def.plover_type == "ASSAULT"
        && d.def.acled_sub_event_type == "Armed clash"
}

/// What background told in a modifying clause loses against the main event.
const SUBORDINATE: f64 = 0.1;

/// The confidence of a finished draft.
pub fn confidence(d: &Draft) -> f64 {
    let mut c = d.def.weight * 0.7;
    // (An implied doer is no evidence that the words name an event.)
    c += 0.08 * d.source.as_ref().is_some_and(|m| m.how != "implied") as u8 as f64;
    c += 0.08 * d.target.is_some() as u8 as f64;
    c += if d.place_from_text { 0.06 } else { 0.0 };
    c += if matches!(d.date, Some((_, "text"))) {
        0.04
    } else {
        0.0
    };
    c += 0.04 * (d.killed.is_some() || d.injured.is_some()) as u8 as f64;
    c += 0.05 * ((d.reports.min(4) - 1) as f64);
    if d.status != "occurred" {
        c -= 0.3;
    }
    if d.attribution.certainty == "hedged" {
        c -= 0.1;
    }
    if d.within_protest {
        c -= 0.25;
    }
    if d.embedded {
        c -= 0.3;
    }
    if d.subordinate {
        c -= SUBORDINATE;
    }
    (c.clamp(0.05, 0.99) * 1000.0).round() / 1000.0
}

/// Make an [`ActorRef`].
pub fn actor_ref(m: &ActorMention) -> ActorRef {
    ActorRef {
        id: m.id.clone(),
        name: m.name.clone(),
        kind: m.kind.clone(),
        country: (!m.country.is_empty()).then(|| m.country.clone()),
        span: [m.span.0, m.span.1],
    }
}

/// Make the output date of a draft.
pub fn event_date(cx: &Context, d: &Draft) -> EventDate {
    match &d.date {
        Some((m, src)) => EventDate {
            value: m.value.to_string(),
            precision: m.precision.into(),
            source: (*src).into(),
            text: Some(cx.doc.text[m.span.0..m.span.1].to_string()),
            span: Some([m.span.0, m.span.1]),
        },
        None => EventDate {
            value: cx.article_date.to_string(),
            precision: "day".into(),
            source: "article_date".into(),
            text: None,
            span: None,
        },
    }
}

/// Make the output place of a draft.
pub fn event_place(cx: &Context, d: &Draft) -> Option<EventPlace> {
    if let Some(named) = d.unresolved {
        // Named in the text, located by the place or country that contains it.
        let (entry, precision) = match (d.place, d.inferred_place) {
            (Some((pi, _, _)), _) => {
                let p = &cx.places.places[pi];
                let e = &cx.g.entries[p.entry as usize];
                let precision = match e.kind {
                    Kind::Place => "near",
                    Kind::Admin2 => "admin2",
                    Kind::Admin1 => "admin1",
                    Kind::Country => "country",
                };
                (e, precision)
            }
            (None, Some((e, _))) => {
                let e = &cx.g.entries[e as usize];
                (e, annals_geo::resolve::precision_of(e))
            }
            // Else the article's focus country ("the settlement of Ard Jaburin" in an
            // article about Syria).
            (None, None) => {
                let focus = cx.places.focus_country.as_deref()?;
                (
                    &cx.g.entries[cx.g.country_index(focus)? as usize],
                    "country",
                )
            }
        };
        let mut geo = geo_ref(cx.g, entry, precision);
        geo.name = cx.doc.text[named.0..named.1].to_string();
        geo.geonameid = 0;
        return Some(EventPlace {
            geo,
            span: [named.0, named.1],
            inferred: false,
        });
    }
    let Some((pi, span, inferred)) = d.place else {
        let (e, span) = d.inferred_place?;
        let e = &cx.g.entries[e as usize];
        return Some(EventPlace {
            geo: geo_ref(cx.g, e, annals_geo::resolve::precision_of(e)),
            span: [span.0, span.1],
            inferred: true,
        });
    };
    let p = &cx.places.places[pi];
    // "30 km north of Kabul", "near Kandahar", "on the outskirts of Goma": the event is
    // beside the town, not in it.
    let tokens = p
        .mentions
        .iter()
        .position(|&m| m == span)
        .map(|k| p.mention_tokens[k]);
    let beside = tokens.is_some_and(|t| near_phrase(cx, t.0));
    let precision = if beside && p.precision == "exact" {
        "near"
    } else {
        p.precision
    };
    Some(EventPlace {
        geo: geo_ref(cx.g, &cx.g.entries[p.entry as usize], precision),
        span: [span.0, span.1],
        inferred,
    })
}

/// The place of a draft the gazetteer lacks, as the text names it: the event's
/// `unlocated_place` where [`event_place`] finds nothing to locate it by.
pub fn named_place(cx: &Context, d: &Draft) -> Option<TextSpan> {
    let named = d.unresolved?;
    Some(TextSpan {
        text: cx.doc.text[named.0..named.1].to_string(),
        span: [named.0, named.1],
    })
}

/// Whether the words before token `at` put a place at some distance: "north of",
/// "outskirts of", "near", "outside", "close to".
pub fn near_phrase(cx: &Context, at: usize) -> bool {
    let before = |k: usize| if at >= k { cx.w(at - k) } else { "" };
    use annals_geo::resolve::SIDES;
    matches!(before(1), "near" | "outside" | "nearby")
        || (before(1) == "to" && before(2) == "close")
        || (before(1) == "of" && SIDES.contains(&before(2)))
        || (before(1) == "of" && before(2) == "the" && SIDES.contains(&before(3)))
}

/// The output fields of a gazetteer entry.
pub fn geo_ref(g: &Gazetteer, e: &annals_geo::Entry, precision: &str) -> GeoRef {
    GeoRef {
        name: e.name.clone(),
        admin1: admin1_name(g, e),
        admin1_code: (e.kind != Kind::Country && !e.admin1.is_empty() && !e.admin1.ends_with('.'))
            .then(|| e.admin1.clone()),
        country: e.country.clone(),
        lat: e.lat,
        lon: e.lon,
        geonameid: e.geonameid,
        precision: precision.into(),
    }
}

/// The admin-1 name of an entry (its own name for a region).
pub fn admin1_name(g: &Gazetteer, e: &annals_geo::Entry) -> Option<String> {
    match e.kind {
        Kind::Country => None,
        Kind::Admin1 => Some(e.name.clone()),
        Kind::Place | Kind::Admin2 => g.admin1(&e.admin1).map(|a| a.name.clone()),
    }
}

/// The trigger words of a draft.
pub fn trigger_text(cx: &Context, d: &Draft) -> TextSpan {
    let (a, b) = d.trigger;
    let span = (cx.doc.tokens[a].start, cx.doc.tokens[b - 1].end);
    TextSpan {
        text: cx.doc.text[span.0..span.1].to_string(),
        span: [span.0, span.1],
    }
}
