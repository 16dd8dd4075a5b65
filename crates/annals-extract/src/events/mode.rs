use super::{same_paragraph, Context};
use crate::lexicon::ActorKind;
use crate::lexicon::TriggerDef;
use crate::words::casualty_kind;
use crate::words::{self, Word};

/// Re-types a firearms assault whose actor is a weapon or craft ("a Turkish drone
/// attacked": an air strike; "Russian tanks attacked": shelling).
pub(super) fn weapon_mode(def: &mut TriggerDef, head: &str) {
    let (mode, sub) = if words::is(head, Word::AerialWeapon) {
        ("aerial", "Air/drone strike")
    } else if words::is(head, Word::ArtilleryWeapon) {
        ("artillery", "Shelling/artillery/missile attack")
    } else {
        return;
    };
    def.plover_mode = mode.into();
    def.acled_event_type = "Explosions/Remote violence".into();
    def.acled_sub_event_type = sub.into();
}

/// Whether the sentence `si` or the next of its paragraph tells communal sides.
pub(super) fn communal_sides(cx: &Context, si: usize) -> bool {
    let told = |x: usize| {
        let s = &cx.doc.sentences[x];
        (s.first..s.last).any(|k| cx.is(k, Word::Communal))
    };
    told(si) || (si + 1 < cx.doc.sentences.len() && same_paragraph(cx, si, si + 1) && told(si + 1))
}

/// Whether the words right after the trigger name a military object or armed people
/// ("ambushed an army patrol", "attacked a police checkpoint", "opened fire against a
/// military supply convoy", "shot dead a policeman", "killed a QSD member").
pub(super) fn acts_on_military_object(cx: &Context, trig: (usize, usize), last: usize) -> bool {
    let mut from = trig.1;
    // ("shoots and injures a police officer": past a joined verb.)
    if from + 2 < last
        && cx.w(from) == "and"
        && (cx.tree.upos(from + 1) == "VERB" || casualty_kind(cx.w(from + 1)).is_some())
    {
        from += 2;
    }
    while from < last && matches!(cx.w(from), "against" | "on" | "at" | "upon") {
        from += 1;
    }
    let mut window = (from..(from + 7).min(last)).take_while(|&k| {
        !matches!(
            cx.w(k),
            "," | "." | ";" | "and" | "in" | "near" | "on" | "by" | "while" | "who" | "as"
        )
    });
    // "a police officer was shot": armed people suffered it.
    let s = cx.doc.sentences[cx.sent_of[trig.0]];
    let passive_armed = (trig.0..trig.1)
        .flat_map(|t| cx.tree.children(t, s.first, s.last))
        .any(|c| cx.tree.rel(c) == "nsubj:pass" && cx.is(c, Word::ArmedPeople));
    // ("a retired police officer", "an off-duty soldier": out of service, a civilian.)
    let out_of_service = |k: usize| crate::actors::out_of_service(cx.doc, s.first, k);
    let passive_armed = passive_armed
        && !(trig.0..trig.1)
            .flat_map(|t| cx.tree.children(t, s.first, s.last))
            .any(|c| cx.tree.rel(c) == "nsubj:pass" && out_of_service(c));
    passive_armed
        || window.any(|k| {
            // A station is a force's when named so ("police station", not "a gas
            // station worker"); a post is no post office.
            let object = cx.is(k, Word::MilitaryObject)
                && (cx.w(k) != "station"
                    || (k > 0
                        && matches!(
                            cx.w(k - 1),
                            "police"
                                | "military"
                                | "army"
                                | "border"
                                | "security"
                                | "gendarmerie"
                                | "ranger"
                                | "rangers"
                                | "naval"
                        )))
                && !(cx.w(k) == "post" && k + 1 < last && cx.w(k + 1) == "office");
            object
                || (cx.is(k, Word::ArmedPeople) && !out_of_service(k))
                || (cx.w(k) == "member"
                    && cx.actors.iter().any(|m| {
                        m.tokens.1 <= k
                            && m.tokens.0 >= from
                            && matches!(
                                m.kind,
                                ActorKind::RebelGroup | ActorKind::Militia | ActorKind::StateForce
                            )
                    }))
        })
}

#[cfg(test)]
mod tests {
    use crate::events::testing::draft;

    #[test]
    fn the_weapon_and_the_words_give_the_mode() {
        let d = draft("A drone struck a convoy near Mosul.", "struck");
        assert_eq!(d.def.plover_mode, "aerial");
        let d = draft(
            "A gunfight broke out between police and militants in Kupwara.",
            "gunfight",
        );
        assert!(d.gunfight);
        let d = draft(
            "Gunmen killed two people in Jalalabad on Tuesday.",
            "killed",
        );
        assert!(!d.gunfight);
    }
}
