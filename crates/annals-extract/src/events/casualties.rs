use super::counts::not_a_count;
use super::merge::same_victim;
use super::{casualty_at, one_person, Counted};
use super::{Context, Draft};
use crate::events::Status;
use crate::output::Count;
use crate::words::{self, casualty_kind, Word};

// Why this function is long: one pass over the sentences that tell of a victim; its
// branches (named, counted, one person) share the sentence's state.
/// "A man was shot dead", "gunmen wounded a policeman": where an event's own words say
/// someone died (or was hurt) and no figure was given, a victim named as "a man" (the
/// subject of the passive, or the object) is one death (one injured).
pub(super) fn attach_single_victims(cx: &Context, drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        let violent = d.def.plover_type == "ASSAULT" || d.def.plover_mode == "riot";
        if !violent || d.status != Status::Occurred {
            continue;
        }
        let says =
            |kind: Counted| (d.trigger.0..d.trigger.1).any(|k| casualty_at(cx, k) == Some(kind));
        // "shot her to death", "was found shot dead"
        let to_death = (d.trigger.1..(d.trigger.1 + 4).min(cx.doc.sentences[d.sentence].last))
            .any(|k| matches!(cx.w(k), "death" | "dead"));
        let kind = if says(Counted::Killed) || to_death {
            Counted::Killed
        } else if says(Counted::Injured) {
            Counted::Injured
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

/// "One man was killed and another injured": "another" before a casualty word, with no
/// figure, is one more casualty of that kind for the sentence's violent event.
pub(super) fn another_casualty(cx: &Context, drafts: &mut [Draft]) {
    for (si, s) in cx.doc.sentences.iter().enumerate() {
        for k in s.first..s.last.saturating_sub(1) {
            if cx.w(k) != "another" {
                continue;
            }
            let Some(kind) = casualty_kind(cx.w(k + 1)).filter(|c| c.is_toll()) else {
                continue;
            };
            let Some(d) = drafts.iter_mut().find(|d| {
                d.sentence == si
                    && d.def.plover_type == "ASSAULT"
                    && d.status == Status::Occurred
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
pub(super) fn fatal_among_shot(cx: &Context, drafts: &mut [Draft]) {
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
pub(super) fn wound_victims(cx: &Context, drafts: &mut [Draft]) {
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
                || words::is(w, Word::OnePerson)
                || (cx.tree.upos(j) == "PROPN"
                    && cx.doc.tok(j).chars().next().is_some_and(char::is_uppercase)
                    && j > s.first)
        });
        if died || counted || !one {
            continue;
        }
        let fits = |d: &Draft| {
            d.def.plover_type == "ASSAULT"
                && d.status == Status::Occurred
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
pub(super) fn later_deaths(cx: &Context, drafts: &mut [Draft]) {
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
                        && d.status == Status::Occurred
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
                || words::is(w, Word::OnePerson)
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
        let violent = |d: &Draft| d.def.plover_type == "ASSAULT" && d.status == Status::Occurred;
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
        } else if upos == "PROPN" || words::is(w, Word::OnePerson) {
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
pub(super) fn left_casualties(cx: &Context, drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        if d.def.plover_type != "ASSAULT" || d.status != Status::Occurred {
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
pub(super) fn fatal_nouns(cx: &Context, drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        if d.def.plover_type != "ASSAULT" || d.status != Status::Occurred || d.killed.is_some() {
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
                .is_some_and(|i| i.value == 1 && same_victim(cx.doc.text, &killed, i))
        {
            d.injured = None;
        }
        d.killed = Some(killed);
    }
}

#[cfg(test)]
mod tests {
    use crate::events::testing::draft;

    #[test]
    fn a_single_victim_is_one_death() {
        let d = draft("A man was shot dead in Chicago on Sunday.", "shot dead");
        assert_eq!(d.killed.map(|k| k.value), Some(1));
    }

    #[test]
    fn a_later_death_among_the_shot_counts() {
        let d = draft(
            "Three people were shot in Detroit. One of them died later in hospital.",
            "shot",
        );
        assert_eq!(d.killed.map(|k| k.value), Some(1));
    }
}
