//! Who says so: direct quotes with their speakers, reporting clauses ("X said that",
//! "..., X tweeted", "according to X"), and the certainty words around a statement.

use crate::actors::{slug, ActorMention};
use crate::lexicon::ActorKind;
use crate::words::{self, Word};
use annals_nlp::Analysis;
use annals_text::Chunk;
use annals_text::{Doc, Span};

/// A speaker: an actor, or a person named in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// Canonical actor id (lexicon id, or made from the name).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Where the speaker is named in this statement (a pronoun's own span for "he said").
    pub span: Span,
    /// Actor kind, `person` for named people outside the lexicon.
    pub kind: ActorKind,
}

/// A statement: what a speaker said, and which tokens it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Who says so, when known.
    pub speaker: Option<Speaker>,
    /// The reporting verb as written ("claimed", "tweeted", "according to").
    pub verb: String,
    /// Bytes of the verb.
    pub verb_span: Span,
    /// Tokens the statement covers.
    pub scope: (usize, usize),
    /// A direct quote (true) or a reported clause.
    pub quote: bool,
    /// Bytes of the quoted text (quotes only).
    pub text_span: Span,
}

fn is_quote(s: &str) -> Option<bool> {
    // Some(true) = opening, Some(false) = closing, None = not a double quote. Straight
    // quotes are decided by position.
    match s {
        "\u{201c}" => Some(true),
        "\u{201d}" => Some(false),
        _ => None,
    }
}

// Why this function is long: quotes first, then reporting verbs outside them: the
// second pass reads the quote spans and speakers the first found.
/// Find quotes and reporting clauses. `actors` are the article's actor mentions and
/// `chunks` its proper-name chunks (named people who speak are found among them);
/// `low` holds the lower-cased tokens.
pub fn find_statements(
    doc: &Doc,
    low: &[String],
    actors: &[ActorMention],
    chunks: &[Chunk],
    places: &[Span],
    tree: Option<&Analysis>,
) -> Vec<Statement> {
    // Names of places are no speakers ("the Middle East said" is a country's voice, and
    // countries that speak are actors already); nor are single letters ("X").
    let chunks: Vec<Chunk> = chunks
        .iter()
        .filter(|c| !places.iter().any(|p| p.0 < c.end && c.start < p.1) && c.end - c.start > 1)
        .copied()
        .collect();
    let chunks = &chunks[..];
    let n = doc.tokens.len();
    let mut out = Vec::new();

    // ---- Direct quotes -----------------------------------------------------------
    let mut open: Option<usize> = None;
    let mut straight_open = false;
    let mut quotes: Vec<(usize, usize)> = Vec::new(); // token index of opening and closing quote
    for i in 0..n {
        let t = doc.tok(i);
        let (is_open, is_close) = match is_quote(t) {
            Some(true) => (true, false),
            Some(false) => (false, true),
            None if t == "\"" => (!straight_open, straight_open),
            None => (false, false),
        };
        if t == "\"" {
            straight_open = !straight_open;
        }
        if is_open {
            open = Some(i);
        } else if is_close {
            if let Some(o) = open.take() {
                if i - o > 3 {
                    quotes.push((o, i));
                }
            }
        }
        // A paragraph break ends any open straight quote.
        if i + 1 < n
            && doc.text[doc.tokens[i].end..doc.tokens[i + 1].start].contains("\n\n")
            && open.is_some()
        {
            open = None;
            straight_open = false;
        }
    }
    for &(o, c) in &quotes {
        // After the quote: ", X said" / ", said X" / "X said"
        let mut speaker = None;
        let mut verb = None;
        let after_end = (c + 10).min(n);
        for j in c + 1..after_end {
            if words::is(&low[j], Word::Reporting) && low[j] != "according" {
                verb = Some(j);
                speaker = speaker_near(doc, tree, actors, chunks, low, j, c + 1, after_end);
                break;
            }
            if low[j] == "." || quotes.iter().any(|q| q.0 == j) {
                break;
            }
        }
        // Before the quote: "X said:" / "X tweeted,"
        if verb.is_none() && o > 0 {
            let from = o.saturating_sub(10);
            for j in (from..o).rev() {
                if words::is(&low[j], Word::Reporting) && low[j] != "according" {
                    verb = Some(j);
                    speaker = speaker_near(doc, tree, actors, chunks, low, j, from, o);
                    break;
                }
                if low[j] == "." {
                    break;
                }
            }
        }
        let (vtext, vspan) = match verb {
            Some(j) => (
                doc.tok(j).to_string(),
                (doc.tokens[j].start, doc.tokens[j].end),
            ),
            None => (String::new(), (doc.tokens[o].start, doc.tokens[o].start)),
        };
        let speaker = speaker
            .map(|s| resolve_pronoun(doc, actors, chunks, low, s))
            .filter(|s| s.kind != ActorKind::Pronoun);
        out.push(Statement {
            speaker,
            verb: vtext,
            verb_span: vspan,
            scope: (o + 1, c),
            quote: true,
            text_span: (doc.tokens[o + 1].start, doc.tokens[c - 1].end),
        });
    }

    // ---- Reporting clauses ---------------------------------------------------------
    for s in &doc.sentences {
        for j in s.first..s.last {
            let w = low[j].as_str();
            if !words::is(w, Word::Reporting) || quotes.iter().any(|&(o, c)| j > o && j < c) {
                continue;
            }
            // Verbs right after a closing quote belong to the quote.
            if quotes.iter().any(|&(_, c)| c < j && j <= c + 4) {
                continue;
            }
            if w == "according" {
                if low.get(j + 1).map(String::as_str) != Some("to") {
                    continue;
                }
                let sp = speaker_near(
                    doc,
                    tree,
                    actors,
                    chunks,
                    low,
                    j + 2,
                    j + 2,
                    (j + 10).min(s.last),
                );
                let sp = sp
                    .map(|x| resolve_pronoun(doc, actors, chunks, low, x))
                    .filter(|s| s.kind != ActorKind::Pronoun);
                out.push(Statement {
                    speaker: sp,
                    verb: "according to".into(),
                    verb_span: (doc.tokens[j].start, doc.tokens[j + 1].end),
                    scope: (s.first, s.last),
                    quote: false,
                    text_span: (doc.tokens[s.first].start, doc.tokens[s.last - 1].end),
                });
                continue;
            }
            let sp = speaker_near(doc, tree, actors, chunks, low, j, s.first, s.last);
            let Some(sp) = sp else { continue };
            let sp = resolve_pronoun(doc, actors, chunks, low, sp);
            if sp.kind == ActorKind::Pronoun {
                continue;
            }
            // "X said that ..." covers what follows; "..., X said." covers what precedes.
            let speaker_tok = doc
                .tokens
                .iter()
                .position(|t| t.start == sp.span.0)
                .unwrap_or(j);
            // ", a local official told reporters." reports what came before the comma.
            let comma_before = speaker_tok > s.first && low[speaker_tok - 1] == ",";
            let scope = if j + 1 >= s.last
                || comma_before
                || (speaker_tok > s.first + 2 && j + 2 >= s.last)
            {
                (s.first, speaker_tok.min(j))
            } else {
                (j + 1, s.last)
            };
            out.push(Statement {
                speaker: Some(sp),
                verb: doc.tok(j).to_string(),
                verb_span: (doc.tokens[j].start, doc.tokens[j].end),
                scope,
                quote: false,
                text_span: (doc.tokens[s.first].start, doc.tokens[s.last - 1].end),
            });
        }
    }
    out
}

/// The speaker of a reporting verb at `j`: the nearest actor or name before it (within
/// `lo..j`), else right after it (within `j..hi`).
#[allow(clippy::too_many_arguments)] // the statement finder's state, read in one place
fn speaker_near(
    doc: &Doc,
    tree: Option<&Analysis>,
    actors: &[ActorMention],
    chunks: &[Chunk],
    low: &[String],
    j: usize,
    lo: usize,
    hi: usize,
) -> Option<Speaker> {
    let actor_speaker = |m: &ActorMention| Speaker {
        id: m.id.clone(),
        name: m.name.clone(),
        span: m.span,
        kind: m.kind,
    };
    let chunk_speaker = |c: &Chunk| {
        let name = doc.text[c.start..c.end].to_string();
        Speaker {
            id: slug(&name),
            name,
            span: (c.start, c.end),
            kind: ActorKind::Person,
        }
    };
    // The tree first: the reporting verb's subject ("the spokesman for the group, Ali
    // Khan, said" has its speaker at "spokesman", far from the verb).
    if let Some(t) = tree {
        // The subject nearest the verb (a misparse may give it two).
        let subjects: Vec<usize> = t
            .children(j, lo.min(j), hi.max(j + 1))
            .filter(|&c| matches!(t.rel(c), "nsubj" | "nsubj:pass"))
            .collect();
        let subj = subjects
            .iter()
            .copied()
            .filter(|&c| c < j)
            .max()
            .or_else(|| subjects.first().copied());
        if let Some(k) = subj {
            if let Some(m) = actors.iter().find(|m| m.tokens.0 <= k && k < m.tokens.1) {
                return Some(actor_speaker(head_of(actors, low, lo, m)));
            }
            if let Some(c) = chunks.iter().find(|c| c.first <= k && k < c.last) {
                return actors
                    .iter()
                    .find(|m| m.tokens.0 >= c.first && m.tokens.1 <= c.last)
                    .map(actor_speaker)
                    .or_else(|| Some(chunk_speaker(c)));
            }
            // A described subject ("the spokesman", "officials"): an actor or name
            // inside its phrase, else the word order below decides.
            if let Some(m) = actors
                .iter()
                .filter(|m| m.tokens.1 <= j && m.tokens.0 >= lo && t.dominates(k, m.tokens.0))
                .min_by_key(|m| m.tokens.0.abs_diff(k))
            {
                return Some(actor_speaker(m));
            }
            // A common noun that names no actor ("the regional governor", "a rights
            // group"): the subject's own words, not a nearer actor ("two civilians").
            if t.upos(k) == "NOUN" && k < j {
                let start = (lo..k)
                    .find(|&x| t.dominates(k, x) && (x..k).all(|y| t.dominates(k, y)))
                    .unwrap_or(k);
                let span = (doc.tokens[start].start, doc.tokens[k].end);
                return Some(Speaker {
                    id: String::new(),
                    name: doc.text[span.0..span.1].to_string(),
                    span,
                    kind: ActorKind::Source,
                });
            }
        }
    }
    // Before: nearest ending at most 6 tokens before the verb.
    let before_lo = lo.max(j.saturating_sub(7));
    let best_actor = actors
        .iter()
        .filter(|m| m.tokens.1 <= j && m.tokens.0 >= before_lo)
        .max_by_key(|m| m.tokens.1);
    let best_chunk = chunks
        .iter()
        .filter(|c| c.last <= j && c.first >= before_lo)
        .max_by_key(|c| c.last);
    let pron = (before_lo..j)
        .rev()
        .find(|&k| words::is(&low[k], Word::Pronoun));
    let cands: [(Option<usize>, u8); 3] = [
        (best_actor.map(|m| m.tokens.1), 0),
        (best_chunk.map(|c| c.last), 1),
        (pron.map(|k| k + 1), 2),
    ];
    if let Some(&(_, which)) = cands
        .iter()
        .filter(|c| c.0.is_some())
        .max_by_key(|c| (c.0, std::cmp::Reverse(c.1)))
    {
        // An actor inside the chunk ("Northern Alliance spokesperson") wins over the chunk.
        return match which {
            0 => best_actor.map(|m| actor_speaker(head_of(actors, low, lo, m))),
            1 => {
                let c = best_chunk?;
                actors
                    .iter()
                    .find(|m| m.tokens.0 >= c.first && m.tokens.1 <= c.last)
                    .map(actor_speaker)
                    .or_else(|| Some(chunk_speaker(c)))
            }
            _ => {
                let k = pron?;
                Some(Speaker {
                    id: String::new(),
                    name: doc.tok(k).to_string(),
                    span: (doc.tokens[k].start, doc.tokens[k].end),
                    kind: ActorKind::Pronoun,
                })
            }
        };
    }
    // A described source: "a local official told", "witnesses said".
    if let Some(sp) = described_source(doc, low, j, lo) {
        return Some(sp);
    }
    // After: "said the spokesman", "tweeted the NRF"
    let after_hi = hi.min(j + 6);
    if let Some(m) = actors
        .iter()
        .filter(|m| m.tokens.0 > j && m.tokens.0 < after_hi)
        .min_by_key(|m| m.tokens.0)
    {
        return Some(actor_speaker(m));
    }
    if let Some(c) = chunks
        .iter()
        .filter(|c| c.first > j && c.first < after_hi)
        .min_by_key(|c| c.first)
    {
        return Some(chunk_speaker(c));
    }
    if let Some(k) = (j + 1..after_hi).find(|&k| words::is(&low[k], Word::Pronoun)) {
        return Some(Speaker {
            id: String::new(),
            name: doc.tok(k).to_string(),
            span: (doc.tokens[k].start, doc.tokens[k].end),
            kind: ActorKind::Pronoun,
        });
    }
    None
}

/// "he said": the most recent person named before the pronoun.
fn resolve_pronoun(
    doc: &Doc,
    actors: &[ActorMention],
    chunks: &[Chunk],
    low: &[String],
    s: Speaker,
) -> Speaker {
    if s.kind != ActorKind::Pronoun {
        return s;
    }
    let at = doc
        .tokens
        .iter()
        .position(|t| t.start == s.span.0)
        .unwrap_or(0);
    let person = actors
        .iter()
        .filter(|m| m.tokens.1 <= at && m.kind == ActorKind::Person)
        .max_by_key(|m| m.tokens.1);
    if let Some(p) = person {
        return Speaker {
            id: p.id.clone(),
            name: p.name.clone(),
            span: s.span,
            kind: p.kind,
        };
    }
    if low[at] != "it" {
        if let Some(c) = chunks
            .iter()
            .filter(|c| c.last <= at && c.last - c.first >= 2)
            .max_by_key(|c| c.last)
        {
            let name = doc.text[c.start..c.end].to_string();
            return Speaker {
                id: slug(&name),
                name,
                span: s.span,
                kind: ActorKind::Person,
            };
        }
    }
    s
}

/// "the Northern Alliance led by Ahmad Massoud and Amrullah Saleh claimed": the head of
/// the subject speaks, not the names attached to it.
fn head_of<'a>(
    actors: &'a [ActorMention],
    low: &[String],
    lo: usize,
    start: &'a ActorMention,
) -> &'a ActorMention {
    // Walk left over "A, B and C" and "X led by"; the walk counts only if it passed a
    // "led by": otherwise the comma was a clause boundary ("killing 12 people, police said").
    let mut m = start;
    let mut through_by = false;
    loop {
        let k = m.tokens.0;
        let ends_at = |e: usize| {
            actors
                .iter()
                .find(|x| x.tokens.1 == e && x.tokens.0 + 8 >= lo)
        };
        if k >= 1 && matches!(low[k - 1].as_str(), "and" | ",") {
            if let Some(x) = ends_at(k - 1) {
                m = x;
                continue;
            }
        }
        if k >= 2
            && low[k - 1] == "by"
            && matches!(
                low[k - 2].as_str(),
                "led" | "backed" | "supported" | "headed" | "founded" | "formed" | "commanded"
            )
        {
            if let Some(x) = ends_at(k - 2) {
                m = x;
                through_by = true;
                continue;
            }
        }
        return if through_by { m } else { start };
    }
}

/// "a local official told reporters": the words from the determiner to a source noun
/// right before the verb.
fn described_source(doc: &Doc, low: &[String], j: usize, lo: usize) -> Option<Speaker> {
    let head = (j.saturating_sub(2).max(lo)..j)
        .rev()
        .find(|&k| words::is(&low[k], Word::SourceHead))?;
    let mut start = head;
    while start > lo
        && start + 4 > head
        && low[start - 1]
            .chars()
            .all(|c| c.is_alphabetic() || c == '-')
        && !low[start - 1].is_empty()
    {
        start -= 1;
        if matches!(
            low[start].as_str(),
            "a" | "an" | "the" | "one" | "two" | "several" | "some"
        ) {
            break;
        }
    }
    let span = (doc.tokens[start].start, doc.tokens[head].end);
    Some(Speaker {
        id: String::new(),
        name: doc.text[span.0..span.1].to_string(),
        span,
        kind: ActorKind::Source,
    })
}
