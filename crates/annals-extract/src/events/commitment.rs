use super::{Context, Draft};
use crate::events::Status;
use crate::words::Word;

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

/// PLOVER codes a party's word about what it will do as the word, not the deed: "Iraq
/// said it would allow the return of inspectors" and "Syria is willing to withdraw its
/// troops" are AGREE; "NATO would tighten the naval blockade", "Nigeria will withdraw its
/// force unless ..." are THREATEN. A deed told so (and not inside another event's
/// words) gains that statement as an event of its own, which happened, on the same
/// words: force, coercion, sanctions and mobilising, or any deed on a condition
/// ("unless", "if"), are threats; the rest are promises. The deed stays, with its own
/// status (`future`, `intended`, ...), ranked below the statement.
pub(super) fn commitments(cx: &Context, drafts: &mut Vec<Draft>) {
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
        let conditional = (s.first..s.last).any(|k| cx.is(k, Word::Condition));
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
            || !matches!(
                d.status,
                Status::Future | Status::Intended | Status::Possible | Status::Occurred
            )
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
        said.status = Status::Occurred;
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

#[cfg(test)]
mod tests {
    use crate::events::testing::drafts;
    use crate::events::Status;

    #[test]
    fn a_partys_word_about_its_deed_is_an_agreement() {
        let all = drafts("Iraq said it would allow the return of UN inspectors.");
        let agree = all
            .iter()
            .find(|(_, d)| d.def.plover_type == "AGREE")
            .expect("an AGREE");
        assert_eq!(agree.1.status, Status::Occurred);
        assert!(all
            .iter()
            .any(|(_, d)| d.def.plover_type != "AGREE" && d.status == Status::Future));
    }
}
