//! Reading articles from plain files, JSON Lines, directories and standard input.
//!
//! Every record is checked on its own: a bad one yields an [`InputError`] naming the
//! input and line (or byte offset), and reading goes on with the next record.

use crate::article::{parse_date, Article};
use jiff::civil::Date;
use serde::Deserialize;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Articles larger than this are refused: no news article is 8 MiB of text, and a
/// bigger one is a dump or a binary that would only waste the pipeline's time.
pub const MAX_TEXT_BYTES: usize = 8 << 20;

/// One bad record: where it is and what is wrong with it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct InputError {
    /// The input and position, e.g. `examples/a.jsonl:17` or `notes.txt (byte 120)`.
    pub origin: String,
    /// What is wrong, in words.
    pub message: String,
}

/// How to read inputs.
#[derive(Debug, Clone, Default)]
pub struct InputOptions {
    /// The date for plain texts that carry none (`--date`).
    pub default_date: Option<Date>,
}

/// Read every input in order. `-` is standard input; a directory is read recursively in
/// name order. Each item is an article or the error of one bad record.
pub fn read_inputs(paths: &[PathBuf], opts: &InputOptions) -> Vec<Result<Article, InputError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            let mut buf = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut buf) {
                Ok(_) => read_bytes("<stdin>", &buf, opts, &mut out),
                Err(e) => out.push(Err(err("<stdin>", format!("cannot read: {e}")))),
            }
        } else {
            read_path(p, opts, &mut out);
        }
    }
    out
}

fn read_path(p: &Path, opts: &InputOptions, out: &mut Vec<Result<Article, InputError>>) {
    let name = p.display().to_string();
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(p) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => return out.push(Err(err(&name, format!("cannot read directory: {e}")))),
        };
        entries.sort();
        for e in entries {
            let hidden = e
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if !hidden {
                read_path(&e, opts, out);
            }
        }
        return;
    }
    match std::fs::read(p) {
        Ok(bytes) => read_bytes(&name, &bytes, opts, out),
        Err(e) => out.push(Err(err(&name, format!("cannot read: {e}")))),
    }
}

/// Read one input's bytes: JSON Lines when the first non-blank byte is `{`, otherwise
/// one plain article.
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    opts: &InputOptions,
    out: &mut Vec<Result<Article, InputError>>,
) {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        read_jsonl(name, bytes, out);
    } else {
        out.push(read_plain(name, bytes, opts));
    }
}

fn err(origin: &str, message: impl Into<String>) -> InputError {
    InputError {
        origin: origin.to_string(),
        message: message.into(),
    }
}

/// The JSON Lines record shape: `id`, `date` and `text` are required.
#[derive(Deserialize)]
struct JsonRecord {
    id: Option<serde_json::Value>,
    date: Option<String>,
    text: Option<String>,
    title: Option<String>,
    url: Option<String>,
    source: Option<serde_json::Value>,
}

fn read_jsonl(name: &str, bytes: &[u8], out: &mut Vec<Result<Article, InputError>>) {
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        out.extend(jsonl_record(name, i + 1, line));
    }
}

/// One line of JSON Lines (line number `n`, from 1): its article, its error, or nothing
/// for a blank line.
fn jsonl_record(name: &str, n: usize, line: &[u8]) -> Option<Result<Article, InputError>> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.iter().all(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let origin = format!("{name}:{n}");
    let line = match std::str::from_utf8(line) {
        Ok(s) => s,
        Err(e) => {
            return Some(Err(err(
                &origin,
                format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
            )))
        }
    };
    Some(match serde_json::from_str::<JsonRecord>(line) {
        Ok(rec) => json_article(&origin, rec),
        Err(e) => Err(err(
            &origin,
            format!("malformed JSON at column {}: {e}", e.column()),
        )),
    })
}

/// Read JSON Lines or one plain article from `reader` as [`read_bytes`] does, but hand
/// each JSON line to `each` as soon as it is read, so that a pipe gets each record's
/// answer before the next record is written (`tail -f ... | annals extract -`). A plain
/// article is read to its end first.
pub fn stream_reader<E>(
    name: &str,
    reader: &mut dyn std::io::BufRead,
    opts: &InputOptions,
    each: &mut dyn FnMut(Result<Article, InputError>) -> Result<(), E>,
) -> Result<(), E> {
    let mut line = Vec::new();
    let mut n = 0;
    // Blank lines first, then the first line decides the form.
    loop {
        line.clear();
        n += 1;
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return Ok(()),
            Ok(_) if line.iter().all(|b| b.is_ascii_whitespace()) => continue,
            Ok(_) => break,
            Err(e) => return each(Err(err(name, format!("cannot read: {e}")))),
        }
    }
    if line.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        let mut rest = line;
        if let Err(e) = reader.read_to_end(&mut rest) {
            return each(Err(err(name, format!("cannot read: {e}"))));
        }
        return each(read_plain(name, &rest, opts));
    }
    loop {
        if let Some(rec) = jsonl_record(name, n, &line) {
            each(rec)?;
        }
        line.clear();
        n += 1;
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(e) => {
                return each(Err(err(
                    &format!("{name}:{n}"),
                    format!("cannot read: {e}"),
                )))
            }
        }
    }
}

/// [`read_inputs`] record by record: standard input is streamed ([`stream_reader`]),
/// files and directories are read whole, and `each` gets every record in input order.
pub fn for_each_input<E>(
    paths: &[PathBuf],
    opts: &InputOptions,
    each: &mut dyn FnMut(Result<Article, InputError>) -> Result<(), E>,
) -> Result<(), E> {
    for p in paths {
        if p.as_os_str() == "-" {
            stream_reader("<stdin>", &mut std::io::stdin().lock(), opts, each)?;
        } else {
            let mut out = Vec::new();
            read_path(p, opts, &mut out);
            for rec in out {
                each(rec)?;
            }
        }
    }
    Ok(())
}

fn json_article(origin: &str, rec: JsonRecord) -> Result<Article, InputError> {
    let id = match rec.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => origin.to_string(),
    };
    let date = match rec.date.as_deref() {
        Some(d) => parse_date(d).map_err(|m| err(origin, m))?,
        None => {
            return Err(err(
                origin,
                "missing \"date\" (YYYY-MM-DD): relative dates need the article date",
            ))
        }
    };
    let text = rec.text.ok_or_else(|| err(origin, "missing \"text\""))?;
    check_text(origin, &text)?;
    let source = match rec.source {
        Some(serde_json::Value::String(s)) => Some(s),
        _ => None,
    };
    Ok(Article {
        id,
        date,
        text,
        title: rec.title,
        url: rec.url,
        source,
        origin: origin.to_string(),
    })
}

fn read_plain(name: &str, bytes: &[u8], opts: &InputOptions) -> Result<Article, InputError> {
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(err(
            name,
            format!("binary data (NUL byte at byte {pos}), not text"),
        ));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| err(name, format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Nothing to read says so, before any complaint about a missing date.
    if text.trim().is_empty() {
        return Err(err(name, "empty: the file holds no text"));
    }
    // The bundled form: " date YYYY-MM-DD <text>".
    let trimmed = text.trim_start();
    let (date, body) =
        if let Some(rest) = trimmed.strip_prefix("date ") {
            let rest = rest.trim_start();
            let d = rest.get(..10).unwrap_or(rest);
            let date = parse_date(d)
                .map_err(|m| err(name, format!("{m} (in the \" date YYYY-MM-DD\" header)")))?;
            (date, rest[d.len()..].trim_start())
        } else {
            match opts.default_date {
                Some(d) => (d, text),
                None => return Err(err(
                    name,
                    "no date: start the file with \" date YYYY-MM-DD\" or pass --date YYYY-MM-DD",
                )),
            }
        };
    check_text(name, body)?;
    let id = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name)
        .to_string();
    Ok(Article {
        id,
        date,
        text: body.to_string(),
        title: None,
        url: None,
        source: None,
        origin: name.to_string(),
    })
}

/// Reject texts the pipeline cannot read as English news prose.
fn check_text(origin: &str, text: &str) -> Result<(), InputError> {
    if text.trim().is_empty() {
        return Err(err(origin, "empty text"));
    }
    if text.len() > MAX_TEXT_BYTES {
        return Err(err(
            origin,
            format!(
                "text of {} bytes is over the {MAX_TEXT_BYTES}-byte limit",
                text.len()
            ),
        ));
    }
    if let Some(pos) = text.find('\0') {
        return Err(err(
            origin,
            format!("binary data (NUL character at byte {pos}), not text"),
        ));
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    if controls * 20 > text.chars().count() {
        return Err(err(
            origin,
            "binary data (mostly control characters), not text",
        ));
    }
    if let Some(pos) = html_markup_at(text) {
        return Err(err(
            origin,
            format!("HTML markup at byte {pos}: extract the article text first"),
        ));
    }
    if !looks_english(text) {
        return Err(err(
            origin,
            "not English: too few English function words (annals codes English text only)",
        ));
    }
    Ok(())
}

/// The byte offset of the first HTML tag when the text is markup rather than prose.
fn html_markup_at(text: &str) -> Option<usize> {
    const TAGS: [&str; 10] = [
        "<html",
        "<body",
        "<div",
        "<p>",
        "<p ",
        "<span",
        "<a href",
        "<br",
        "<script",
        "<!doctype",
    ];
    let lower = text
        .get(..text.len().min(4096))
        .map(str::to_ascii_lowercase);
    let lower = lower.unwrap_or_else(|| {
        text.chars()
            .take(4096)
            .collect::<String>()
            .to_ascii_lowercase()
    });
    TAGS.iter().filter_map(|t| lower.find(t)).min()
}

/// A cheap language check: share of the most frequent English function words among the
/// words of the text. Short texts pass: there is too little to judge.
fn looks_english(text: &str) -> bool {
    const COMMON: [&str; 24] = [
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "by", "he",
        "as", "at", "said", "from", "it", "has", "were", "have", "an", "are",
    ];
    let mut words = 0usize;
    let mut hits = 0usize;
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(2000)
    {
        words += 1;
        if w.len() <= 4 && COMMON.iter().any(|c| c.eq_ignore_ascii_case(w)) {
            hits += 1;
        }
    }
    words < 25 || hits * 100 >= words * 6
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], opts: &InputOptions) -> Vec<Result<Article, InputError>> {
        let mut out = Vec::new();
        read_bytes("t", bytes, opts, &mut out);
        out
    }

    #[test]
    fn plain_article_with_date_header() {
        let a = read(
            b" date 2021-09-02 The NRF said so.",
            &InputOptions::default(),
        );
        let a = a[0].as_ref().unwrap();
        assert_eq!(a.date.to_string(), "2021-09-02");
        assert_eq!(a.text, "The NRF said so.");
    }

    #[test]
    fn plain_text_needs_a_date() {
        let r = read(b"The NRF said so.", &InputOptions::default());
        assert!(r[0].as_ref().unwrap_err().message.contains("--date"));
        let opts = InputOptions {
            default_date: Some(parse_date("2020-01-01").unwrap()),
        };
        assert!(read(b"The NRF said so.", &opts)[0].is_ok());
    }

    #[test]
    fn bad_json_lines_do_not_stop_good_ones() {
        let input = b"{\"id\":\"a\",\"date\":\"2021-01-01\",\"text\":\"One.\"}\n{oops\n\n{\"id\":\"b\",\"date\":\"2021-02-30\",\"text\":\"x\"}\n{\"id\":\"c\",\"date\":\"2021-01-02\",\"text\":\"Two.\"}\n";
        let r = read(input, &InputOptions::default());
        assert_eq!(r.len(), 4);
        assert!(r[0].is_ok());
        assert_eq!(r[1].as_ref().unwrap_err().origin, "t:2");
        assert!(r[1]
            .as_ref()
            .unwrap_err()
            .message
            .contains("malformed JSON"));
        assert_eq!(r[2].as_ref().unwrap_err().origin, "t:4");
        assert_eq!(r[3].as_ref().unwrap().id, "c");
    }

    #[test]
    fn invalid_utf8_binary_empty_html_and_foreign_text_are_refused() {
        let opts = InputOptions {
            default_date: Some(parse_date("2020-01-01").unwrap()),
        };
        let e = |b: &[u8]| read(b, &opts).remove(0).unwrap_err().message;
        assert!(e(b"abc \xff\xfe def").contains("invalid UTF-8 at byte 4"));
        assert!(e(b"\x00\x01\x02ELF").contains("binary"));
        assert!(e(b"   \n ").contains("empty"));
        // Without a date to fall back on, an empty file is still called empty.
        let none = InputOptions { default_date: None };
        for b in [&b""[..], b"   \n  ", b"\xef\xbb\xbf \n"] {
            let m = read(b, &none).remove(0).unwrap_err().message;
            assert!(m.starts_with("empty"), "{m}");
        }
        assert!(e(b"<html><body><p>Hi</p></body></html>").contains("HTML"));
        let french = "Le gouvernement a annoncé mardi que les forces de sécurité avaient repris le contrôle de la ville après des combats qui ont duré plusieurs jours selon les autorités locales et des témoins sur place dans la région.";
        assert!(e(french.as_bytes()).contains("not English"));
        let big = "word ".repeat(MAX_TEXT_BYTES / 5 + 10);
        assert!(e(big.as_bytes()).contains("limit"));
    }
}
