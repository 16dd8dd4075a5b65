use super::casualties::casualty_kind;
use super::{same_paragraph, Context};
use crate::lexicon::TriggerDef;

/// Weapons and craft that name how an attack was made when they are its subject.
const AERIAL_WEAPONS: &[&str] = &[
    "drone",
    "drones",
    "warplane",
    "warplanes",
    "jets",
    "jet",
    "aircraft",
    "helicopter",
    "helicopters",
    "gunship",
    "gunships",
    "airforce",
];
const ARTILLERY_WEAPONS: &[&str] = &[
    "missile",
    "missiles",
    "rockets",
    "artillery",
    "tanks",
    "tank",
];

/// Re-types a firearms assault whose actor is a weapon or craft ("a Turkish drone
/// attacked": an air strike; "Russian tanks attacked": shelling).
pub(super) fn weapon_mode(def: &mut TriggerDef, head: &str) {
    let (mode, sub) = if AERIAL_WEAPONS.contains(&head) {
        ("aerial", "Air/drone strike")
    } else if ARTILLERY_WEAPONS.contains(&head) {
        ("artillery", "Shelling/artillery/missile attack")
    } else {
        return;
    };
    def.plover_mode = mode.into();
    def.acled_event_type = "Explosions/Remote violence".into();
    def.acled_sub_event_type = sub.into();
}

/// Words that tell communities armed on identity lines, or organised crime.
const COMMUNAL_WORDS: &[&str] = &[
    "ethnic",
    "clan",
    "clans",
    "sub-clan",
    "sub-clans",
    "subclan",
    "subclans",
    "tribal",
    "tribes",
    "intercommunal",
    "inter-communal",
    "herders",
    "pastoralists",
    "grazing",
    "traffickers",
    "trafficking",
];

/// Whether the sentence `si` or the next of its paragraph tells communal sides.
pub(super) fn communal_sides(cx: &Context, si: usize) -> bool {
    let told = |x: usize| {
        let s = &cx.doc.sentences[x];
        (s.first..s.last).any(|k| COMMUNAL_WORDS.contains(&cx.w(k)))
    };
    told(si) || (si + 1 < cx.doc.sentences.len() && same_paragraph(cx, si, si + 1) && told(si + 1))
}

/// Words of an exchange of fire between armed sides.
pub(super) const GUNFIGHT_WORDS: &[&str] = &[
    "gunfight",
    "gunfights",
    "shootout",
    "shootouts",
    "shoot-out",
    "firefight",
    "firefights",
    "gunbattle",
    "encounter",
];

/// Things only armed forces hold: attacking one is fighting them.
const MILITARY_OBJECTS: &[&str] = &[
    "checkpoint",
    "checkpoints",
    "base",
    "bases",
    "outpost",
    "outposts",
    "post",
    "posts",
    "convoy",
    "convoys",
    "patrol",
    "patrols",
    "positions",
    "position",
    "barracks",
    "garrison",
    "tank",
    "tanks",
    "station",
];

/// People who bear arms for a side: killing one is fighting that side, even when no
/// actor is named ("shot dead a policeman", "killed a volunteer fighter").
const ARMED_PEOPLE: &[&str] = &[
    "officer",
    "officers",
    "police",
    "bodyguards",
    "detachment",
    "soldier",
    "soldiers",
    "policeman",
    "policemen",
    "troops",
    "militiamen",
    "militiaman",
    "fighter",
    "fighters",
    "militants",
    "militant",
    "gendarme",
    "gendarmes",
    "jihadists",
    "jihadist",
    "insurgents",
    "insurgent",
    "rebels",
    "rebel",
    "combatants",
    "combatant",
    "serviceman",
    "servicemen",
    "conscripts",
    "paramilitaries",
    "guerrillas",
    "guerrilla",
];

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
        .any(|c| cx.tree.rel(c) == "nsubj:pass" && ARMED_PEOPLE.contains(&cx.w(c)));
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
            let object = MILITARY_OBJECTS.contains(&cx.w(k))
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
                || (ARMED_PEOPLE.contains(&cx.w(k)) && !out_of_service(k))
                || (cx.w(k) == "member"
                    && cx.actors.iter().any(|m| {
                        m.tokens.1 <= k
                            && m.tokens.0 >= from
                            && matches!(m.kind.as_str(), "rebel group" | "militia" | "state force")
                    }))
        })
}
