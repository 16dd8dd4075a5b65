use super::roles::case_of;
use super::{trigger_head, Context, Draft};
use crate::events::Status;
use crate::words::Word;

/// Whether a crime word names a charge ("charged with murder", "arrested for aggravated
/// assault", "murder charges"): the deed is told elsewhere, if at all.
pub(super) fn named_as_charge(cx: &Context, trig: (usize, usize), first: usize) -> bool {
    if !cx.is(trig.1 - 1, Word::Crime) {
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
pub(super) fn in_modifier(cx: &Context, trig: (usize, usize)) -> bool {
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

/// Mark events told inside another event's phrase of their sentence ([`Draft::embedded`]).
/// What a demand or a threat names directly ("demanded the withdrawal of", "called for
/// sanctions", "threatened an offensive") has not happened: it is wanted (`intended`) or
/// threatened (`future`).
pub(super) fn embedded_events(cx: &Context, drafts: &mut [Draft]) {
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
        let ended = cx.tree.head(h).is_some_and(|g| cx.is(g, Word::Ending));
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
        if d.status != Status::Occurred || !direct {
            continue;
        }
        // (The governor's own type: its head word alone may not be a trigger, as
        // "called" of "called for".)
        match types[j].as_str() {
            "REQUEST" => d.status = Status::Intended,
            "THREATEN" => d.status = Status::Future,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::events::testing::draft;

    #[test]
    fn an_event_told_inside_another_is_embedded() {
        let text = "Protesters demanded the withdrawal of troops from the city.";
        assert!(draft(text, "withdrawal").embedded);
        assert!(!draft(text, "demanded").embedded);
    }
}
