use super::emit::confidence;
use super::{Context, Draft};
use crate::events::Status;
use crate::output::Count;

/// The article's main violent event that happened: the most confident.
fn main_violence(drafts: &mut [Draft]) -> Option<&mut Draft> {
    drafts
        .iter_mut()
        .filter(|d| {
            (d.def.plover_type == "ASSAULT" || d.def.plover_mode == "riot")
                && d.status == Status::Occurred
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
pub(super) fn toll_shares(cx: &Context, drafts: &mut [Draft]) {
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
pub(super) fn toll_summary(cx: &Context, drafts: &mut [Draft]) {
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

#[cfg(test)]
mod tests {
    use crate::events::testing::output;
    use crate::events::Profile;

    #[test]
    fn a_notes_share_of_a_toll_is_read_only_under_its_profile() {
        let text = "On 8 January 2022, militants attacked an army post near Mopti, killing 20 \
                    soldiers. 20 fatalities split across ten events, coded as 2 for this event.";
        let killed = |p| output(text, p).events[0].killed.as_ref().map(|k| k.value);
        assert_eq!(killed(Profile::News), Some(20));
        assert_eq!(killed(Profile::AcledNotes), Some(2));
    }
}
