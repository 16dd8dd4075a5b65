//! The article: the unit every stage works on.

use jiff::civil::Date;

/// One news article as read from the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The caller's identifier, or one made from the file name and line.
    pub id: String,
    /// Publication date: relative dates in the text ("Wednesday") resolve against it.
    pub date: Date,
    /// The article body; every span in the output indexes into it.
    pub text: String,
    /// Headline, when the input gives one separately from the text.
    pub title: Option<String>,
    /// Where the article was published, when known.
    pub url: Option<String>,
    /// The outlet, when known.
    pub source: Option<String>,
    /// Where the record came from: file name and line, for error messages and provenance.
    pub origin: String,
}

/// The years an article may be dated in: news of the modern era, and dates that stay
/// four-digit years in the output whatever the coder reads relative to them ("last
/// year", "31 December").
pub const YEARS: std::ops::RangeInclusive<i16> = 1800..=2200;

/// Parse an ISO `YYYY-MM-DD` date, rejecting impossible days such as 2021-02-30 and years
/// outside [`YEARS`].
pub fn parse_date(s: &str) -> Result<Date, String> {
    let s = s.trim();
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(format!("date {s:?} is not of the form YYYY-MM-DD"));
    }
    let date = s
        .parse::<Date>()
        .map_err(|_| format!("date {s:?} is not a real calendar day"))?;
    if !YEARS.contains(&date.year()) {
        return Err(format!(
            "date {s:?} is outside the years annals reads ({}-{})",
            YEARS.start(),
            YEARS.end()
        ));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(parse_date("2021-09-02").is_ok());
        assert!(parse_date("2021-02-30").unwrap_err().contains("not a real"));
        assert!(parse_date("02/09/2021").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_date("").is_err());
        // Years the output schema cannot hold once a relative date steps back from them.
        assert!(parse_date("0000-01-05").unwrap_err().contains("1800-2200"));
        assert!(parse_date("1799-12-31").is_err());
        assert!(parse_date("2201-01-01").is_err());
        assert!(parse_date("1800-01-01").is_ok() && parse_date("2200-12-31").is_ok());
    }
}
