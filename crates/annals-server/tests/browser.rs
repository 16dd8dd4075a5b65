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
    let profile = std::env::temp_dir().join(format!("annals-chromium-{}", std::process::id()));
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
