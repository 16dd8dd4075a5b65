use super::{Context, Draft};
use crate::actors::ActorMention;
use crate::output::ActorRef;
use crate::output::EventDate;
use crate::output::EventPlace;
use crate::output::GeoRef;
use crate::output::TextSpan;
use annals_geo::words::PlaceWord;
use annals_geo::Gazetteer;
use annals_geo::Kind;

/// What background told in a modifying clause loses against the main event.
const SUBORDINATE: f64 = 0.1;

/// The confidence of a finished draft.
pub fn confidence(d: &Draft) -> f64 {
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
    if d.status != "occurred" {
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
pub fn actor_ref(m: &ActorMention) -> ActorRef {
    ActorRef {
        id: m.id.clone(),
        name: m.name.clone(),
        kind: m.kind.clone(),
        country: (!m.country.is_empty()).then(|| m.country.clone()),
        span: [m.span.0, m.span.1],
    }
}

/// Make the output date of a draft.
pub fn event_date(cx: &Context, d: &Draft) -> EventDate {
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
pub fn event_place(cx: &Context, d: &Draft) -> Option<EventPlace> {
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
pub fn named_place(cx: &Context, d: &Draft) -> Option<TextSpan> {
    let named = d.unresolved?;
    Some(TextSpan {
        text: cx.doc.text[named.0..named.1].to_string(),
        span: [named.0, named.1],
    })
}

/// Whether the words before token `at` put a place at some distance: "north of",
/// "outskirts of", "near", "outside", "close to".
pub fn near_phrase(cx: &Context, at: usize) -> bool {
    let before = |k: usize| if at >= k { cx.w(at - k) } else { "" };
    matches!(before(1), "near" | "outside" | "nearby")
        || (before(1) == "to" && before(2) == "close")
        || (before(1) == "of" && annals_geo::words::is(before(2), PlaceWord::Side))
        || (before(1) == "of"
            && before(2) == "the"
            && annals_geo::words::is(before(3), PlaceWord::Side))
}

/// The output fields of a gazetteer entry.
pub fn geo_ref(g: &Gazetteer, e: &annals_geo::Entry, precision: &str) -> GeoRef {
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
pub fn trigger_text(cx: &Context, d: &Draft) -> TextSpan {
    let (a, b) = d.trigger;
    let span = (cx.doc.tokens[a].start, cx.doc.tokens[b - 1].end);
    TextSpan {
        text: cx.doc.text[span.0..span.1].to_string(),
        span: [span.0, span.1],
    }
}
