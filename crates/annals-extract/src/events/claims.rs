use super::emit::trigger_text;
use super::{same_paragraph, trigger_head, Context, Draft};
use crate::actors::ActorMention;
use crate::lexicon::ActorKind;
use crate::output::Attribution;
use crate::words::{self, Word};

pub(super) fn attribute(
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
        cx.is(j, Word::Hedge)
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
        _ if words::is(&verb, Word::DenyVerb) => "denied",
        _ if hedged_sentence => "hedged",
        _ if words::is(&verb, Word::ClaimVerb) || own_side => "claimed",
        Some(sp)
            if party(&sp.id) || matches!(sp.kind, ActorKind::RebelGroup | ActorKind::Militia) =>
        {
            "claimed"
        }
        Some(sp)
            if sp.kind == ActorKind::Person
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
pub(super) fn implied_claimants(cx: &Context, drafts: &mut [Draft]) {
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

#[cfg(test)]
mod tests {
    use crate::events::testing::draft;

    #[test]
    fn the_reporting_verb_gives_the_certainty() {
        let d = draft(
            "The Taliban claimed they killed 20 soldiers in Helmand.",
            "killed",
        );
        assert_eq!(d.attribution.certainty, "claimed");
        assert_eq!(d.attribution.by.as_deref(), Some("Taliban"));
        let d = draft(
            "The army denied that its troops shelled the village.",
            "shelled",
        );
        assert_eq!(d.attribution.certainty, "denied");
        let d = draft(
            "Gunmen killed two people in Jalalabad on Tuesday.",
            "killed",
        );
        assert_eq!(d.attribution.certainty, "asserted");
    }
}
