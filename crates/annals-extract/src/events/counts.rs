use super::Counted;
use super::{casualty_at, one_person};
use super::{same_paragraph, Context, Draft};
use crate::events::Status;
use crate::numbers::NumberPhrase;
use crate::output::Count;
use crate::output::Quantity;
use crate::words::casualty_kind;
use crate::words::Word;
use annals_text::Span;

/// Figures that count no one: an age in apposition ("Amy Hopkins, 44, died"), a street
/// number ("the 9700 block", "1365 Martin Luther King Avenue"), a date's day or year.
pub(super) fn not_a_count(cx: &Context, (a, b): (usize, usize), first: usize, last: usize) -> bool {
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

// Why this function is long: each figure is read once, in text order, by a chain of
// rules that share its context (the sentence, the casualty word found, the draft it
// joins).
/// Attach counts and quantities to the drafts: each figure goes to the nearest event of
/// a fitting type in its sentence, or to the last violent event of the two sentences
/// before ("... clashed with police. Three people were killed.").
pub(super) fn attach_numbers(cx: &Context, drafts: &mut [Draft]) {
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
        let mut best: Option<(usize, Counted)> = None;
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
            .any(|&k| cx.is(k, Word::People) || cx.actors.iter().any(|m| m.tokens.0 == k))
            || after.is_empty()
            || after
                .first()
                .is_some_and(|&k| casualty_kind(cx.w(k)).is_some_and(Counted::is_toll));
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
                    && !cx.is(j - 1, Word::PassiveAux)
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
            Some((_, k)) if of_people || k == Counted::Killed => (k, true),
            _ if seize_here && !of_people => (Counted::Seized, false),
            _ => continue,
        };
        let fits = |d: &Draft| match what {
            Counted::Killed | Counted::Injured => {
                d.def.plover_type == "ASSAULT" || d.def.plover_type == "PROTEST"
            }
            Counted::Captured => d.def.plover_type == "ASSAULT" || d.def.plover_mode == "arrest",
            Counted::Arrested => {
                d.def.plover_mode == "arrest"
                    || d.def.plover_type == "PROTEST"
                    || d.def.plover_type == "ASSAULT"
            }
            Counted::Seized => d.def.plover_mode == "seize",
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
                        && d.status == Status::Occurred
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
        let joined = what
            .is_toll()
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
            Counted::Killed | Counted::Injured => match d.toll_mut(what) {
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
            Counted::Captured if d.captured.is_none() => d.captured = Some(count),
            Counted::Arrested if d.arrested.is_none() => d.arrested = Some(count),
            Counted::Captured | Counted::Arrested => {}
            _ => d.quantities.push(Quantity {
                what: what.as_str().to_string(),
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

#[cfg(test)]
mod tests {
    use crate::events::testing::draft;

    #[test]
    fn a_figure_before_a_casualty_word_is_the_toll() {
        let d = draft(
            "Clashes between the army and rebels killed 12 soldiers in Idlib.",
            "Clashes",
        );
        let k = d.killed.expect("a toll");
        assert_eq!((k.value, k.qualifier), (12, None));
        let d = draft("Police arrested 30 protesters in Lagos.", "arrested");
        assert_eq!(d.arrested.map(|k| k.value), Some(30));
        assert!(d.killed.is_none());
    }
}
