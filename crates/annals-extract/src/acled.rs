//! ACLED's view of an event: its six event types and 25 sub-event types (the one list
//! that the coder, the store's filters, the server and the evaluation all read), and the
//! mapping of a coded draft to them, refined by its actors (civilian targets make
//! Violence against civilians) and what the sentence tells (arson, gunfights, crowds).

use crate::actors::ActorMention;
use crate::events::Draft;
use crate::events::Status;
use crate::lexicon::ActorKind;

/// ACLED's event types.
pub const EVENT_TYPES: [&str; 6] = [
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
];

/// ACLED's sub-event types, in the order of ACLED's codebook, by event type.
pub const SUB_EVENT_TYPES: [&str; 25] = [
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Armed clash",
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
    "Mob violence",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
];

/// The event type a sub-event type belongs to.
pub fn event_type_of(sub: &str) -> Option<&'static str> {
    let i = SUB_EVENT_TYPES.iter().position(|s| *s == sub)?;
    // Sub-types per event type, in codebook order.
    const SIZES: [usize; 6] = [3, 6, 3, 3, 2, 8];
    let mut end = 0;
    for (t, n) in SIZES.iter().enumerate() {
        end += n;
        if i < end {
            return Some(EVENT_TYPES[t]);
        }
    }
    None
}

// Why this function is long: one match over PLOVER type and mode: ACLED's mapping reads
// best as one table.
/// ACLED's event type and sub-event type of a draft: the trigger's default pair, refined
/// by the actors (civilian targets make Violence against civilians), the mode and what the
/// sentence tells (arson, gunfights, communal sides, crowds).
pub fn acled_view(d: &Draft) -> (String, String) {
    let armed = |m: &Option<ActorMention>| {
        m.as_ref().is_some_and(|m| {
            matches!(
                m.kind,
                ActorKind::StateForce
                    | ActorKind::RebelGroup
                    | ActorKind::Militia
                    | ActorKind::State
            )
        })
    };
    let civil = |m: &Option<ActorMention>| {
        m.as_ref().is_some_and(|m| {
            matches!(
                m.kind,
                ActorKind::Civilians | ActorKind::Protesters | ActorKind::Person | ActorKind::Media
            )
        })
    };
    let (mut t, mut s) = (
        d.def.acled_event_type.clone(),
        d.def.acled_sub_event_type.clone(),
    );
    match (d.def.plover_type.as_str(), d.def.plover_mode.as_str()) {
        // "The NAF fired grenade launchers and small arms at the governmental positions",
        // "explosions and shots involving small arms": the sides fought at close range.
        ("ASSAULT", "artillery" | "explosives")
            if d.small_arms
                && t == "Explosions/Remote violence"
                && s != "Suicide bomb"
                && !civil(&d.target) =>
        {
            t = "Battles".into();
            s = "Armed clash".into();
        }
        // "Militants burned a school", "soldiers set fire to 80 houses": fire that
        // hurts no one destroys property, a strategic development to ACLED (a crowd's
        // fire is a riot, below).
        ("ASSAULT", _)
            if d.arson && armed(&d.source) && d.killed.is_none() && d.injured.is_none() =>
        {
            t = "Strategic developments".into();
            s = "Looting/property destruction".into();
        }
        ("ASSAULT", "firearms") | ("ASSAULT", "beat") => {
            let two_sided = s == "Armed clash";
            // ("A military convoy came under attack. At least three soldiers killed": the
            // dead were a force's.)
            let armed_dead = [&d.killed, &d.injured].into_iter().flatten().any(|c| {
                c.of.as_deref().is_some_and(|o| {
                    o.starts_with("Military Forces of") || o.starts_with("Police Forces of")
                })
            });
            // ("A man was killed in a drive-by shooting by armed men": the doer read on
            // both sides is no armed victim.)
            let self_target = d
                .source
                .as_ref()
                .zip(d.target.as_ref())
                .is_some_and(|(a, b)| a.id == b.id && a.is_unidentified());
            // (Party supporters are no armed side either: ACLED codes their fights as
            // riots; a party's own violence is a riot below, whatever it hits.)
            let partisans = d
                .target
                .as_ref()
                .is_some_and(|m| m.kind == ActorKind::PoliticalParty);
            let state_side = [&d.source, &d.target]
                .into_iter()
                .flatten()
                .any(|m| m.is_state_force() || m.kind == ActorKind::Protesters);
            if d.gunfight || (communal_clash(d) && !state_side) {
                // ("Four Shibir activists were wounded in a gunfight with police"; "two
                // clans clashed over grazing land")
                t = "Battles".into();
                s = "Armed clash".into();
            } else if two_sided && (civil(&d.target) || civil(&d.source) || partisans) {
                // "Villagers clashed with residents": no armed side, a brawl; "members of
                // Jamaat-e-Islami and police clashed": a crowd fought the police. Both
                // are riots, a violent demonstration amid a demonstration.
                t = "Riots".into();
                let protesters = [&d.source, &d.target]
                    .into_iter()
                    .flatten()
                    .any(|m| m.kind == ActorKind::Protesters);
                s = if d.amid_demonstration || protesters {
                    "Violent demonstration"
                } else {
                    "Mob violence"
                }
                .into();
            } else if d
                .target
                .as_ref()
                .is_some_and(|m| m.kind == ActorKind::Protesters)
                && d.source
                    .as_ref()
                    .is_none_or(|m| m.is_state_force() || m.is_unidentified())
            {
                // Police firing at a crowd, or a demonstrator killed by no one named,
                // is how ACLED tells the protest itself: met with force, or with
                // deadly force.
                t = "Protests".into();
                s = if d.killed.is_some() {
                    "Excessive force against protesters"
                } else {
                    "Protest with intervention"
                }
                .into();
            } else if civil(&d.target) {
                t = "Violence against civilians".into();
                s = "Attack".into();
            } else if (armed(&d.target) && (two_sided || !self_target))
                || d.armed_object
                || (armed(&d.source) && d.target.is_none() && two_sided)
                || (d.target.is_none() && armed_dead)
            {
                t = "Battles".into();
                s = "Armed clash".into();
            }
        }
        // "JNIM vandalized the house of a civilian", "soldiers looted goods": looting or
        // wrecking by a named armed group or a state force, outside a demonstration, is
        // property destruction; by a crowd or unnamed assailants, a riot.
        ("PROTEST", "riot")
            if armed(&d.source)
                && d.source
                    .as_ref()
                    .is_some_and(|m| m.how != "noun" || m.is_state_force())
                && !d.amid_demonstration
                && d.def.acled_event_type == "Riots"
                && d.killed.is_none()
                && d.injured.is_none() =>
        {
            t = "Strategic developments".into();
            s = "Looting/property destruction".into();
        }
        ("ASSAULT", "occupy") if d.source.as_ref().is_some_and(ActorMention::is_state_force) => {
            s = "Government regains territory".into();
        }
        ("PROTEST", "demonstrate") if d.killed.is_some() => {
            s = "Excessive force against protesters".into();
        }
        ("PROTEST", "demonstrate") if d.intervened => {
            s = "Protest with intervention".into();
        }
        // "Protesters demanded justice", "taxi drivers denounced fuel prices": a crowd
        // that speaks out in a place is a protest (ACLED has no event of words).
        ("REQUEST" | "ACCUSE" | "REJECT" | "DISAPPROVE", _)
            if d.source.as_ref().is_some_and(|m| {
                matches!(m.kind, ActorKind::Protesters | ActorKind::Civilians)
            }) && d.status == Status::Occurred
                && d.place.is_some() =>
        {
            t = "Protests".into();
            s = "Peaceful protest".into();
        }
        // "Levant Front fighters detained a civilian": an armed group's arrest is an
        // abduction.
        ("COERCE", "arrest") if d.source.as_ref().is_some_and(ActorMention::is_armed_group) => {
            t = "Violence against civilians".into();
            s = "Abduction/forced disappearance".into();
        }
        // "Police dispersed the protesters", "fired tear gas at demonstrators": the
        // protest told by the force that met it.
        ("COERCE", _)
            if d.target
                .as_ref()
                .is_some_and(|m| m.kind == ActorKind::Protesters)
                && d.source.as_ref().is_some_and(ActorMention::is_state_force) =>
        {
            t = "Protests".into();
            s = "Protest with intervention".into();
        }
        _ => {}
    }
    // Violence by a crowd or a party's supporters is a riot, whoever it hits: a
    // demonstration that turned violent when the crowd protests, mob violence when not.
    let crowd = d.source.as_ref().and_then(|m| match m.kind {
        ActorKind::Rioters | ActorKind::PoliticalParty if d.amid_demonstration => {
            Some("Violent demonstration")
        }
        ActorKind::Rioters | ActorKind::PoliticalParty => Some("Mob violence"),
        ActorKind::Protesters => Some("Violent demonstration"),
        _ => None,
    });
    let violent = matches!(d.def.plover_type.as_str(), "ASSAULT" | "COERCE")
        && !d.gunfight
        && !communal_clash(d);
    if let (Some(sub), true) = (crowd, violent) {
        t = "Riots".into();
        s = sub.into();
    }
    // A riot word with no demonstration around it ("vandalized the office of a rival
    // candidate", "riots broke out after a killing") is mob violence.
    if d.def.plover_mode == "riot" && s == "Violent demonstration" && !d.amid_demonstration {
        s = "Mob violence".into();
    }
    (t, s)
}

/// A fight between communal sides ("two clans clashed over grazing land").
pub(crate) fn communal_clash(d: &Draft) -> bool {
    d.communal
        && !d.amid_demonstration
        && d.def.plover_type == "ASSAULT"
        && d.def.acled_sub_event_type == "Armed clash"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sub_event_type_has_its_event_type() {
        assert_eq!(event_type_of("Armed clash"), Some("Battles"));
        assert_eq!(event_type_of("Grenade"), Some("Explosions/Remote violence"));
        assert_eq!(
            event_type_of("Abduction/forced disappearance"),
            Some("Violence against civilians")
        );
        assert_eq!(
            event_type_of("Excessive force against protesters"),
            Some("Protests")
        );
        assert_eq!(event_type_of("Mob violence"), Some("Riots"));
        assert_eq!(event_type_of("Other"), Some("Strategic developments"));
        assert_eq!(event_type_of("Battle"), None);
    }

    /// Every pair the trigger lexicon maps to is one of ACLED's, and consistent.
    #[test]
    fn the_trigger_lexicon_names_only_acled_types() {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let lx = crate::lexicon::Lexicons::load(&data).expect("lexicons");
        for d in &lx.triggers {
            assert!(EVENT_TYPES.contains(&d.acled_event_type.as_str()), "{d:?}");
            assert_eq!(
                event_type_of(&d.acled_sub_event_type),
                Some(d.acled_event_type.as_str()),
                "{d:?}"
            );
        }
    }
}
