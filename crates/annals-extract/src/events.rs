//! The event coder: triggers, their arguments, status, place, date, counts and
//! attribution, then merging of the reports of one event inside the article.
//!
//! This first version reads argument structure from word order and a few function
//! words (passives, "by" agents, possessors of event nouns, "that" after a reporting
//! verb); the dependency parser replaces these heuristics when it lands.

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

/// What a casualty word says happened to the people counted.
fn casualty_kind(w: &str) -> Option<&'static str> {
    Some(match w {
        "killed" | "kill" | "killing" | "kills" | "dead" | "died" | "die" | "death" | "deaths"
        | "fatalities" | "gunned" | "slain" | "lives" | "bodies" | "massacred" | "executed"
        | "beheaded" | "perished" | "murdered" | "lifeless" | "fatally" => "killed",
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
                if let Some(&t) = cx.lx.trigger_keys.get(&key) {
                    hit = Some((t, b));
                    break;
                }
            }
            let Some((t, b)) = hit else {
                i += 1;
                continue;
            };
            // Trigger words inside names ("Resistance Front") or month names ("March") are not events.
            let surface = doc.tok(i);
            let capital_inside = surface.chars().next().is_some_and(char::is_uppercase)
                && i > s.first
                && !matches!(cx.w(i - 1), "\"" | "\u{201c}" | ":");
            if cx.covered(i) || capital_inside {
                i = b;
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

fn draft_one(cx: &Context, def: TriggerDef, trig: (usize, usize), si: usize) -> Draft {
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
    } else if before.first() == Some(&"to")
        || (before.get(1) == Some(&"to") && ADVERBS.contains(&before[0]))
    {
        "intended"
    } else if has(MODAL, 2) && !before.iter().take(3).any(|w| *w == "have") {
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
    let in_clause: Vec<&ActorMention> = cx
        .actors
        .iter()
        .filter(|m| m.tokens.0 >= clause_start && m.tokens.1 <= s.last)
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
    let by_agent = right
        .iter()
        .find(|m| m.tokens.0 > 0 && cx.w(m.tokens.0 - 1) == "by" && m.tokens.0 <= trig.1 + 6)
        .copied();
    let nearest_left = left.iter().max_by_key(|m| m.tokens.1).copied();
    let first_right = right
        .iter()
        .min_by_key(|m| m.tokens.0)
        .filter(|m| m.tokens.0 <= trig.1 + 8)
        .copied();
    let (mut source, mut target): (Option<&ActorMention>, Option<&ActorMention>);
    if def.frame == 'N' {
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
        source = possessor.or(of_agent).or(by_agent).or(nearest_left);
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
        target = first_right.filter(|m| Some(m.id.as_str()) != source.map(|s| s.id.as_str()));
        // "Over 350 Taliban terrorists gunned down": a counted group before a violent
        // verb with no auxiliary is the victim.
        if let Some(l) = nearest_left {
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
    if let (Some(a), Some(b)) = (source, target) {
        if a.id == b.id {
            target = None;
        }
    }
    if def.plover_type == "RETREAT" && target.is_some() && source.is_none() {
        source = target.take();
    }

    // ---- place ----
    let place = choose_place(cx, trig, si, source, target);

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
    let date = cx
        .dates
        .iter()
        .filter(|d| d.tokens.0 >= s.first && d.tokens.1 <= s.last)
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
    let headline = line_end
        && !matches!(last, "." | "!" | "?" | "\"" | "\u{201d}" | ":")
        && s.last - s.first <= 15;
    Draft {
        headline,
        claims: vec![attribution.clone()],
        def,
        trigger: trig,
        sentence: si,
        status,
        source: source.cloned(),
        target: target.cloned(),
        place_from_text: place.is_some(),
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
    }
}

fn choose_place(
    cx: &Context,
    trig: (usize, usize),
    si: usize,
    source: Option<&ActorMention>,
    target: Option<&ActorMention>,
) -> Option<(usize, Span, bool)> {
    let s = cx.doc.sentences[si];
    let used_as_actor = |t: (usize, usize)| {
        [source, target]
            .iter()
            .flatten()
            .any(|m| m.tokens.0 <= t.0 && t.1 <= m.tokens.1)
    };
    let mut best: Option<(i64, usize, Span)> = None;
    for (pi, p) in cx.places.places.iter().enumerate() {
        let e = &cx.g.entries[p.entry as usize];
        for (k, &t) in p.mention_tokens.iter().enumerate() {
            if t.0 < s.first || t.1 > s.last || used_as_actor(t) {
                continue;
            }
            let prep = if t.0 > 0 { cx.w(t.0 - 1) } else { "" };
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
            if e.kind != Kind::Country {
                score += 3;
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
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, pi, p.mentions[k]));
            }
        }
    }
    best.map(|(_, pi, sp)| (pi, sp, false))
}

fn attribute(
    cx: &Context,
    trig: (usize, usize),
    si: usize,
    source: Option<&ActorMention>,
    target: Option<&ActorMention>,
) -> Attribution {
    let s = cx.doc.sentences[si];
    let hedged_sentence = (s.first..s.last).any(|j| HEDGES.contains(&cx.w(j)));
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
    let certainty = match &st.speaker {
        _ if DENY_VERBS.contains(&verb.as_str()) => "denied",
        _ if hedged_sentence => "hedged",
        _ if CLAIM_VERBS.contains(&verb.as_str()) => "claimed",
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
            if between.clone().any(|k| {
                matches!(cx.w(k), ";" | ".")
                    || cx
                        .numbers
                        .iter()
                        .any(|o| o.tokens.0 == k && o.tokens != n.tokens)
            }) {
                continue;
            }
            if let Some(kind) = casualty_kind(cx.w(j)) {
                let d = if j < n.tokens.0 {
                    n.tokens.0 - j
                } else {
                    j - n.tokens.1 + 1
                };
                if best.is_none_or(|b| d < b.0) {
                    best = Some((d, kind));
                }
            }
        }
        // What is counted: people, or things.
        let after: Vec<usize> = (n.tokens.1..(n.tokens.1 + 4).min(s.last))
            .take_while(|&k| !matches!(cx.w(k), "," | "." | "and" | ";"))
            .collect();
        let of_people = after
            .iter()
            .any(|&k| PEOPLE.contains(&cx.w(k)) || cx.actors.iter().any(|m| m.tokens.0 == k))
            || after.is_empty();
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
        };
        let seize_here = drafts
            .iter()
            .any(|d| d.sentence == si && d.def.plover_mode == "seize");
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
        let target = drafts
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
            .or_else(|| {
                if !is_people {
                    return None;
                }
                drafts
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| {
                        d.sentence < si && d.sentence + 2 >= si && fits(d) && d.status == "occurred"
                    })
                    .max_by_key(|(_, d)| d.trigger.0)
                    .map(|(i, _)| i)
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
            "killed" if d.killed.is_none() => d.killed = Some(count),
            "injured" if d.injured.is_none() => d.injured = Some(count),
            "captured" if d.captured.is_none() => d.captured = Some(count),
            "arrested" if d.arrested.is_none() => d.arrested = Some(count),
            "killed" | "injured" | "captured" | "arrested" => {}
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
pub fn merge_drafts(mut drafts: Vec<Draft>) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::new();
    drafts.sort_by_key(|d| d.trigger.0);
    'next: for d in drafts {
        for o in out.iter_mut() {
            let same_kind = o.def.plover_type == d.def.plover_type
                && o.def.plover_mode == d.def.plover_mode
                && o.status == d.status;
            if !same_kind || dates_conflict(o, &d) {
                continue;
            }
            let same_sentence = o.sentence == d.sentence;
            // In one sentence, two words for one event may each name one side:
            // "20 people were killed when fighters attacked".
            let fits = |a: &Option<ActorMention>, b: &Option<ActorMention>| match (a, b) {
                (Some(x), Some(y)) => same_actor(x, y),
                _ => true,
            };
            let compatible = fits(&o.source, &d.source) && fits(&o.target, &d.target);
            if actors_overlap(o, &d) || (same_sentence && compatible) {
                absorb(o, d);
                continue 'next;
            }
        }
        out.push(d);
    }
    out
}

fn completeness(d: &Draft) -> usize {
    d.source.is_some() as usize + d.target.is_some() as usize
}

fn absorb(o: &mut Draft, d: Draft) {
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
    if (!o.place_from_text && d.place_from_text) || o.place.is_none() {
        if d.place.is_some() {
            o.place = d.place;
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
    if d.def.weight > o.def.weight && o.def.acled_sub_event_type == "Armed clash" {
        let keep = o.def.plover_mode.clone();
        o.def = d.def;
        if o.def.plover_mode.is_empty() {
            o.def.plover_mode = keep;
        }
    }
    for e in d.evidence {
        if !o.evidence.contains(&e) {
            o.evidence.push(e);
        }
    }
    o.evidence.sort();
    o.reports += d.reports;
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
                .filter(|m| m.tokens.1 <= d.trigger.0 && m.precision == "day")
                .max_by_key(|m| m.tokens.1)
                .or_else(|| {
                    cx.dates.iter().find(|m| {
                        m.tokens.0 >= d.trigger.1
                            && m.precision == "day"
                            && m.value <= cx.article_date
                    })
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
            if let Some(&(_, pi, sp)) = cands.iter().min_by_key(|c| c.0) {
                d.place = Some((pi, sp, true));
            } else if let Some((pi, p)) = cx.places.places.iter().enumerate().find(|(_, p)| {
                Some(&cx.g.entries[p.entry as usize].country) == cx.places.focus_country.as_ref()
            }) {
                d.place = Some((pi, p.mentions[0], true));
            }
        }
    }
}

/// Refine the ACLED pair from the actors and the mode.
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
        ("ASSAULT", "firearms") | ("ASSAULT", "beat") => {
            if civil(&d.target) {
                t = "Violence against civilians".into();
                s = "Attack".into();
            } else if armed(&d.target)
                || (armed(&d.source) && d.target.is_none() && s == "Armed clash")
            {
                t = "Battles".into();
                s = "Armed clash".into();
            }
        }
        ("ASSAULT", "occupy") => {
            if d.source
                .as_ref()
                .is_some_and(|m| matches!(m.kind.as_str(), "state force" | "state"))
            {
                s = "Government regains territory".into();
            }
        }
        ("PROTEST", "demonstrate") if d.killed.is_some() => {
            s = "Excessive force against protesters".into();
        }
        _ => {}
    }
    (t, s)
}

/// The confidence of a finished draft.
pub fn confidence(d: &Draft) -> f64 {
    let mut c = d.def.weight * 0.7;
    c += 0.08 * d.source.is_some() as u8 as f64;
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
    let (pi, span, inferred) = d.place?;
    let p = &cx.places.places[pi];
    Some(EventPlace {
        geo: geo_ref(cx.g, &cx.g.entries[p.entry as usize], p.precision),
        span: [span.0, span.1],
        inferred,
    })
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
        Kind::Place => g.admin1(&e.admin1).map(|a| a.name.clone()),
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
