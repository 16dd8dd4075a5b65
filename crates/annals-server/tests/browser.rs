//! The page in a real browser: headless Chromium loads it over a store of the examples,
//! and the test checks that points, the timeline and the evidence view render, then
//! saves a screenshot to docs/screenshot.png.
//!
//! Needs Debian's chromium (`apt-get install chromium`), so it is ignored by default:
//! `cargo test -p annals-server --test browser -- --ignored`.

mod common;
use common::*;
use std::process::Command;

fn chromium() -> Option<String> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .find(|p| std::path::Path::new(p).exists())
    .map(|p| p.to_string())
}

fn run_chromium(bin: &str, extra: &[&str], url: &str) -> std::process::Output {
    // One profile per run: two Chromiums on one profile hand over to each other, and the
    // second prints nothing.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let profile =
        std::env::temp_dir().join(format!("annals-chromium-{}-{run}", std::process::id()));
    let mut args = vec![
        "--headless".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        format!("--user-data-dir={}", profile.display()),
        "--virtual-time-budget=10000".into(),
        "--window-size=1400,1150".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push(url.to_string());
    Command::new(bin)
        .args(&args)
        .output()
        .expect("run chromium")
}

#[test]
#[ignore = "needs Debian's chromium; run with --ignored"]
fn page_renders_points_timeline_and_evidence() {
    let Some(bin) = chromium() else {
        panic!("chromium not installed: apt-get install chromium")
    };
    let addr = start(example_db("browser"), None);
    let (_, v) = get_json(addr, "/api/events?actor=NRF&type=Battles&limit=1");
    let id = v["events"][0]["event_id"].as_i64().expect("the NRF battle");
    let url = format!("http://{addr}/?event={id}");
    let out = run_chromium(&bin, &["--dump-dom"], &url);
    let dom = String::from_utf8_lossy(&out.stdout);
    let points = dom.matches("class=\"pt").count();
    let bars = dom.matches("class=\"bar\"").count();
    assert!(points >= 20, "{points} points drawn");
    assert!(bars >= 5, "{bars} timeline bars drawn");
    assert!(
        dom.matches("class=\"land\"").count() > 100,
        "country outlines drawn"
    );
    for kind in ["trigger", "actor", "place", "date", "number", "claimant"] {
        assert!(
            dom.contains(&format!("<mark class=\"{kind}\"")),
            "evidence view has no {kind} mark"
        );
    }
    assert!(dom.contains("Panjshir"), "the article text is shown");
    let shot = repo().join("docs/screenshot.png");
    let out = run_chromium(&bin, &[&format!("--screenshot={}", shot.display())], &url);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::metadata(&shot)
            .map(|m| m.len() > 10_000)
            .unwrap_or(false),
        "screenshot written"
    );
}

/// A feed that stores script in every field it controls (article id, source, url, the
/// names of actors and places in its text) runs none of it in the page: the evidence
/// view shows it as text, and a `javascript:` url is no link.
#[test]
#[ignore = "needs Debian's chromium; run with --ignored"]
fn hostile_articles_run_no_script_in_the_page() {
    let Some(bin) = chromium() else {
        panic!("chromium not installed: apt-get install chromium")
    };
    let token = "test-token";
    let addr = start(example_db("xss"), Some(token));
    let payload = r#"<img src=x onerror="document.body.dataset.xss=1">"#;
    let article = serde_json::json!({
        "id": format!("x{payload}"),
        "date": "2024-03-10",
        "source": format!("Wire{payload}"),
        "url": "javascript:document.body.dataset.xss=1",
        "text": format!(
            "Gunmen of the{payload} Front attacked a market in Maiduguri{payload} on Saturday, \
             killing 12 people, police{payload} said."
        ),
    });
    let (c, body) = request(
        addr,
        "POST",
        "/api/articles",
        &[
            ("Authorization", &format!("Bearer {token}")),
            ("Content-Type", "application/json"),
        ],
        article.to_string().as_bytes(),
    );
    assert_eq!(c, 200, "{}", String::from_utf8_lossy(&body));
    let (_, v) = get_json(addr, "/api/events?text=Maiduguri&limit=5");
    let id = v["events"][0]["event_id"]
        .as_i64()
        .unwrap_or_else(|| panic!("the posted event: {v}"));
    let out = run_chromium(&bin, &["--dump-dom"], &format!("http://{addr}/?event={id}"));
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(dom.contains("Maiduguri"), "the evidence view is shown");
    assert!(!dom.contains("data-xss"), "a stored script ran");
    assert!(
        !dom.contains("<img src=\"x\""),
        "stored markup became an element"
    );
    assert!(
        !dom.contains("href=\"javascript:"),
        "a javascript: url became a link"
    );
    assert!(
        dom.contains("&lt;img src=x"),
        "the payload is shown as text"
    );
}
