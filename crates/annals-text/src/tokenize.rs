//! An offset-preserving English tokenizer in the style of Universal Dependencies:
//! clitics ("n't", "'s") and hyphens are split off, while abbreviations ("U.S.",
//! "Gen."), numbers ("1,000", "9/11", "3.5"), URLs and e-mail addresses stay whole.
//! Hyphenated names ("Al-Qaeda") are three tokens whose text the name matchers read
//! back as one key through [`crate::normalize_key`].

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with digits, inner apostrophes or abbreviation periods.
    Word,
    /// Digits, possibly with inner separators: "1,000", "3.5", "9/11", "10:30".
    Number,
    /// Punctuation: one character, or a run of one repeated character ("...", "--").
    Punct,
    /// A URL or an e-mail address.
    Url,
    /// Anything else: symbols, emoji.
    Symbol,
}

/// One token: a `[start, end)` byte range of the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// What the token is.
    pub kind: TokenKind,
    /// Whether white space follows the token directly (or the text ends).
    pub space_after: bool,
}

/// Abbreviations that keep their final period. Lower-cased, without the period.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt",
    "adm", "gov", "sen", "rep", "rev", "st", "jr", "sr", "co", "corp", "inc", "ltd", "dept", "vs",
    "etc", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "mt", "ft",
    "approx", "pres", "gov't", "brig", "cmdr", "cdr", "fr", "hon", "messrs", "e.g", "i.e", "a.m",
    "p.m", "u.s", "u.k", "u.n", "e.u", "d.c", "govt", "mln", "bn", "ave", "blvd", "rd", "fig",
    "vol", "ph.d",
];

/// Abbreviations after which a sentence never ends (titles before a name).
pub const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "lt.", "col.", "maj.", "capt.", "cpt.", "sgt.",
    "cpl.", "pvt.", "adm.", "gov.", "sen.", "rep.", "rev.", "st.", "brig.", "cmdr.", "cdr.", "fr.",
    "hon.", "messrs.", "mt.", "vs.", "e.g.", "i.e.", "pres.",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_mark(c)
}

fn unicode_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Tokenize `text`, returning tokens in order with byte offsets.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        // A chunk is a maximal run of non-space characters; most chunks are one word.
        let chunk_end = text[i..]
            .find(char::is_whitespace)
            .map_or(text.len(), |p| i + p);
        if let Some(end) = url_end(text, i, chunk_end) {
            push(&mut tokens, text, i, end, TokenKind::Url);
            i = end;
            continue;
        }
        let end = if c.is_ascii_digit() {
            let e = number_end(bytes, i, chunk_end);
            // "20th", "3rd", "1990s", "5km": digits glued to letters form one word.
            let e2 = scan_word(text, e, chunk_end);
            if e2 > e && text[e..e2].chars().all(|c| c.is_alphabetic()) {
                let w = push_word(&mut tokens, text, i, e2);
                i = w;
                continue;
            }
            push(&mut tokens, text, i, e, TokenKind::Number);
            e
        } else if is_word_char(c) {
            push_word(&mut tokens, text, i, chunk_end)
        } else if c.is_ascii_punctuation() || is_unicode_punct(c) {
            // Runs of one repeated character stay whole: "...", "--", "!!".
            let mut e = i + c.len_utf8();
            while e < chunk_end
                && text[e..].starts_with(c)
                && (c == '.' || c == '-' || c == '!' || c == '?' || c == '*' || c == '=')
            {
                e += c.len_utf8();
            }
            if c == '.' && e - i == 1 && text[e..].starts_with("..") {
                e += 2;
            }
            push(&mut tokens, text, i, e, TokenKind::Punct);
            e
        } else {
            let e = i + c.len_utf8();
            push(&mut tokens, text, i, e, TokenKind::Symbol);
            e
        };
        i = end;
    }
    tokens
}

fn is_unicode_punct(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '«' | '»' | '¿' | '¡' | '·' | '§' | '¶')
}

fn push(tokens: &mut Vec<Token>, text: &str, start: usize, end: usize, kind: TokenKind) {
    let space_after = text[end..].chars().next().is_none_or(char::is_whitespace);
    tokens.push(Token {
        start,
        end,
        kind,
        space_after,
    });
}

/// Scan letters, digits and marks from `i`.
fn scan_word(text: &str, mut i: usize, limit: usize) -> usize {
    while i < limit {
        let c = text[i..].chars().next().unwrap_or(' ');
        if is_word_char(c) {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// Push the word starting at `i` (and any clitic split off it); return where it ended.
fn push_word(tokens: &mut Vec<Token>, text: &str, start: usize, limit: usize) -> usize {
    let mut end = scan_word(text, start, limit);
    // Abbreviations with inner periods: "U.S.", "a.m.", "Ph.D." ; initials: "M."
    let rest = &text[end..limit];
    if rest.starts_with('.') {
        let mut e = end;
        let mut dotted = false;
        // Single letters separated by periods.
        while text[e..limit].starts_with('.') {
            let after = e + 1;
            let next = scan_word(text, after, limit);
            if next > after && next - after <= 2 && text[next..limit].starts_with('.') {
                e = next;
                dotted = true;
            } else {
                break;
            }
        }
        let word = &text[start..e];
        let single_letter = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        let known = ABBREVIATIONS.contains(&word.to_lowercase().as_str());
        if dotted || single_letter || known {
            end = e + 1; // keep the final period
            push(tokens, text, start, end, TokenKind::Word);
            return end;
        }
    }
    // Inner apostrophes: clitics split off, names such as O'Brien kept.
    let mut word_end = end;
    while let Some(c) = text[word_end..limit].chars().next() {
        if !is_apostrophe(c) {
            break;
        }
        let after = word_end + c.len_utf8();
        let tail_end = scan_word(text, after, limit);
        let tail = text[after..tail_end].to_ascii_lowercase();
        let clitic = matches!(tail.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m");
        if tail_end == after || clitic {
            break;
        }
        if tail == "t" && text[start..word_end].to_ascii_lowercase().ends_with('n') {
            break;
        }
        word_end = tail_end;
    }
    end = word_end;
    let word = &text[start..end];
    let lower = word.to_ascii_lowercase();
    // "didn't" -> "did" + "n't"
    if let Some(c) = text[end..limit]
        .chars()
        .next()
        .filter(|&c| is_apostrophe(c))
    {
        let after = end + c.len_utf8();
        let tail_end = scan_word(text, after, limit);
        let tail = text[after..tail_end].to_ascii_lowercase();
        if tail == "t" && lower.ends_with('n') && word.len() > 1 {
            let n_start = end - 1;
            push(tokens, text, start, n_start, TokenKind::Word);
            push(tokens, text, n_start, tail_end, TokenKind::Word);
            return tail_end;
        }
        if matches!(tail.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m") {
            push(tokens, text, start, end, TokenKind::Word);
            push(tokens, text, end, tail_end, TokenKind::Word);
            return tail_end;
        }
    }
    // Fused forms UD splits: "cannot", "gonna", "wanna", "gotta".
    for (fused, cut) in [("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)] {
        if lower == fused {
            push(tokens, text, start, start + cut, TokenKind::Word);
            push(tokens, text, start + cut, end, TokenKind::Word);
            return end;
        }
    }
    push(tokens, text, start, end, TokenKind::Word);
    end
}

/// The end of a number starting at `i`: digits with inner ",", ".", ":" or "/" each
/// followed by a digit.
fn number_end(bytes: &[u8], mut i: usize, limit: usize) -> usize {
    while i < limit {
        let b = bytes[i];
        let inner = matches!(b, b',' | b'.' | b':' | b'/')
            && i + 1 < limit
            && bytes[i + 1].is_ascii_digit();
        if b.is_ascii_digit() || inner {
            i += 1;
        } else if b == b'-' && is_phone_tail(bytes, i, limit) {
            // Telephone numbers stay whole: "303-832-8160".
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Endings that make a dotted word a domain or a file name ("voanews.com", "API.pdf").
const FILE_OR_DOMAIN_ENDINGS: &[&str] = &[
    "com", "org", "net", "gov", "edu", "int", "pdf", "doc", "docx", "htm", "html", "xls", "xlsx",
    "txt", "jpg", "png", "ppt", "csv", "zip",
];

/// Whether the hyphen at `i` sits inside a telephone number: three digits before it,
/// and three or four digits after it that end the number or lead to another hyphen.
fn is_phone_tail(bytes: &[u8], i: usize, limit: usize) -> bool {
    let before = bytes[..i]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let after = bytes[i + 1..limit]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let next = bytes.get(i + 1 + after).copied();
    before == 3
        && (after == 4 || (after == 3 && next == Some(b'-')))
        && !next.is_some_and(|b| b.is_ascii_alphabetic())
}

/// The end of a URL or e-mail address starting at `i`, if one starts there.
fn url_end(text: &str, i: usize, chunk_end: usize) -> Option<usize> {
    let chunk = &text[i..chunk_end];
    let lower = chunk
        .get(..chunk.len().min(8))
        .unwrap_or("")
        .to_ascii_lowercase();
    let is_url =
        lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.");
    let is_mail = {
        let at = chunk.find('@');
        at.is_some_and(|a| {
            a > 0
                && chunk[a..].contains('.')
                && chunk[..a]
                    .chars()
                    .all(|c| c.is_alphanumeric() || "._-+".contains(c))
        })
    };
    let is_file_or_domain = {
        let t = chunk.trim_end_matches(|c: char| ".,;:!?)]}\"'\u{201d}\u{2019}>".contains(c));
        t.contains('.')
            && t.rsplit_once('.').is_some_and(|(head, ext)| {
                !head.is_empty()
                    && head
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == '_')
                    && FILE_OR_DOMAIN_ENDINGS.contains(&ext.to_ascii_lowercase().as_str())
            })
            && chunk.starts_with(|c: char| c.is_alphanumeric())
    };
    if !is_url && !is_mail && !is_file_or_domain {
        return None;
    }
    // Trailing sentence punctuation and closing brackets are not part of the address.
    let trimmed = chunk.trim_end_matches(|c: char| ".,;:!?)]}\"'\u{201d}\u{2019}>".contains(c));
    (!trimmed.is_empty()).then_some(i + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn abbreviations_numbers_and_quotes() {
        assert_eq!(
            toks("The U.S. said Gen. Smith left."),
            ["The", "U.S.", "said", "Gen.", "Smith", "left", "."]
        );
        assert_eq!(
            toks("1,000 fighters on 9/11 at 10:30, 3.5%"),
            ["1,000", "fighters", "on", "9/11", "at", "10:30", ",", "3.5", "%"]
        );
        assert_eq!(
            toks("\"We won,\" he said."),
            ["\"", "We", "won", ",", "\"", "he", "said", "."]
        );
        assert_eq!(toks("Jennifer M. Anderson"), ["Jennifer", "M.", "Anderson"]);
    }

    #[test]
    fn clitics_possessives_and_hyphens() {
        assert_eq!(
            toks("Taliban's didn't can't O'Brien"),
            ["Taliban", "'s", "did", "n't", "ca", "n't", "O'Brien"]
        );
        assert_eq!(toks("Taliban’s"), ["Taliban", "’s"]);
        assert_eq!(
            toks("Al-Qaeda's 20-year war"),
            ["Al", "-", "Qaeda", "'s", "20", "-", "year", "war"]
        );
        assert_eq!(toks("soldiers' families"), ["soldiers", "'", "families"]);
        assert_eq!(toks("I cannot"), ["I", "can", "not"]);
    }

    #[test]
    fn urls_ordinals_and_runs() {
        assert_eq!(
            toks("see https://voanews.com/a/1. Wait..."),
            ["see", "https://voanews.com/a/1", ".", "Wait", "..."]
        );
        assert_eq!(toks("the 20th and 1990s"), ["the", "20th", "and", "1990s"]);
        assert_eq!(toks("mail a.b@c.org now"), ["mail", "a.b@c.org", "now"]);
        assert_eq!(
            toks("see voanews.com, API.pdf or 303-832-8160."),
            [
                "see",
                "voanews.com",
                ",",
                "API.pdf",
                "or",
                "303-832-8160",
                "."
            ]
        );
        assert_eq!(toks("a 2019-2020 plan"), ["a", "2019", "-", "2020", "plan"]);
    }

    #[test]
    fn offsets_cover_the_text_exactly() {
        let s = "Kabul — “Nangahar” fell; Jalālābād too.";
        for t in tokenize(s) {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
            assert!(!s[t.start..t.end].trim().is_empty());
        }
    }
}
