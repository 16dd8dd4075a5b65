//! Sentence splitting over tokens.
//!
//! A sentence ends at ".", "!", "?" or "..." (with any closing quotes or brackets)
//! when the next token could start a sentence, at a line break, and never after a
//! title abbreviation ("Gen.", "Mr."). Headlines and datelines, which carry no final
//! punctuation, end at their line break.

use crate::tokenize::{Token, TokenKind, TITLE_ABBREVIATIONS};

/// A sentence: a range of token indices and the byte span it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Index of the first token.
    pub first: usize,
    /// Index just past the last token.
    pub last: usize,
    /// Byte offset of the first token's start.
    pub start: usize,
    /// Byte offset of the last token's end.
    pub end: usize,
}

fn is_closer(s: &str) -> bool {
    matches!(
        s,
        "\"" | "'" | ")" | "]" | "}" | "\u{201d}" | "\u{2019}" | "»"
    )
}

fn is_opener(s: &str) -> bool {
    matches!(
        s,
        "\"" | "'" | "(" | "[" | "\u{201c}" | "\u{2018}" | "«" | "-" | "--" | "*"
    )
}

/// Abbreviations that may end a sentence when a typical sentence opener follows.
const ENDING_ABBREVIATIONS: &[&str] = &[
    "u.s.", "u.k.", "u.n.", "e.u.", "d.c.", "etc.", "inc.", "ltd.", "co.", "corp.", "jr.", "sr.",
    "a.m.", "p.m.",
];

/// Words that usually open a sentence, for deciding after "U.S." and the like.
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "in",
    "but",
    "and",
    "this",
    "that",
    "there",
    "his",
    "her",
    "their",
    "its",
    "on",
    "at",
    "after",
    "as",
    "meanwhile",
    "however",
    "officials",
    "police",
];

/// Split the tokens of `text` into sentences.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0;
    let tok = |i: usize| &text[tokens[i].start..tokens[i].end];
    let mut i = 0;
    while i < tokens.len() {
        let t = tok(i);
        let mut boundary_after: Option<usize> = None;
        let terminal = matches!(t, "." | "!" | "?" | "..." | "?!" | "!!" | "!?")
            || (tokens[i].kind == TokenKind::Punct
                && (t.starts_with("..") || t.starts_with("!!") || t.starts_with("??")));
        if terminal {
            let mut j = i + 1;
            // Closing quotes and brackets hug the terminal; a quote after a space opens
            // the next sentence.
            while j < tokens.len() && is_closer(tok(j)) && !tokens[j - 1].space_after {
                j += 1;
            }
            // Web text and chat open sentences in lower case too, but after "..." a
            // lower-case word usually goes on with the same sentence.
            let lower_ok = t != "..."
                && j < tokens.len()
                && tokens[j - 1].space_after
                && tok(j).chars().next().is_some_and(char::is_lowercase);
            if j >= tokens.len() || lower_ok || can_start(text, tokens, j) {
                boundary_after = Some(j);
            }
        } else if tokens[i].kind == TokenKind::Word && t.ends_with('.') && t.len() > 1 {
            let lower = t.to_lowercase();
            if ENDING_ABBREVIATIONS.contains(&lower.as_str()) && i + 1 < tokens.len() {
                let next = tok(i + 1).to_lowercase();
                if OPENERS.contains(&next.as_str())
                    && tok(i + 1).chars().next().is_some_and(char::is_uppercase)
                {
                    boundary_after = Some(i + 1);
                }
            }
        }
        // A line break ends a sentence unless the line plainly goes on (a lower-case
        // continuation inside a hard-wrapped paragraph).
        if boundary_after.is_none()
            && i + 1 < tokens.len()
            && gap_has_newline(text, tokens[i].end, tokens[i + 1].start)
        {
            let blank = gap_has_blank_line(text, tokens[i].end, tokens[i + 1].start);
            let next_lower = tok(i + 1).chars().next().is_some_and(char::is_lowercase);
            let title_abbr = TITLE_ABBREVIATIONS.contains(&t.to_lowercase().as_str());
            if blank || (!next_lower && !title_abbr) {
                boundary_after = Some(i + 1);
            }
        }
        if let Some(j) = boundary_after {
            push(&mut out, tokens, first, j);
            first = j;
            i = j;
        } else {
            i += 1;
        }
    }
    push(&mut out, tokens, first, tokens.len());
    out
}

fn push(out: &mut Vec<Sentence>, tokens: &[Token], first: usize, last: usize) {
    if last > first {
        out.push(Sentence {
            first,
            last,
            start: tokens[first].start,
            end: tokens[last - 1].end,
        });
    }
}

fn gap_has_newline(text: &str, a: usize, b: usize) -> bool {
    text[a..b].contains('\n')
}

fn gap_has_blank_line(text: &str, a: usize, b: usize) -> bool {
    let gap = &text[a..b];
    gap.matches('\n').count() >= 2
}

/// Whether token `j` can open a sentence: upper-case letter, digit, or an opening
/// quote or bracket. There must be white space before it ("3.5" is one token already,
/// but "e.g.that" is not a boundary).
fn can_start(text: &str, tokens: &[Token], j: usize) -> bool {
    if !tokens[j - 1].space_after {
        return false;
    }
    let t = &text[tokens[j].start..tokens[j].end];
    let c = t.chars().next().unwrap_or(' ');
    c.is_uppercase()
        || c.is_ascii_digit()
        || is_opener(t)
        || t.starts_with("**")
        || (!c.is_alphabetic() && tokens[j].kind != TokenKind::Punct)
}

#[cfg(test)]
mod tests {
    use crate::tokenize::tokenize;

    fn sents(s: &str) -> Vec<&str> {
        let t = tokenize(s);
        super::split_sentences(s, &t)
            .iter()
            .map(|x| &s[x.start..x.end])
            .collect()
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(
            sents("Gen. Smith left. He came back! Did he?"),
            ["Gen. Smith left.", "He came back!", "Did he?"]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(sents("\"We won.\" He left."), ["\"We won.\"", "He left."]);
    }

    #[test]
    fn abbreviations_and_numbers_do_not_split() {
        assert_eq!(
            sents("The U.S. military said 3.5 million fled."),
            ["The U.S. military said 3.5 million fled."]
        );
        assert_eq!(
            sents("Aid came from the U.S. The war went on."),
            ["Aid came from the U.S.", "The war went on."]
        );
    }

    #[test]
    fn headlines_end_at_line_breaks() {
        assert_eq!(
            sents("Over 350 Taliban killed\n\nThe NRF said so."),
            ["Over 350 Taliban killed", "The NRF said so."]
        );
        assert_eq!(sents("a line that\ngoes on."), ["a line that\ngoes on."]);
    }
}
