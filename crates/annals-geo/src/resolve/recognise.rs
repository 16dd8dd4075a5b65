//! Recognition: which words of an article name places (gazetteer names, one-letter
//! misspellings of large ones, demonyms, names that open a longer name), before any
//! name is resolved to one entry.

use super::*;

/// What recognition found.
pub(super) struct Recognised {
    /// Place mentions, each with its candidate entries.
    pub(super) mentions: Vec<PlaceMention>,
    /// Demonyms and the country each names.
    pub(super) demonyms: Vec<(Span, String)>,
    /// Names that open a longer name ("Haryana Computer Teachers Welfare Association"),
    /// to resolve after the places.
    pub(super) name_openers: Vec<PlaceMention>,
}

// Why this function is long: one left-to-right walk over the chunks in which each rule
// decides where the next window starts; the rules share the walk's cursor and what it
// has found.
/// Recognise the place names of `doc`, outside the `blocked` spans (actors, dates).
pub(super) fn recognise(
    g: &Gazetteer,
    doc: &Doc,
    keys: &TokenKeys,
    chunks: &[Chunk],
    blocked: &[Span],
    common_words: &HashSet<String>,
) -> Recognised {
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

    Recognised {
        mentions,
        demonyms,
        name_openers,
    }
}
