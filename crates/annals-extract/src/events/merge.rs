use super::Counted;
use super::{same_paragraph, Context, Draft};
use crate::actors::ActorMention;
use crate::dates::DateMention;
use crate::events::Status;
use crate::lexicon::ActorKind;
use crate::output::Count;
use crate::words::{self, Word};

/// Actors of two drafts that may be one: the same id, or a country and that country's
/// state forces or government.
pub(super) fn same_actor(a: &ActorMention, b: &ActorMention) -> bool {
    if a.id == b.id {
        return true;
    }
    let state = |m: &ActorMention| {
        matches!(
            m.kind,
            ActorKind::State | ActorKind::StateForce | ActorKind::Government
        )
    };
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
pub(super) fn merge_drafts(text: &str, mut drafts: Vec<Draft>) -> Vec<Draft> {
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
pub(super) fn join_sequels(cx: &Context, drafts: Vec<Draft>) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    for d in drafts {
        // "He was shot in the leg": a shooting told again from its victim's side.
        let victim_told = d.def.plover_mode == "firearms" && {
            let mut b = d.trigger.0;
            while b > 0 && cx.is(b - 1, Word::Adverb) {
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
            && d.status == Status::Occurred
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
                            && o.status == Status::Occurred
                            && !o.headline
                            && o.sentence < d.sentence
                            && (anaphor
                                || (o.sentence + 2 >= d.sentence
                                    && same_paragraph(cx, o.sentence, d.sentence)))
                            && !dates_conflict(o, &d)
                            && if casualty || doer_toll {
                                // no toll of a kind both tell
                                ![Counted::Killed, Counted::Injured]
                                    .into_iter()
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
                        || (o.def.plover_mode == d.def.plover_mode && o.status == Status::Occurred))
            })
        });
        match host {
            Some(i) => {
                let o = &mut out[i];
                let (def, trigger) = (o.def.clone(), o.trigger);
                absorb(cx.doc.text, o, d);
                o.def = def;
                o.trigger = trigger;
            }
            None => out.push(d),
        }
    }
    out
}

/// A local report tells one shooting again and again: "A woman was shot Tuesday ...
/// officers were called to a reported shooting ... she was taken to hospital". Where the
/// article tells of no other incident, its gunfire reports are one event: each later one
/// joins the first, unless they name different days, different places, different
/// figures of one kind, or opposed actors.
pub(super) fn one_incident(cx: &Context, drafts: Vec<Draft>) -> Vec<Draft> {
    if cx.low.iter().any(|w| words::is(w, Word::SeveralIncidents)) {
        return drafts;
    }
    let joinable = |d: &Draft| {
        d.def.plover_type == "ASSAULT"
            && d.def.plover_mode == "firearms"
            && d.status == Status::Occurred
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
        let figures_differ = [Counted::Killed, Counted::Injured]
            .into_iter()
            .any(|k| matches!((o.toll(k), d.toll(k)), (Some(x), Some(y)) if x.value != y.value));
        let actors_fit = (fits(&o.source, &d.source) && fits(&o.target, &d.target))
            || (fits(&o.source, &d.target) && fits(&o.target, &d.source));
        if dates_conflict(o, &d) || places_differ || figures_differ || !actors_fit {
            out.push(d);
            continue;
        }
        let o = &mut out[h];
        let (def, trigger, headline) = (o.def.clone(), o.trigger, o.headline);
        absorb(cx.doc.text, o, d);
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
pub(super) fn same_victim(text: &str, a: &Count, b: &Count) -> bool {
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
    if ((!o.place_from_text && d.place_from_text) || (o.place.is_none() && o.unresolved.is_none()))
        && (d.place.is_some() || d.unresolved.is_some())
    {
        o.place = d.place;
        o.unresolved = d.unresolved;
        o.place_from_text = d.place_from_text;
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

#[cfg(test)]
mod tests {
    use crate::events::testing::drafts;

    #[test]
    fn reports_of_one_attack_are_one_event() {
        let all = drafts(
            "Gunmen attacked a bus in Quetta, killing five passengers. The attack on the bus \
             was claimed by the Pakistani Taliban.",
        );
        let assaults: Vec<_> = all
            .iter()
            .filter(|(_, d)| d.def.plover_type == "ASSAULT")
            .collect();
        assert_eq!(
            assaults.len(),
            1,
            "{:?}",
            all.iter().map(|(t, _)| t).collect::<Vec<_>>()
        );
        assert!(assaults[0].1.reports >= 2);
        assert_eq!(assaults[0].1.killed.as_ref().map(|k| k.value), Some(5));
    }
}
