//! The text stage of annals: reading articles from files, JSON Lines and standard
//! input, and cutting their text into tokens and sentences whose byte offsets point
//! into the original text.
//!
//! Nothing here changes the article text: every later stage reports `[start, end)`
//! byte spans of the text as it was read, so normalisation (case, diacritics, quote
//! styles) happens only in the keys used for lexicon look-ups ([`normalize_key`]).
//!
//! It also owns what every later stage reads off the bare tokens: proper-name chunks
//! ([`chunks`]) and the loader of word classes shipped as data ([`words`]). It knows
//! nothing of models, places, actors or events.

pub mod article;
pub mod chunks;
pub mod conllu;
pub mod input;
pub mod sentence;
pub mod tokenize;
pub mod words;

pub use article::Article;
pub use chunks::{is_cap, is_function_word, proper_chunks, Chunk};
pub use input::{for_each_input, read_inputs, stream_reader, InputError, InputOptions};
pub use sentence::{split_sentences, Sentence};
pub use tokenize::{tokenize, Token, TokenKind};

/// A `[start, end)` byte range into an article's text.
pub type Span = (usize, usize);

/// A tokenized article: its tokens and the sentences over them.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    /// The original text; every span indexes into it.
    pub text: &'a str,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order, each a range of `tokens`.
    pub sentences: Vec<Sentence>,
}

impl<'a> Doc<'a> {
    /// Tokenize `text` and split it into sentences.
    pub fn new(text: &'a str) -> Self {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        Doc {
            text,
            tokens,
            sentences,
        }
    }

    /// The text of token `i`.
    pub fn tok(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// The text of a byte span.
    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.0..span.1]
    }
}

/// A look-up key for names: lower case, diacritics removed, hyphens, apostrophes and
/// runs of white space folded, so that "Al-Qaeda", "Al Qaeda" and "al  qaeda" meet, and
/// "Jalālābād" meets "Jalalabad". A trailing possessive "'s" is kept: callers decide.
pub fn normalize_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '_' => ' ',
            '\u{2019}' | '\u{2018}' | '`' | '\u{02BC}' | '\u{02BB}' => '\'',
            'ı' => 'i',
            'ø' | 'Ø' => 'o',
            'ł' | 'Ł' => 'l',
            'đ' | 'Đ' => 'd',
            'ß' => 's',
            _ => c,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_hyphens_and_diacritics() {
        assert_eq!(normalize_key("Al-Qaeda"), "al qaeda");
        assert_eq!(normalize_key("  Al   Qaeda "), "al qaeda");
        assert_eq!(normalize_key("Jalālābād"), "jalalabad");
        assert_eq!(normalize_key("Kharkivs’ka"), "kharkivs'ka");
    }

    #[test]
    fn doc_slices_tokens() {
        let d = Doc::new("The NRF said. It won.");
        assert_eq!(d.tok(1), "NRF");
        assert_eq!(d.sentences.len(), 2);
    }
}

/// The folded key of every token of a document, computed once, so that look-ups of
/// multi-word names build window keys by joining instead of re-folding the text.
#[derive(Debug, Clone)]
pub struct TokenKeys {
    /// [`normalize_key`] of each token.
    pub norm: Vec<String>,
}

impl TokenKeys {
    /// Fold every token of `doc`.
    pub fn new(doc: &Doc) -> Self {
        TokenKeys {
            norm: (0..doc.tokens.len())
                .map(|i| normalize_key(doc.tok(i)))
                .collect(),
        }
    }

    /// Write the key of tokens `a..b` into `out`: the same string as [`normalize_key`]
    /// of the text they cover.
    pub fn window(&self, doc: &Doc, a: usize, b: usize, out: &mut String) {
        out.clear();
        for i in a..b {
            let n = &self.norm[i];
            let gap = i > a && !doc.tokens[i - 1].space_after;
            if n.is_empty() {
                // a hyphen or dash: folds to a space
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
                continue;
            }
            if !out.is_empty() && !gap && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str(n);
        }
        while out.ends_with(' ') {
            out.pop();
        }
    }
}

/// The part of a key before its first space or apostrophe: what a window's first token
/// must fold to for the key to match there.
pub fn first_word(key: &str) -> &str {
    let end = key.find([' ', '\'']).unwrap_or(key.len());
    &key[..end]
}

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn window_keys_equal_folded_text() {
        let text = "Al-Qaeda's People's Defence Force in Jalālābād - Kabul and U.S. troops";
        let d = Doc::new(text);
        let k = TokenKeys::new(&d);
        let mut buf = String::new();
        for a in 0..d.tokens.len() {
            for b in a + 1..=d.tokens.len().min(a + 6) {
                k.window(&d, a, b, &mut buf);
                let want = normalize_key(&text[d.tokens[a].start..d.tokens[b - 1].end]);
                assert_eq!(buf, want, "{a}..{b}");
            }
        }
        assert_eq!(first_word("people's defence force"), "people");
    }
}
