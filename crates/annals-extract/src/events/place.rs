use super::Context;
use crate::actors::ActorMention;
use crate::words::{self, Word};
use annals_geo::words::PlaceWord;
use annals_geo::Kind;
use annals_text::{Doc, Span};

/// The place an event's sentence gives it.
pub(super) enum Chosen {
    /// A resolved place (index into the article's places) and the mention used.
    Known(usize, Span),
    /// A name the gazetteer lacks, and the known place that locates it, if the text
    /// gives one ("Bab Ghaliq (Qaatabah, Ad Dali)": index into the article's places and
    /// the mention used).
    Unknown(Span, Option<(usize, Span)>),
}

/// The known place that locates a name the gazetteer lacks, told right after it: "Bab
/// Ghaliq (Qaatabah, Ad Dali)", "Bhardaha of Saptari District", "Tapri in Kinnaur". The
/// words between may be connectors, kinds of place and other names the gazetteer lacks.
fn locator_of(cx: &Context, last: usize, t: (usize, usize)) -> Option<(usize, usize)> {
    let mut k = t.1;
    while k < last && k < t.1 + 10 {
        // (place index, mention index)
        let found = cx.places.places.iter().enumerate().find_map(|(pi, p)| {
            let i = p.mention_tokens.iter().position(|m| m.0 == k)?;
            Some((pi, i))
        });
        if found.is_some() {
            return found;
        }
        let w = cx.w(k);
        let connector = words::is(w, Word::Locator)
            || matches!(w, "(" | "[" | "the")
            || annals_geo::words::is(w, PlaceWord::PlaceNoun);
        // (An unknown name in between: "Qaatabah" of "(Qaatabah, Ad Dali)".)
        let name = w.chars().next().is_some_and(char::is_uppercase) && cx.tree.upos(k) == "PROPN";
        if !(connector || name) {
            return None;
        }
        k += 1;
    }
    None
}

/// Whether the tree hangs the phrase at token `k` on the trigger as a place ("killed
/// in X", "the attack on X's market"): an oblique or modifier of the trigger word.
fn locative_of_trigger(cx: &Context, trig: (usize, usize), k: usize) -> bool {
    let t = cx.tree;
    let mut x = k;
    for _ in 0..3 {
        let Some(h) = t.head(x) else { return false };
        if !matches!(
            t.rel(x),
            "obl" | "nmod" | "obl:unmarked" | "advmod" | "compound" | "flat"
        ) {
            return false;
        }
        if h >= trig.0 && h < trig.1 {
            return true;
        }
        x = h;
    }
    false
}

/// Whether a word of the name in tokens `t` stands to the trigger in one of `rels`
/// ("obj": "stormed Deir Khabiyeh"; "nsubj:pass": "Marino was shot").
fn trigger_argument(cx: &Context, trig: (usize, usize), t: (usize, usize), rels: &[&str]) -> bool {
    (t.0..t.1).any(|k| {
        rels.contains(&cx.tree.rel(k)) && cx.tree.head(k).is_some_and(|h| h >= trig.0 && h < trig.1)
    })
}

/// A place word: a kind of place or a site ("village", "square").
pub(crate) fn is_place_word(w: &str) -> bool {
    annals_geo::words::is(w, PlaceWord::PlaceNoun) || annals_geo::words::is(w, PlaceWord::SiteNoun)
}

/// Whether the name ending before token `b` is the first half of a compound with a
/// lower-case word ("Serb-held", "U.S.-led", "Turkey-backed"), inside tokens `..end`:
/// a modifier, not a place.
pub(crate) fn before_hyphened_word(doc: &annals_text::Doc, b: usize, end: usize) -> bool {
    b + 1 < end && doc.tok(b) == "-" && doc.tok(b + 1).starts_with(char::is_lowercase)
}

// Why this function is long: the readings of an event's place are tried in a fixed
// order and the first that holds wins; the order is the rule, so it reads as one list.
pub(super) fn choose_place(
    cx: &Context,
    trig: (usize, usize),
    si: usize,
    source: Option<&ActorMention>,
    target: Option<&ActorMention>,
) -> Option<Chosen> {
    let s = cx.doc.sentences[si];
    let used_as_actor = |t: (usize, usize)| {
        [source, target]
            .iter()
            .flatten()
            .any(|m| m.tokens.0 <= t.0 && t.1 <= m.tokens.1)
    };
    let score_of = |t: (usize, usize), country: bool| -> i64 {
        // The preposition before the name, past a "the" ("at the Al-Fijah Springs"), or
        // before the phrase that names its kind ("in the West Bank city of Nablus": the
        // city takes the "in").
        // Also past a determiner ("in this Albany suburb") or a compound of who holds
        // the place ("In Serb-held Vogosca", "in rebel-controlled Douma").
        let mut p = t.0;
        if p >= s.first + 3 && cx.w(p - 2) == "-" && cx.tree.xpos(p - 1) == "VBN" {
            p -= 3;
        }
        while p > s.first
            && t.0 - p < 4
            && matches!(cx.w(p - 1), "the" | "this" | "that" | "a" | "an")
        {
            p -= 1;
        }
        if p >= s.first + 2
            && cx.w(p - 1) == "of"
            && annals_geo::words::is(cx.w(p - 2), PlaceWord::PlaceNoun)
        {
            let mut q = p - 2;
            while q > s.first && q + 6 > p && !cx.is(q - 1, Word::Locative) {
                q -= 1;
            }
            if q > s.first && cx.is(q - 1, Word::Locative) {
                p = q;
            }
        }
        let prep = if p > 0 { cx.w(p - 1) } else { "" };
        let mut score: i64 = 0;
        if words::is(prep, Word::Locative) && prep != "from" {
            score += 4;
        }
        if prep == "from" {
            score += 1;
        }
        if t.0 >= trig.1 {
            score += 2;
        }
        if !country {
            score += 3;
        }
        // "stormed Tall Kurdi", "entered Kafr Naya", "targeting the Al-Assad Suburb": a
        // place the deed acts on is where it happens.
        if locative_of_trigger(cx, trig, t.1 - 1) || trigger_argument(cx, trig, t, &["obj"]) {
            score += 3;
        }
        // "the U.S. Embassy in Kenya", "the U.S.-led invasion of Iraq": a name that only
        // modifies another noun says whose, not where (unless that noun is a kind of
        // place: "Potiskum town", "the Aleppo countryside").
        let modifier = {
            let last = t.1 - 1;
            let head_noun = cx.tree.head(last).filter(|&h| {
                (h < t.0 || h >= t.1)
                    && matches!(cx.tree.rel(last), "compound" | "amod")
                    && matches!(cx.tree.upos(h), "NOUN" | "PROPN")
                    && !is_place_word(cx.w(h))
                    && !matches!(cx.w(h), "countryside" | "border" | "coast")
            });
            head_noun.is_some() || before_hyphened_word(cx.doc, t.1, s.last)
        };
        if modifier {
            score -= 3;
        }
        // "Marino was shot": the trigger's subject is who acts or suffers, not where.
        if trigger_argument(cx, trig, t, &["nsubj", "nsubj:pass"]) {
            score -= 4;
        }

        let dist = if t.0 >= trig.1 {
            t.0 - trig.1
        } else {
            trig.0.saturating_sub(t.1)
        };
        score -= (dist / 6) as i64;
        // "in Yala's Betong district": the possessor contains the place named after it.
        if t.1 < s.last && matches!(cx.w(t.1), "'s" | "\u{2019}s") {
            score -= 4;
        }
        score
    };
    let mut best: Option<(i64, Chosen)> = None;
    // The places named in this sentence (not as actors), to prefer the most precise of
    // nested ones: "Tulkarm" over "the West Bank" it lies in.
    let named: Vec<&annals_geo::Entry> = cx
        .places
        .places
        .iter()
        .filter(|p| {
            p.mention_tokens
                .iter()
                .any(|&t| t.0 >= s.first && t.1 <= s.last && !used_as_actor(t))
        })
        .map(|p| &cx.g.entries[p.entry as usize])
        .collect();
    let contains_another = |e: &annals_geo::Entry| -> bool {
        named.iter().any(|o| !std::ptr::eq(*o, e) && e.holds(o))
    };
    for (pi, p) in cx.places.places.iter().enumerate() {
        let e = &cx.g.entries[p.entry as usize];
        let container_penalty = if contains_another(e) { 3 } else { 0 };
        for (k, &t) in p.mention_tokens.iter().enumerate() {
            if t.0 < s.first || t.1 > s.last || used_as_actor(t) {
                continue;
            }
            let score = score_of(t, e.kind == Kind::Country) - container_penalty;
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, Chosen::Known(pi, p.mentions[k])));
            }
        }
    }
    // A name the gazetteer lacks wins only where it is plainly the event's place.
    for &t in cx.unresolved {
        if t.0 < s.first || t.1 > s.last || used_as_actor(t) {
            continue;
        }
        let mut score = score_of(t, false) - 2;
        // "in Baghdad's western Amriya district": the "in" before the possessor is this
        // name's, and the possessor contains it.
        let mut p = t.0;
        while p > s.first
            && t.0 - p < 5
            && (matches!(
                cx.w(p - 1),
                "northern" | "southern" | "eastern" | "western" | "central" | "'s" | "\u{2019}s"
            ) || cx
                .places
                .places
                .iter()
                .any(|pl| pl.mention_tokens.iter().any(|m| m.0 < p && p - 1 < m.1)))
        {
            p -= 1;
        }
        if p < t.0
            && (p..t.0).any(|k| matches!(cx.w(k), "'s" | "\u{2019}s"))
            && p > s.first
            && cx.is(p - 1, Word::Locative)
        {
            score += 7;
        }
        // "in Pehapan, a village near the town of Guiglo": named as a place after it.
        if t.1 + 2 < s.last
            && cx.w(t.1) == ","
            && cx.is(t.1 + 1, Word::Determiner)
            && annals_geo::words::is(cx.w(t.1 + 2), PlaceWord::PlaceNoun)
        {
            score += 5;
        }
        // "the Amriya district", "the town of Glamoc": named as a place.
        let kind_before = t.0 >= s.first + 2
            && cx.w(t.0 - 1) == "of"
            && annals_geo::words::is(cx.w(t.0 - 2), PlaceWord::PlaceNoun);
        if (t.1 < s.last && annals_geo::words::is(cx.w(t.1), PlaceWord::PlaceNoun)) || kind_before {
            score += 2;
        }
        // "the Harare township of Highfield": a part of the known place before it.
        if kind_before
            && t.0 >= s.first + 3
            && cx
                .places
                .places
                .iter()
                .any(|p| p.mention_tokens.iter().any(|m| m.1 == t.0 - 2))
        {
            score += 3;
        }
        // "the Al-Fijah Springs in Rif Dimashq", "Khan Younis, in southern Gaza": a name
        // located by the place right after it is the more precise of the two.
        let located = locator_of(cx, s.last, t);
        // Told right after it ("Khan Younis, in southern Gaza"), it outranks its locator,
        // whatever that scores as the event's place.
        if let Some((pi, i)) = located {
            let p = &cx.places.places[pi];
            let m = p.mention_tokens[i];
            let close = m.0 > t.1 && m.0 <= t.1 + 3 && (t.1..m.0).all(|k| cx.is(k, Word::Locator));
            if close {
                let country = cx.g.entries[p.entry as usize].kind == Kind::Country;
                score = (score + 5).max(score_of(m, country) + 1);
            }
        }
        if best.as_ref().is_none_or(|b| score > b.0) {
            let span = (cx.doc.tokens[t.0].start, cx.doc.tokens[t.1 - 1].end);
            let by = located.map(|(pi, i)| (pi, cx.places.places[pi].mentions[i]));
            best = Some((score, Chosen::Unknown(span, by)));
        }
    }
    best.map(|b| b.1)
}

/// Names of places the gazetteer lacks ("the Al-Fijah Springs", "Hurriyah al-Ola"): what
/// the recogniser calls a location, or a name after "in", "at", "near" or "the city of",
/// that is no resolved place, actor or date. An event may happen there. Token ranges,
/// the longest of overlapping readings.
pub(crate) fn unresolved_names(
    doc: &Doc,
    low: &[String],
    analysis: &annals_nlp::Analysis,
    chunks: &[annals_text::Chunk],
    places: &annals_geo::resolve::Resolution,
    actors: &[ActorMention],
    dates: &[crate::dates::DateMention],
) -> Vec<(usize, usize)> {
    let taken = |a: usize, b: usize| {
        places
            .places
            .iter()
            .flat_map(|p| p.mention_tokens.iter())
            .chain(actors.iter().map(|m| &m.tokens))
            .chain(dates.iter().map(|d| &d.tokens))
            .any(|t| t.0 < b && a < t.1)
    };
    let mut unresolved: Vec<(usize, usize)> = analysis
        .entities
        .iter()
        .filter(|e| e.kind == "LOC")
        .map(|e| (e.first, e.last))
        .chain(
            chunks
                .iter()
                .filter(|c| {
                    // "in X", "at the X"
                    let mut k = c.first;
                    if k > 0 && low[k - 1] == "the" {
                        k -= 1;
                    }
                    // "the city of X", "the village of X"
                    let of_place = k >= 2
                        && low[k - 1] == "of"
                        && annals_geo::words::is(&low[k - 2], PlaceWord::PlaceNoun);
                    // "Baghdad's western Amriya district", "the Butitian village"
                    let kind_after = low.get(c.last).is_some_and(|w| is_place_word(w));
                    // "Taksim Square", "the Darulaman Palace", "Ziverbey District"
                    let kind_inside = c.last - c.first >= 2 && is_place_word(&low[c.last - 1]);
                    // "stormed Tall Kurdi", "entered Kafr Naya": what a deed of
                    // taking or striking ground acts on, unless it names a person
                    // or a body.
                    let taken_ground = k > 0
                        && words::is(&low[k - 1], Word::GroundVerb)
                        && !analysis.entities.iter().any(|e| {
                            matches!(e.kind, "PER" | "ORG") && e.first < c.last && c.first < e.last
                        });
                    of_place
                        || kind_after
                        || kind_inside
                        || taken_ground
                        || k > 0
                            && matches!(
                                low[k - 1].as_str(),
                                "in" | "at" | "near" | "outside" | "inside" | "from" | "into"
                            )
                })
                .map(|c| (c.first, c.last)),
        )
        .filter(|&(a, b)| !taken(a, b))
        // "Serb-held Vogosca", "Turkey-backed forces": a modifier, not a place.
        .filter(|&(_, b)| !before_hyphened_word(doc, b, doc.tokens.len()))
        .collect();
    // Of overlapping readings the longest: the recogniser may tag only "Al" of
    // "Al-Fijah Springs".
    unresolved.sort_unstable_by_key(|&(a, b)| (a, std::cmp::Reverse(b)));
    unresolved.dedup_by(|b, a| b.0 < a.1);
    unresolved
}

#[cfg(test)]
mod tests {
    use crate::events::testing::{draft, output};
    use crate::events::Profile;

    #[test]
    fn the_place_of_the_sentence_is_the_events() {
        let text = "Gunmen killed two people in Jalalabad on Tuesday.";
        let d = draft(text, "killed");
        assert!(d.place_from_text);
        let o = output(text, Profile::News);
        let place = o.events[0].place.as_ref().expect("a place");
        assert_eq!(
            (place.geo.name.as_str(), place.inferred),
            ("Jalālābād", false)
        );
        assert_eq!(&text[place.span[0]..place.span[1]], "Jalalabad");
    }

    #[test]
    fn a_name_the_gazetteer_lacks_after_in_is_an_unlocated_place() {
        let text = "Gunmen stormed the settlement of Ard Jaburin on Monday.";
        let o = output(text, Profile::News);
        let e = &o.events[0];
        assert!(e.place.is_none(), "{:?}", e.place);
        let u = e.unlocated_place.as_ref().expect("an unlocated place");
        assert_eq!(u.text, "Ard Jaburin");
    }
}
