//! Date expressions and their resolution against the article date.
//!
//! News dates events relative to the dateline: "on Wednesday" is the most recent
//! Wednesday on or before the article date, "August 31" is in the article's year unless
//! that would put it well after the article, "last week" is a week-precision date.

use annals_text::{Doc, Span};
use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

/// A resolved date expression.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// The resolved day (for week, month and year precision, a day inside the period).
    pub value: Date,
    /// `day`, `week`, `month` or `year`.
    pub precision: &'static str,
    /// Bytes of the expression.
    pub span: Span,
    /// Token range of the expression.
    pub tokens: (usize, usize),
}

const MONTHS: [(&str, i8); 23] = [
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

fn month(w: &str) -> Option<i8> {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    MONTHS.iter().find(|(n, _)| *n == w).map(|&(_, m)| m)
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w.to_ascii_lowercase().as_str() {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

fn day_number(w: &str) -> Option<i8> {
    let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[d.len()..];
    if !suffix.is_empty() && !matches!(suffix, "st" | "nd" | "rd" | "th") {
        return None;
    }
    d.parse::<i8>().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(w: &str) -> Option<i16> {
    (w.len() == 4)
        .then(|| w.parse::<i16>().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// The most recent `wd` on or before `anchor`.
fn last_weekday(anchor: Date, wd: Weekday) -> Date {
    let back =
        (anchor.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7);
    anchor.checked_sub((back as i64).days()).unwrap_or(anchor)
}

/// "12/10", "12/10/2015", "12/10/15" read against the article date (see `find_dates`).
fn slash_date(tok: &str, anchor: Date) -> Option<Date> {
    let parts: Vec<&str> = tok.split('/').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return None;
    }
    let a: i8 = parts[0].parse().ok()?;
    let b: i8 = parts[1].parse().ok()?;
    let year: Option<i16> = match parts.get(2) {
        Some(y) if y.len() == 4 => y.parse().ok(),
        Some(y) if y.len() == 2 => y.parse::<i16>().ok().map(|y| 2000 + y),
        Some(_) => return None,
        None => None,
    };
    let make = |d: i8, m: i8| day_in(anchor, year, m, d);
    // Day first, then month first; the first that is not after the article date, else
    // the nearest.
    let readings: Vec<Date> = [make(a, b), make(b, a)].into_iter().flatten().collect();
    readings
        .iter()
        .filter(|&&d| d <= anchor)
        .max()
        .or_else(|| readings.first())
        .copied()
}

/// A day and month without a year: the article's year, or the year before when that
/// would lie more than a month after the article.
/// Day `d` of month `m`, in year `year` when the text gives one, else in the year
/// [`infer_year`] reads from the article date.
fn day_in(anchor: Date, year: Option<i16>, m: i8, d: i8) -> Option<Date> {
    match year {
        Some(y) => Date::new(y, m, d).ok(),
        None => infer_year(anchor, m, d),
    }
}

fn infer_year(anchor: Date, m: i8, d: i8) -> Option<Date> {
    let y = anchor.year();
    let this = Date::new(y, m, d).ok()?;
    if this > anchor.checked_add(31.days()).ok()? {
        Date::new(y - 1, m, d).ok()
    } else {
        Some(this)
    }
}

fn number_word(w: &str) -> Option<i64> {
    Some(match w.to_ascii_lowercase().as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "several" => 3,
        "few" => 3,
        _ => return w.parse().ok().filter(|n: &i64| (1..=400).contains(n)),
    })
}

// Why this function is long: one scan over the tokens in which each date form is a
// branch of the same cursor.
/// Find and resolve every date expression of the document.
pub fn find_dates(doc: &Doc, anchor: Date) -> Vec<DateMention> {
    let n = doc.tokens.len();
    let low: Vec<String> = (0..n).map(|i| doc.tok(i).to_ascii_lowercase()).collect();
    let w = |i: usize| low.get(i).map(String::as_str).unwrap_or("");
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let push = |out: &mut Vec<DateMention>,
                    a: usize,
                    b: usize,
                    value: Date,
                    precision: &'static str| {
            out.push(DateMention {
                value,
                precision,
                span: (doc.tokens[a].start, doc.tokens[b - 1].end),
                tokens: (a, b),
            });
            b
        };
        // ISO 2021-09-01 is tokenized as 2021 - 09 - 01.
        if let (Some(y), "-", "-") = (year_number(w(i)), w(i + 1), w(i + 3)) {
            if let (Ok(m), Ok(d)) = (w(i + 2).parse::<i8>(), w(i + 4).parse::<i8>()) {
                if let Ok(date) = Date::new(y, m, d) {
                    i = push(&mut out, i, i + 5, date, "day");
                    continue;
                }
            }
        }
        // "on 12/10", "on 10/11/2015": numeric day and month after "on". Day first and
        // month first are both read; the reading on or just before the article date wins
        // (reports tell of the past), day first on a tie.
        if i > 0 && w(i - 1) == "on" {
            if let Some(date) = slash_date(w(i), anchor) {
                i = push(&mut out, i, i + 1, date, "day");
                continue;
            }
        }
        // "31 August (2021)", "3rd of June"
        if let Some(d) = day_number(w(i)) {
            let k = if w(i + 1) == "of" { i + 2 } else { i + 1 };
            if let Some(m) =
                month(w(k)).filter(|_| doc.tok(k).chars().next().is_some_and(char::is_uppercase))
            {
                let (y, end) = match year_number(w(k + 1)) {
                    Some(y) => (Some(y), k + 2),
                    None => (None, k + 1),
                };
                if let Some(date) = day_in(anchor, y, m, d) {
                    i = push(&mut out, i, end, date, "day");
                    continue;
                }
            }
        }
        if let Some(m) =
            month(w(i)).filter(|_| doc.tok(i).chars().next().is_some_and(char::is_uppercase))
        {
            // "May" is also a verb: a month needs a day or year beside it, or "in"/"since" before.
            if let Some(d) = day_number(w(i + 1)) {
                // "August 31, 2021" / "August 31"
                let (mut end, mut y) = (i + 2, None);
                if w(end) == "," && year_number(w(end + 1)).is_some() {
                    y = year_number(w(end + 1));
                    end += 2;
                } else if let Some(yy) = year_number(w(end)) {
                    y = Some(yy);
                    end += 1;
                }
                if let Some(date) = day_in(anchor, y, m, d) {
                    i = push(&mut out, i, end, date, "day");
                    continue;
                }
            }
            if let Some(y) = year_number(w(i + 1)) {
                if let Ok(date) = Date::new(y, m, 1) {
                    i = push(&mut out, i, i + 2, date, "month");
                    continue;
                }
            }
            // ("in May", but not "may" after other words: the verb.)
            let month_word = if m == 5 {
                |w: &str| w == "in"
            } else {
                |w: &str| {
                    matches!(
                        w,
                        "in" | "since" | "early" | "late" | "mid" | "until" | "during"
                    )
                }
            };
            if i > 0 && month_word(w(i - 1)) {
                if let Some(date) = infer_year(anchor, m, 1) {
                    i = push(&mut out, i, i + 1, date, "month");
                    continue;
                }
            }
        }
        if let Some(wd) = weekday(w(i).trim_end_matches("'s")) {
            // "Wednesday" and "Wednesday's" (the possessive is its own token).
            let date = if i > 0 && w(i - 1) == "last" {
                let d = last_weekday(anchor, wd);
                if d == anchor {
                    d.checked_sub(7.days()).unwrap_or(d)
                } else {
                    d
                }
            } else if i > 0 && w(i - 1) == "next" {
                anchor
                    .checked_add(
                        ((wd.to_monday_zero_offset() - anchor.weekday().to_monday_zero_offset())
                            .rem_euclid(7) as i64)
                            .days(),
                    )
                    .unwrap_or(anchor)
            } else {
                last_weekday(anchor, wd)
            };
            i = push(&mut out, i, i + 1, date, "day");
            continue;
        }
        match w(i) {
            "yesterday" => {
                i = push(
                    &mut out,
                    i,
                    i + 1,
                    anchor.checked_sub(1.day()).unwrap_or(anchor),
                    "day",
                );
                continue;
            }
            "today" | "tonight" => {
                i = push(&mut out, i, i + 1, anchor, "day");
                continue;
            }
            "earlier" if w(i + 1) == "in" && w(i + 2) == "the" && w(i + 3) == "day" => {
                i = push(&mut out, i, i + 4, anchor, "day");
                continue;
            }
            "this" if matches!(w(i + 1), "morning" | "afternoon" | "evening") => {
                i = push(&mut out, i, i + 2, anchor, "day");
                continue;
            }
            "last" | "this" | "past"
                if matches!(w(i + 1), "week" | "weekend" | "month" | "year") =>
            {
                let (d, p) = match (w(i), w(i + 1)) {
                    ("this", "week") => (anchor, "week"),
                    ("this", "month") => (anchor, "month"),
                    ("this", "year") => (anchor, "year"),
                    (_, "week") => (anchor.checked_sub(7.days()).unwrap_or(anchor), "week"),
                    (_, "weekend") => (last_weekday(anchor, Weekday::Saturday), "week"),
                    (_, "month") => (anchor.checked_sub(1.month()).unwrap_or(anchor), "month"),
                    _ => (anchor.checked_sub(1.year()).unwrap_or(anchor), "year"),
                };
                i = push(&mut out, i, i + 2, d, p);
                continue;
            }
            _ => {}
        }
        // "two days ago", "3 weeks ago"
        if let Some(k) = number_word(w(i)) {
            if w(i + 2) == "ago" {
                let (d, p) = match w(i + 1) {
                    "day" | "days" => (anchor.checked_sub(k.days()).ok(), "day"),
                    "week" | "weeks" => (anchor.checked_sub((7 * k).days()).ok(), "week"),
                    "month" | "months" => (anchor.checked_sub(k.months()).ok(), "month"),
                    "year" | "years" => (anchor.checked_sub(k.years()).ok(), "year"),
                    _ => (None, "day"),
                };
                if let Some(d) = d {
                    i = push(&mut out, i, i + 3, d, p);
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str, anchor: &str) -> Vec<(String, &'static str, String)> {
        let d = Doc::new(text);
        find_dates(&d, anchor.parse().unwrap())
            .into_iter()
            .map(|m| {
                (
                    m.value.to_string(),
                    m.precision,
                    text[m.span.0..m.span.1].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn weekdays_are_the_most_recent_one() {
        // 2021-09-02 is a Thursday.
        assert_eq!(
            dates("in Wednesday's conflict", "2021-09-02")[0].0,
            "2021-09-01"
        );
        assert_eq!(dates("on Thursday", "2021-09-02")[0].0, "2021-09-02");
        assert_eq!(dates("on Friday", "2021-09-02")[0].0, "2021-08-27");
        assert_eq!(dates("last Thursday", "2021-09-02")[0].0, "2021-08-26");
    }

    #[test]
    fn month_day_forms() {
        assert_eq!(
            dates("on August 31, the US left", "2021-09-02")[0].0,
            "2021-08-31"
        );
        assert_eq!(
            dates("On 3 June 2022, in San Luis", "2022-06-05")[0].0,
            "2022-06-03"
        );
        assert_eq!(dates("on December 30", "2022-01-02")[0].0, "2021-12-30");
        assert_eq!(
            dates("in March 2020", "2021-01-01")[0],
            ("2020-03-01".into(), "month", "March 2020".into())
        );
        assert!(dates("they may go", "2021-01-01").is_empty());
    }

    #[test]
    fn numeric_day_month_after_on() {
        // ACLED writes day/month; the reading not after the article date wins.
        let d = dates("Youths protested at the offices on 10/11.", "2015-11-12");
        assert_eq!(d[0].0, "2015-11-10", "{d:?}");
        let d = dates("It happened on 12/10 at 10:30.", "2015-10-14");
        assert_eq!(d[0].0, "2015-10-12", "{d:?}");
        assert!(dates("Two thirds, or 2/3 of them, left.", "2015-10-14").is_empty());
    }

    #[test]
    fn relative_words() {
        assert_eq!(dates("Yesterday", "2021-09-02")[0].0, "2021-09-01");
        assert_eq!(
            dates("Saleh, earlier in the day, said", "2021-09-02")[0].0,
            "2021-09-02"
        );
        assert_eq!(dates("last week", "2021-09-02")[0].1, "week");
        assert_eq!(dates("two days ago", "2021-09-02")[0].0, "2021-08-31");
        assert_eq!(dates("on 2021-08-30", "2021-09-02")[0].0, "2021-08-30");
    }
}
