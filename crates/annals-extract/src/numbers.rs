//! Number phrases: "over 350", "1,000", "at least 12", "dozens", "between 10 and 15",
//! "two", "a number of". Vague words get ACLED's conventional figures (several = 10,
//! dozens = 12, hundreds = 100, thousands = 1000) and keep their wording as qualifier.

use annals_text::{Doc, Span, TokenKind};

/// A number phrase in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberPhrase {
    /// The figure (the low end of a range).
    pub value: i64,
    /// The high end of a range, when the text gives one.
    pub high: Option<i64>,
    /// Wording that qualifies the figure: "over", "at least", "about", "dozens", ...
    pub qualifier: Option<String>,
    /// Bytes of the phrase.
    pub span: Span,
    /// Token range of the phrase.
    pub tokens: (usize, usize),
}

const QUALIFIERS: &[&str] = &[
    "more than",
    "over",
    "at least",
    "about",
    "around",
    "nearly",
    "almost",
    "up to",
    "some",
    "approximately",
    "an estimated",
    "roughly",
    "as many as",
    "fewer than",
    "less than",
    "close to",
    "upwards of",
    "at most",
    "no fewer than",
    "no less than",
    "a total of",
    "estimated",
    "only",
    "just",
];

fn small_number(w: &str) -> Option<i64> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(p) = WORDS.iter().position(|x| *x == w) {
        return Some(p as i64);
    }
    const TENS: [(&str, i64); 7] = [
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
    ];
    TENS.iter().find(|(x, _)| *x == w).map(|&(_, v)| v)
}

fn scale(w: &str) -> Option<i64> {
    match w {
        "hundred" => Some(100),
        "thousand" => Some(1000),
        "million" | "mln" => Some(1_000_000),
        _ => None,
    }
}

/// Vague amounts and the figure ACLED's convention gives them.
fn vague(words: &[&str]) -> Option<(usize, i64, &'static str)> {
    let w0 = words.first().copied().unwrap_or("");
    let w1 = words.get(1).copied().unwrap_or("");
    let w2 = words.get(2).copied().unwrap_or("");
    let w3 = words.get(3).copied().unwrap_or("");
    Some(match (w0, w1, w2, w3) {
        ("a", "large", "number", "of") => (4, 10, "a large number of"),
        ("a", "number", "of", _) => (3, 10, "a number of"),
        ("a", "dozen", _, _) => (2, 12, "a dozen"),
        ("a", "few", _, _) => (2, 3, "a few"),
        ("dozens", _, _, _) => (1, 12, "dozens"),
        ("scores", "of", _, _) => (1, 20, "scores"),
        ("hundreds", _, _, _) => (1, 100, "hundreds"),
        ("thousands", _, _, _) => (1, 1000, "thousands"),
        ("several", _, _, _) => (1, 10, "several"),
        ("many", _, _, _) => (1, 10, "many"),
        ("numerous", _, _, _) => (1, 10, "numerous"),
        _ => return None,
    })
}

fn parse_digits(s: &str) -> Option<f64> {
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let clean: String = s.chars().filter(|&c| c != ',').collect();
    clean.parse::<f64>().ok()
}

/// Read one plain number at token `i`: digits or words, with a scale word. Returns the
/// value and the token just past it.
fn plain_number(low: &[String], doc: &Doc, i: usize) -> Option<(i64, usize)> {
    let w = low.get(i)?;
    let (mut v, mut j) = if doc.tokens[i].kind == TokenKind::Number {
        (parse_digits(w)?, i + 1)
    } else if let Some(n) = small_number(w) {
        let mut v = n as f64;
        let mut j = i + 1;
        // "twenty-five"
        if n >= 20 && n % 10 == 0 && low.get(j).map(String::as_str) == Some("-") {
            if let Some(u) = low
                .get(j + 1)
                .and_then(|x| small_number(x))
                .filter(|u| *u < 10)
            {
                v += u as f64;
                j += 2;
            }
        }
        (v, j)
    } else if w == "a" && low.get(i + 1).and_then(|x| scale(x)).is_some() {
        (1.0, i + 1)
    } else {
        return None;
    };
    while let Some(s) = low.get(j).and_then(|x| scale(x)) {
        v *= s as f64;
        j += 1;
    }
    (0.0..1e12).contains(&v).then_some((v.round() as i64, j))
}

/// Find the number phrases of a document. Years ("2021"), times and dates are skipped:
/// a four-digit number from 1900 to 2100 without a comma counts only with a qualifier.
pub fn find_numbers(doc: &Doc) -> Vec<NumberPhrase> {
    let n = doc.tokens.len();
    let low: Vec<String> = (0..n).map(|i| doc.tok(i).to_lowercase()).collect();
    let strs: Vec<&str> = low.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let start = i;
        // Qualifier
        let mut qual: Option<String> = None;
        let mut k = i;
        for q in QUALIFIERS {
            let words: Vec<&str> = q.split(' ').collect();
            if strs.get(i..i + words.len()) == Some(words.as_slice()) {
                qual = Some(q.to_string());
                k = i + words.len();
                break;
            }
        }
        // "between 10 and 15"
        if strs[i] == "between" {
            if let Some((a, j)) = plain_number(&low, doc, i + 1) {
                if strs.get(j) == Some(&"and") {
                    if let Some((b, j2)) = plain_number(&low, doc, j + 1) {
                        out.push(NumberPhrase {
                            value: a,
                            high: Some(b),
                            qualifier: Some("between".into()),
                            span: span(doc, i, j2),
                            tokens: (i, j2),
                        });
                        i = j2;
                        continue;
                    }
                }
            }
        }
        if let Some((len, v, q)) = vague(&strs[k..]) {
            let q = match qual {
                Some(pre) => format!("{pre} {q}"),
                None => q.to_string(),
            };
            out.push(NumberPhrase {
                value: v,
                high: None,
                qualifier: Some(q),
                span: span(doc, start, k + len),
                tokens: (start, k + len),
            });
            i = k + len;
            continue;
        }
        if let Some((v, j)) = plain_number(&low, doc, k) {
            let tok = doc.tok(k);
            let is_year = (1900..=2100).contains(&v) && tok.len() == 4 && !tok.contains(',');
            let is_time = tok.contains(':') || tok.contains('/');
            let is_decimal = tok.contains('.') && j == k + 1;
            // "one of the", "one day" are not counts of people; keep "one" only with a qualifier-free noun after.
            if (is_year && qual.is_none()) || is_time || is_decimal {
                i = j.max(i + 1);
                continue;
            }
            // A range: "10 to 15", "10-15"
            let mut high = None;
            let mut end = j;
            if matches!(strs.get(j), Some(&"to") | Some(&"-") | Some(&"or")) {
                if let Some((b, j2)) = plain_number(&low, doc, j + 1) {
                    if b > v {
                        high = Some(b);
                        end = j2;
                    }
                }
            }
            out.push(NumberPhrase {
                value: v,
                high,
                qualifier: qual,
                span: span(doc, start, end),
                tokens: (start, end),
            });
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

fn span(doc: &Doc, a: usize, b: usize) -> Span {
    (doc.tokens[a].start, doc.tokens[b - 1].end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(s: &str) -> Vec<(i64, Option<i64>, Option<String>)> {
        let d = Doc::new(s);
        find_numbers(&d)
            .into_iter()
            .map(|n| (n.value, n.high, n.qualifier))
            .collect()
    }

    #[test]
    fn figures_with_qualifiers() {
        assert_eq!(nums("over 350 Taliban"), [(350, None, Some("over".into()))]);
        assert_eq!(nums("capturing 130 others"), [(130, None, None)]);
        assert_eq!(nums("1,000 Kalashnikov rifles"), [(1000, None, None)]);
        assert_eq!(
            nums("at least twenty-five people"),
            [(25, None, Some("at least".into()))]
        );
        assert_eq!(nums("2.5 million displaced"), [(2_500_000, None, None)]);
    }

    #[test]
    fn vague_ranges_and_years() {
        assert_eq!(
            nums("dozens of civilians"),
            [(12, None, Some("dozens".into()))]
        );
        assert_eq!(
            nums("a large number of grenades"),
            [(10, None, Some("a large number of".into()))]
        );
        assert_eq!(
            nums("between 10 and 15 killed"),
            [(10, Some(15), Some("between".into()))]
        );
        assert_eq!(nums("10-15 killed"), [(10, Some(15), None)]);
        assert!(nums("in 2021 at 10:30").is_empty());
    }
}
