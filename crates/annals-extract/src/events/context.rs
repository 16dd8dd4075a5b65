use super::{dates_a_statement, Context, Draft};
use crate::acled::{acled_view, communal_clash};
use crate::actors::ActorMention;
use crate::lexicon::ActorKind;
use annals_geo::Kind;
use annals_text::Span;

/// The country an event happened in: its place's, else the country its actors or
/// demonyms give away, else the article's focus.
fn event_country(cx: &Context, d: &Draft) -> Option<String> {
    d.place
        .map(|(pi, _, _)| {
            cx.g.entries[cx.places.places[pi].entry as usize]
                .country
                .clone()
        })
        .or_else(|| {
            d.inferred_place
                .map(|(e, _)| cx.g.entries[e as usize].country.clone())
        })
        .or_else(|| cx.places.focus_country.clone())
}

/// "Police Forces of Unknown" where the article names no country beside the noun: the
/// country of the event's place (or, without one, of its actors or the article's focus)
/// is theirs ("police in Kaya" are Burkina Faso's police).
pub(super) fn actor_countries(cx: &Context, drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        let country = event_country(cx, d);
        let Some(cc) = country.filter(|c| !c.is_empty()) else {
            continue;
        };
        let Some(name) = cx.g.country(&cc).map(|e| e.name.clone()) else {
            continue;
        };
        for m in [&mut d.source, &mut d.target].into_iter().flatten() {
            if m.how == "noun" && m.country.is_empty() && m.name.contains("Unknown") {
                m.name = m.name.replace("Unknown", &name);
                m.id = crate::actors::slug(&m.name);
                m.country = cc.clone();
            }
        }
        // And the speaker named by such a noun ("a Long Beach police spokesperson").
        for a in std::iter::once(&mut d.attribution).chain(d.claims.iter_mut()) {
            if let Some(by) = a.by.as_mut().filter(|b| b.contains("Unknown")) {
                *by = by.replace("Unknown", &name);
                a.by_id = Some(crate::actors::slug(by));
            }
        }
    }
}

/// Fill in what a draft's own sentences do not say: the date of the nearest earlier
/// date expression, and the nearest earlier (or, failing that, later) place.
pub(super) fn fill_from_context(cx: &Context, drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        let at = cx.doc.sentences[d.sentence].first;
        if d.date.is_none() {
            // The nearest earlier date of the article, else the first later one.
            d.date = cx
                .dates
                .iter()
                .filter(|m| {
                    m.tokens.1 <= d.trigger.0 && m.precision == "day" && !dates_a_statement(cx, m)
                })
                .max_by_key(|m| m.tokens.1)
                .or_else(|| {
                    cx.dates.iter().find(|m| {
                        m.tokens.0 >= d.trigger.1
                            && m.precision == "day"
                            && m.value <= cx.article_date
                            && !dates_a_statement(cx, m)
                    })
                })
                // When nothing else dates it, the day it was told of is the nearest
                // bound: "militants were killed ..., an official said on Wednesday".
                .or_else(|| {
                    cx.dates
                        .iter()
                        .filter(|m| m.precision == "day" && m.value <= cx.article_date)
                        .min_by_key(|m| m.tokens.0.abs_diff(d.trigger.0))
                })
                .map(|m| (m.clone(), "context"));
        }
        if d.place.is_none() {
            let sub_national =
                |pi: usize| cx.g.entries[cx.places.places[pi].entry as usize].kind != Kind::Country;
            let mut cands: Vec<(usize, usize, Span)> = Vec::new(); // (distance, place, span)
            for (pi, p) in cx.places.places.iter().enumerate() {
                if !sub_national(pi) {
                    continue;
                }
                for (k, t) in p.mention_tokens.iter().enumerate() {
                    let dist = if t.1 <= at {
                        (at - t.1) * 2
                    } else {
                        t.0.saturating_sub(at) * 3
                    };
                    cands.push((dist, pi, p.mentions[k]));
                }
            }
            // A body named after a region or city of the focus (or of any country, with
            // none): "teachers of the Haryana Computer Teachers Welfare Association took to
            // the streets" stand in Haryana.
            let named_after = || {
                cx.places.in_names.iter().find(|n| {
                    cx.places
                        .focus_country
                        .as_ref()
                        .is_none_or(|f| *f == cx.g.entries[n.entry as usize].country)
                })
            };
            if let Some(&(_, pi, sp)) = cands.iter().min_by_key(|c| c.0) {
                d.place = Some((pi, sp, true));
            } else if let Some(n) = named_after() {
                d.inferred_place = Some((n.entry, n.span));
                continue;
            } else if let Some((pi, p)) = cx.places.places.iter().enumerate().find(|(_, p)| {
                Some(&cx.g.entries[p.entry as usize].country) == cx.places.focus_country.as_ref()
            }) {
                d.place = Some((pi, p.mentions[0], true));
            }
        }
        if d.place.is_none() {
            d.inferred_place = country_of_actors(cx, d);
        }
    }
}

/// The country an event with no named place most likely happened in: that of a state
/// actor taking part ("Israeli police arrested"), else of any actor with a country, else
/// the article's demonyms ("Lao workers") or country cues ("upazila"). Country
/// precision, marked inferred.
fn country_of_actors(cx: &Context, d: &Draft) -> Option<(u32, Span)> {
    let actors = [&d.source, &d.target];
    let state = |m: &ActorMention| matches!(m.kind, ActorKind::StateForce | ActorKind::Government);
    let pick = actors
        .iter()
        .filter_map(|m| m.as_ref())
        .filter(|m| !m.country.is_empty())
        .max_by_key(|m| state(m));
    if let Some(m) = pick {
        if let Some(i) = cx.g.country_index(&m.country) {
            return Some((i, m.span));
        }
    }
    // ("MCA Julius Gaya was barred ...": a word of one country's public life.)
    let focus = cx.places.focus_country.as_deref()?;
    let span = cx
        .places
        .demonyms
        .iter()
        .chain(&cx.places.cues)
        .find(|(_, cc)| cc == focus)
        .map(|(sp, _)| *sp)?;
    cx.g.country_index(focus).map(|i| (i, span))
}

/// A demonstration's actor is the crowd: ACLED codes whoever marches ("farmers",
/// "students", "residents", or nobody named) as Protesters, or Rioters when the crowd
/// turns violent, of the country it happens in; civilians who attack are Rioters too. Named organisers (a party, a union)
/// stay.
pub(super) fn crowd_actor(cx: &Context, d: &mut Draft) {
    let (t, _) = acled_view(d);
    // A crowd fighting the police is the riot's first actor, the police the second.
    if t == "Riots"
        && d.source.as_ref().is_some_and(ActorMention::is_state_force)
        && d.target.as_ref().is_some_and(ActorMention::is_crowd)
    {
        std::mem::swap(&mut d.source, &mut d.target);
    }
    // Villagers, residents or students who beat, burn or kill are a mob to ACLED.
    let mob = !communal_clash(d)
        && (d.def.plover_type == "ASSAULT"
            || (d.def.plover_type == "COERCE" && d.def.plover_mode == "destroy"))
        && d.source.as_ref().is_some_and(|m| {
            let head = cx.w(m.tokens.1 - 1);
            m.kind == ActorKind::Civilians
                && (head.ends_with('s')
                    || head.ends_with("men")
                    || matches!(head, "people" | "children"))
        });
    let role = match t.as_str() {
        _ if mob => ("Rioters", ActorKind::Rioters),
        "Protests" => ("Protesters", ActorKind::Protesters),
        "Riots" => ("Rioters", ActorKind::Rioters),
        _ => return,
    };
    let country = event_country(cx, d).unwrap_or_default();
    let name = match cx.g.country(&country) {
        Some(c) => format!("{} ({})", role.0, c.name),
        None => role.0.to_string(),
    };
    // A named organiser stays the source; ACLED names the crowd it led first.
    if let Some(m) = d.source.as_ref().filter(|m| !m.is_crowd()) {
        if m.kind == ActorKind::PoliticalParty {
            d.acled_crowd = Some(name);
        }
        return;
    }
    let (span, tokens) = match &d.source {
        Some(m) => (m.span, m.tokens),
        None => (
            (
                cx.doc.tokens[d.trigger.0].start,
                cx.doc.tokens[d.trigger.1 - 1].end,
            ),
            d.trigger,
        ),
    };
    d.source = Some(ActorMention {
        id: crate::actors::slug(&name),
        name,
        kind: role.1,
        country,
        span,
        tokens,
        counted: false,
        how: "crowd",
    });
}

/// An attack told without its doer ("a civilian was shot dead in Kaya", "an IED
/// exploded") is, in ACLED's words, by an Unidentified Armed Group of the event's
/// country (named as data/actor_nouns.tsv names "armed group"): the actor is implied
/// (`how` = "implied"), its span the trigger's.
pub(super) fn unidentified_perpetrator(cx: &Context, d: &mut Draft) {
    let (t, _) = acled_view(d);
    let armed_violence = matches!(
        t.as_str(),
        "Violence against civilians" | "Battles" | "Explosions/Remote violence"
    );
    if d.source.is_some() || d.def.plover_type != "ASSAULT" || !armed_violence {
        return;
    }
    // "Israeli airstrikes", "a Russian missile strike": a country's word before a strike
    // names its armed forces; else the actor nouns' own entry for an armed group.
    d.source = state_strike(cx, d).or_else(|| {
        let country = event_country(cx, d).unwrap_or_default();
        noun_actor(cx, "armed group", &country, d.trigger, "implied")
    });
}

/// The forces of the country named right before a remote strike's noun ("Israeli
/// airstrikes", "a US drone strike", "Russian shelling"), adjectives between allowed.
fn state_strike(cx: &Context, d: &Draft) -> Option<ActorMention> {
    let remote = matches!(d.def.plover_mode.as_str(), "aerial" | "artillery")
        && cx.tree.upos(d.trigger.0) == "NOUN";
    if !remote {
        return None;
    }
    let first = cx.doc.sentences[d.sentence].first;
    let mut k = d.trigger.0;
    while k > first && k + 2 > d.trigger.0 && matches!(cx.tree.upos(k - 1), "ADJ" | "PROPN") {
        k -= 1;
        if let Some(cc) = crate::actors::country_word(cx.g, &cx.keys.norm[k]) {
            return cx
                .g
                .country(&cc)
                .and_then(|_| noun_actor(cx, "forces", &cc, (k, k + 1), "noun"));
        }
    }
    None
}

/// The actor data/actor_nouns.tsv makes of its noun `key` for country `cc` ("armed
/// group" -> "Unidentified Armed Group (Mali)"), mentioned at `tokens`.
fn noun_actor(
    cx: &Context,
    key: &str,
    cc: &str,
    tokens: (usize, usize),
    how: &'static str,
) -> Option<ActorMention> {
    let def = cx.lx.noun_keys.get(key).map(|&i| &cx.lx.nouns[i])?;
    let name = def.template.replace(
        "{country}",
        cx.g.country(cc).map_or("Unknown", |c| c.name.as_str()),
    );
    Some(ActorMention {
        id: crate::actors::slug(&name),
        name,
        kind: def.kind,
        country: cc.to_string(),
        span: (
            cx.doc.tokens[tokens.0].start,
            cx.doc.tokens[tokens.1 - 1].end,
        ),
        tokens,
        counted: false,
        how,
    })
}

#[cfg(test)]
mod tests {
    use crate::events::testing::draft;

    #[test]
    fn an_attack_without_its_doer_has_an_unidentified_source() {
        let d = draft("A man was shot dead in Chicago on Sunday.", "shot dead");
        let s = d.source.expect("a source");
        assert_eq!(s.name, "Unidentified Armed Group (United States)");
    }

    #[test]
    fn a_crowds_violence_has_the_rioters_as_source() {
        let d = draft(
            "Supporters of the two parties clashed in Sylhet, hurling stones at each other.",
            "clashed",
        );
        assert_eq!(
            d.source.map(|s| s.name).as_deref(),
            Some("Rioters (Bangladesh)")
        );
    }
}
