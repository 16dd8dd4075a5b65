//! Helpers shared by the end-to-end tests: run the built `annals` binary, find the
//! repository and the shared corpora.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

/// The shared corpora (`../shared` beside the repository, or $ANNALS_SHARED), if present.
pub fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("ANNALS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    if p.join("data").is_dir() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: shared corpora not found at {} (set ANNALS_SHARED)",
            p.display()
        );
        None
    }
}

/// Run `annals ARGS` with `stdin` as standard input.
pub fn annals(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_annals"));
    cmd.args(args)
        .current_dir(repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = cmd.spawn().expect("run annals");
    // Input is written from another thread while the output is read here: annals
    // streams, so a large input and its output would otherwise fill both pipes and wait
    // on each other.
    let writer = stdin.map(|input| {
        let input = input.to_vec();
        let mut pipe = child.stdin.take().expect("stdin");
        std::thread::spawn(move || {
            use std::io::Write;
            // The command may exit before reading (a usage error): a broken pipe is fine.
            let _ = pipe.write_all(&input);
        })
    });
    let out = child.wait_with_output().expect("annals output");
    if let Some(w) = writer {
        let _ = w.join();
    }
    out
}

/// Parse JSON Lines output.
pub fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// The body of the bundled seed article, as the reader sees it.
pub fn seed_text() -> String {
    let raw = std::fs::read_to_string(repo().join("examples/panjshir_2021-09-02.txt"))
        .expect("seed example");
    let rest = raw
        .trim_start()
        .strip_prefix("date ")
        .expect("date header")
        .trim_start();
    rest[10..].trim_start().to_string()
}

/// Code `(id, date, text)` articles in one `annals extract -` run; the outputs, in order.
pub fn extract_articles<'a>(
    articles: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
) -> Vec<serde_json::Value> {
    extract_articles_with(articles, &[])
}

/// [`extract_articles`] with more arguments to `annals extract` (a profile).
pub fn extract_articles_with<'a>(
    articles: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
    args: &[&str],
) -> Vec<serde_json::Value> {
    let input: String = articles
        .into_iter()
        .map(|(id, date, text)| {
            serde_json::json!({"id": id, "date": date, "text": text}).to_string() + "\n"
        })
        .collect();
    let mut argv = vec!["extract", "-"];
    argv.extend_from_slice(args);
    let out = annals(&argv, Some(input.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out.stdout)
}
