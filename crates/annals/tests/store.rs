//! The event store end to end: idempotent ingest, a kill in the middle of an ingest,
//! several reports of one incident, queries by alias and filter, exports.

mod common;
use common::*;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("annals-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn ingest(db: &Path, args: &[&str]) -> std::process::Output {
    let mut a = vec!["ingest", "--db", db.to_str().unwrap()];
    a.extend_from_slice(args);
    let out = annals(&a, None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Every row of every table but the ingest timestamps, in a stable order.
fn dump(db: &Path) -> String {
    let c = Connection::open(db).unwrap();
    let mut s = String::new();
    for (t, cols) in [
        ("articles", "id, ext_id, content_hash, simhash, duplicate_of, date, source, url, title, text, output"),
        ("simhash_bands", "*"),
        ("actors", "*"),
        ("actor_aliases", "*"),
        ("incidents", "*"),
        ("events", "*"),
        ("claims", "*"),
        ("merges", "*"),
    ] {
        let mut stmt = c.prepare(&format!("SELECT {cols} FROM {t} ORDER BY 1, 2")).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|")))
            .unwrap();
        for r in rows {
            s.push_str(t);
            s.push(':');
            s.push_str(&r.unwrap());
            s.push('\n');
        }
    }
    s
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn ingesting_twice_gives_the_same_database() {
    let d = tmp("twice");
    let db = d.join("a.db");
    ingest(&db, &["examples/"]);
    let first = dump(&db);
    assert_eq!(count(&db, "SELECT count(*) FROM articles"), 90);
    let out = ingest(&db, &["examples/"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("90 already stored"));
    assert_eq!(dump(&db), first);
    assert_eq!(count(&db, "SELECT count(*) FROM articles"), 90);
}

/// New articles made of two VOA stories each: distinct content (no near-duplicates),
/// long enough that an ingest of them takes a while.
fn many_articles(dir: &Path, copies: usize) -> PathBuf {
    let src = std::fs::read_to_string(repo().join("examples/voa_stories.jsonl")).unwrap();
    let stories: Vec<serde_json::Value> = src
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut out = String::new();
    for k in 0..copies {
        for (i, s) in stories.iter().enumerate() {
            let other = &stories[(i + 7 * (k + 1)) % stories.len()];
            let mut v = s.clone();
            v["id"] = format!("{}-mix{k}", s["id"].as_str().unwrap()).into();
            v["text"] = format!(
                "{} {}",
                s["text"].as_str().unwrap(),
                other["text"].as_str().unwrap()
            )
            .into();
            out.push_str(&v.to_string());
            out.push('\n');
        }
    }
    let p = dir.join("many.jsonl");
    std::fs::write(&p, out).unwrap();
    p
}

#[test]
fn a_killed_ingest_reruns_to_every_article_exactly_once() {
    let d = tmp("kill");
    let input = many_articles(&d, 3);
    let total = 89 * 3;
    let reference = d.join("ref.db");
    ingest(&reference, &[input.to_str().unwrap(), "--batch", "4"]);
    assert_eq!(count(&reference, "SELECT count(*) FROM articles"), total);

    let mut killed_midway = false;
    for attempt in 0..3 {
        let db = d.join(format!("k{attempt}.db"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
            .args([
                "ingest",
                "--db",
                db.to_str().unwrap(),
                input.to_str().unwrap(),
                "--batch",
                "4",
            ])
            .current_dir(repo())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill it once some articles are committed: a reader sees them beside the writer.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
        let mut finished = false;
        while std::time::Instant::now() < deadline {
            if child.try_wait().unwrap().is_some() {
                finished = true;
                break;
            }
            let committed =
                Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                    .ok()
                    .and_then(|c| {
                        c.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
                            .ok()
                    })
                    .unwrap_or(0);
            if committed >= 10 + 20 * attempt as i64 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();
        if finished || !db.exists() {
            continue;
        }
        let partial = count(&db, "SELECT count(*) FROM articles");
        if partial == 0 || partial >= total {
            continue;
        }
        killed_midway = true;
        let c = Connection::open(&db).unwrap();
        let ok: String = c
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "after the kill");
        drop(c);
        // Every committed article is whole: its events are all there.
        assert_eq!(count(&db, "SELECT count(*) FROM articles a WHERE a.duplicate_of IS NULL AND json_array_length(json_extract(a.output, '$.events')) != (SELECT count(*) FROM events e WHERE e.article_id = a.id)"), 0);
        ingest(&db, &[input.to_str().unwrap(), "--batch", "4"]);
        assert_eq!(count(&db, "SELECT count(*) FROM articles"), total);
        assert_eq!(
            count(&db, "SELECT count(DISTINCT ext_id) FROM articles"),
            total
        );
        assert_eq!(
            count(&db, "SELECT count(*) FROM events"),
            count(&reference, "SELECT count(*) FROM events")
        );
        let ok: String = Connection::open(&db)
            .unwrap()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "after the rerun");
        break;
    }
    assert!(killed_midway, "no kill landed in the middle of the ingest");
}

const REPORTS: &str = r#"{"id": "wire-a", "date": "2024-03-10", "source": "Daily Trust", "text": "Gunmen attacked a crowded market in Maiduguri, Borno State, on Saturday, killing 12 people, police said. Police spokesman Nahum Daso said the attackers escaped before security forces arrived."}
{"id": "wire-b", "date": "2024-03-10", "source": "Reuters", "text": "At least 20 people were killed when Boko Haram fighters attacked a market in Maiduguri on Saturday, a local official told reporters. The official said the death toll could rise."}
{"id": "wire-c", "date": "2024-03-11", "source": "Premium Times", "text": "Boko Haram militants killed 15 civilians in an attack on a market in Maiduguri on Saturday, residents said. Residents said the gunmen arrived on motorcycles and opened fire on traders."}
"#;

#[test]
fn three_reports_of_one_attack_make_one_incident_with_every_figure() {
    let d = tmp("incident");
    let input = d.join("reports.jsonl");
    std::fs::write(&input, REPORTS).unwrap();
    let db = d.join("i.db");
    ingest(&db, &[input.to_str().unwrap()]);
    let c = Connection::open(&db).unwrap();
    let (id, reports, fat, lo, hi): (i64, i64, i64, i64, i64) = c
        .query_row("SELECT id, reports, fatalities, fatalities_low, fatalities_high FROM incidents ORDER BY reports DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap();
    assert_eq!(reports, 3, "one incident with all three reports");
    assert_eq!(
        (fat, lo, hi),
        (12, 12, 20),
        "the conservative figure and the range"
    );
    let mut stmt = c.prepare("SELECT value, coalesce(claimant, '') FROM claims WHERE incident_id = ?1 AND what = 'killed' ORDER BY value").unwrap();
    let claims: Vec<(i64, String)> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(claims.iter().map(|c| c.0).collect::<Vec<_>>(), [12, 15, 20]);
    assert!(claims[0].1.contains("Police"), "{claims:?}");
    assert!(claims[2].1.contains("official"), "{claims:?}");
    let out = annals(
        &["show", &id.to_string(), "--db", db.to_str().unwrap()],
        None,
    );
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("Daily Trust")
            && shown.contains("Reuters")
            && shown.contains("Premium Times"),
        "{shown}"
    );
    assert!(
        shown.contains("km apart") && shown.contains("shared actor"),
        "{shown}"
    );
}

#[test]
fn queries_by_alias_filter_and_text() {
    let d = tmp("query");
    let db = d.join("q.db");
    ingest(&db, &["examples/"]);
    let q = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut a = vec![
            "query",
            "--db",
            db.to_str().unwrap(),
            "--format",
            "jsonl",
            "--limit",
            "1000",
        ];
        a.extend_from_slice(args);
        let out = annals(&a, None);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        json_lines(&out.stdout)
    };
    // The NRF is stored under its canonical id; its alias finds it.
    for alias in ["NRF", "Panjshir resistance", "national resistance front"] {
        let rows = q(&["--actor", alias]);
        assert!(!rows.is_empty(), "{alias}");
        assert!(
            rows.iter()
                .all(|r| r["source_actor"]["id"] == "nrf" || r["target_actor"]["id"] == "nrf"),
            "{alias}"
        );
    }
    let rows = q(&[
        "--country",
        "AF",
        "--from",
        "2021-08-01",
        "--to",
        "2021-09-30",
    ]);
    assert!(!rows.is_empty() && rows.iter().all(|r| r["place"]["country"] == "AF"));
    let rows = q(&["--type", "Battles", "--sort", "fatalities"]);
    assert!(rows.len() >= 2 && rows.iter().all(|r| r["acled_event_type"] == "Battles"));
    let k = |r: &serde_json::Value| r["killed"]["value"].as_i64().unwrap_or(0);
    assert!(
        rows.windows(2).all(|w| k(&w[0]) >= k(&w[1])),
        "sorted by fatalities"
    );
    let rows = q(&["--near", "35.5,69.8,80"]);
    assert!(rows.iter().any(|r| r["place"]["name"] == "Panjshir"));
    let rows = q(&["--bbox", "60,29,75,39"]);
    // Inside the box (which takes in Afghanistan, Pakistan and India's Punjab), and the
    // Panjshir article's places among them.
    let inside = |r: &serde_json::Value| {
        let (lon, lat) = (r["place"]["lon"].as_f64(), r["place"]["lat"].as_f64());
        lon.zip(lat)
            .is_some_and(|(x, y)| (60.0..=75.0).contains(&x) && (29.0..=39.0).contains(&y))
    };
    assert!(!rows.is_empty() && rows.iter().all(inside));
    assert!(rows.iter().any(|r| r["place"]["country"] == "AF"));
    let rows = q(&["--text", "Humvees"]);
    assert!(rows.iter().any(|r| r["plover_mode"] == "seize"));
    let rows = q(&["--certainty", "claimed"]);
    assert!(
        !rows.is_empty()
            && rows
                .iter()
                .all(|r| r["attribution"]["certainty"] == "claimed")
    );
    let all = q(&["--sort", "date"]);
    let page = q(&["--sort", "date", "--limit", "5", "--offset", "5"]);
    assert_eq!(page.len(), 5);
    assert_eq!(page[0]["event_row"]["id"], all[5]["event_row"]["id"]);
}

#[test]
fn exports_in_three_formats() {
    let d = tmp("export");
    let db = d.join("e.db");
    ingest(&db, &["examples/panjshir_2021-09-02.txt"]);
    let out = annals(
        &[
            "export",
            "--db",
            db.to_str().unwrap(),
            "--format",
            "acled-csv",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8_lossy(&out.stdout);
    let header = csv.lines().next().unwrap();
    for col in [
        "event_id_cnty",
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "country",
        "admin1",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "notes",
        "fatalities",
        "claimants",
        "fatalities_low",
        "fatalities_high",
        "reports",
    ] {
        assert!(
            header.split(',').any(|h| h == col),
            "{col} missing from {header}"
        );
    }
    assert!(csv.contains("Afghanistan") && csv.contains("Panjshir") && csv.contains("350"));
    let out = annals(
        &[
            "export",
            "--db",
            db.to_str().unwrap(),
            "--format",
            "geojson",
        ],
        None,
    );
    let g: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(g["type"], "FeatureCollection");
    assert!(g["features"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["geometry"]["coordinates"].as_array().unwrap().len() == 2));
    let out = annals(
        &["export", "--db", db.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    let lines = json_lines(&out.stdout);
    assert!(lines.iter().all(|l| l["reports_detail"]
        .as_array()
        .is_some_and(|r| !r.is_empty())));
    let out = annals(
        &["export", "--db", db.to_str().unwrap(), "--format", "xml"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn extract_output_is_ingested_without_coding_again() {
    let d = tmp("extracted");
    let out = annals(&["extract", "examples/panjshir_2021-09-02.txt"], None);
    let file = d.join("out.jsonl");
    let mut bytes = out.stdout.clone();
    bytes.extend_from_slice(b"{not json\n");
    std::fs::write(&file, bytes).unwrap();
    let db = d.join("x.db");
    let r = annals(
        &[
            "ingest",
            "--db",
            db.to_str().unwrap(),
            "--extracted",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(r.status.code(), Some(1), "the bad line is reported");
    assert!(String::from_utf8_lossy(&r.stderr).contains("out.jsonl:2"));
    assert_eq!(count(&db, "SELECT count(*) FROM articles"), 1);
    assert!(count(&db, "SELECT count(*) FROM events") > 3);
    let rows = annals(
        &[
            "query",
            "--db",
            db.to_str().unwrap(),
            "--actor",
            "NRF",
            "--format",
            "jsonl",
        ],
        None,
    );
    assert!(!json_lines(&rows.stdout).is_empty());
}

#[test]
fn a_syndicated_copy_is_linked_not_coded() {
    let d = tmp("neardup");
    let line = std::fs::read_to_string(repo().join("examples/voa_stories.jsonl"))
        .unwrap()
        .lines()
        .nth(3)
        .unwrap()
        .to_string();
    let mut copy: serde_json::Value = serde_json::from_str(&line).unwrap();
    copy["id"] = "syndicated-copy".into();
    copy["source"] = "Another Outlet".into();
    copy["text"] = format!(
        "{} This story was first published by Voice of America.",
        copy["text"].as_str().unwrap()
    )
    .into();
    let input = d.join("in.jsonl");
    std::fs::write(&input, format!("{line}\n{copy}\n")).unwrap();
    let db = d.join("n.db");
    let out = ingest(&db, &[input.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("1 near-duplicates linked"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count(&db, "SELECT count(*) FROM articles"), 2);
    assert_eq!(count(&db, "SELECT count(*) FROM articles WHERE ext_id = 'syndicated-copy' AND duplicate_of IS NOT NULL"), 1);
    assert_eq!(count(&db, "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE a.ext_id = 'syndicated-copy'"), 0);
}
