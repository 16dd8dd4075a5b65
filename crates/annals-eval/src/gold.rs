//! Gold files read as articles: JSON Lines records with their gold object, and the
//! character spans some sets give as token indices.

use annals_text::Article;
use anyhow::{Context as _, Result};
use serde_json::Value;
use std::path::Path;

/// Gold records of a JSON Lines file, as an article (date from the record, or a fixed
/// day when it has none) and the gold object. Malformed lines are reported and skipped.
pub fn gold_records(path: &Path) -> Result<Vec<(Article, Value)>> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let mut out = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let Some(v) = gold_line(path, i, line) else {
            continue;
        };
        let date = v["date"]
            .as_str()
            .and_then(|d| annals_text::article::parse_date(d).ok())
            .unwrap_or(jiff::civil::date(2000, 1, 1));
        let article = Article {
            id: v["id"].as_str().unwrap_or("").to_string(),
            date,
            text: v["text"].as_str().unwrap_or("").to_string(),
            title: None,
            url: None,
            source: None,
            origin: format!("{}:{}", path.display(), i + 1),
        };
        out.push((article, v["gold"].clone()));
    }
    Ok(out)
}

/// Line `i` (from 0) of a gold file as JSON, or `None` after naming it on standard error
/// when it is malformed.
pub(crate) fn gold_line(path: &Path, i: usize, line: &str) -> Option<Value> {
    match serde_json::from_str(line) {
        Ok(v) => Some(v),
        Err(e) => {
            eprintln!(
                "annals: skipped {}:{}: malformed JSON: {e}",
                path.display(),
                i + 1
            );
            None
        }
    }
}

/// The character span of an event-location record's gold place. About one record in
/// six gives the place's `start`/`end` as token indices (equal to its `token_start` and
/// `token_end`) rather than characters; those are mapped back through a tokenization
/// like the annotators' (spaCy's), trusted only where it puts the gold verb's token at
/// the verb's characters and the place starts with a capital. `None` when neither reading
/// holds.
pub(crate) fn gold_place_chars(
    text: &str,
    spans: &[serde_json::Value],
    loc: (usize, usize),
) -> Option<(usize, usize)> {
    let field = |label: &str, key: &str| {
        spans
            .iter()
            .find(|s| s["label"] == label)
            .and_then(|s| s[key].as_u64())
            .map(|v| v as usize)
    };
    let (ts, te) = (
        field("LOCATION", "token_start"),
        field("LOCATION", "token_end"),
    );
    if ts != Some(loc.0) || te != Some(loc.1) {
        return Some(loc);
    }
    let (ts, te) = (ts?, te?);
    let chars: Vec<char> = text.chars().collect();
    let toks = spacy_like_tokens(&chars);
    let verb_at = field("VERB", "start")?;
    if toks.get(field("VERB", "token_start")?)?.0 != verb_at {
        return None;
    }
    let (start, end) = (toks.get(ts)?.0, toks.get(te)?.1);
    chars[start].is_uppercase().then_some((start, end))
}

/// Character spans of tokens cut as spaCy's English tokenizer cuts them, closely enough
/// to map token indices back: one space separates tokens, other whitespace is a token;
/// leading and trailing punctuation, hyphens between letters, and "'s" or "n't" are split
/// off; abbreviations with inner periods ("U.S.") stay whole.
pub(crate) fn spacy_like_tokens(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if !(j - i == 1 && chars[i] == ' ') {
                out.push((i, j));
            }
            i = j;
            continue;
        }
        let mut j = i;
        while j < chars.len() && !chars[j].is_whitespace() {
            j += 1;
        }
        split_chunk(chars, i, j, &mut out);
        i = j;
    }
    out
}

pub(crate) fn split_chunk(
    chars: &[char],
    mut a: usize,
    mut b: usize,
    out: &mut Vec<(usize, usize)>,
) {
    let opening = |c: char| {
        matches!(
            c,
            '"' | '(' | '[' | '{' | '\'' | '\u{2018}' | '\u{201C}' | '$'
        )
    };
    let closing = |c: char| {
        matches!(
            c,
            '"' | ')'
                | ']'
                | '}'
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '.'
                | '\''
                | '\u{2019}'
                | '\u{201D}'
                | '%'
        )
    };
    while a < b && opening(chars[a]) && b - a > 1 {
        out.push((a, a + 1));
        a += 1;
    }
    let mut tail = Vec::new();
    loop {
        if b <= a + 1 {
            break;
        }
        let word: String = chars[a..b].iter().collect();
        let abbreviation = chars[b - 1] == '.' && word[..word.len() - 1].contains('.');
        if closing(chars[b - 1]) && !abbreviation {
            b -= 1;
            tail.push((b, b + 1));
            continue;
        }
        let lower = word.to_lowercase();
        if b - a > 2 && (lower.ends_with("'s") || lower.ends_with("\u{2019}s")) {
            b -= 2;
            tail.push((b, b + 2));
            continue;
        }
        if b - a > 3 && (lower.ends_with("n't") || lower.ends_with("n\u{2019}t")) {
            b -= 3;
            tail.push((b, b + 3));
            continue;
        }
        break;
    }
    // Hyphens between letters are tokens of their own ("Ponce-Gomez").
    let mut start = a;
    for k in a..b {
        if chars[k] == '-'
            && k > a
            && k + 1 < b
            && chars[k - 1].is_alphabetic()
            && chars[k + 1].is_alphabetic()
        {
            out.push((start, k));
            out.push((k, k + 1));
            start = k + 1;
        }
    }
    if start < b {
        out.push((start, b));
    }
    out.extend(tail.into_iter().rev());
}

/// Byte offset of character offset `c` in `text`.
pub(crate) fn byte_at(text: &str, c: usize) -> usize {
    text.char_indices().nth(c).map_or(text.len(), |(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Gold place spans given in token indices are read back through spaCy-like tokens.
    #[test]
    fn token_index_gold_places_are_mapped_to_characters() {
        let read = |text: &str, verb: (usize, usize, usize), loc: (usize, usize)| {
            let spans = vec![
                json!({"label": "VERB", "start": verb.0, "end": verb.1, "token_start": verb.2, "token_end": verb.2}),
                json!({"label": "LOCATION", "start": loc.0, "end": loc.1, "token_start": loc.0, "token_end": loc.1}),
            ];
            gold_place_chars(text, &spans, loc)
                .map(|(a, b)| text.chars().skip(a).take(b - a).collect::<String>())
        };
        let t = "  Harvey Ivan Ponce-Gomez of Nicaragua was captured in Los Angeles on June 1.\n";
        assert_eq!(
            read(t, (43, 51, 9), (11, 12)).as_deref(),
            Some("Los Angeles")
        );
        let t =
            "The soldier was patrolling in the province's Sangkhla Buri district to prevent it.";
        assert_eq!(
            read(t, (16, 26, 3), (8, 10)).as_deref(),
            Some("Sangkhla Buri district")
        );
        let t = "A U.N. police officer was shot in suburban Port-au-Prince, the U.N. mission said.";
        assert_eq!(
            read(t, (26, 30, 5), (8, 12)).as_deref(),
            Some("Port-au-Prince")
        );
        // A verb that does not sit where its token index says: the record is not used.
        assert_eq!(read(t, (26, 30, 6), (8, 12)), None);
        // Character offsets are kept as they are.
        let spans = vec![
            json!({"label": "LOCATION", "start": 43, "end": 54, "token_start": 11, "token_end": 12}),
        ];
        assert_eq!(gold_place_chars(t, &spans, (43, 54)), Some((43, 54)));
    }
}
