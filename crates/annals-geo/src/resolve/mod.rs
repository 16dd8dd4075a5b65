//! Finding place names in an article and choosing, for each, one gazetteer entry.
//!
//! Recognition: a place name must start a proper-name chunk (so "Saleh" in "Amrullah
//! Saleh" is no place), may not be an ordinary English word ("Police", "Mission"), and
//! may be misspelt by one letter when it names a country, a region or a large city.
//! Resolution scores each candidate by what it is (country, region, city and its size,
//! capital or seat), by the article's focus country (the country most mentioned,
//! demonyms included), and by regions named elsewhere in the article.

use crate::words::{self, PlaceWord};
use crate::{Entry, Gazetteer, Kind};
use annals_text::Chunk;
use annals_text::{normalize_key, Doc, Span, TokenKeys};
use recognise::{recognise, Recognised};
use std::collections::{HashMap, HashSet};

/// A place name found in the text, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// Byte span of the name.
    pub span: Span,
    /// Token range of the name.
    pub tokens: (usize, usize),
    /// Candidate gazetteer entries.
    pub candidates: Vec<u32>,
    /// Whether the name matched only as a one-letter misspelling.
    pub misspelt: bool,
}

/// A place of the article with every mention of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedPlace {
    /// Index into [`Gazetteer::entries`].
    pub entry: u32,
    /// Every `[start, end)` span that names it.
    pub mentions: Vec<Span>,
    /// Token ranges of the mentions, parallel to `mentions`.
    pub mention_tokens: Vec<(usize, usize)>,
    /// `exact` (a populated place), `admin2`, `admin1` or `country`.
    pub precision: &'static str,
    /// Why this entry was chosen, in words.
    pub reason: String,
}

/// The places of one article.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// Resolved places in order of first mention.
    pub places: Vec<ResolvedPlace>,
    /// The article's focus country (ISO alpha-2), if any.
    pub focus_country: Option<String>,
    /// Demonym mentions ("Afghan") with the country they point to.
    pub demonyms: Vec<(Span, String)>,
    /// Regions and large cities that open a longer name ("Haryana Computer Teachers
    /// Welfare Association", "Sindh Irrigation Department"): not places of the text, but
    /// where a body named so most likely stands, for an event the text places nowhere.
    pub in_names: Vec<NamedAfter>,
    /// Country cues found by the caller ("upazila", "MCA"), kept as evidence of the focus.
    pub cues: Vec<(Span, String)>,
}

/// A region or city that a longer name is named after: [`Resolution::in_names`].
#[derive(Debug, Clone, PartialEq)]
pub struct NamedAfter {
    /// Index into [`Gazetteer::entries`].
    pub entry: u32,
    /// Byte span of the place's name inside the longer one.
    pub span: Span,
}

// Why this function is long: the focus vote, the containers and each mention's choice
// share the vote tables (votes, each mention's own votes and folded key, the regions
// named, the containers); split into functions they would pass all of them around.
/// Find and resolve the places of a document. `blocked` spans (actor names already
/// recognised) are never places; `common_words` are ordinary English words that are
/// never single-word place names; `cues` are words of one country's public life found
/// in the text ("upazila", "MCA"), each half a vote for the focus.
pub fn resolve_places(
    g: &Gazetteer,
    doc: &Doc,
    keys: &TokenKeys,
    chunks: &[Chunk],
    blocked: &[Span],
    common_words: &HashSet<String>,
    cues: &[(Span, String)],
) -> Resolution {
    let Recognised {
        mentions,
        demonyms,
        name_openers,
    } = recognise(g, doc, keys, chunks, blocked, common_words);
    // Focus country: votes from countries, demonyms and unambiguous names.
    let mention_ends: HashSet<usize> = mentions.iter().map(|m| m.tokens.1).collect();
    // Each mention's folded name, made once.
    let mention_keys: Vec<String> = mentions
        .iter()
        .map(|m| normalize_key(&doc.text[m.span.0..m.span.1]))
        .collect();
    let mut votes: HashMap<String, f64> = HashMap::new();
    // What each mention gave, to weigh a name against the rest of the article.
    let mut own_votes: Vec<(usize, &str, f64)> = Vec::new();
    for (span, cc) in &demonyms {
        // "Russian forces shelled Krasnohorivka": an army fights abroad, so its
        // nationality says little about where the article is.
        let next = doc.tokens.partition_point(|t| t.end <= span.1);
        let army = next < doc.tokens.len()
            && words::is(&doc.tok(next).to_lowercase(), PlaceWord::ArmedNoun);
        *votes.entry(cc.clone()).or_default() += if army { 0.3 } else { 1.0 };
    }
    let mut small_voted: HashSet<&str> = HashSet::new();
    for (mi, m) in mentions.iter().enumerate().filter(|(_, m)| !m.misspelt) {
        let ccs: HashSet<&str> = m
            .candidates
            .iter()
            .map(|&i| g.entries[i as usize].country.as_str())
            .collect();
        let e = &g.entries[m.candidates[0] as usize];
        // Small places vote only when they are the only reading: a village that shares a
        // capital's name must not pull the focus abroad.
        if ccs.len() == 1 && (e.kind != Kind::Place || e.population >= 20_000) {
            let w = if e.kind == Kind::Country { 2.0 } else { 1.0 };
            *votes.entry(e.country.clone()).or_default() += w;
            own_votes.push((mi, &e.country, w));
        } else if let Some(c) = sole_country(g, &m.candidates) {
            // "India" is also a village of Mexico's: a country's name outweighs towns
            // abroad that bear it (not a region: Georgia).
            *votes.entry(c.to_string()).or_default() += 2.0;
            own_votes.push((mi, c, 2.0));
        } else if ccs.len() == 1
            && locative_at(doc, m.tokens.0, &mention_ends)
            && small_voted.insert(&mention_keys[mi])
        {
            // A small place with one reading in the world, where a place stands ("in
            // Seytenga"), is weaker evidence, but it is what short notes give; once a
            // name ("near Kain (Kain, Yatenga)" is one town's name twice).
            *votes.entry(e.country.clone()).or_default() += 0.5;
            own_votes.push((mi, &e.country, 0.5));
        }
    }
    for (_, cc) in cues {
        *votes.entry(cc.clone()).or_default() += 0.5;
    }
    // A region a body is named after says which country the text is about, less
    // surely than a place named as one.
    for m in &name_openers {
        let e = &g.entries[m.candidates[0] as usize];
        if m.candidates
            .iter()
            .all(|&i| g.entries[i as usize].country == e.country)
        {
            *votes.entry(e.country.clone()).or_default() += 0.5;
        }
    }
    let focus = votes
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| k.clone());
    // ("Russian forces shelled Malotaranivka, Donetsk": a focus made by an army's
    // nationality alone weighs half: the army may fight abroad.)
    let focus_votes = focus
        .as_ref()
        .and_then(|f| votes.get(f))
        .copied()
        .unwrap_or(0.0);
    let focus_weight = if focus_votes < 0.5 { 0.5 } else { 1.0 };
    // Regions named unambiguously in the article.
    let named_admin1: HashSet<&str> = mentions
        .iter()
        .filter(|m| m.candidates.len() == 1)
        .map(|m| &g.entries[m.candidates[0] as usize])
        .filter(|e| e.kind == Kind::Admin1)
        .map(|e| e.admin1.as_str())
        .collect();

    // "Tokabangou (Markoye, Oudalan)", "Hays, Al Hudaydah", "Vale (North Carolina)":
    // a name followed, after a comma or an opening parenthesis, by another is inside
    // it. Each mention's container and contents, by mention index.
    let mut container: Vec<Option<usize>> = vec![None; mentions.len()];
    let mut parenthesised: Vec<bool> = vec![false; mentions.len()];
    for (a, m) in mentions.iter().enumerate() {
        let mut j = m.tokens.1;
        if j < doc.tokens.len() && words::is(&doc.tok(j).to_lowercase(), PlaceWord::GenericTail) {
            j += 1;
        }
        if j >= doc.tokens.len() || !matches!(doc.tok(j), "," | "(") {
            continue;
        }
        if let Some(b) = mentions.iter().position(|n| n.tokens.0 == j + 1) {
            container[a] = Some(b);
            // "Vale (North Carolina)" and "(Hays, Al Hudaydah)" both state the hierarchy.
            parenthesised[a] =
                doc.tok(j) == "(" || (m.tokens.0 > 0 && doc.tok(m.tokens.0 - 1) == "(");
        }
    }
    let holds =
        |outer: u32, inner: u32| g.entries[outer as usize].holds(&g.entries[inner as usize]);
    let mut places: Vec<ResolvedPlace> = Vec::new();
    let mut by_entry: HashMap<u32, usize> = HashMap::new();
    for (mi, m) in mentions.iter().enumerate() {
        let key = &mention_keys[mi];
        // The container's, and past a container that repeats this name ("near Kain (Kain,
        // Yatenga)": the town, then its commune and province), that one's container too.
        let mut outer: Vec<u32> = Vec::new();
        let mut in_parens = parenthesised[mi];
        let mut up = container[mi];
        while let Some(b) = up {
            outer.extend_from_slice(&mentions[b].candidates);
            if mention_keys[b] != *key || outer.len() > 64 {
                break;
            }
            in_parens |= parenthesised[b];
            up = container[b].filter(|&c| c != mi);
        }
        let inner: Vec<u32> = (0..mentions.len())
            .filter(|&a| container[a] == Some(mi))
            .flat_map(|a| mentions[a].candidates.iter().copied())
            .collect();
        let locative = locative_at(doc, m.tokens.0, &mention_ends);
        let mut best: Option<(f64, u32, String)> = None;
        for &i in &m.candidates {
            let e = &g.entries[i as usize];
            let (mut score, mut why) = prior(e);
            if focus.as_deref() == Some(e.country.as_str()) {
                // Less for a town: a city of millions abroad ("Toronto") still outranks a
                // village of the focus country that shares its name.
                score += focus_weight
                    * if e.kind == Kind::Place {
                        FOCUS_PLACE
                    } else {
                        3.0
                    };
                why.push_str(", in the article's focus country");
            }
            if e.kind == Kind::Place && named_admin1.contains(e.admin1.as_str()) {
                score += NAMED_REGION;
                why.push_str(", in a region the article names");
            }
            // A region named after its own city ("Kabul", "Ibb"): the name means the city.
            let namesake_inside = matches!(e.kind, Kind::Admin1 | Kind::Admin2)
                && m.candidates.iter().any(|&j| {
                    let o = &g.entries[j as usize];
                    o.kind == Kind::Place && o.admin1 == e.admin1
                });
            if namesake_inside {
                score -= 2.0;
                why.push_str(", named after its city");
            }
            if normalize_key(&e.name) == *key {
                score += if e.kind == Kind::Admin1 && !namesake_inside {
                    ADMIN1_OWN_NAME
                } else {
                    0.5
                };
            } else if e.kind == Kind::Place
                && m.candidates.iter().any(|&j| {
                    let o = &g.entries[j as usize];
                    o.kind == Kind::Place
                        && o.population >= e.population.max(100_000)
                        && normalize_key(&o.name) == *key
                })
            {
                // An old or foreign name of a city ("Philadelphia" of Amman) yields to a
                // city as large that bears it as its own.
                score -= 1.5;
                why.push_str(", known by the name only of old or abroad");
            }
            if outer.iter().any(|&o| holds(o, i)) {
                score += 4.0;
                why.push_str(", inside the region named after it");
            } else if inner.iter().any(|&n| holds(i, n)) {
                score += 2.0;
                why.push_str(", holding the place named before it");
            }
            if m.misspelt {
                // A misspelling of a country or region is likelier than one of a town's
                // rarer alternate names.
                score -= if e.kind == Kind::Place { 3.0 } else { 1.0 };
                why.push_str(", spelt one letter differently");
            }
            if best
                .as_ref()
                .is_none_or(|b| score > b.0 || (score == b.0 && i < b.1))
            {
                best = Some((score, i, why));
            }
        }
        let Some((_, i, why)) = best else {
            continue;
        };
        let e = &g.entries[i as usize];
        // A name whose parenthesis names a region or country of another country is some
        // other place the gazetteer lacks ("Hays (Al Hudaydah)" is not Hays, Kansas).
        // (Within one country the gazetteer's regions may differ from the writer's.)
        if in_parens
            && outer
                .iter()
                .any(|&o| g.entries[o as usize].kind != Kind::Place)
            && !outer.iter().any(|&o| {
                let o = &g.entries[o as usize];
                o.kind != Kind::Place && o.country == e.country
            })
        {
            continue;
        }
        let in_focus = focus.as_deref() == Some(e.country.as_str());
        // "Bilaspur union, Zajira upazila (Shariatpur, Dhaka)": a town abroad in an
        // article firmly about one country, beside a place of that country and with
        // nothing of its own country named, is some local place the gazetteer lacks.
        let focus_beside = || {
            let sentence = doc
                .sentences
                .iter()
                .find(|s| s.first <= m.tokens.0 && m.tokens.0 < s.last);
            sentence.is_some_and(|s| {
                mentions.iter().enumerate().any(|(ni, n)| {
                    ni != mi
                        && s.first <= n.tokens.0
                        && n.tokens.1 <= s.last
                        && n.candidates.iter().all(|&c| {
                            focus.as_deref() == Some(g.entries[c as usize].country.as_str())
                        })
                })
            })
        };
        // (Its country's votes from other names: "Santhia town, Santhia upazila" votes
        // for Italy's Santhià only by itself.)
        let votes_beside = || {
            votes.get(&e.country).copied().unwrap_or(0.0)
                - own_votes
                    .iter()
                    .filter(|&&(n, cc, _)| cc == e.country && mention_keys[n] == *key)
                    .map(|v| v.2)
                    .sum::<f64>()
        };
        // A hamlet abroad (under 5,000 people), with nothing else of its country named,
        // in an article about another country, is the same: "pupils in Sia ... in the
        // Sahel Region" are in Burkina Faso, not in Vietnam's Sịa.
        // (Unless the region after it holds it: "Tortí, Panamá".)
        let hamlet_abroad =
            e.population < 5_000 && focus_votes >= 1.0 && !outer.iter().any(|&o| holds(o, i));
        if e.kind == Kind::Place
            && !in_focus
            && (hamlet_abroad || focus_votes >= 2.0 && focus_beside())
            && votes_beside() <= 0.0
            && e.population < 1_000_000
            && e.feature != "PPLC"
        {
            continue;
        }
        // Small places abroad named by one word are mostly false hits ("Mission"), and so
        // are counties abroad ("Angus", "Brent") unless the text stands them where a
        // place stands or ties them to another place.
        if e.kind == Kind::Place && e.population < 20_000 && !in_focus && !locative {
            continue;
        }
        if e.kind == Kind::Admin2
            && !in_focus
            && !locative
            && container[mi].is_none()
            && inner.is_empty()
        {
            continue;
        }
        // A small foreign place reached through one of its alternate names is a weak
        // reading ("Kashmir" is also an old name of Cashmere, Washington).
        if e.kind == Kind::Place
            && e.population < 50_000
            && !in_focus
            && normalize_key(&e.name) != *key
        {
            continue;
        }
        // A misspelling is read as a country, or as a place of the article's focus
        // (or, with no focus, a region where a place stands): "in Arahan village" of
        // an Indonesian note is no misspelt Ardahan, Turkey.
        // A misspelt country before a word for a part of one ("Palaw township", "Kenja
        // village") is that part's own name, not the country.
        if m.misspelt
            && e.kind == Kind::Country
            && m.tokens.1 < doc.tokens.len()
            && words::is(&keys.norm[m.tokens.1], PlaceWord::SubnationalNoun)
        {
            continue;
        }
        if m.misspelt
            && !(e.kind == Kind::Country
                || in_focus
                || (e.kind == Kind::Admin1 && locative && focus.is_none()))
        {
            continue;
        }
        let idx = *by_entry.entry(i).or_insert_with(|| {
            places.push(ResolvedPlace {
                entry: i,
                mentions: Vec::new(),
                mention_tokens: Vec::new(),
                precision: precision_of(e),
                reason: why,
            });
            places.len() - 1
        });
        places[idx].mentions.push(m.span);
        places[idx].mention_tokens.push(m.tokens);
    }
    // Of each opener's readings, one of the focus country, else the likeliest alone.
    let in_names = name_openers
        .iter()
        .filter_map(|m| {
            let score = |i: u32| {
                let e = &g.entries[i as usize];
                prior(e).0
                    + if focus.as_deref() == Some(e.country.as_str()) {
                        3.0
                    } else {
                        0.0
                    }
            };
            let best = m
                .candidates
                .iter()
                .copied()
                .max_by(|&a, &b| score(a).total_cmp(&score(b)).then(b.cmp(&a)))?;
            Some(NamedAfter {
                entry: best,
                span: m.span,
            })
        })
        .collect();
    Resolution {
        places,
        focus_country: focus,
        demonyms,
        in_names,
        cues: cues.to_vec(),
    }
}

/// The country a name means when its other readings are only towns abroad of under
/// 100,000 people.
fn sole_country<'g>(g: &'g Gazetteer, candidates: &[u32]) -> Option<&'g str> {
    let mut country = None;
    for &i in candidates {
        let e = &g.entries[i as usize];
        match e.kind {
            Kind::Country if country.is_none() => country = Some(e.country.as_str()),
            Kind::Place if e.population < 100_000 => {}
            _ => return None,
        }
    }
    country
}

/// Whether the name starting at token `i` stands where a place stands: after a
/// locative preposition ("in", "near"), after a direction and "of" ("north of",
/// "south-east of"), or right after another place name, in parentheses or after a
/// comma, as the region or district that holds it ("Tokabangou (Markoye, Oudalan)",
/// "Natore town, Rajshahi").
fn locative_at(doc: &Doc, i: usize, mention_ends: &HashSet<usize>) -> bool {
    if i == 0 {
        return false;
    }
    let prev = doc.tok(i - 1).to_lowercase();
    if words::is(&prev, PlaceWord::PlacePreposition) {
        return true;
    }
    let before_of = if i >= 2 {
        doc.tok(i - 2).to_lowercase()
    } else {
        String::new()
    };
    if prev == "of"
        && (words::is(&before_of, PlaceWord::Side)
            || words::is(&before_of, PlaceWord::DistanceUnit))
    {
        return true;
    }
    if matches!(prev.as_str(), "(" | ",") {
        // The name before may be followed by a generic word ("Natore town, Rajshahi").
        let mut j = i - 1;
        if j > 0 && words::is(&doc.tok(j - 1).to_lowercase(), PlaceWord::GenericTail) {
            j -= 1;
        }
        if mention_ends.contains(&j) {
            return true;
        }
    }
    // "Gargaboule (Soum)", "Gargaboule (Pobe-Mengao, Soum)": the regions a name the
    // gazetteer lacks lies in, written as news notes place a village.
    let capital = |k: usize| annals_text::is_cap(doc.tok(k));
    // (Not an acronym of the words before, "Accredited Social Health Activists (ASHA)",
    // nor a numbered unit, "(Ward 10)".)
    let acronym = doc.tok(i).chars().filter(|c| c.is_alphabetic()).count() > 1
        && doc.tok(i).chars().all(|c| !c.is_lowercase());
    let numbered = i + 1 < doc.tokens.len()
        && doc
            .tok(i + 1)
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit());
    if !matches!(prev.as_str(), "(" | ",") || acronym || numbered {
        return false;
    }
    let mut k = i - 1;
    while k > 0 && i - k <= 6 && doc.tok(k) != "(" {
        if !(capital(k) || matches!(doc.tok(k), "," | "-")) {
            return false;
        }
        k -= 1;
    }
    k > 0 && doc.tok(k) == "(" && capital(k - 1)
}

fn demonym_at(g: &Gazetteer, doc: &Doc, i: usize) -> Option<String> {
    g.demonym(&normalize_key(doc.tok(i)))
        .map(|c| g.entries[c as usize].country.clone())
}

/// What a region the article names unambiguously adds to a town inside it ("Uri sector
/// of Jammu and Kashmir" is the Indian town). 3 moved nothing on ACLED and lost on
/// GeoVirus.
const NAMED_REGION: f64 = 2.0;

/// What the article's focus country adds to a town of it (3 for countries and regions).
const FOCUS_PLACE: f64 = 2.0;

/// What a region's own name (not an alias) adds: "Ontario" is the province before it is
/// the Californian city (a region named after its own city gets 0.5, as a place does).
const ADMIN1_OWN_NAME: f64 = 1.5;

/// The output precision of an entry.
pub fn precision_of(e: &Entry) -> &'static str {
    match e.kind {
        Kind::Country => "country",
        Kind::Admin1 => "admin1",
        Kind::Admin2 => "admin2",
        Kind::Place => "exact",
    }
}

/// What an entry is worth before context, and why.
fn prior(e: &Entry) -> (f64, String) {
    match e.kind {
        // A country's or region's own name rarely means a town that shares it ("Mexico",
        // Missouri; "Ontario", California) unless the context says so.
        Kind::Country => (8.0, "a country".into()),
        Kind::Admin1 => (6.0, "a first-level region".into()),
        // Below a region, above all but the largest cities ("Suffolk" is the county
        // before it is the Virginian city of 90,000).
        Kind::Admin2 => (5.0, "a second-level region".into()),
        Kind::Place => {
            let mut s = 1.0 + 0.6 * ((e.population + 1) as f64).log10();
            let why = match e.feature.as_str() {
                "PPLC" => {
                    s += 1.5;
                    "a national capital"
                }
                "PPLA" => {
                    s += 1.0;
                    "a regional capital"
                }
                "PPLA2" => {
                    s += 0.3;
                    "a district seat"
                }
                _ => "a populated place",
            };
            (s, format!("{why} of {} people", e.population))
        }
    }
}

mod recognise;
#[cfg(test)]
mod tests;
