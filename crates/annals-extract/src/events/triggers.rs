use super::claims::attribute;
use super::embedding::{in_modifier, named_as_charge};
use super::mode::{acts_on_military_object, communal_sides, weapon_mode};
use super::place::{choose_place, Chosen};
use super::roles::{actor_at, case_of, same_party, tree_roles};
use super::{dates_a_statement, same_paragraph, trigger_head, Context, Draft};
use crate::actors::ActorMention;
use crate::dates::DateMention;
use crate::events::Status;
use crate::lexicon::TriggerDef;
use crate::words::{self, Word};

/// Whether the words before a trigger (nearest first) ask for it: "for" or "for the"
/// after one of [`ASKING`].
fn asked_for(before: &[&str]) -> bool {
    let at = match before {
        ["for", ..] => 1,
        [_, "for", ..] => 2,
        _ => return false,
    };
    before.get(at).is_some_and(|w| words::is(w, Word::Asking))
}

/// Find every trigger: (trigger class, token range, sentence index).
pub(super) fn find_triggers(cx: &Context) -> Vec<(usize, (usize, usize), usize)> {
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
pub(super) fn draft_events(
    cx: &Context,
    triggers: &[(usize, (usize, usize), usize)],
) -> Vec<Draft> {
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
                .any(|c| cx.tree.rel(c) == "mark" && cx.is(c, Word::Condition))
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

// Why this function is long: the role rules run in order on shared state (the tree's
// agent and patient, the first actor left and right, the actors inside the trigger),
// each refining what the one before found; status and date are functions of their own.
fn draft_one(cx: &Context, mut def: TriggerDef, trig: (usize, usize), si: usize) -> Draft {
    let doc = cx.doc;
    let s = doc.sentences[si];
    let status = status_of(cx, trig, s.first);

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
    while p > s.first && cx.is(p - 1, Word::Adverb) {
        p -= 1;
    }
    let passive = p > s.first && cx.is(p - 1, Word::PassiveAux) && def.frame != 'N';
    // "by X", "by the X"
    let after_by = |m: &ActorMention| {
        let k = m.tokens.0;
        (k > 0 && cx.w(k - 1) == "by")
            || (k > 1 && cx.is(k - 1, Word::Determiner) && cx.w(k - 2) == "by")
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

    let date = date_of(cx, trig, si);

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
        gunfight: (trig.0..trig.1).any(|k| cx.is(k, Word::Gunfight)),
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

/// The status of the event a trigger names, from the words before it in its clause
/// (nearest first; `first` is the sentence's first token): "did not" negates, "will"
/// puts it ahead, "to" or "called for" makes it wanted, "may" or a clause of condition
/// makes it possible.
fn status_of(cx: &Context, trig: (usize, usize), first: usize) -> Status {
    let mut k = trig.0;
    let mut before: Vec<&str> = Vec::new();
    while k > first && before.len() < 4 {
        k -= 1;
        before.push(cx.w(k));
    }
    let has = |class: Word, n: usize| before.iter().take(n).any(|w| words::is(w, class));
    let perfect_infinitive = before.first() == Some(&"have") && before.get(1) == Some(&"to");
    if has(Word::Negation, 3) {
        Status::Negated
    } else if perfect_infinitive {
        Status::Occurred
    } else if has(Word::Future, 3) {
        Status::Future
    } else if (before.first() == Some(&"to")
        || (before.get(1) == Some(&"to") && words::is(before[0], Word::Adverb))
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
        Status::Intended
    } else if (has(Word::Modal, 2) && !before.iter().take(3).any(|w| *w == "have"))
        || on_condition(cx, trig)
    {
        Status::Possible
    } else {
        Status::Occurred
    }
}

/// The date of the event a trigger names, from its sentence: the date nearest the
/// trigger that no other trigger is nearer to, not a date that only spells out another
/// or dates a statement, and the opening day where the sentence opens with one.
fn date_of(cx: &Context, trig: (usize, usize), si: usize) -> Option<(DateMention, &'static str)> {
    let s = cx.doc.sentences[si];
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
    cx.dates
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
        .map(|d| (d.clone(), "text"))
}

#[cfg(test)]
mod tests {
    use crate::events::testing::{draft, drafts};
    use crate::events::Status;

    #[test]
    fn negation_and_modality_set_the_status() {
        let d = draft("Militants did not attack the village on Monday.", "attack");
        assert_eq!(d.status, Status::Negated);
        let d = drafts("The Taliban will attack Kabul, a commander said.")
            .into_iter()
            .find(|(_, d)| d.def.plover_type == "ASSAULT")
            .expect("the attack")
            .1;
        assert_eq!(d.status, Status::Future);
        let d = draft(
            "Taliban fighters attacked a police checkpoint in Kandahar.",
            "attacked",
        );
        assert_eq!(d.status, Status::Occurred);
    }
}
