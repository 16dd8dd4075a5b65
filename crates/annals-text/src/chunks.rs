//! Proper-name chunks: maximal runs of capitalised words ("National Resistance Front",
//! "Al-Qaeda", "Democratic Republic of the Congo") that the place and actor matchers must
//! cover whole, so that "Saleh" inside "Amrullah Saleh" is never read as a village. They
//! need only the tokens and sentences, so every later stage can use them.

use crate::{Doc, TokenKind};

/// A run of capitalised tokens within one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    /// First token index.
    pub first: usize,
    /// Index just past the last token.
    pub last: usize,
    /// Byte span start.
    pub start: usize,
    /// Byte span end.
    pub end: usize,
}

/// Lower-case words that may sit inside a name between capitalised words.
const CONNECTORS: &[&str] = &[
    "of", "the", "de", "del", "al", "el", "bin", "ibn", "for", "la", "du", "van", "von", "da",
    "dos", // The Arabic article as transliteration assimilates it ("Deir ez Zor", "Ras ash
    // Shamra", "Khan ad Dir"); "as", "at", "an" and "en" are left out, English words first.
    "ez", "es", "ed", "ad", "ar", "ash", "az", "ech", "esh",
];

/// Capitalised words that open sentences or headlines but start no name.
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "and",
    "but",
    "or",
    "for",
    "to",
    "from",
    "with",
    "by",
    "as",
    "after",
    "before",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "there",
    "here",
    "when",
    "while",
    "if",
    "amid",
    "moreover",
    "however",
    "meanwhile",
    "speaking",
    "today",
    "yesterday",
    "over",
    "under",
    "some",
    "many",
    "more",
    "most",
    "all",
    "both",
    "each",
    "no",
    "not",
    "also",
    "so",
    "then",
    "thus",
    "since",
    "until",
    "during",
    "according",
    "earlier",
    "later",
    "last",
    "next",
    "what",
    "who",
    "why",
    "how",
    "where",
    "which",
    "about",
    "about",
    "around",
    "into",
    "up",
    "down",
    "out",
    "than",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "is",
    "was",
    "are",
    "were",
    "be",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "said",
    "says",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "one",
    "two",
    "three",
    "several",
    "other",
    "another",
    "such",
    "only",
    "even",
    "just",
    "now",
    "still",
    "yet",
    "already",
    "again",
    "once",
    "because",
    "although",
    "though",
    "despite",
    "with",
];

/// Whether a lower-cased word is a function word that starts no name.
pub fn is_function_word(lower: &str) -> bool {
    FUNCTION_WORDS.contains(&lower)
}

/// Whether a word starts with a capital letter.
pub fn is_cap(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Proper-name chunks of a document, sentence by sentence, in text order.
pub fn proper_chunks(doc: &Doc) -> Vec<Chunk> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let mut i = s.first;
        while i < s.last {
            let t = doc.tok(i);
            let tok = doc.tokens[i];
            if tok.kind != TokenKind::Word || !is_cap(t) || is_function_word(&t.to_lowercase()) {
                i += 1;
                continue;
            }
            let first = i;
            let mut last = i + 1;
            loop {
                if last >= s.last {
                    break;
                }
                let nt = doc.tok(last);
                let ntok = doc.tokens[last];
                if ntok.kind == TokenKind::Word
                    && is_cap(nt)
                    && !is_function_word(&nt.to_lowercase())
                {
                    last += 1;
                    continue;
                }
                // "Al-Qaeda": a hyphen glued to capitalised words on both sides.
                if nt == "-"
                    && !doc.tokens[last - 1].space_after
                    && !ntok.space_after
                    && last + 1 < s.last
                    && is_cap(doc.tok(last + 1))
                {
                    last += 2;
                    continue;
                }
                // "Republic of the Congo": connectors followed by a capitalised word.
                let mut k = last;
                while k < s.last && CONNECTORS.contains(&doc.tok(k)) {
                    k += 1;
                }
                if k > last
                    && k < s.last
                    && doc.tokens[k].kind == TokenKind::Word
                    && is_cap(doc.tok(k))
                    && !is_function_word(&doc.tok(k).to_lowercase())
                {
                    last = k + 1;
                    continue;
                }
                break;
            }
            out.push(Chunk {
                first,
                last,
                start: doc.tokens[first].start,
                end: doc.tokens[last - 1].end,
            });
            i = last;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(s: &str) -> Vec<&str> {
        let d = Doc::new(s);
        proper_chunks(&d)
            .iter()
            .map(|c| &s[c.start..c.end])
            .collect()
    }

    #[test]
    fn names_are_whole() {
        assert_eq!(
            chunks("The Northern Alliance led by Ahmad Massoud and Amrullah Saleh claimed it."),
            ["Northern Alliance", "Ahmad Massoud", "Amrullah Saleh"]
        );
        assert_eq!(
            chunks("Al-Qaeda joined the Taliban's fight in the Democratic Republic of the Congo."),
            ["Al-Qaeda", "Taliban", "Democratic Republic of the Congo"]
        );
        assert_eq!(
            chunks("Moreover, key Al-Qaeda personnel returned to Nangahar."),
            ["Al-Qaeda", "Nangahar"]
        );
        // The assimilated Arabic article joins a name, as "al" does.
        assert_eq!(
            chunks("Gunmen killed a man in Deir ez Zor countryside."),
            ["Gunmen", "Deir ez Zor"]
        );
    }
}
