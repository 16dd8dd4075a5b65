use super::{Context, Draft};
use crate::actors::ActorMention;
use crate::events::Status;
use crate::output::EventDate;
use crate::output::EventPlace;
use crate::output::GeoRef;
use crate::output::TextSpan;
use crate::output::{Actor, ActorRef, ArticleMeta, ArticleOutput, Event, Place, Quote};
use annals_geo::words::PlaceWord;
use annals_geo::Gazetteer;
use annals_geo::Kind;
use annals_text::Span;
use std::collections::HashMap;

/// What background told in a modifying clause loses against the main event.
const SUBORDINATE: f64 = 0.1;

/// The confidence of a finished draft.
pub(crate) fn confidence(d: &Draft) -> f64 {
    let mut c = d.def.weight * 0.7;
    // (An implied doer is no evidence that the words name an event.)
    c += 0.08 * d.source.as_ref().is_some_and(|m| m.how != "implied") as u8 as f64;
    c += 0.08 * d.target.is_some() as u8 as f64;
    c += if d.place_from_text { 0.06 } else { 0.0 };
    c += if matches!(d.date, Some((_, "text"))) {
        0.04
    } else {
        0.0
    };
    c += 0.04 * (d.killed.is_some() || d.injured.is_some()) as u8 as f64;
    c += 0.05 * ((d.reports.min(4) - 1) as f64);
    if d.status != Status::Occurred {
        c -= 0.3;
    }
    if d.attribution.certainty == "hedged" {
        c -= 0.1;
    }
    if d.within_protest {
        c -= 0.25;
    }
    if d.embedded {
        c -= 0.3;
    }
    if d.subordinate {
        c -= SUBORDINATE;
    }
    (c.clamp(0.05, 0.99) * 1000.0).round() / 1000.0
}

/// Make an [`ActorRef`].
pub(crate) fn actor_ref(m: &ActorMention) -> ActorRef {
    ActorRef {
        id: m.id.clone(),
        name: m.name.clone(),
        kind: m.kind.as_str().into(),
        country: (!m.country.is_empty()).then(|| m.country.clone()),
        span: [m.span.0, m.span.1],
    }
}

/// Make the output date of a draft.
pub(crate) fn event_date(cx: &Context, d: &Draft) -> EventDate {
    match &d.date {
        Some((m, src)) => EventDate {
            value: m.value.to_string(),
            precision: m.precision.into(),
            source: (*src).into(),
            text: Some(cx.doc.text[m.span.0..m.span.1].to_string()),
            span: Some([m.span.0, m.span.1]),
        },
        None => EventDate {
            value: cx.article_date.to_string(),
            precision: "day".into(),
            source: "article_date".into(),
            text: None,
            span: None,
        },
    }
}

/// Make the output place of a draft.
pub(crate) fn event_place(cx: &Context, d: &Draft) -> Option<EventPlace> {
    if let Some(named) = d.unresolved {
        // Named in the text, located by the place or country that contains it.
        let (entry, precision) = match (d.place, d.inferred_place) {
            (Some((pi, _, _)), _) => {
                let p = &cx.places.places[pi];
                let e = &cx.g.entries[p.entry as usize];
                let precision = match e.kind {
                    Kind::Place => "near",
                    Kind::Admin2 => "admin2",
                    Kind::Admin1 => "admin1",
                    Kind::Country => "country",
                };
                (e, precision)
            }
            (None, Some((e, _))) => {
                let e = &cx.g.entries[e as usize];
                (e, annals_geo::resolve::precision_of(e))
            }
            // Else the article's focus country ("the settlement of Ard Jaburin" in an
            // article about Syria).
            (None, None) => {
                let focus = cx.places.focus_country.as_deref()?;
                (
                    &cx.g.entries[cx.g.country_index(focus)? as usize],
                    "country",
                )
            }
        };
        let mut geo = geo_ref(cx.g, entry, precision);
        geo.name = cx.doc.text[named.0..named.1].to_string();
        geo.geonameid = 0;
        return Some(EventPlace {
            geo,
            span: [named.0, named.1],
            inferred: false,
        });
    }
    let Some((pi, span, inferred)) = d.place else {
        let (e, span) = d.inferred_place?;
        let e = &cx.g.entries[e as usize];
        return Some(EventPlace {
            geo: geo_ref(cx.g, e, annals_geo::resolve::precision_of(e)),
            span: [span.0, span.1],
            inferred: true,
        });
    };
    let p = &cx.places.places[pi];
    // "30 km north of Kabul", "near Kandahar", "on the outskirts of Goma": the event is
    // beside the town, not in it.
    let tokens = p
        .mentions
        .iter()
        .position(|&m| m == span)
        .map(|k| p.mention_tokens[k]);
    let beside = tokens.is_some_and(|t| near_phrase(cx, t.0));
    let precision = if beside && p.precision == "exact" {
        "near"
    } else {
        p.precision
    };
    Some(EventPlace {
        geo: geo_ref(cx.g, &cx.g.entries[p.entry as usize], precision),
        span: [span.0, span.1],
        inferred,
    })
}

/// The place of a draft the gazetteer lacks, as the text names it: the event's
/// `unlocated_place` where [`event_place`] finds nothing to locate it by.
pub(crate) fn named_place(cx: &Context, d: &Draft) -> Option<TextSpan> {
    let named = d.unresolved?;
    Some(TextSpan {
        text: cx.doc.text[named.0..named.1].to_string(),
        span: [named.0, named.1],
    })
}

/// Whether the words before token `at` put a place at some distance: "north of",
/// "outskirts of", "near", "outside", "close to".
pub(crate) fn near_phrase(cx: &Context, at: usize) -> bool {
    let before = |k: usize| if at >= k { cx.w(at - k) } else { "" };
    matches!(before(1), "near" | "outside" | "nearby")
        || (before(1) == "to" && before(2) == "close")
        || (before(1) == "of" && annals_geo::words::is(before(2), PlaceWord::Side))
        || (before(1) == "of"
            && before(2) == "the"
            && annals_geo::words::is(before(3), PlaceWord::Side))
}

/// The output fields of a gazetteer entry.
pub(crate) fn geo_ref(g: &Gazetteer, e: &annals_geo::Entry, precision: &str) -> GeoRef {
    GeoRef {
        name: e.name.clone(),
        admin1: g.admin1_name(e),
        admin1_code: (e.kind != Kind::Country && !e.admin1.is_empty() && !e.admin1.ends_with('.'))
            .then(|| e.admin1.clone()),
        country: e.country.clone(),
        lat: e.lat,
        lon: e.lon,
        geonameid: e.geonameid,
        precision: precision.into(),
    }
}

/// The trigger words of a draft.
pub(crate) fn trigger_text(cx: &Context, d: &Draft) -> TextSpan {
    let (a, b) = d.trigger;
    let span = (cx.doc.tokens[a].start, cx.doc.tokens[b - 1].end);
    TextSpan {
        text: cx.doc.text[span.0..span.1].to_string(),
        span: [span.0, span.1],
    }
}

/// The article's output: its events (most confident first, numbered "e1", "e2", ...),
/// its actors and places each once with every mention, and its direct quotes.
pub(crate) fn article_output(
    cx: &Context,
    article: &annals_text::Article,
    drafts: &[Draft],
) -> ArticleOutput {
    let (doc, g, places, statements, actors) = (cx.doc, cx.g, cx.places, cx.statements, cx.actors);
    let mut evs: Vec<(f64, usize, Event)> = drafts
        .iter()
        .map(|d| {
            let (t, s) = crate::acled::acled_view(d);
            let conf = confidence(d);
            let place = event_place(cx, d);
            let unlocated_place = place.is_none().then(|| named_place(cx, d)).flatten();
            let ev = Event {
                id: String::new(),
                plover_type: d.def.plover_type.clone(),
                plover_mode: d.def.plover_mode.clone(),
                acled_event_type: t,
                acled_sub_event_type: s,
                status: d.status.as_str().into(),
                source_actor: d.source.as_ref().map(actor_ref),
                target_actor: d.target.as_ref().map(actor_ref),
                acled_actor1: d.acled_crowd.clone(),
                trigger: trigger_text(cx, d),
                place,
                unlocated_place,
                date: event_date(cx, d),
                killed: d.killed.clone(),
                injured: d.injured.clone(),
                captured: d.captured.clone(),
                arrested: d.arrested.clone(),
                quantities: d.quantities.clone(),
                attribution: d.attribution.clone(),
                // The article's own voice counts as a claim only when nobody is quoted.
                claims: if d.claims.iter().any(|c| c.by.is_some()) {
                    d.claims
                        .iter()
                        .filter(|c| c.by.is_some())
                        .cloned()
                        .collect()
                } else {
                    d.claims.clone()
                },
                evidence: d
                    .evidence
                    .iter()
                    .map(|&(a, b)| TextSpan {
                        text: doc.text[a..b].to_string(),
                        span: [a, b],
                    })
                    .collect(),
                confidence: conf,
            };
            (conf, d.trigger.0, ev)
        })
        .collect();
    evs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let events: Vec<Event> = evs
        .into_iter()
        .enumerate()
        .map(|(i, (_, _, mut e))| {
            e.id = format!("e{}", i + 1);
            e
        })
        .collect();

    // Actors of the article, each once.
    let mut out_actors: Vec<Actor> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut add = |id: &str, name: &str, kind: &str, country: &str, span: Span| {
        let i = *index.entry(id.to_string()).or_insert_with(|| {
            out_actors.push(Actor {
                id: id.into(),
                name: name.into(),
                kind: kind.into(),
                country: (!country.is_empty()).then(|| country.to_string()),
                mentions: Vec::new(),
            });
            out_actors.len() - 1
        });
        let m = [span.0, span.1];
        if !out_actors[i].mentions.contains(&m) {
            out_actors[i].mentions.push(m);
        }
    };
    for m in actors {
        add(&m.id, &m.name, m.kind.as_str(), &m.country, m.span);
    }
    for st in statements {
        if let Some(sp) = &st.speaker {
            if !sp.id.is_empty() {
                add(&sp.id, &sp.name, sp.kind.as_str(), "", sp.span);
            }
        }
    }
    for a in &mut out_actors {
        a.mentions.sort();
    }

    let out_places: Vec<Place> = places
        .places
        .iter()
        .map(|p| Place {
            geo: geo_ref(g, &g.entries[p.entry as usize], p.precision),
            reason: p.reason.clone(),
            mentions: p.mentions.iter().map(|s| [s.0, s.1]).collect(),
        })
        .collect();
    let quotes: Vec<Quote> = statements
        .iter()
        .filter(|s| s.quote)
        .map(|s| Quote {
            speaker: s.speaker.as_ref().map(|x| x.name.clone()),
            speaker_id: s
                .speaker
                .as_ref()
                .map(|x| x.id.clone())
                .filter(|x| !x.is_empty()),
            verb: (!s.verb.is_empty()).then(|| s.verb.clone()),
            text: doc.text[s.text_span.0..s.text_span.1].to_string(),
            span: [s.text_span.0, s.text_span.1],
        })
        .collect();
    ArticleOutput {
        article: ArticleMeta {
            id: article.id.clone(),
            date: article.date.to_string(),
            title: article.title.clone(),
            url: article.url.clone(),
            source: article.source.clone(),
            language: "en".into(),
        },
        events,
        actors: out_actors,
        places: out_places,
        quotes,
    }
}

#[cfg(test)]
mod tests {
    use crate::events::testing::output;
    use crate::events::Profile;

    #[test]
    fn events_come_most_confident_first_and_numbered() {
        let o = output(
            "The Taliban will attack Kabul, a commander said.",
            Profile::News,
        );
        let ids: Vec<&str> = o.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["e1", "e2"]);
        assert!(o.events[0].confidence >= o.events[1].confidence);
        assert_eq!(o.events[0].plover_type, "THREATEN");
        // Every actor once, with each of its mentions.
        let taliban: Vec<_> = o.actors.iter().filter(|a| a.id == "taliban").collect();
        assert_eq!(taliban.len(), 1);
    }
}
