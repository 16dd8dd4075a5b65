//! `annals ingest`, `query`, `show`, `export` and `bench-store`: the command line over
//! the event store.

use annals_extract::output::ArticleOutput;
use annals_extract::Pipeline;
use annals_store::{Filter, IngestRecord, Outcome, Store};
use anyhow::{Context as _, Result};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Totals of one ingest run.
#[derive(Debug, Default)]
struct Totals {
    stored: usize,
    events: usize,
    merged: usize,
    duplicates: usize,
    near_duplicates: usize,
    failed: usize,
}

/// Progress on a terminal as a bar, elsewhere as a log line every few seconds.
struct Progress {
    bar: Option<ProgressBar>,
    last_log: Instant,
    start: Instant,
}

impl Progress {
    fn new(total: usize) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = ProgressBar::new(total as u64);
            b.set_style(
                ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} articles, {msg} ({per_sec}, ETA {eta})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            b
        });
        Progress {
            bar,
            last_log: Instant::now(),
            start: Instant::now(),
        }
    }

    fn update(&mut self, done: usize, total: usize, t: &Totals) {
        match &self.bar {
            Some(b) => {
                b.set_position(done as u64);
                b.set_message(format!("{} events", t.events));
            }
            None if self.last_log.elapsed().as_secs() >= 5 => {
                let rate = done as f64 / self.start.elapsed().as_secs_f64().max(1e-9);
                eprintln!(
                    "annals: ingested {done}/{total} articles, {} events, {rate:.1} articles/s",
                    t.events
                );
                self.last_log = Instant::now();
            }
            None => {}
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// `annals ingest`.
pub fn ingest(
    data: &Path,
    db: &Path,
    paths: &[PathBuf],
    default_date: Option<jiff::civil::Date>,
    extracted: bool,
    batch: usize,
    profile: annals_extract::events::Profile,
) -> Result<i32> {
    let start = Instant::now();
    let mut store = Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    let mut pipeline =
        Pipeline::load(data).with_context(|| format!("loading data from {}", data.display()))?;
    pipeline.profile = profile;
    let aliases = |id: &str| -> Vec<String> { pipeline.lexicons.aliases_of(id) };
    let mut t = Totals::default();
    let count = |outcome: Outcome, t: &mut Totals| match outcome {
        Outcome::Stored { events, merged, .. } => {
            t.stored += 1;
            t.events += events;
            t.merged += merged;
        }
        Outcome::Duplicate { .. } => t.duplicates += 1,
        Outcome::NearDuplicate { .. } => t.near_duplicates += 1,
    };
    if extracted {
        // Output of `annals extract` (perhaps from a cluster): stored without coding again.
        let mut records = Vec::new();
        for p in paths {
            let text = if p.as_os_str() == "-" {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
                s
            } else {
                std::fs::read_to_string(p).with_context(|| p.display().to_string())?
            };
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str::<ArticleOutput>(line) {
                    Ok(output) => records.push(IngestRecord { output, text: None }),
                    Err(e) => {
                        t.failed += 1;
                        eprintln!(
                            "annals: skipped {}:{}: not an `annals extract` record: {e}",
                            p.display(),
                            i + 1
                        );
                    }
                }
            }
        }
        let mut progress = Progress::new(records.len());
        for (i, rec) in records.iter().enumerate() {
            count(store.ingest(rec, &aliases)?, &mut t);
            progress.update(i + 1, records.len(), &t);
        }
        progress.finish();
    } else {
        let opts = annals_text::InputOptions { default_date };
        let mut articles = Vec::new();
        for r in annals_text::read_inputs(paths, &opts) {
            match r {
                Ok(a) => articles.push(a),
                Err(e) => {
                    t.failed += 1;
                    eprintln!("annals: skipped {e}");
                }
            }
        }
        let total = articles.len();
        let mut progress = Progress::new(total);
        let mut done = 0;
        // Code a batch in parallel, then commit its articles one transaction each.
        for chunk in articles.chunks(batch.max(1)) {
            for outcome in store.ingest_articles(&pipeline, chunk)? {
                count(outcome, &mut t);
            }
            done += chunk.len();
            progress.update(done, total, &t);
        }
        progress.finish();
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "annals: {} articles stored ({} events, {} joined existing incidents), {} already stored, {} near-duplicates linked, {} skipped, in {:.1}s ({:.1} articles/s, {:.1} events/s) into {}",
        t.stored,
        t.events,
        t.merged,
        t.duplicates,
        t.near_duplicates,
        t.failed,
        secs,
        t.stored as f64 / secs,
        t.events as f64 / secs,
        db.display()
    );
    Ok(if t.failed > 0 { 1 } else { 0 })
}

/// `annals query`.
pub fn query(db: &Path, f: &Filter, format: &str) -> Result<i32> {
    let store = Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    let rows = store.query(f)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        "jsonl" => {
            for r in &rows {
                let mut v: serde_json::Value = serde_json::from_str(&r.json)?;
                v["event_row"] = serde_json::to_value(r)?;
                writeln!(out, "{}", serde_json::to_string(&v)?)?;
            }
        }
        "csv" => {
            let mut w = csv::Writer::from_writer(out);
            for r in &rows {
                w.serialize(r)?;
            }
            w.flush()?;
            return Ok(0);
        }
        "table" => {
            writeln!(
                out,
                "{:>6} {:>5} {:<10} {:<9} {:<28} {:<26} {:<26} {:<22} {:>2} {:>6} {:<9}",
                "event",
                "inc",
                "date",
                "plover",
                "acled",
                "source",
                "target",
                "place",
                "cc",
                "killed",
                "certainty"
            )?;
            let cut = |s: &str, n: usize| -> String { s.chars().take(n).collect() };
            for r in &rows {
                writeln!(
                    out,
                    "{:>6} {:>5} {:<10} {:<9} {:<28} {:<26} {:<26} {:<22} {:>2} {:>6} {:<9}",
                    r.id,
                    r.incident_id.map(|i| i.to_string()).unwrap_or_default(),
                    r.date,
                    r.plover_type,
                    cut(
                        &format!("{}/{}", r.acled_event_type, r.acled_sub_event_type),
                        28
                    ),
                    cut(r.source.as_deref().unwrap_or("-"), 26),
                    cut(r.target.as_deref().unwrap_or("-"), 26),
                    cut(r.location.as_deref().unwrap_or("-"), 22),
                    r.country.as_deref().unwrap_or(""),
                    r.killed.map(|k| k.to_string()).unwrap_or_default(),
                    r.certainty
                )?;
            }
            writeln!(out, "{} event(s)", rows.len())?;
        }
        other => anyhow::bail!("unknown --format {other:?}: use table, jsonl or csv"),
    }
    out.flush()?;
    Ok(0)
}

/// `annals show INCIDENT`.
pub fn show(db: &Path, id: i64) -> Result<i32> {
    let store = Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    print!("{}", store.show_incident(id)?);
    Ok(0)
}

/// `annals export`.
pub fn export(data: &Path, db: &Path, format: &str, output: Option<&Path>) -> Result<i32> {
    let store = Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    let g = annals_geo::Gazetteer::load(&data.join("gazetteer.tsv"))?;
    let name = |cc: &str| {
        g.country(cc)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| cc.to_string())
    };
    let n = match output {
        Some(p) => {
            let mut f = std::io::BufWriter::new(
                std::fs::File::create(p).with_context(|| p.display().to_string())?,
            );
            let n = store.export(format, &name, &mut f)?;
            f.flush()?;
            n
        }
        None => {
            let stdout = std::io::stdout();
            let mut f = std::io::BufWriter::new(stdout.lock());
            let n = store.export(format, &name, &mut f)?;
            f.flush()?;
            n
        }
    };
    eprintln!("annals: exported {n} incident(s) as {format}");
    Ok(0)
}

/// `annals bench-store`: ingest throughput and query latency over a synthetic store
/// made from the extractor's own output on the bundled examples, varied in date, place
/// and identity.
pub fn bench_store(data: &Path, db: &Path, events_wanted: usize) -> Result<i32> {
    let pipeline = Pipeline::load(data)?;
    let inputs = [
        PathBuf::from("examples/voa_stories.jsonl"),
        PathBuf::from("examples/panjshir_2021-09-02.txt"),
    ];
    let articles: Vec<annals_text::Article> =
        annals_text::read_inputs(&inputs, &Default::default())
            .into_iter()
            .filter_map(|r| r.ok())
            .collect();
    anyhow::ensure!(
        !articles.is_empty(),
        "run from the repository root: examples/ not found"
    );
    use rayon::prelude::*;
    let base: Vec<ArticleOutput> = articles.par_iter().map(|a| pipeline.extract(a)).collect();
    let per_pass: usize = base.iter().map(|o| o.events.len()).sum::<usize>().max(1);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let mut store = Store::open(db)?;
    let aliases = |id: &str| -> Vec<String> {
        pipeline
            .lexicons
            .actors
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.aliases.clone())
            .unwrap_or_default()
    };
    let start = Instant::now();
    let (mut n_articles, mut n_events, mut k) = (0usize, 0usize, 0usize);
    while n_events < events_wanted {
        let pass = k / base.len();
        let o = &base[k % base.len()];
        let mut v = o.clone();
        v.article.id = format!("{}-syn{pass}", o.article.id);
        let shift = jiff::Span::new().days(-((pass as i64 * 3) % 1500));
        let shift_date = |d: &str| {
            d.parse::<jiff::civil::Date>()
                .ok()
                .and_then(|d| d.checked_add(shift).ok())
                .map(|d| d.to_string())
                .unwrap_or_else(|| d.to_string())
        };
        v.article.date = shift_date(&v.article.date);
        let jitter = ((pass % 41) as f64 - 20.0) * 0.01;
        for e in &mut v.events {
            e.date.value = shift_date(&e.date.value);
            if let Some(p) = &mut e.place {
                p.geo.lat = (p.geo.lat + jitter).clamp(-89.9, 89.9);
                p.geo.lon = (p.geo.lon - jitter).clamp(-179.9, 179.9);
            }
        }
        let rec = IngestRecord {
            output: v,
            text: None,
        };
        if let Outcome::Stored { events, .. } = store.ingest_with(&rec, &aliases, false)? {
            n_articles += 1;
            n_events += events;
        }
        k += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let (a, e, i) = store.counts()?;
    println!("store            {} ({a} articles, {e} events, {i} incidents; {per_pass} events per pass over the examples)", db.display());
    println!(
        "ingest           {:.1} s: {:.0} articles/s, {:.0} events/s",
        secs,
        n_articles as f64 / secs,
        n_events as f64 / secs
    );
    let filters: Vec<(&str, Filter)> = vec![
        (
            "country + date range",
            Filter {
                country: Some("AF".into()),
                from: Some("2020-01-01".into()),
                to: Some("2021-12-31".into()),
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            "ACLED type, by fatalities",
            Filter {
                event_type: Some("Battles".into()),
                sort: Some("fatalities".into()),
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            "actor alias",
            Filter {
                actor: Some("NRF".into()),
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            "radius 100 km",
            Filter {
                near: Some((34.5, 69.2, 100.0)),
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            "full text",
            Filter {
                text: Some("ceasefire".into()),
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            "certainty + type",
            Filter {
                certainty: Some("claimed".into()),
                event_type: Some("ASSAULT".into()),
                limit: Some(50),
                ..Default::default()
            },
        ),
    ];
    println!(
        "{:<28} {:>8} {:>8} {:>6}",
        "query (50 rows a page)", "median", "p95", "rows"
    );
    for (name, f) in &filters {
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..21 {
            let t = Instant::now();
            rows = store.query(f)?.len();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{:<28} {:>6.2}ms {:>6.2}ms {:>6}",
            name, times[10], times[19], rows
        );
    }
    Ok(0)
}
