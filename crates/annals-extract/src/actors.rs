//! Actor mentions: names from the actor lexicon ("Panjshir resistance" is the NRF),
//! generic groups resolved to a country ("US troops" -> Military Forces of United
//! States), and definite descriptions that point back to a named group ("the terrorist
//! group", "the resistance").

use crate::lexicon::{ActorKind, Lexicons};
use crate::words::{self, Word};
use annals_geo::{Gazetteer, Kind};
use annals_text::{first_word, normalize_key, Doc, Span, TokenKeys, TokenKind};

/// One mention of an actor in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMention {
    /// Canonical id: the lexicon id, or one made from the canonical name.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// What the actor is.
    pub kind: ActorKind,
    /// ISO alpha-2 country, empty when none.
    pub country: String,
    /// Bytes of the mention.
    pub span: Span,
    /// Token range of the mention.
    pub tokens: (usize, usize),
    /// Whether a number counts it ("350 Taliban terrorists"): counted groups are mostly
    /// the victims or the captured.
    pub counted: bool,
    /// How it was found: `lexicon`, `noun`, `anaphor` or `country`; the event coder
    /// adds `crowd` and `implied` (an actor the event's words imply, on their span).
    pub how: &'static str,
}

impl ActorMention {
    /// A crowd of unarmed people: civilians, protesters or rioters.
    pub fn is_crowd(&self) -> bool {
        self.kind.is_crowd()
    }

    /// The state's armed forces or the state itself.
    pub fn is_state_force(&self) -> bool {
        matches!(self.kind, ActorKind::StateForce | ActorKind::State)
    }

    /// A non-state armed group: a rebel group or a militia.
    pub fn is_armed_group(&self) -> bool {
        self.kind.is_armed_group()
    }

    /// An actor the text names by no name ("gunmen": Unidentified Armed Group (X)).
    pub fn is_unidentified(&self) -> bool {
        self.id.starts_with("unidentified")
    }

    /// The same actor as told again by the words at tokens `from..to` ("the group").
    fn retold(mut self, doc: &Doc, from: usize, to: usize) -> Self {
        self.span = (doc.tokens[from].start, doc.tokens[to - 1].end);
        self.tokens = (from, to);
        self.counted = false;
        self.how = "anaphor";
        self
    }
}

/// Whether the person named at token `k` is out of service ("a retired police officer",
/// "an off-duty soldier", "a former soldier"): the three tokens before it, from `lo`, say
/// so. ACLED codes such people as civilians.
pub(crate) fn out_of_service(doc: &Doc, lo: usize, k: usize) -> bool {
    (k.saturating_sub(3).max(lo)..k).any(|j| {
        let w = doc.tok(j);
        w.eq_ignore_ascii_case("retired")
            || w.eq_ignore_ascii_case("former")
            || (w.eq_ignore_ascii_case("duty")
                && j >= 2
                && doc.tok(j - 2).eq_ignore_ascii_case("off"))
    })
}

/// Make an id from a name.
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in normalize_key(name).chars() {
        if c.is_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_matches('-').to_string()
}

/// The country a word names, as a demonym ("Afghan", "Turkish") or by its name ("US"):
/// its ISO code.
pub fn country_word(g: &Gazetteer, word: &str) -> Option<String> {
    g.demonym(word)
        .or_else(|| {
            g.lookup(word)
                .iter()
                .copied()
                .find(|&c| g.entries[c as usize].kind == Kind::Country)
        })
        .map(|c| g.entries[c as usize].country.clone())
}

// Why this function is long: one left-to-right scan of token windows in which each
// match consumes the tokens it names; the lexicon, noun and anaphor rules share the
// cursor.
/// Find the actor mentions of a document, in text order. `number_ends` lists the token
/// index just past each number phrase, to mark counted groups. `focus` is the article's
/// focus country for generic groups that name none.
pub fn find_actors(
    doc: &Doc,
    keys: &TokenKeys,
    lx: &Lexicons,
    g: &Gazetteer,
    number_ends: &[usize],
    focus: Option<&str>,
) -> Vec<ActorMention> {
    let n = doc.tokens.len();
    let mut out: Vec<ActorMention> = Vec::new();
    let max = lx.max_words * 2 + 1;
    let counted_at = |i: usize| -> bool {
        // a number right before, or one adjective between
        number_ends.contains(&i)
            || (i > 0
                && number_ends.contains(&(i - 1))
                && doc.tokens[i - 1].kind == TokenKind::Word)
    };
    let country_name = |cc: &str| {
        g.country(cc)
            .map(|e| e.name.clone())
            .unwrap_or_else(|| cc.to_string())
    };
    let mut i = 0;
    while i < n {
        if doc.tokens[i].kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let mut matched = false;
        let candidate = lx.actor_first.contains(first_word(&keys.norm[i]));
        let mut key = String::new();
        for len in (1..=max.min(n - i)).rev() {
            if !candidate {
                break;
            }
            let b = i + len;
            if doc.tokens[b - 1].kind != TokenKind::Word {
                continue;
            }
            let span = (doc.tokens[i].start, doc.tokens[b - 1].end);
            keys.window(doc, i, b, &mut key);
            if let Some(&a) = lx.actor_keys.get(&key) {
                // Short upper-case aliases ("NRF", "IS") only in upper case.
                let surface = &doc.text[span.0..span.1];
                if key.len() <= 4
                    && surface.chars().any(char::is_lowercase)
                    && lx.actors[a].aliases.iter().all(|x| x != surface)
                {
                    continue;
                }
                let d = &lx.actors[a];
                out.push(ActorMention {
                    id: d.id.clone(),
                    name: d.name.clone(),
                    kind: d.kind,
                    country: d.country.clone(),
                    span,
                    tokens: (i, b),
                    counted: counted_at(i),
                    how: "lexicon",
                });
                i = b;
                matched = true;
                break;
            }
            if let Some(&k) = lx.noun_keys.get(&key) {
                let def = &lx.nouns[k];
                // A modifier before the noun names the country: "US troops", "Afghan forces".
                let mut start = i;
                let mut cc: Option<String> = None;
                if i > 0 {
                    cc = country_word(g, &keys.norm[i - 1]);
                    if cc.is_some() {
                        start = i - 1;
                    }
                }
                let counted = counted_at(start);
                // "the terrorist organisation Al-Qaeda": a descriptor of the name after it.
                let descriptor = {
                    let mut k = b;
                    if k < n && words::is(&doc.tok(k).to_lowercase(), Word::AnaphorHead) {
                        k += 1;
                    }
                    k > b && k < n && doc.tok(k).chars().next().is_some_and(char::is_uppercase)
                };
                if descriptor {
                    i = b;
                    matched = true;
                    break;
                }
                // "an inclusive government" is no one in particular; "a mob", "a group of
                // villagers" are the crowd that acted.
                let crowd = def.kind.is_crowd();
                // "a Turkish soldier", "a US drone": the country word makes it someone's.
                // ("A police officer assaulted a woman", "a soldier was wounded", "an
                // armed group attacked": a force, an armed group or one of their members
                // acts, and suffers, as the force or the group.)
                // (Not "a rebel commander told reporters": one person, who speaks.)
                let acting_member = (def.kind == ActorKind::StateForce
                    || def.kind.is_armed_group())
                    && !(b < n && words::is(&keys.norm[b], Word::SourceHead));
                let indefinite = !crowd
                    && !acting_member
                    && cc.is_none()
                    && (1..=2).any(|k| {
                        start >= k
                            && matches!(
                                doc.tok(start - k).to_lowercase().as_str(),
                                "a" | "an" | "any" | "every"
                            )
                    });
                // "Boko Haram fighters", "Katiba Macina (JNIM) militants": a noun right
                // after a named group is that group.
                if let Some(prev) = out.last_mut().filter(|m| {
                    m.how == "lexicon"
                        && (m.tokens.1 == start
                            || (m.tokens.1 + 1 == start && doc.tok(m.tokens.1) == ")"))
                }) {
                    prev.tokens.1 = b;
                    prev.span.1 = doc.tokens[b - 1].end;
                    i = b;
                    matched = true;
                    break;
                }
                if ((def.counted_only || indefinite) && !counted)
                    || (def.country_only && cc.is_none())
                {
                    i = b;
                    matched = true;
                    break;
                }
                // "CODECO militiamen attacked ... The militiamen killed 4": an armed
                // group's common noun, after "the" or opening a sentence, names the armed
                // group told just before.
                let armed_noun = def.kind.is_armed_group();
                let after_the = i > 0 && doc.tok(i - 1).eq_ignore_ascii_case("the");
                let opens = i == 0 || after_the || matches!(doc.tok(i - 1), "." | "!" | "?");
                if armed_noun && cc.is_none() && !counted && opens {
                    let here = doc.tokens[i].start;
                    let antecedent = out
                        .iter()
                        .rev()
                        .find(|m| m.is_armed_group() && m.how == "lexicon" && here - m.span.1 < 600)
                        .cloned();
                    if let Some(a) = antecedent {
                        out.push(a.retold(doc, if after_the { i - 1 } else { i }, b));
                        i = b;
                        matched = true;
                        break;
                    }
                }
                let cc = cc.or_else(|| focus.map(String::from)).unwrap_or_default();
                // "an off-duty policeman", "a retired police officer", "a former soldier":
                // out of service, a civilian (as ACLED codes them).
                let (kind, template) =
                    if def.kind == ActorKind::StateForce && out_of_service(doc, 0, start) {
                        (ActorKind::Civilians, "Civilians ({country})")
                    } else {
                        (def.kind, def.template.as_str())
                    };
                let name = template.replace(
                    "{country}",
                    &if cc.is_empty() {
                        "Unknown".to_string()
                    } else {
                        country_name(&cc)
                    },
                );
                out.push(ActorMention {
                    id: slug(&name),
                    name,
                    kind,
                    country: cc,
                    span: (doc.tokens[start].start, doc.tokens[b - 1].end),
                    tokens: (start, b),
                    counted,
                    how: "noun",
                });
                i = b;
                matched = true;
                break;
            }
        }
        if matched {
            continue;
        }
        // "the (terrorist) group" -> the most recent named group.
        if doc.tok(i).eq_ignore_ascii_case("the") {
            // Only lower-case words between "the" and the head ("the terrorist group"):
            // "The National Resistance Front" is a name, not an anaphor.
            let mut j = i + 1;
            while j < n
                && j < i + 4
                && doc.tokens[j].kind == TokenKind::Word
                && !words::is(&doc.tok(j).to_lowercase(), Word::AnaphorHead)
            {
                j += 1;
            }
            let lower_between = (i + 1..=j.min(n - 1))
                .all(|k| doc.tok(k).chars().next().is_some_and(char::is_lowercase));
            // "the terrorist organisation Al-Qaeda": an apposition names the group itself.
            let apposition = j + 1 < n
                && doc
                    .tok(j + 1)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
            // "the resistance front": a name of the lexicon starts after "the".
            let name_follows = (i + 1..=j.min(n - 1)).any(|k| {
                let mut key = String::new();
                lx.actor_first.contains(first_word(&keys.norm[k]))
                    && (k + 1..=(k + max).min(n)).any(|b| {
                        keys.window(doc, k, b, &mut key);
                        lx.actor_keys.contains_key(&key)
                    })
            });
            if j < n
                && lower_between
                && !apposition
                && !name_follows
                && words::is(&doc.tok(j).to_lowercase(), Word::AnaphorHead)
                && doc.tokens[j].kind == TokenKind::Word
            {
                let head = doc.tok(j).to_lowercase();
                let antecedent = out
                    .iter()
                    .rev()
                    .filter(|m| m.is_armed_group() && m.how != "noun")
                    .find(|m| {
                        // "the resistance" and "the front" prefer a group with that word in a name.
                        !matches!(head.as_str(), "resistance" | "front" | "alliance")
                            || lx.actors.iter().find(|a| a.id == m.id).is_some_and(|a| {
                                a.aliases
                                    .iter()
                                    .any(|x| normalize_key(x).split(' ').any(|w| w == head))
                            })
                    })
                    .cloned();
                if let Some(a) = antecedent {
                    out.push(a.retold(doc, i, j + 1));
                    i = j + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Countries named outside a locative phrase act as states ("the US withdrawal", "Russia's
/// attack", "Armenia and Azerbaijan signed"): each such mention is added to `actors` as
/// the country, unless an actor's name already covers it.
pub(crate) fn countries_acting(
    doc: &Doc,
    g: &Gazetteer,
    places: &annals_geo::resolve::Resolution,
    actors: &mut Vec<ActorMention>,
) {
    // Countries named outside a locative phrase act as states: "the US withdrawal".
    let country_mentions: Vec<(usize, usize)> = places
        .places
        .iter()
        .filter(|p| g.entries[p.entry as usize].kind == Kind::Country)
        .flat_map(|p| p.mention_tokens.iter().copied())
        .collect();
    for p in &places.places {
        let e = &g.entries[p.entry as usize];
        if e.kind != Kind::Country {
            continue;
        }
        for (k, &t) in p.mention_tokens.iter().enumerate() {
            let prep = if t.0 > 0 {
                doc.tok(t.0 - 1).to_lowercase()
            } else {
                String::new()
            };
            // "Armenia and Azerbaijan signed": a list of countries acts together, so
            // read on to what follows the list's last name.
            let mut end = t.1;
            while end + 1 < doc.tokens.len() && matches!(doc.tok(end), "and" | "," | "or") {
                match country_mentions.iter().find(|m| m.0 == end + 1) {
                    Some(m) => end = m.1,
                    None => break,
                }
            }
            let next = if end < doc.tokens.len() {
                doc.tok(end)
            } else {
                ""
            };
            let inside = actors
                .iter()
                .any(|m| m.tokens.0 <= t.0 && t.1 <= m.tokens.1);
            // A country acts when a verb or noun follows it ("the US withdrawal", "the
            // US retreated", "Russia's attack"), not inside a list of names.
            let acts = next.chars().next().is_some_and(char::is_lowercase)
                && !matches!(next, "and" | "or")
                || matches!(next, "'s" | "\u{2019}s");
            if inside || words::is(&prep, Word::BeforePlace) || prep == "," || !acts {
                continue;
            }
            actors.push(ActorMention {
                id: slug(&e.name),
                name: e.name.clone(),
                kind: ActorKind::State,
                country: e.country.clone(),
                span: p.mentions[k],
                tokens: t,
                counted: false,
                how: "country",
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Military Forces of United States"),
            "military-forces-of-united-states"
        );
        assert_eq!(slug("Protesters (Argentina)"), "protesters-argentina");
    }
}
