use super::merge::same_actor;
use super::{same_paragraph, Context, Draft};
use crate::actors::ActorMention;
use crate::events::Status;
use crate::lexicon::ActorKind;
use crate::words::Word;

/// Whether one of `preps` governs the word at `k`: it stands within four words before,
/// with only "the" and modifiers between ("against the brutal killing"), and does not
/// end a name before it ("students of Bungoma High School set fire").
fn governed_by(cx: &Context, k: usize, preps: Word) -> bool {
    let lo = cx.doc.sentences[cx.sent_of[k]]
        .first
        .max(k.saturating_sub(4));
    (lo..k).any(|j| {
        cx.is(j, preps)
            && (j + 1..k).all(|x| matches!(cx.tree.upos(x), "DET" | "ADJ" | "NUM" | "PRON" | "ADV"))
    })
}

/// A demonstration whose crowd turns violent in the same sentence, or is named doing so
/// in the next (throws
/// stones, burns tyres, clashes, vandalises) is a violent demonstration: PROTEST/riot,
/// ACLED Riots. Force used by the police alone does not make it one, nor violence the
/// crowd protests against.
pub(super) fn violent_demonstrations(cx: &Context, drafts: &mut [Draft]) {
    let grievance = |v: &Draft| {
        let first = cx.doc.sentences[v.sentence].first;
        governed_by(cx, v.trigger.0, Word::Grievance)
            || (v.trigger.0.saturating_sub(5).max(first)..v.trigger.0).any(|j| {
                cx.is(j, Word::GrievanceNear)
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
        .filter(|v| v.status == Status::Occurred && !grievance(v))
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
            cx.is(k, Word::Riot)
                && !(k.saturating_sub(4).max(s.first)..k)
                    .any(|j| matches!(cx.w(j), "against" | "over" | "following" | "after" | "of"))
        })
    };
    let doc = cx.doc;
    let demo_words = |si: usize| {
        let s = doc.sentences[si];
        (s.first..s.last).any(|k| {
            cx.is(k, Word::Demonstration)
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
            && d.status == Status::Occurred
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
pub(super) fn protest_context(cx: &Context, drafts: &mut [Draft]) {
    let protest = |d: &Draft| {
        d.def.plover_type == "PROTEST"
            && d.def.plover_mode == "demonstrate"
            && d.status == Status::Occurred
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
                        && o.status == Status::Occurred
                        && !o.embedded
                        && !o.subordinate
                })
        };
        let cue = (lo..hi).find(|&k| {
            (cx.is(k, Word::Intervention) && told(k))
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
            .filter(|m| m.kind == ActorKind::StateForce && m.tokens.0 >= lo && m.tokens.1 <= hi)
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
            && d.source
                .as_ref()
                .is_none_or(|m| m.kind == ActorKind::StateForce);
        let by_crowd = d.target.is_none() && d.source.as_ref().is_some_and(ActorMention::is_crowd);
        d.within_protest = on_crowd || by_crowd;
    }
}

#[cfg(test)]
mod tests {
    use crate::events::testing::draft;

    #[test]
    fn a_protest_the_police_broke_up_is_one_with_intervention() {
        let text =
            "Hundreds of protesters rallied in Dhaka. Police fired tear gas to disperse them.";
        assert!(draft(text, "rallied").intervened);
        assert!(draft(text, "tear gas").within_protest);
        let d = draft(
            "Protesters rallied in Dhaka against the new tax.",
            "rallied",
        );
        assert!(!d.intervened);
    }
}
