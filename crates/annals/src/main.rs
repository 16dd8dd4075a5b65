//! The `annals` command line: extract events from articles, build the shipped data,
//! and measure each stage against gold files.

mod eval_cmd;
mod store_cmd;

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(
    name = "annals",
    version,
    about = "News articles in; sourced, geocoded political and conflict events out",
    args_override_self = true
)]
struct Cli {
    /// Directory of the shipped models and data (default: $ANNALS_DATA, else the
    /// repository's data/ directory this binary was built from, else ./data).
    #[arg(long, global = true)]
    data: Option<PathBuf>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run
enum Cmd {
    /// Code articles into events: one JSON object per article on standard output.
    Extract {
        /// Files (plain " date YYYY-MM-DD ..." articles or JSON Lines), directories, or - for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Publication date for plain texts without a date header.
        #[arg(long)]
        date: Option<String>,
        /// Indent the JSON (one article then spans several lines).
        #[arg(long)]
        pretty: bool,
        /// Conventions to read beside news English: `acled-notes` also reads ACLED coder
        /// notes' own toll conventions ("4 fatalities.", "coded across 6 events").
        #[arg(long, value_enum, default_value = "news")]
        profile: ProfileArg,
    },
    /// Tag, name and parse articles: CoNLL-U on standard output (UPOS, XPOS, head and
    /// relation per token, the entity tag in MISC), one block per sentence.
    Analyse {
        /// Files, directories, or - for standard input (as for `extract`).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Publication date for plain texts without a date header.
        #[arg(long)]
        date: Option<String>,
    },
    /// Rebuild shipped data from the corpora in ../shared/data.
    Build {
        #[command(subcommand)]
        what: BuildWhat,
    },
    /// Code articles and store them, merging reports of one event into incidents.
    Ingest {
        /// Inputs as for `extract`; with --extracted, `annals extract` output.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The database (created if missing).
        #[arg(long, default_value = "annals.db")]
        db: PathBuf,
        /// Publication date for plain texts without a date header.
        #[arg(long)]
        date: Option<String>,
        /// The inputs are `annals extract` output: store without coding again.
        #[arg(long)]
        extracted: bool,
        /// Articles coded in parallel before their commits.
        #[arg(long, default_value_t = 64)]
        batch: usize,
        /// Conventions to read beside news English (as for `extract`).
        #[arg(long, value_enum, default_value = "news")]
        profile: ProfileArg,
    },
    /// Find stored events.
    Query {
        /// The database.
        #[arg(long, default_value = "annals.db")]
        db: PathBuf,
        /// Events on or after this date (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Events on or before this date.
        #[arg(long)]
        to: Option<String>,
        /// ISO alpha-2 country code.
        #[arg(long)]
        country: Option<String>,
        /// Admin-1 region name.
        #[arg(long)]
        admin1: Option<String>,
        /// Bounding box: min_lon,min_lat,max_lon,max_lat.
        #[arg(long, value_delimiter = ',', allow_hyphen_values = true)]
        bbox: Option<Vec<f64>>,
        /// Radius: lat,lon,km.
        #[arg(long, value_delimiter = ',', allow_hyphen_values = true)]
        near: Option<Vec<f64>>,
        /// A PLOVER type, ACLED event type or ACLED sub-event type.
        #[arg(long = "type")]
        event_type: Option<String>,
        /// An actor by any name or alias ("NRF").
        #[arg(long)]
        actor: Option<String>,
        /// asserted, claimed, denied or hedged.
        #[arg(long)]
        certainty: Option<String>,
        /// Words to find in the evidence, all of them, each as written (at most 32 words).
        #[arg(long)]
        text: Option<String>,
        /// date, confidence or fatalities.
        #[arg(long, default_value = "date")]
        sort: String,
        /// Page size.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Rows to skip.
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// table, jsonl or csv.
        #[arg(long, default_value = "table")]
        format: String,
    },
    /// Show an incident: its reports, why each joined, and every figure with its claimant.
    Show {
        /// Incident id.
        incident: i64,
        /// The database.
        #[arg(long, default_value = "annals.db")]
        db: PathBuf,
    },
    /// Export incidents as acled-csv, jsonl or geojson.
    Export {
        /// acled-csv, jsonl or geojson.
        #[arg(long)]
        format: String,
        /// The database.
        #[arg(long, default_value = "annals.db")]
        db: PathBuf,
        /// Write here instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Measure the store: ingest throughput and query latency over synthetic events.
    BenchStore {
        /// Events to store.
        #[arg(long, default_value_t = 100_000)]
        events: usize,
        /// The scratch database (replaced).
        #[arg(long, default_value = "target/bench-store.db")]
        db: PathBuf,
    },
    /// Serve the HTTP API and the web page over a store (writes need $ANNALS_TOKEN).
    Serve {
        /// The database.
        #[arg(long, default_value = "annals.db")]
        db: PathBuf,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
    },
    /// Load-test the API on loopback: a server in this process, a bounded run of GETs.
    BenchServe {
        /// The database (ingest the examples into it first).
        #[arg(long, default_value = "annals.db")]
        db: PathBuf,
        /// Requests to send.
        #[arg(long, default_value_t = 20_000)]
        requests: usize,
        /// Connections at once.
        #[arg(long, default_value_t = 16)]
        concurrency: usize,
        /// The path to request.
        #[arg(long, default_value = "/api/events?limit=50")]
        path: String,
    },
    /// Measure throughput: documents, tokens and bytes per second, load time, peak memory.
    Bench {
        /// Articles to code (default: the bundled VOA stories).
        #[arg(long, default_value = "examples/voa_stories.jsonl")]
        input: PathBuf,
        /// Passes over the input.
        #[arg(long, default_value_t = 5)]
        repeat: usize,
        /// Worker threads (1 measures one core).
        #[arg(long, default_value_t = 1)]
        threads: usize,
    },
    /// Train a model from the corpora in ../shared/data (deterministic: fixed seed).
    Train {
        #[command(subcommand)]
        what: TrainWhat,
    },
    /// Measure a stage against gold data.
    Eval {
        #[command(subcommand)]
        what: eval_cmd::EvalWhat,
    },
}

/// What every training command takes.
#[derive(clap::Args)]
struct TrainArgs {
    /// The shared data folder.
    #[arg(long, default_value = "../shared/data")]
    shared: PathBuf,
    /// Passes over the training data (default: 10 for pos and ner, 12 for parse, the
    /// settings of the shipped models).
    #[arg(long)]
    epochs: Option<usize>,
    /// Seed of the example order (and of the parser's exploration).
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Parser only: train this many parsers (seeds `seed`, `seed + 1`, ...) and ship the
    /// mean of their weights (default 5, the shipped model's setting).
    #[arg(long)]
    runs: Option<u64>,
    /// Where to write (default: the data directory's pos.model, ner.model or parse.model).
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Subcommand)]
enum TrainWhat {
    /// The POS tagger (UPOS and XPOS), on UD English EWT train; dev scores per epoch.
    Pos(TrainArgs),
    /// The named-entity recogniser, on CoNLL-2003 English train; dev (testa) F1 per epoch.
    Ner(TrainArgs),
    /// The dependency parser, on UD English EWT train with jackknifed predicted tags;
    /// dev scores per epoch with the shipped tagger's tags.
    Parse(TrainArgs),
}

#[derive(Subcommand)]
enum BuildWhat {
    /// data/gazetteer.tsv and data/common_words.txt from shared/data/gazetteer and UD EWT train.
    Gazetteer {
        /// The shared data folder.
        #[arg(long, default_value = "../shared/data")]
        shared: PathBuf,
        /// Where to write (default: the data directory).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Which conventions the coder reads beside news English.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ProfileArg {
    /// News articles.
    News,
    /// ACLED coder notes: also their own toll conventions.
    AcledNotes,
}

impl From<ProfileArg> for annals_extract::events::Profile {
    fn from(p: ProfileArg) -> Self {
        match p {
            ProfileArg::News => Self::News,
            ProfileArg::AcledNotes => Self::AcledNotes,
        }
    }
}

/// `annals train`: run a recipe of annals_nlp::train and save the model where the
/// pipeline loads it from, with its dev score.
fn train(what: TrainWhat, data: &Path) -> Result<i32> {
    let (TrainWhat::Pos(a) | TrainWhat::Ner(a) | TrainWhat::Parse(a)) = &what;
    let o = annals_nlp::train::TrainOptions {
        shared: a.shared.clone(),
        epochs: a.epochs,
        seed: a.seed,
        runs: a.runs,
    };
    let mut log = |m: String| eprintln!("{m}");
    let t0 = std::time::Instant::now();
    let dev_path = |p: &str| a.shared.join(p);
    match what {
        TrainWhat::Pos(_) => {
            let tagger = annals_nlp::train::train_pos(&o, &mut log).map_err(anyhow::Error::msg)?;
            let out = a.out.clone().unwrap_or_else(|| data.join("pos.model"));
            tagger.save(&out)?;
            let dev = annals_nlp::train::read_treebank(&dev_path(annals_nlp::train::EWT_DEV))
                .map_err(anyhow::Error::msg)?;
            let s = tagger.evaluate(&dev);
            eprintln!(
                "wrote {} ({} classes) in {:.1}s: dev UPOS {:.4}, XPOS {:.4}",
                out.display(),
                tagger.classes.len(),
                t0.elapsed().as_secs_f64(),
                s.upos,
                s.xpos
            );
        }
        TrainWhat::Ner(_) => {
            let names = annals_extract::ner_name_list(data)?;
            let rec =
                annals_nlp::train::train_ner(&o, names, &mut log).map_err(anyhow::Error::msg)?;
            let out = a.out.clone().unwrap_or_else(|| data.join("ner.model"));
            rec.save(&out)?;
            let dev = annals_nlp::train::read_ner(&dev_path(annals_nlp::train::CONLL_DEV))
                .map_err(anyhow::Error::msg)?;
            let (p, r, f1) = rec.evaluate(&dev).overall();
            eprintln!(
                "wrote {} in {:.1}s: dev (testa) P {p:.4} R {r:.4} F1 {f1:.4}",
                out.display(),
                t0.elapsed().as_secs_f64()
            );
        }
        TrainWhat::Parse(_) => {
            let tagger = annals_nlp::tagger::Tagger::load(&data.join("pos.model"))
                .context("the parser needs data/pos.model: run `annals train pos` first")?;
            let parser = annals_nlp::train::train_parse(&o, &tagger, &mut log)
                .map_err(anyhow::Error::msg)?;
            let out = a.out.clone().unwrap_or_else(|| data.join("parse.model"));
            parser.save(&out)?;
            let dev = annals_nlp::train::read_treebank(&dev_path(annals_nlp::train::EWT_DEV))
                .map_err(anyhow::Error::msg)?;
            let s = parser.evaluate(&dev, &annals_nlp::train::predicted_tags(&tagger, &dev));
            eprintln!(
                "wrote {} ({} labels) in {:.1}s: dev UAS {:.4}, LAS {:.4} (predicted tags)",
                out.display(),
                parser.labels.len(),
                t0.elapsed().as_secs_f64(),
                s.uas,
                s.las
            );
        }
    }
    Ok(0)
}

/// Where the data directory is.
pub fn data_dir(flag: Option<&Path>) -> PathBuf {
    if let Some(p) = flag {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os("ANNALS_DATA") {
        return PathBuf::from(p);
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    if built.join("gazetteer.tsv").exists() {
        return built;
    }
    PathBuf::from("data")
}

fn main() {
    // Rust ignores SIGPIPE, so printing to a closed pipe (`annals extract ... | head`)
    // would panic; a filter should end quietly instead.
    #[cfg(unix)]
    // SAFETY: called first, before any other thread exists; restores the default action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("annals: error: {e:#}");
            std::process::exit(2);
        }
    }
}

fn run(cli: Cli) -> Result<i32> {
    let data = data_dir(cli.data.as_deref());
    match cli.cmd {
        Cmd::Extract {
            paths,
            date,
            pretty,
            profile,
        } => extract(&data, &paths, date, pretty, profile),
        Cmd::Analyse { paths, date } => analyse(&data, &paths, date),
        Cmd::Build {
            what: BuildWhat::Gazetteer { shared, out },
        } => {
            let t = std::time::Instant::now();
            let out = out.unwrap_or_else(|| data.clone());
            let (c, a, b, p) = annals_geo::build::build_gazetteer(
                &shared.join("gazetteer"),
                &data.join("src/country_aliases.tsv"),
                &out.join("gazetteer.tsv"),
            )
            .map_err(anyhow::Error::msg)?;
            let w = annals_geo::build::build_common_words(
                &shared.join("ud/en_ewt/en_ewt-ud-train.conllu"),
                &data.join("src/not_places.txt"),
                &out.join("common_words.txt"),
            )
            .map_err(anyhow::Error::msg)?;
            eprintln!(
                "wrote {} ({c} countries, {a} regions, {b} second-level regions, {p} places) and {} ({w} words) in {:.1}s",
                out.join("gazetteer.tsv").display(),
                out.join("common_words.txt").display(),
                t.elapsed().as_secs_f64()
            );
            Ok(0)
        }
        Cmd::Eval { what } => eval_cmd::run(what, &data),
        Cmd::Train { what } => train(what, &data),
        Cmd::Bench {
            input,
            repeat,
            threads,
        } => bench(&data, &input, repeat, threads),
        Cmd::Ingest {
            paths,
            db,
            date,
            extracted,
            batch,
            profile,
        } => {
            let default_date = date_flag(date.as_deref())?;
            store_cmd::ingest(
                &data,
                &db,
                &paths,
                default_date,
                extracted,
                batch,
                profile.into(),
            )
        }
        Cmd::Query {
            db,
            from,
            to,
            country,
            admin1,
            bbox,
            near,
            event_type,
            actor,
            certainty,
            text,
            sort,
            limit,
            offset,
            format,
        } => {
            anyhow::ensure!(
                bbox.as_ref().is_none_or(|b| b.len() == 4),
                "--bbox takes min_lon,min_lat,max_lon,max_lat"
            );
            anyhow::ensure!(
                near.as_ref().is_none_or(|n| n.len() == 3),
                "--near takes lat,lon,km"
            );
            let f = annals_store::Filter {
                from,
                to,
                country,
                admin1,
                bbox: bbox.map(|b| [b[0], b[1], b[2], b[3]]),
                near: near.map(|n| (n[0], n[1], n[2])),
                event_type,
                actor,
                certainty,
                text,
                sort: Some(sort),
                limit: Some(limit),
                offset: Some(offset),
            };
            store_cmd::query(&db, &f, &format)
        }
        Cmd::Show { incident, db } => store_cmd::show(&db, incident),
        Cmd::Export { format, db, output } => {
            store_cmd::export(&data, &db, &format, output.as_deref())
        }
        Cmd::BenchStore { events, db } => store_cmd::bench_store(&data, &db, events),
        Cmd::Serve { db, addr } => serve(&data, db, &addr),
        Cmd::BenchServe {
            db,
            requests,
            concurrency,
            path,
        } => bench_serve(&data, db, requests, concurrency, &path),
    }
}

/// `annals extract`: code each record and write its JSON line, in input order; bad
/// records are named on standard error and skipped.
fn extract(
    data: &Path,
    paths: &[PathBuf],
    date: Option<String>,
    pretty: bool,
    profile: ProfileArg,
) -> Result<i32> {
    let default_date = date_flag(date.as_deref())?;
    let mut pipeline = annals_extract::Pipeline::load(data)
        .with_context(|| format!("loading data from {}", data.display()))?;
    pipeline.profile = profile.into();
    let opts = annals_text::InputOptions { default_date };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    // Standard input is a stream: each record's line goes out before the next
    // is read (a pipe waits for it).
    let streaming = paths.iter().any(|p| p.as_os_str() == "-");
    annals_text::for_each_input(paths, &opts, &mut |rec| -> Result<()> {
        match rec {
            Ok(article) => {
                let o = pipeline.extract(&article);
                let line = if pretty {
                    serde_json::to_string_pretty(&o)?
                } else {
                    serde_json::to_string(&o)?
                };
                writeln!(out, "{line}")?;
                if streaming {
                    out.flush()?;
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("annals: skipped {e}");
            }
        }
        Ok(())
    })?;
    out.flush()?;
    if failed > 0 {
        eprintln!("annals: {failed} record(s) skipped");
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

/// Peak resident memory of this process in KiB (Linux), if known.
fn peak_rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn bench(data: &Path, input: &Path, repeat: usize, threads: usize) -> Result<i32> {
    let t = std::time::Instant::now();
    let pipeline = annals_extract::Pipeline::load(data)
        .with_context(|| format!("loading data from {}", data.display()))?;
    let load = t.elapsed().as_secs_f64();
    let articles: Vec<annals_text::Article> = annals_text::read_inputs(
        &[input.to_path_buf()],
        &annals_text::InputOptions::default(),
    )
    .into_iter()
    .filter_map(|r| r.ok())
    .collect();
    anyhow::ensure!(!articles.is_empty(), "{}: no articles", input.display());
    let tokens: usize = articles
        .iter()
        .map(|a| annals_text::tokenize(&a.text).len())
        .sum();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let threads = threads.max(1);
    let t = std::time::Instant::now();
    let mut events = 0usize;
    for _ in 0..repeat.max(1) {
        events = std::thread::scope(|sc| {
            let chunk = articles.len().div_ceil(threads);
            let handles: Vec<_> = articles
                .chunks(chunk)
                .map(|part| {
                    sc.spawn(|| {
                        part.iter()
                            .map(|a| pipeline.extract(a).events.len())
                            .sum::<usize>()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
        });
    }
    let secs = t.elapsed().as_secs_f64();
    let passes = repeat.max(1) as f64;
    println!(
        "input            {} ({} articles, {} tokens, {} bytes)",
        input.display(),
        articles.len(),
        tokens,
        bytes
    );
    println!("threads          {threads}");
    println!("load             {:.3} s (gazetteer and lexicons)", load);
    println!(
        "documents/s      {:.1}",
        articles.len() as f64 * passes / secs
    );
    println!("tokens/s         {:.0}", tokens as f64 * passes / secs);
    println!("MB/s             {:.2}", bytes as f64 * passes / secs / 1e6);
    println!("events/pass      {events}");
    bench_models(data, &articles, repeat.max(1))?;
    match peak_rss_kib() {
        Some(k) => println!("peak memory      {:.1} MiB", k as f64 / 1024.0),
        None => println!("peak memory      unknown"),
    }
    Ok(0)
}

/// The `--date` given for articles that carry none, checked.
fn date_flag(date: Option<&str>) -> Result<Option<jiff::civil::Date>> {
    date.map(|d| {
        annals_text::article::parse_date(d)
            .map_err(anyhow::Error::msg)
            .context("--date")
    })
    .transpose()
}

/// `annals analyse`: the models' reading of each article as CoNLL-U.
fn analyse(data: &Path, paths: &[PathBuf], date: Option<String>) -> Result<i32> {
    let default_date = date_flag(date.as_deref())?;
    let models = annals_nlp::Models::load(data)
        .with_context(|| format!("loading the models from {}", data.display()))?;
    let opts = annals_text::InputOptions { default_date };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for rec in annals_text::read_inputs(paths, &opts) {
        let article = match rec {
            Ok(a) => a,
            Err(e) => {
                failed += 1;
                eprintln!("annals: skipped {e}");
                continue;
            }
        };
        let doc = annals_text::Doc::new(&article.text);
        let a = models.analyse(&doc);
        writeln!(out, "# newdoc id = {}", article.id)?;
        for (si, s) in doc.sentences.iter().enumerate() {
            writeln!(out, "# sent_id = {}-{}", article.id, si + 1)?;
            writeln!(
                out,
                "# text = {}",
                doc.text[s.start..s.end].replace('\n', " ")
            )?;
            for i in s.first..s.last {
                let ner = match a.entity_at(i) {
                    Some(e) if e.first == i => format!("NER=B-{}", e.kind),
                    Some(e) => format!("NER=I-{}", e.kind),
                    None => "NER=O".into(),
                };
                writeln!(
                    out,
                    "{}\t{}\t_\t{}\t{}\t_\t{}\t{}\t_\t{ner}|Offset={}",
                    i - s.first + 1,
                    doc.tok(i),
                    a.upos(i),
                    a.xpos(i),
                    a.head(i).map_or(0, |h| h - s.first + 1),
                    a.rel(i),
                    doc.tokens[i].start
                )?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if failed > 0 { 1 } else { 0 })
}

/// Tokens per second of each trained model on one core, over the same articles.
fn bench_models(data: &Path, articles: &[annals_text::Article], repeat: usize) -> Result<()> {
    // One set of models, as the pipeline holds them: each alone, then together.
    let t = std::time::Instant::now();
    let models = match annals_nlp::Models::load(data) {
        Ok(m) => m,
        Err(e) => {
            println!("models           not measured: {e}");
            return Ok(());
        }
    };
    println!(
        "models load      {:.3} s (tagger, recogniser, parser)",
        t.elapsed().as_secs_f64()
    );
    let (tg, r, p) = (&models.tagger, &models.ner, &models.parser);
    let sents: Vec<Vec<String>> = articles
        .iter()
        .flat_map(|a| {
            let doc = annals_text::Doc::new(&a.text);
            doc.sentences
                .iter()
                .map(|s| {
                    (s.first..s.last)
                        .map(|i| doc.tok(i).to_string())
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let tokens: usize = sents.iter().map(Vec::len).sum::<usize>() * repeat;
    let mut tags: Vec<Vec<String>> = Vec::new();
    let t = std::time::Instant::now();
    for _ in 0..repeat {
        tags = sents
            .iter()
            .map(|s| {
                let f: Vec<&str> = s.iter().map(String::as_str).collect();
                tg.tag_alternatives(&f, annals_nlp::analyse::HESITATION)
                    .into_iter()
                    .map(|(c, alt)| match alt {
                        None => format!("{}_{}", tg.classes[c].0, tg.classes[c].1),
                        Some(a) => format!(
                            "{}_{}|{}_{}",
                            tg.classes[c].0, tg.classes[c].1, tg.classes[a].0, tg.classes[a].1
                        ),
                    })
                    .collect()
            })
            .collect();
    }
    println!(
        "pos tokens/s     {:.0}",
        tokens as f64 / t.elapsed().as_secs_f64()
    );
    let empty = std::collections::HashSet::new();
    let t = std::time::Instant::now();
    for _ in 0..repeat {
        for s in &sents {
            std::hint::black_box(r.tag(s, &empty));
        }
    }
    println!(
        "ner tokens/s     {:.0}",
        tokens as f64 / t.elapsed().as_secs_f64()
    );
    let t = std::time::Instant::now();
    for _ in 0..repeat {
        for (s, tg) in sents.iter().zip(&tags) {
            let f: Vec<&str> = s.iter().map(String::as_str).collect();
            let tg: Vec<&str> = tg.iter().map(String::as_str).collect();
            std::hint::black_box(p.parse(&f, &tg));
        }
    }
    println!(
        "parse tokens/s   {:.0}",
        tokens as f64 / t.elapsed().as_secs_f64()
    );
    // Together, as the pipeline runs them (annals_nlp::Models::analyse, whole documents).
    let docs: Vec<annals_text::Doc> = articles
        .iter()
        .map(|a| annals_text::Doc::new(&a.text))
        .collect();
    let t = std::time::Instant::now();
    for _ in 0..repeat {
        for d in &docs {
            std::hint::black_box(models.analyse(d));
        }
    }
    println!(
        "models together  {:.0} tokens/s on one core (tag, name, parse)",
        tokens as f64 / t.elapsed().as_secs_f64()
    );
    Ok(())
}

fn server_state(data: &Path, db: PathBuf) -> Result<std::sync::Arc<annals_server::AppState>> {
    let pipeline = std::sync::Arc::new(
        annals_extract::Pipeline::load(data)
            .with_context(|| format!("loading data from {}", data.display()))?,
    );
    let token = std::env::var("ANNALS_TOKEN").ok();
    Ok(std::sync::Arc::new(annals_server::AppState::new(
        db, pipeline, token,
    )?))
}

fn serve(data: &Path, db: PathBuf, addr: &str) -> Result<i32> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ANNALS_LOG")
                .unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let state = server_state(data, db.clone())?;
    if state.token.is_none() {
        eprintln!("annals: ANNALS_TOKEN is not set: POST /api/articles is refused");
    }
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("listening on {addr}"))?;
        eprintln!(
            "annals: serving {} on http://{}/",
            db.display(),
            listener.local_addr()?
        );
        annals_server::serve(listener, state).await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(0)
}

fn bench_serve(
    data: &Path,
    db: PathBuf,
    requests: usize,
    concurrency: usize,
    path: &str,
) -> Result<i32> {
    let state = server_state(data, db)?;
    let rt = tokio::runtime::Runtime::new()?;
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let addr = listener.local_addr()?;
    let server = rt.spawn(async move { axum_serve(listener, state).await });
    let r = annals_server::load::run(addr, path, requests, concurrency);
    server.abort();
    println!("target           http://{addr}{path} (this process, loopback)");
    println!(
        "requests         {} from {concurrency} connections in {:.2} s",
        r.requests, r.seconds
    );
    println!("requests/s       {:.0}", r.rps);
    println!(
        "latency          p50 {:.2} ms, p99 {:.2} ms",
        r.p50_ms, r.p99_ms
    );
    println!("errors           {}", r.errors);
    Ok(if r.errors > 0 { 1 } else { 0 })
}

async fn axum_serve(
    listener: tokio::net::TcpListener,
    state: std::sync::Arc<annals_server::AppState>,
) -> std::io::Result<()> {
    annals_server::serve(listener, state).await
}
