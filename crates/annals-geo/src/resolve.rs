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
    let mut mentions: Vec<PlaceMention> = Vec::new();
    let mut demonyms: Vec<(Span, String)> = Vec::new();
    // Names that open a longer name, to resolve after the places (`in_names`).
    let mut name_openers: Vec<PlaceMention> = Vec::new();
    // Words the article itself writes in lower case are ordinary words here.
    let lower_in_text: HashSet<&str> = doc
        .tokens
        .iter()
        .map(|t| &doc.text[t.start..t.end])
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect();

    // "Secretary of State Marco Rubio ... Rubio said": the last word of a longer name
    // that is no place is a surname when it stands alone later, unless it is a country,
    // a region or a large city ("Taco Bell Canada ... across Canada").
    let notable = |i: &u32| {
        let e = &g.entries[*i as usize];
        e.kind != Kind::Place || e.population >= 50_000
    };
    let mut surnames: Vec<(usize, &str)> = Vec::new();
    let mut whole = String::new();
    for ch in chunks.iter().filter(|c| c.last - c.first >= 2) {
        keys.window(doc, ch.first, ch.last, &mut whole);
        if g.lookup(&whole).is_empty()
            && doc.tokens[ch.last - 1].kind == annals_text::TokenKind::Word
            && !g.lookup(&keys.norm[ch.last - 1]).iter().any(notable)
        {
            surnames.push((ch.first, keys.norm[ch.last - 1].as_str()));
        }
    }
    // Chunks to read, and the tails of those that name no place ("Sulur of Coimbatore",
    // "Eastern China", "U.S. Centers for Disease Control"): a place may start inside a
    // longer name.
    let mut work: Vec<(Chunk, bool)> = Vec::with_capacity(chunks.len());
    let mut ci = 0;
    while ci < chunks.len() {
        let c = chunks[ci];
        // "Jammu and Kashmir", "Trinidad and Tobago": a name with "and" inside is two
        // chunks to the chunker (which keeps "Massoud and Saleh" apart); the gazetteer
        // joins them.
        if let Some(&d) = chunks.get(ci + 1) {
            if d.first == c.last + 1 && matches!(doc.tok(c.last), "and" | "&") {
                keys.window(doc, c.first, d.last, &mut whole);
                if !g.lookup(&whole).is_empty() {
                    work.push((
                        Chunk {
                            first: c.first,
                            last: d.last,
                            start: c.start,
                            end: d.end,
                        },
                        false,
                    ));
                    ci += 2;
                    continue;
                }
            }
        }
        work.push((c, false));
        ci += 1;
    }
    // "Pobe-Mengao", "Ouro-Seme": a name joined by a hyphen to another name (at token
    // `b`) is one compound name, not the small town its first part spells
    // ("Yangon-North" still is Yangon).
    let hyphen_compound = |b: usize| {
        b + 1 < doc.tokens.len()
            && b > 0
            && doc.tok(b) == "-"
            && doc.tokens[b].start == doc.tokens[b - 1].end
            && doc.tokens[b + 1].start == doc.tokens[b].end
            && annals_text::is_cap(doc.tok(b + 1))
            && !words::is(&keys.norm[b + 1], PlaceWord::Compass)
            && g.lookup(&keys.norm[b + 1]).is_empty()
    };
    let mut wi = 0;
    while wi < work.len() {
        let (ch, tail) = work[wi];
        let ch = &ch;
        wi += 1;
        if ch.last - ch.first == 1
            && surnames
                .iter()
                .any(|&(at, w)| at < ch.first && w == keys.norm[ch.first])
        {
            continue;
        }
        if blocked.iter().any(|b| b.0 < ch.end && ch.start < b.1) {
            // A name inside an actor's name may still start with a demonym.
            if let Some(cc) = demonym_at(g, doc, ch.first) {
                demonyms.push(((doc.tokens[ch.first].start, doc.tokens[ch.first].end), cc));
            }
            continue;
        }
        // Longest window from the chunk start.
        let mut found = false;
        let max = (ch.last - ch.first).min(g.max_words * 2 + 1);
        let mut key = String::new();
        // A name with a possessive inside ("People's Republic of China") reaches back
        // across the "'s" the chunk starts after: else its tail would be read alone
        // ("Republic of China", Taiwan).
        if ch.first >= 2
            && matches!(doc.tok(ch.first - 1), "'s" | "\u{2019}s")
            && doc
                .tok(ch.first - 2)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            let a = ch.first - 2;
            for len in (1..=max).rev() {
                let b = ch.first + len;
                keys.window(doc, a, b, &mut key);
                let c = g.lookup(&key);
                if !c.is_empty() {
                    mentions.push(PlaceMention {
                        span: (doc.tokens[a].start, doc.tokens[b - 1].end),
                        tokens: (a, b),
                        candidates: c.to_vec(),
                        misspelt: false,
                    });
                    found = true;
                    break;
                }
            }
        }
        if found {
            continue;
        }
        let candidate =
            g.starts_a_name(&keys.norm[ch.first]) || g.demonym(&keys.norm[ch.first]).is_some();
        for len in (1..=max).rev() {
            if !candidate {
                break;
            }
            let (a, b) = (ch.first, ch.first + len);
            // ("Al-Hawayij": "Al-" is no place, Ål in Norway; "Yangon-North" is Yangon.)
            if doc.tokens[b - 1].kind != annals_text::TokenKind::Word
                && keys.norm[a].chars().count() < 3
            {
                continue;
            }
            let span = (doc.tokens[a].start, doc.tokens[b - 1].end);
            keys.window(doc, a, b, &mut key);
            let surface = &doc.text[span.0..span.1];
            let short =
                key.chars().count() < 3 && !surface.chars().all(|c| c.is_uppercase() || c == '.');
            if len == 1
                && (short || common_words.contains(&key) || lower_in_text.contains(key.as_str()))
            {
                continue;
            }
            // One word at the start of a longer name is a place only when the rest of the
            // name is a generic word ("Panjshir Valley", "Kabul Airport"), not another
            // name ("West Garo Hills", "Chatra Dal").
            // "Norway Park", "Warm Springs Road", "Pennsylvania Avenue": a street or a
            // park named after a place is rarely in it, so the name is no place there,
            // a country's neither.
            if b < ch.last && words::is(&doc.tok(b).to_lowercase(), PlaceWord::Street) {
                continue;
            }
            // "the US dollar", "Hong Kong dollars": a currency, not a place.
            if b < doc.tokens.len() && matches!(keys.norm[b].as_str(), "dollar" | "dollars") {
                continue;
            }
            // "CPN(US)", "PML(N)": a parenthesis glued to a name before it is part of
            // that name.
            if a >= 2
                && doc.tok(a - 1) == "("
                && doc.tokens[a - 2].end == doc.tokens[a - 1].start
                && doc.tokens[a - 2].kind == annals_text::TokenKind::Word
            {
                continue;
            }
            let c = g.lookup(&key);
            // (A city or region before the hyphen stands: "Mogadishu-Hodan district".)
            if hyphen_compound(if doc.tok(b - 1) == "-" { b - 1 } else { b })
                && !c.iter().any(notable)
            {
                continue;
            }
            let names_country = c
                .iter()
                .any(|&i| g.entries[i as usize].kind == Kind::Country);
            if len == 1
                && b < ch.last
                && !names_country
                && !(b..ch.last)
                    .all(|k| words::is(&doc.tok(k).to_lowercase(), PlaceWord::GenericTail))
            {
                // ("Rajasthan State Road Transport Corporation": named after a region.)
                let opener: Vec<u32> = c
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let e = &g.entries[i as usize];
                        e.kind == Kind::Admin1 || e.population >= 100_000
                    })
                    .collect();
                // (Not a compass word: "East Isdair", "Northeast Unit".)
                if !tail && !words::is(&key, PlaceWord::Compass) && !opener.is_empty() {
                    name_openers.push(PlaceMention {
                        span,
                        tokens: (a, b),
                        candidates: opener,
                        misspelt: false,
                    });
                }
                continue;
            }
            // Inside a longer name ("SOS Children's Village Malakal", "WHO China
            // representative") only a country, a region or a large city counts.
            if tail && !c.iter().any(notable) {
                continue;
            }
            // ("Bahema Nord", "Kivu Sud": a compass word ending a name is part of it,
            // not Burkina Faso's Nord region.)
            if tail && len == 1 && words::is(&key, PlaceWord::Compass) {
                continue;
            }
            // "the Reserve at Springdale Apartments", "the Mission.": a town's name
            // standing alone after "the" names something else ("the Pirbright
            // laboratory", "the Panjshir valley", "the Etoumbi and Mbomo districts" still
            // name the place).
            let alone = b >= doc.tokens.len()
                || matches!(
                    keys.norm[b].as_str(),
                    "" | "at" | "in" | "on" | "of" | "for" | "to" | "with"
                )
                || doc.tokens[b].kind != annals_text::TokenKind::Word;
            if len == 1
                && a > 0
                && keys.norm[a - 1] == "the"
                && alone
                && !c.is_empty()
                && c.iter().all(|&i| {
                    let e = &g.entries[i as usize];
                    e.kind == Kind::Place && e.population < 100_000
                })
            {
                continue;
            }
            // "Palestine, Somalia, Yamen": a name that only villages bear, one letter
            // from a country's, is the country misspelt, in a list of countries ("San
            // Telmo and Monserrat" are no Montserrat).
            let after_country = a >= 2
                && matches!(doc.tok(a - 1), "," | "and")
                && mentions.last().is_some_and(|m| {
                    m.tokens.1 == a - 1
                        && m.candidates
                            .iter()
                            .any(|&i| g.entries[i as usize].kind == Kind::Country)
                });
            let villages_only = len == 1
                && after_country
                && !c.is_empty()
                && c.iter().all(|&i| {
                    let e = &g.entries[i as usize];
                    e.kind == Kind::Place && e.population < 20_000
                });
            if villages_only {
                let countries: Vec<u32> = g
                    .lookup_misspelt(&key)
                    .into_iter()
                    .filter(|&i| g.entries[i as usize].kind == Kind::Country)
                    .collect();
                if !countries.is_empty() {
                    mentions.push(PlaceMention {
                        span,
                        tokens: (a, b),
                        candidates: countries,
                        misspelt: true,
                    });
                    found = true;
                    break;
                }
            }
            if !c.is_empty() {
                mentions.push(PlaceMention {
                    span,
                    tokens: (a, b),
                    candidates: c.to_vec(),
                    misspelt: false,
                });
                found = true;
                break;
            }
            if len == 1 {
                if let Some(i) = g.demonym(&key) {
                    demonyms.push((span, g.entries[i as usize].country.clone()));
                    found = true;
                }
            }
        }
        if found {
            continue;
        }
        // A misspelt name: the whole chunk, one word, not an ordinary word; or its first
        // word when the rest is generic ("Nassriya city", "Nangahar province").
        let one = ch.last - ch.first == 1
            || (ch.last - ch.first <= 3
                && (ch.first + 1..ch.last)
                    .all(|k| words::is(&keys.norm[k], PlaceWord::GenericTail)));
        let word_end = doc.tokens[ch.first].end;
        let key = normalize_key(&doc.text[ch.start..word_end]);
        if one && !common_words.contains(&key) && !hyphen_compound(ch.first + 1) {
            let c = g.lookup_misspelt(&key);
            if !c.is_empty() {
                mentions.push(PlaceMention {
                    span: (ch.start, word_end),
                    tokens: (ch.first, ch.first + 1),
                    candidates: c,
                    misspelt: true,
                });
                continue;
            }
        }
        if ch.last - ch.first >= 2 && ch.last - ch.first <= 8 {
            work.push((
                Chunk {
                    first: ch.first + 1,
                    last: ch.last,
                    start: doc.tokens[ch.first + 1].start,
                    end: ch.end,
                },
                true,
            ));
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Entry;

    fn e(kind: Kind, id: u32, cc: &str, a1: &str, name: &str, pop: u64, feature: &str) -> Entry {
        crate::testutil::entry(kind, id, cc, a1, name, pop, feature, &[])
    }

    /// Resolve the places of `text` (no actors, no common words).
    fn resolution(g: &Gazetteer, text: &str) -> Resolution {
        let doc = Doc::new(text);
        let chunks = annals_text::proper_chunks(&doc);
        let keys = TokenKeys::new(&doc);
        resolve_places(g, &doc, &keys, &chunks, &[], &HashSet::new(), &[])
    }

    /// Each resolved place's first mention and country.
    fn resolve(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
        resolution(g, text)
            .places
            .iter()
            .map(|p| {
                (
                    text[p.mentions[0].0..p.mentions[0].1].to_string(),
                    g.entries[p.entry as usize].country.clone(),
                )
            })
            .collect()
    }

    fn world() -> Gazetteer {
        Gazetteer::from_entries(vec![
            e(Kind::Country, 1, "AF", "", "Afghanistan", 0, "PCLI"),
            e(Kind::Country, 2, "US", "", "America", 0, "PCLI"),
            e(Kind::Admin1, 3, "AF", "AF.18", "Nangarhar", 0, "ADM1"),
            e(Kind::Place, 4, "US", "US.TX", "Kandahar", 60_000, "PPL"),
            e(Kind::Place, 5, "AF", "AF.23", "Kandahar", 50_000, "PPLA"),
            e(Kind::Place, 6, "PK", "PK.02", "Saleh", 20_000, "PPL"),
        ])
    }

    #[test]
    fn focus_country_breaks_ties() {
        // The American Kandahar is larger, but the article is about Afghanistan.
        let r = resolve(&world(), "Fighting in Afghanistan reached Kandahar.");
        assert_eq!(r[1], ("Kandahar".into(), "AF".into()));
    }

    #[test]
    fn a_city_own_name_outranks_a_capital_old_name() {
        let g = Gazetteer::from_entries(vec![
            crate::testutil::entry(
                Kind::Place,
                1,
                "JO",
                "JO.16",
                "Amman",
                1_275_857,
                "PPLC",
                &["Philadelphia"],
            ),
            e(
                Kind::Place,
                2,
                "US",
                "US.PA",
                "Philadelphia",
                1_573_916,
                "PPLA2",
            ),
        ]);
        // Amman was Philadelphia in antiquity; the capital's prior must not win that way.
        let r = resolve(&g, "A man was shot dead in Philadelphia on Sunday.");
        assert_eq!(r, vec![("Philadelphia".into(), "US".into())]);
    }

    #[test]
    fn a_town_abroad_beside_places_of_the_focus_country_is_a_local_place() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Place, 1, "BD", "BD.81", "Dhaka", 10_356_500, "PPLC"),
            e(Kind::Place, 2, "BD", "BD.81", "Shariatpur", 80_000, "PPLA2"),
            e(Kind::Place, 3, "IN", "IN.37", "Bilaspur", 365_579, "PPL"),
            e(Kind::Place, 4, "IN", "IN.11", "Bilaspur", 13_000, "PPL"),
            e(Kind::Place, 5, "PK", "PK.04", "Bilaspur", 25_000, "PPL"),
        ]);
        // Bangladesh's Bilaspur union is not India's Bilaspur.
        let r = resolve(
            &g,
            "Supporters clashed in Bilaspur union, Zajira upazila (Shariatpur, Dhaka).",
        );
        assert!(r.iter().all(|(_, cc)| cc == "BD"), "{r:?}");
        // Told alone, the city stands.
        let r = resolve(&g, "Supporters clashed in Bilaspur on Sunday.");
        assert_eq!(r, vec![("Bilaspur".into(), "IN".into())]);
        // A town with one reading abroad votes for its country only by itself, twice
        // named or not ("Santhia town, Santhia upazila" is Bangladesh's, not Italy's).
        let g = Gazetteer::from_entries(vec![
            e(Kind::Place, 1, "BD", "BD.81", "Dhaka", 10_356_500, "PPLC"),
            e(Kind::Place, 2, "BD", "BD.81", "Pabna", 186_781, "PPL"),
            e(Kind::Place, 3, "IT", "IT.12", "Santhia", 8_079, "PPL"),
        ]);
        let r = resolve(
            &g,
            "A mob vandalized offices in Santhia town, Santhia upazila (Pabna, Dhaka).",
        );
        assert!(r.iter().all(|(_, cc)| cc == "BD"), "{r:?}");
    }

    #[test]
    fn an_article_prefix_is_no_place() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Place, 1, "NO", "NO.04", "Ål", 2_278, "PPL"),
            e(Kind::Admin1, 2, "MM", "MM.17", "Yangon", 0, "ADM1"),
        ]);
        // "Al-Hawayij" is not Ål, Norway; "Yangon-North district" is still Yangon (its
        // mention keeps the hyphen the name was read through).
        assert!(resolve(&g, "Gunmen killed a man in Al-Hawayij town.").is_empty());
        let r = resolve(
            &g,
            "A bomb exploded in Hlaingtharya township (Yangon-North district).",
        );
        assert_eq!(r, vec![("Yangon-".into(), "MM".into())]);
    }

    #[test]
    fn an_army_nationality_alone_makes_no_focus() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Country, 1, "RU", "", "Russia", 0, "PCLI"),
            e(Kind::Place, 2, "UA", "UA.05", "Donetsk", 901_645, "PPLA"),
            e(Kind::Place, 3, "RU", "RU.61", "Donetsk", 50_850, "PPLA2"),
        ]);
        // The army fights abroad: Donetsk is the Ukrainian city.
        let r = resolve(&g, "Russian forces shelled Malotaranivka, Donetsk.");
        assert_eq!(r, vec![("Donetsk".into(), "UA".into())]);
        // A people named otherwise does point at its country.
        let r = resolve(&g, "Russian officials met in Donetsk.");
        assert_eq!(r, vec![("Donetsk".into(), "RU".into())]);
    }

    #[test]
    fn a_compass_word_ending_a_name_is_no_region() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Admin1, 1, "BF", "BF.13", "Nord", 0, "ADM1"),
            e(Kind::Admin1, 2, "CD", "CD.14", "Ituri", 0, "ADM1"),
        ]);
        // "Bahema Nord" is a village of Ituri, not Burkina Faso's Nord region; "Nord"
        // alone still is.
        let r = resolve(&g, "Militiamen attacked Bahema Nord, in Ituri.");
        assert_eq!(r, vec![("Ituri".into(), "CD".into())]);
        let r = resolve(&g, "Militants attacked a village in Nord on Sunday.");
        assert_eq!(r, vec![("Nord".into(), "BF".into())]);
        // An intercardinal word is a compass word too: the "Pacific Northwest" is no
        // Northwest region of Iceland's.
        let g = Gazetteer::from_entries(vec![e(
            Kind::Admin1,
            1,
            "IS",
            "IS.42",
            "Northwest",
            0,
            "ADM1",
        )]);
        let r = resolve(&g, "Salmon runs fell across the Pacific Northwest.");
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn a_great_city_abroad_outranks_a_village_of_the_focus_country() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Country, 1, "US", "", "United States", 0, "PCLI"),
            e(Kind::Country, 2, "CA", "", "Canada", 0, "PCLI"),
            e(Kind::Place, 3, "CA", "CA.08", "Toronto", 2_700_000, "PPLA"),
            e(Kind::Place, 4, "US", "US.OH", "Toronto", 5_000, "PPL"),
            e(Kind::Admin1, 5, "CA", "CA.08", "Ontario", 0, "ADM1"),
            e(Kind::Place, 6, "US", "US.CA", "Ontario", 175_000, "PPL"),
        ]);
        // The United States is the article's focus; Toronto and Ontario are still Canada's.
        let r = resolve(
            &g,
            "The United States and the United States agencies sent doctors to Toronto in Ontario.",
        );
        assert!(r.contains(&("Toronto".into(), "CA".into())), "{r:?}");
        assert!(r.contains(&("Ontario".into(), "CA".into())), "{r:?}");
    }

    #[test]
    fn a_region_named_after_its_city_means_the_city() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Country, 1, "AF", "", "Afghanistan", 0, "PCLI"),
            e(Kind::Admin1, 2, "AF", "AF.13", "Kabul", 0, "ADM1"),
            e(Kind::Place, 3, "AF", "AF.13", "Kabul", 4_400_000, "PPLC"),
        ]);
        let text = "Fighters in Afghanistan reached Kabul.";
        let r = resolution(&g, text);
        let kabul = r
            .places
            .iter()
            .find(|p| &text[p.mentions[0].0..p.mentions[0].1] == "Kabul")
            .unwrap();
        assert_eq!(
            g.entries[kabul.entry as usize].kind,
            Kind::Place,
            "{}",
            kabul.reason
        );
    }

    /// An entry at a point.
    fn at(mut e: Entry, lat: f64, lon: f64) -> Entry {
        (e.lat, e.lon) = (lat, lon);
        e
    }

    fn counties() -> Gazetteer {
        let county = |cc, a1, name| e(Kind::Admin2, 0, cc, a1, name, 0, "ADM2");
        let surrey = at(county("GB", "GB.ENG", "Surrey"), 51.27, -0.34);
        let oudalan = at(county("BF", "BF.78", "Oudalan"), 14.6, -0.3);
        let birmingham = at(county("GB", "GB.ENG", "Birmingham"), 52.48, -1.89);
        let markoye = at(
            e(Kind::Place, 7, "BF", "BF.78", "Markoye", 5_000, "PPL"),
            14.65,
            0.04,
        );
        let markoye_far = at(
            e(Kind::Place, 8, "BF", "BF.78", "Markoye", 9_000, "PPL"),
            11.0,
            -3.0,
        );
        Gazetteer::from_entries(vec![
            e(Kind::Country, 1, "GB", "", "United Kingdom", 0, "PCLI"),
            e(Kind::Country, 2, "CA", "", "Canada", 0, "PCLI"),
            e(Kind::Country, 3, "BF", "", "Burkina Faso", 0, "PCLI"),
            surrey,
            e(Kind::Place, 4, "CA", "CA.02", "Surrey", 568_000, "PPL"),
            e(
                Kind::Place,
                5,
                "GB",
                "GB.ENG",
                "Birmingham",
                1_100_000,
                "PPLA2",
            ),
            birmingham,
            oudalan,
            markoye,
            markoye_far,
        ])
    }

    /// The resolved place first named `name` in `text`.
    fn named<'r>(r: &'r Resolution, text: &str, name: &str) -> Option<&'r ResolvedPlace> {
        r.places
            .iter()
            .find(|p| &text[p.mentions[0].0..p.mentions[0].1] == name)
    }

    /// The kind and country of the place first named `name` in `text`.
    fn kind_of(g: &Gazetteer, text: &str, name: &str) -> Option<(Kind, String)> {
        named(&resolution(g, text), text, name).map(|p| {
            let e = &g.entries[p.entry as usize];
            (e.kind, e.country.clone())
        })
    }

    #[test]
    fn a_county_of_the_focus_country_outranks_a_city_abroad() {
        let g = counties();
        let text = "Flooding in the United Kingdom closed roads in Surrey.";
        assert_eq!(
            kind_of(&g, text, "Surrey"),
            Some((Kind::Admin2, "GB".into()))
        );
        // In a Canadian article it is the city of half a million.
        let text = "Police in Canada said the shooting in Surrey was gang-related.";
        assert_eq!(
            kind_of(&g, text, "Surrey"),
            Some((Kind::Place, "CA".into()))
        );
    }

    #[test]
    fn a_county_abroad_needs_a_place_where_a_place_stands() {
        let g = counties();
        // Named as a person's name would be, in a Canadian article: no place.
        let text = "Officials in Canada met Oudalan on Monday.";
        assert_eq!(kind_of(&g, text, "Oudalan"), None);
        // Where a place stands, it is the county.
        let text = "In Canada, officials said gunmen attacked a school in Oudalan.";
        assert_eq!(
            kind_of(&g, text, "Oudalan"),
            Some((Kind::Admin2, "BF".into()))
        );
    }

    #[test]
    fn a_county_named_after_its_city_means_the_city() {
        let g = counties();
        let text = "Protesters in the United Kingdom marched in Birmingham.";
        assert_eq!(
            kind_of(&g, text, "Birmingham"),
            Some((Kind::Place, "GB".into()))
        );
    }

    #[test]
    fn the_county_after_a_town_holds_it_when_it_lies_near() {
        let g = counties();
        // Two Markoyes in the region; the one within reach of Oudalan's centre is meant.
        let text = "Gunmen attacked a school in Markoye (Oudalan).";
        let r = resolution(&g, text);
        let m = named(&r, text, "Markoye").unwrap();
        assert_eq!(g.entries[m.entry as usize].geonameid, 7, "{}", m.reason);
        assert_eq!(named(&r, text, "Oudalan").unwrap().precision, "admin2");
    }

    #[test]
    fn a_country_ending_a_company_name_is_still_a_place_alone() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Country, 1, "CA", "", "Canada", 0, "PCLI"),
            e(Kind::Place, 2, "US", "US.TX", "Bell", 3_000, "PPL"),
        ]);
        // "Bell", a surname or a small town, after a longer name stays out; "Canada",
        // which ends "Taco Bell Canada", is a place where it stands alone.
        let r = resolve(
            &g,
            "Taco Bell Canada recalled onions from all its stores across Canada.",
        );
        assert_eq!(r, vec![("Canada".to_string(), "CA".to_string())]);
    }

    #[test]
    fn a_name_with_a_possessive_inside_is_read_whole() {
        let mut china = e(Kind::Country, 1, "CN", "", "China", 0, "PCLI");
        china.aliases = vec!["People's Republic of China".into()];
        let mut taiwan = e(Kind::Country, 2, "TW", "", "Taiwan", 0, "PCLI");
        taiwan.aliases = vec!["Republic of China".into()];
        let g = Gazetteer::from_entries(vec![china, taiwan]);
        let r = resolve(&g, "Officials of the People's Republic of China denied it.");
        assert_eq!(
            r,
            vec![("People's Republic of China".to_string(), "CN".to_string())]
        );
    }

    #[test]
    fn a_small_town_after_north_of_is_a_place() {
        let g = Gazetteer::from_entries(vec![e(
            Kind::Place,
            1,
            "BF",
            "BF.12",
            "Gorom-Gorom",
            9_752,
            "PPL",
        )]);
        // A small town abroad is kept only where a place stands: "north of" is such a
        // spot, as "in" is; without it the name could be anything.
        let r = resolve(&g, "Airstrikes hit targets north of Gorom-Gorom on Monday.");
        assert_eq!(r, vec![("Gorom-Gorom".to_string(), "BF".to_string())]);
        assert!(resolve(&g, "Gorom-Gorom said nothing on Monday.").is_empty());
    }

    #[test]
    fn the_region_after_a_comma_or_parenthesis_holds_the_town() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Admin1, 1, "YE", "YE.08", "Al Hudaydah", 0, "ADM1"),
            e(Kind::Place, 2, "US", "US.KS", "Hays", 21_000, "PPL"),
            e(Kind::Admin1, 3, "US", "US.NC", "North Carolina", 0, "ADM1"),
            e(Kind::Place, 4, "GG", "GG.01", "Vale", 3_000, "PPL"),
            e(Kind::Place, 5, "US", "US.NC", "Vale", 1_500, "PPL"),
        ]);
        // The parenthesis names the region: the Vale inside it, not the larger one.
        let r = resolve(
            &g,
            "Protesters gathered in Vale (North Carolina) on Monday.",
        );
        assert_eq!(r[0], ("Vale".to_string(), "US".to_string()), "{r:?}");
        // A region of another country in the parenthesis: not Hays, Kansas.
        let r = resolve(&g, "Shells fell south of the port (Hays, Al Hudaydah).");
        assert_eq!(r, vec![("Al Hudaydah".to_string(), "YE".to_string())]);
    }

    #[test]
    fn an_army_s_nationality_is_weak_evidence_of_the_country() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Country, 1, "RU", "", "Russia", 0, "PCLI"),
            e(Kind::Country, 2, "UA", "", "Ukraine", 0, "PCLI"),
            e(Kind::Admin1, 3, "UA", "UA.05", "Kharkiv Oblast", 0, "ADM1"),
            e(Kind::Place, 4, "UA", "UA.05", "Izium", 45_000, "PPL"),
            e(Kind::Place, 5, "RU", "RU.61", "Donetsk", 47_000, "PPL"),
            e(Kind::Place, 6, "UA", "UA.13", "Donetsk", 900_000, "PPLA"),
        ]);
        let mut russian = g.entries[0].clone();
        russian.demonyms = vec!["Russian".into()];
        let mut entries = g.entries.clone();
        entries[0] = russian;
        let g = Gazetteer::from_entries(entries);
        let r = resolve(&g, "Russian forces shelled Izium and Donetsk.");
        assert!(
            r.contains(&("Donetsk".to_string(), "UA".to_string())),
            "{r:?}"
        );
    }

    #[test]
    fn names_inside_person_names_are_not_places() {
        let r = resolve(&world(), "Amrullah Saleh spoke in Afghanistan.");
        assert_eq!(r, vec![("Afghanistan".to_string(), "AF".to_string())]);
    }

    #[test]
    fn misspelt_region_after_a_preposition() {
        let r = resolve(&world(), "Fighters returned to Nangahar in Afghanistan.");
        assert_eq!(r[0], ("Nangahar".into(), "AF".into()));
    }

    #[test]
    fn misspelt_name_before_a_generic_word() {
        // The misspelt word alone is the mention; "Province" only says what it is.
        let r = resolve(
            &world(),
            "Fighters returned to Nangahar Province in Afghanistan.",
        );
        assert_eq!(r[0], ("Nangahar".into(), "AF".into()));
        // A second name after it is no generic word: the chunk is some other name.
        let r = resolve(&world(), "Fighters met Nangahar Smith in Afghanistan.");
        assert!(r.iter().all(|(m, _)| m != "Nangahar"), "{r:?}");
    }

    #[test]
    fn transliteration_apostrophes_may_be_dropped() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Country, 1, "YE", "", "Yemen", 28_000_000, "PCLI"),
            e(Kind::Admin1, 2, "YE", "YE.14", "Ma\u{2019}rib", 0, "ADM1"),
        ]);
        let r = resolve(&g, "Houthis attacked Marib.");
        assert_eq!(r, vec![("Marib".to_string(), "YE".to_string())]);
        let r = resolve(&g, "Houthis attacked Ma\u{2019}rib.");
        assert_eq!(r, vec![("Ma\u{2019}rib".to_string(), "YE".to_string())]);
    }

    #[test]
    fn an_institution_named_after_its_town_stands_in_it() {
        let r = resolve(&world(), "Students rioted at Kandahar University.");
        assert_eq!(r, vec![("Kandahar".to_string(), "AF".to_string())]);
    }

    #[test]
    fn a_misspelling_is_not_read_as_a_region_abroad() {
        // "Nangahar" is one letter from Nangarhar, but the article is about America.
        let r = resolve(
            &world(),
            "In America, police said protesters gathered in Nangahar.",
        );
        assert_eq!(r, vec![("America".to_string(), "US".to_string())]);
        // With no focus, a misspelt region where a place stands is still read.
        let r = resolve(&world(), "Fighters returned to Nangahar.");
        assert_eq!(r, vec![("Nangahar".to_string(), "AF".to_string())]);
    }

    #[test]
    fn a_misspelt_country_before_a_word_for_its_parts_is_no_country() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Country, 1, "PW", "", "Palau", 0, "PCLI"),
            e(Kind::Country, 2, "MM", "", "Myanmar", 0, "PCLI"),
        ]);
        // "Palaw township" is a township of Myanmar, not the Pacific state.
        let r = resolve(&g, "Soldiers raided a village in Palaw township, Myanmar.");
        assert_eq!(r, vec![("Myanmar".to_string(), "MM".to_string())]);
        // Alone, the misspelling still names the country.
        let r = resolve(&g, "Ships reached Palaw.");
        assert_eq!(r, vec![("Palaw".to_string(), "PW".to_string())]);
    }

    #[test]
    fn a_country_named_like_towns_abroad_is_the_focus() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Country, 1, "IN", "", "India", 0, "PCLI"),
            e(Kind::Place, 2, "MX", "MX.05", "India", 2_000, "PPL"),
        ]);
        let r = resolution(&g, "Members of the Communist Party of India protested.");
        assert_eq!(r.focus_country.as_deref(), Some("IN"));
    }

    #[test]
    fn a_region_opening_a_longer_name_is_where_the_body_stands() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Admin1, 1, "IN", "IN.10", "Haryana", 0, "ADM1"),
            e(Kind::Admin1, 2, "CM", "CM.04", "East", 0, "ADM1"),
        ]);
        let r = resolution(
            &g,
            "Over 3000 teachers of the Haryana Computer Teachers Welfare Association marched.",
        );
        // Not a place of the text, but what the body is named after, and a vote for India.
        assert!(r.places.is_empty());
        assert_eq!(r.in_names.len(), 1);
        assert_eq!(g.entries[r.in_names[0].entry as usize].name, "Haryana");
        assert_eq!(r.focus_country.as_deref(), Some("IN"));
        // A compass word opening a name names no region ("East Isdair of Fatullah").
        let r = resolution(
            &g,
            "Workers clashed with police at East Isdair Market Road.",
        );
        assert!(r.in_names.is_empty());
    }

    /// Burkina Faso's provinces beside towns abroad that share names with its villages.
    fn sahel() -> Gazetteer {
        Gazetteer::from_entries(vec![
            e(Kind::Country, 1, "BF", "", "Burkina Faso", 0, "PCLI"),
            e(Kind::Admin2, 2, "BF", "BF.12", "Soum", 0, "ADM2"),
            e(Kind::Admin2, 3, "BF", "BF.10", "Yatenga", 0, "ADM2"),
            e(Kind::Place, 4, "SN", "SN.09", "Soum", 5_044, "PPL"),
            e(Kind::Place, 5, "BJ", "BJ.17", "Pobe", 49_232, "PPLA2"),
            e(Kind::Place, 6, "BE", "BE.WAL", "Kain", 7_412, "PPL"),
            e(Kind::Place, 7, "RU", "RU.13", "Asha", 15_000, "PPL"),
        ])
    }

    #[test]
    fn the_regions_in_parentheses_after_an_unknown_name_are_places() {
        // The village is unknown, but what the parenthesis names is where it lies.
        let r = resolve(&sahel(), "Gunmen killed a man in Gargaboule (Soum).");
        assert_eq!(r, vec![("Soum".to_string(), "BF".to_string())]);
        // An acronym in parentheses is the name's short form.
        let r = resolve(
            &sahel(),
            "Accredited Social Health Activists (ASHA) protested.",
        );
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn a_hyphened_compound_is_not_the_small_town_of_its_first_part() {
        // "Pobe-Mengao" is a commune of Burkina Faso's, not Benin's Pobe.
        let r = resolve(
            &sahel(),
            "Gunmen killed a man in Gargaboule (Pobe-Mengao, Soum).",
        );
        assert_eq!(r, vec![("Soum".to_string(), "BF".to_string())]);
        let r = resolve(&sahel(), "Traders protested in Pobe on Monday.");
        assert_eq!(r, vec![("Pobe".to_string(), "BJ".to_string())]);
    }

    #[test]
    fn a_name_told_twice_lies_in_the_region_after_the_second() {
        // "near Kain (Kain, Yatenga)": the town, its commune and its province. Belgium's
        // Kain lies in no Yatenga, and the town's name twice is one vote.
        let r = resolution(
            &sahel(),
            "Militants ambushed an army unit near Kain (Kain, Yatenga).",
        );
        assert_eq!(r.focus_country.as_deref(), Some("BF"));
        assert!(!r.places.is_empty());
        assert!(r
            .places
            .iter()
            .all(|p| sahel().entries[p.entry as usize].country == "BF"));
    }

    #[test]
    fn a_village_name_one_letter_from_a_country_is_the_country() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Country, 1, "YE", "", "Yemen", 0, "PCLI"),
            e(Kind::Country, 2, "SO", "", "Somalia", 0, "PCLI"),
            e(Kind::Place, 3, "CN", "CN.30", "Yamen", 0, "PPL"),
        ]);
        let r = resolve(
            &g,
            "The Taliban made mentions of Somalia, Yamen and Kashmir.",
        );
        assert_eq!(
            r,
            vec![
                ("Somalia".into(), "SO".into()),
                ("Yamen".into(), "YE".into())
            ]
        );
    }

    #[test]
    fn a_hamlet_abroad_in_an_article_about_another_country_is_a_local_place() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Admin1, 1, "BF", "BF.12", "Sahel", 0, "ADM1"),
            e(Kind::Place, 2, "VN", "VN.46", "Sia", 0, "PPL"),
            e(Kind::Admin1, 3, "VN", "VN.46", "Binh Dinh", 0, "ADM1"),
        ]);
        let r = resolve(
            &g,
            "Pupils in Sia protested over the conflict in the Sahel Region.",
        );
        assert_eq!(r, vec![("Sahel".to_string(), "BF".to_string())]);
        // Held by the region after it, it stands.
        let r = resolve(&g, "Pupils in Sia, Binh Dinh protested.");
        assert!(r.iter().any(|(n, _)| n == "Sia"), "{r:?}");
    }

    #[test]
    fn a_town_name_alone_after_the_names_something_else() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Place, 1, "US", "US.TX", "Austin", 974_447, "PPLA"),
            e(Kind::Place, 2, "US", "US.NM", "Reserve", 9_766, "PPL"),
            e(Kind::Place, 3, "GB", "GB.ENG", "Pirbright", 3_691, "PPL"),
            e(Kind::Country, 4, "GB", "", "Britain", 0, "PCLI"),
        ]);
        let r = resolve(
            &g,
            "A man was shot at the Reserve at Springdale Apartments in Austin.",
        );
        assert_eq!(r, vec![("Austin".to_string(), "US".to_string())]);
        // Before a noun it names the place the thing is at.
        let r = resolve(
            &g,
            "In Britain, the virus escaped from the Pirbright laboratory.",
        );
        assert_eq!(r[1], ("Pirbright".to_string(), "GB".to_string()));
    }

    #[test]
    fn a_currency_or_a_party_suffix_is_no_place() {
        let g = Gazetteer::from_entries(vec![
            e(Kind::Country, 1, "US", "", "US", 0, "PCLI"),
            e(Kind::Country, 2, "LB", "", "Lebanon", 0, "PCLI"),
        ]);
        let r = resolve(&g, "Protesters in Lebanon decried the high US dollar rate.");
        assert_eq!(r, vec![("Lebanon".to_string(), "LB".to_string())]);
        let r = resolve(&g, "Cadres of CPN(US) clashed with police.");
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn demonyms_vote_for_the_focus_but_are_not_places() {
        let g = world();
        let r = resolution(&g, "Afghanistann forces entered Kandahar.");
        assert_eq!(r.focus_country.as_deref(), Some("AF"));
        assert_eq!(r.places.len(), 1);
    }

    #[test]
    fn a_region_with_and_in_its_name_is_read_whole() {
        let g = Gazetteer::from_entries(vec![
            e(
                Kind::Admin1,
                1,
                "IN",
                "IN.12",
                "Jammu and Kashmir",
                0,
                "ADM1",
            ),
            e(Kind::Place, 2, "IN", "IN.12", "Jammu", 576_198, "PPLA"),
            e(Kind::Place, 3, "IN", "IN.12", "Uri", 9_366, "PPL"),
            e(Kind::Admin1, 4, "CH", "CH.UR", "Uri", 0, "ADM1"),
        ]);
        let r = resolve(
            &g,
            "Militants attacked troops in Uri sector of Jammu and Kashmir.",
        );
        assert_eq!(
            r,
            vec![
                ("Uri".to_string(), "IN".to_string()),
                ("Jammu and Kashmir".to_string(), "IN".to_string())
            ]
        );
        // Two names joined by "and" stay two places.
        let r = resolve(&g, "Troops moved between Jammu and Uri.");
        assert_eq!(r.len(), 2, "{r:?}");
    }
}
