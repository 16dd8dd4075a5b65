//! `annals eval`: each stage measured against gold files, as a table or as one JSON
//! object (`--json`). Every figure is defined in docs/EVALUATION.md.

use annals_extract::output::ArticleOutput;
use annals_geo::build::{english_directions, strip_generic, ARTICLES};
use annals_text::{normalize_key, Article};
use anyhow::{bail, Context as _, Result};
use clap::Subcommand;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum EvalWhat {
    /// Tokenizer and sentence splitter against a CoNLL-U treebank.
    Tokens {
        /// The treebank (e.g. ../shared/data/ud/en_ewt/en_ewt-ud-dev.conllu).
        #[arg(long)]
        conllu: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// The POS tagger against a CoNLL-U treebank (gold tokenization).
    Pos {
        /// The treebank.
        #[arg(long)]
        conllu: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// The dependency parser against a CoNLL-U treebank (gold tokens, predicted tags).
    Parse {
        /// The treebank.
        #[arg(long)]
        conllu: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// The named-entity recogniser against a CoNLL file (IOB1 or IOB2).
    Ner {
        /// The file (e.g. ../shared/data/ner/conll2003/eng.testa).
        #[arg(long)]
        conll: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Toponyms end to end from text against GeoVirus-style records (place spans with
    /// coordinates).
    Geo {
        /// Records shaped like ../shared/data/events/geovirus_dev.jsonl.
        #[arg(long)]
        jsonl: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Also write one JSON line per gold place to FILE: its name and point, and the
        /// place read there (if any) with its point and error in km.
        #[arg(long, value_name = "FILE")]
        rows: Option<PathBuf>,
    },
    /// The place of the event against event-location records (the gold place span of the
    /// gold event verb).
    Evloc {
        /// Records shaped like ../shared/data/events/event_location_dev.jsonl.
        #[arg(long)]
        jsonl: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// PLOVER event type, source and target of each sentence against PLOVER gold records.
    Plover {
        /// Records shaped like ../shared/data/events/plover_dev.jsonl.
        #[arg(long)]
        jsonl: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Killed and injured counts and the event date of gun-violence articles.
    Counts {
        /// Records shaped like ../shared/data/events/gva_dev.jsonl.
        #[arg(long)]
        jsonl: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// The top event of each ACLED note against its gold row.
    Acled {
        /// Records shaped like ../shared/data/events/acled_dev.jsonl.
        #[arg(long)]
        jsonl: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Score only the first N records.
        #[arg(long)]
        limit: Option<usize>,
        /// Also write one JSON line per record to FILE: the note, the gold fields and
        /// what the top event gave, so that misses can be read.
        #[arg(long, value_name = "FILE")]
        rows: Option<PathBuf>,
    },
}

pub fn run(what: EvalWhat, data: &Path) -> Result<i32> {
    match what {
        EvalWhat::Tokens { conllu, json } => tokens(&conllu, json),
        EvalWhat::Acled {
            jsonl,
            json,
            limit,
            rows,
        } => acled(&jsonl, json, limit, rows.as_deref(), data),
        EvalWhat::Pos { conllu, json } => pos(&conllu, json, data),
        EvalWhat::Parse { conllu, json } => parse(&conllu, json, data),
        EvalWhat::Ner { conll, json } => ner(&conll, json, data),
        EvalWhat::Geo { jsonl, json, rows } => geo(&jsonl, json, rows.as_deref(), data),
        EvalWhat::Evloc { jsonl, json } => evloc(&jsonl, json, data),
        EvalWhat::Plover { jsonl, json } => plover(&jsonl, json, data),
        EvalWhat::Counts { jsonl, json } => counts(&jsonl, json, data),
    }
}

/// The names the recogniser looks up: countries, regions and cities of 50,000 or more
/// from the gazetteer (LOC), and the actor lexicon (persons as PER, the rest as ORG).
/// Single words that are ordinary English words are left out.
pub fn name_list(data: &Path) -> Result<annals_nlp::ner::NameList> {
    let g = annals_geo::Gazetteer::load(&data.join("gazetteer.tsv"))?;
    let common = annals_geo::build::load_word_list(&data.join("common_words.txt"))
        .map_err(anyhow::Error::msg)?;
    let lx = annals_extract::lexicon::Lexicons::load(data)?;
    let mut names = annals_nlp::ner::NameList::default();
    let ok = |n: &str| n.contains(' ') || !common.contains(&n.to_lowercase());
    for e in &g.entries {
        // Second-level regions are left out: their names are as often a person's
        // ("Angus", "Kent"), and with them the recogniser scored lower on dev.
        if e.kind == annals_geo::Kind::Admin2
            || (e.kind == annals_geo::Kind::Place && e.population < 50_000)
        {
            continue;
        }
        for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
            // Names are matched word by word as the tokenizer cuts them.
            let spaced = annals_text::tokenize(n)
                .iter()
                .map(|t| &n[t.start..t.end])
                .collect::<Vec<_>>()
                .join(" ");
            if ok(&spaced) {
                names.add(&spaced, 2);
            }
        }
    }
    for a in &lx.actors {
        let k = if a.kind == "person" { 0 } else { 1 };
        for n in std::iter::once(&a.name).chain(a.aliases.iter()) {
            let spaced = annals_text::tokenize(n)
                .iter()
                .map(|t| &n[t.start..t.end])
                .collect::<Vec<_>>()
                .join(" ");
            if ok(&spaced) && spaced.chars().next().is_some_and(char::is_uppercase) {
                names.add(&spaced, k);
            }
        }
    }
    Ok(names)
}

fn ner(path: &Path, as_json: bool, data: &Path) -> Result<i32> {
    let t0 = std::time::Instant::now();
    let rec = annals_nlp::ner::Recogniser::load(&data.join("ner.model"))
        .context("loading data/ner.model (build it with `annals train ner`)")?;
    let load = t0.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let sents = annals_nlp::ner::read_conll(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let sc = rec.evaluate(&sents);
    let (p, r, f1) = sc.overall();
    if as_json {
        let per: serde_json::Map<String, Value> = annals_nlp::ner::TYPES
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let (p, r, f) = sc.of_type(k);
                (
                    t.to_string(),
                    json!({"precision": p, "recall": r, "f1": f, "gold": sc.per_type[k].2}),
                )
            })
            .collect();
        println!(
            "{}",
            json!({"precision": p, "recall": r, "f1": f1, "per_type": per})
        );
    } else {
        println!(
            "{} sentences from {} (model loaded in {:.2}s)",
            sents.len(),
            path.display(),
            load
        );
        println!(
            "{:<8} {:>9} {:>9} {:>9} {:>7}",
            "type", "precision", "recall", "f1", "gold"
        );
        for (k, t) in annals_nlp::ner::TYPES.iter().enumerate() {
            let (p, r, f) = sc.of_type(k);
            println!(
                "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7}",
                t, p, r, f, sc.per_type[k].2
            );
        }
        println!("{:<8} {:>9.4} {:>9.4} {:>9.4}", "all", p, r, f1);
    }
    Ok(0)
}

/// Gold records of a JSON Lines file, as an article (date from the record, or a fixed
/// day when it has none) and the gold object. Malformed lines are reported and skipped.
fn gold_records(path: &Path) -> Result<Vec<(Article, Value)>> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let mut out = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!(
                    "annals: skipped {}:{}: malformed JSON: {e}",
                    path.display(),
                    i + 1
                );
                continue;
            }
        };
        let date = v["date"]
            .as_str()
            .and_then(|d| annals_text::article::parse_date(d).ok())
            .unwrap_or(jiff::civil::date(2000, 1, 1));
        let article = Article {
            id: v["id"].as_str().unwrap_or("").to_string(),
            date,
            text: v["text"].as_str().unwrap_or("").to_string(),
            title: None,
            url: None,
            source: None,
            origin: format!("{}:{}", path.display(), i + 1),
        };
        out.push((article, v["gold"].clone()));
    }
    Ok(out)
}

/// Byte offset of character offset `c` in `text`.
/// The character span of an event-location record's gold place. About one record in
/// six gives the place's `start`/`end` as token indices (equal to its `token_start` and
/// `token_end`) rather than characters; those are mapped back through a tokenization
/// like the annotators' (spaCy's), trusted only where it puts the gold verb's token at
/// the verb's characters and the place starts with a capital. `None` when neither reading
/// holds.
fn gold_place_chars(
    text: &str,
    spans: &[serde_json::Value],
    loc: (usize, usize),
) -> Option<(usize, usize)> {
    let field = |label: &str, key: &str| {
        spans
            .iter()
            .find(|s| s["label"] == label)
            .and_then(|s| s[key].as_u64())
            .map(|v| v as usize)
    };
    let (ts, te) = (
        field("LOCATION", "token_start"),
        field("LOCATION", "token_end"),
    );
    if ts != Some(loc.0) || te != Some(loc.1) {
        return Some(loc);
    }
    let (ts, te) = (ts?, te?);
    let chars: Vec<char> = text.chars().collect();
    let toks = spacy_like_tokens(&chars);
    let verb_at = field("VERB", "start")?;
    if toks.get(field("VERB", "token_start")?)?.0 != verb_at {
        return None;
    }
    let (start, end) = (toks.get(ts)?.0, toks.get(te)?.1);
    chars[start].is_uppercase().then_some((start, end))
}

/// Character spans of tokens cut as spaCy's English tokenizer cuts them, closely enough
/// to map token indices back: one space separates tokens, other whitespace is a token;
/// leading and trailing punctuation, hyphens between letters, and "'s" or "n't" are split
/// off; abbreviations with inner periods ("U.S.") stay whole.
fn spacy_like_tokens(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if !(j - i == 1 && chars[i] == ' ') {
                out.push((i, j));
            }
            i = j;
            continue;
        }
        let mut j = i;
        while j < chars.len() && !chars[j].is_whitespace() {
            j += 1;
        }
        split_chunk(chars, i, j, &mut out);
        i = j;
    }
    out
}

fn split_chunk(chars: &[char], mut a: usize, mut b: usize, out: &mut Vec<(usize, usize)>) {
    let opening = |c: char| {
        matches!(
            c,
            '"' | '(' | '[' | '{' | '\'' | '\u{2018}' | '\u{201C}' | '$'
        )
    };
    let closing = |c: char| {
        matches!(
            c,
            '"' | ')'
                | ']'
                | '}'
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '.'
                | '\''
                | '\u{2019}'
                | '\u{201D}'
                | '%'
        )
    };
    while a < b && opening(chars[a]) && b - a > 1 {
        out.push((a, a + 1));
        a += 1;
    }
    let mut tail = Vec::new();
    loop {
        if b <= a + 1 {
            break;
        }
        let word: String = chars[a..b].iter().collect();
        let abbreviation = chars[b - 1] == '.' && word[..word.len() - 1].contains('.');
        if closing(chars[b - 1]) && !abbreviation {
            b -= 1;
            tail.push((b, b + 1));
            continue;
        }
        let lower = word.to_lowercase();
        if b - a > 2 && (lower.ends_with("'s") || lower.ends_with("\u{2019}s")) {
            b -= 2;
            tail.push((b, b + 2));
            continue;
        }
        if b - a > 3 && (lower.ends_with("n't") || lower.ends_with("n\u{2019}t")) {
            b -= 3;
            tail.push((b, b + 3));
            continue;
        }
        break;
    }
    // Hyphens between letters are tokens of their own ("Ponce-Gomez").
    let mut start = a;
    for k in a..b {
        if chars[k] == '-'
            && k > a
            && k + 1 < b
            && chars[k - 1].is_alphabetic()
            && chars[k + 1].is_alphabetic()
        {
            out.push((start, k));
            out.push((k, k + 1));
            start = k + 1;
        }
    }
    if start < b {
        out.push((start, b));
    }
    out.extend(tail.into_iter().rev());
}

fn byte_at(text: &str, c: usize) -> usize {
    text.char_indices().nth(c).map_or(text.len(), |(b, _)| b)
}

/// The writer of `--rows FILE`, if asked for.
fn rows_writer(path: Option<&Path>) -> Result<Option<std::io::BufWriter<std::fs::File>>> {
    path.map(|p| {
        std::fs::File::create(p)
            .map(std::io::BufWriter::new)
            .with_context(|| p.display().to_string())
    })
    .transpose()
}

fn geo(path: &Path, as_json: bool, rows_out: Option<&Path>, data: &Path) -> Result<i32> {
    let mut rows_out = rows_writer(rows_out)?;
    let pipeline = annals_extract::Pipeline::load(data)?;
    let (mut gold_n, mut found, mut within) = (0usize, 0usize, 0usize);
    let mut errors_km: Vec<f64> = Vec::new();
    for (article, gold) in gold_records(path)? {
        let out = pipeline.extract(&article);
        for g in gold["locations"].as_array().into_iter().flatten() {
            // GeoVirus offsets are characters; `_span` is the checked one.
            let (Some(cs), Some(ce)) = (g["_span"][0].as_u64(), g["_span"][1].as_u64()) else {
                continue;
            };
            let (gs, ge) = (
                byte_at(&article.text, cs as usize),
                byte_at(&article.text, ce as usize),
            );
            gold_n += 1;
            let hit = out
                .places
                .iter()
                .find(|p| p.mentions.iter().any(|m| m[0] < ge && gs < m[1]));
            let mut km = None;
            if let Some(p) = hit {
                found += 1;
                if let (Some(lat), Some(lon)) = (g["lat"].as_f64(), g["lon"].as_f64()) {
                    let d = annals_geo::haversine_km(p.geo.lat, p.geo.lon, lat, lon);
                    errors_km.push(d);
                    within += usize::from(d <= 161.0);
                    km = Some(d);
                }
            }
            if let Some(w) = rows_out.as_mut() {
                use std::io::Write;
                let row = json!({
                    "id": article.id,
                    "gold": {"name": &article.text[gs..ge], "lat": g["lat"], "lon": g["lon"]},
                    "pred": hit.map(|p| json!({
                        "name": p.geo.name, "country": p.geo.country,
                        "lat": p.geo.lat, "lon": p.geo.lon, "reason": p.reason,
                    })),
                    "km": km,
                });
                writeln!(w, "{row}")?;
            }
        }
    }
    errors_km.sort_by(f64::total_cmp);
    let median = errors_km.get(errors_km.len() / 2).copied().unwrap_or(0.0);
    let recall = found as f64 / gold_n.max(1) as f64;
    let acc = within as f64 / found.max(1) as f64;
    if as_json {
        println!(
            "{}",
            json!({"gold": gold_n, "recall": recall, "acc_161km": acc, "median_km": median})
        );
    } else {
        println!("{gold_n} gold place mentions in {}", path.display());
        println!("recall      {recall:.4}  (a resolved place mention overlaps the gold one)");
        println!("acc_161km   {acc:.4}  (of the recalled: within 161 km of the gold point)");
        println!("median_km   {median:.1}");
    }
    Ok(0)
}

/// Whether a predicted actor (its name and the text it was read from) matches any of
/// the gold actor texts: one contains the other once both are folded.
fn actor_matches(
    pred: Option<&annals_extract::output::ActorRef>,
    text: &str,
    gold: &Value,
) -> bool {
    let Some(a) = pred else { return false };
    let said = normalize_key(text.get(a.span[0]..a.span[1]).unwrap_or(""));
    let name = normalize_key(&a.name);
    gold.as_array().into_iter().flatten().any(|g| {
        let g = normalize_key(g["actorText"].as_str().unwrap_or(""));
        !g.is_empty()
            && [&said, &name]
                .iter()
                .any(|p| !p.is_empty() && (p.contains(g.as_str()) || g.contains(p.as_str())))
    })
}

/// A gold PLOVER type in the type names annals uses (those of POLECAT's PLOVER, see
/// DESIGN.md): the gold set was coded with the earlier PLOVER names, where DEMAND is
/// REQUEST, DISAPPROVE is ACCUSE, FIGHT (conventional combat) is part of ASSAULT, and
/// INVESTIGATE is ACCUSE (POLECAT's mode `investigate`).
fn plover_type_of_gold(t: &str) -> &str {
    match t {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

fn plover(path: &Path, as_json: bool, data: &Path) -> Result<i32> {
    let pipeline = annals_extract::Pipeline::load(data)?;
    let (mut n, mut right, mut src_n, mut src_ok, mut tgt_n, mut tgt_ok) = (0, 0, 0, 0, 0, 0);
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (article, gold) in gold_records(path)? {
        let Some(gt) = gold["event"].as_str().map(plover_type_of_gold) else {
            continue;
        };
        n += 1;
        let out = pipeline.extract(&article);
        // The first event that happened (or was said to), else the first of any status.
        let top = out
            .events
            .iter()
            .find(|e| e.status == "occurred")
            .or(out.events.first());
        let pt = top.map_or("(none)".to_string(), |e| e.plover_type.clone());
        right += usize::from(pt == gt);
        *confusion.entry((gt.to_string(), pt)).or_default() += 1;
        if gold["source"].as_array().is_some_and(|a| !a.is_empty()) {
            src_n += 1;
            src_ok += usize::from(actor_matches(
                top.and_then(|e| e.source_actor.as_ref()),
                &article.text,
                &gold["source"],
            ));
        }
        if gold["target"].as_array().is_some_and(|a| !a.is_empty()) {
            tgt_n += 1;
            tgt_ok += usize::from(actor_matches(
                top.and_then(|e| e.target_actor.as_ref()),
                &article.text,
                &gold["target"],
            ));
        }
    }
    // Macro F1 over the gold types.
    let types: std::collections::BTreeSet<&String> = confusion.keys().map(|k| &k.0).collect();
    let mut f1s = Vec::new();
    for t in &types {
        let tp = confusion
            .get(&((*t).clone(), (*t).clone()))
            .copied()
            .unwrap_or(0) as f64;
        let gold_n: usize = confusion
            .iter()
            .filter(|(k, _)| &k.0 == *t)
            .map(|(_, v)| v)
            .sum();
        let pred_n: usize = confusion
            .iter()
            .filter(|(k, _)| &k.1 == *t)
            .map(|(_, v)| v)
            .sum();
        let (p, r) = (tp / pred_n.max(1) as f64, tp / gold_n.max(1) as f64);
        f1s.push(if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        });
    }
    let rate = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    let macro_f1 = f1s.iter().sum::<f64>() / f1s.len().max(1) as f64;
    if as_json {
        let conf: Vec<Value> = confusion
            .iter()
            .map(|((g, p), c)| json!({"gold": g, "predicted": p, "rows": c}))
            .collect();
        println!(
            "{}",
            json!({"records": n, "type_acc": rate(right, n), "macro_f1": macro_f1,
                   "source_match": rate(src_ok, src_n), "target_match": rate(tgt_ok, tgt_n),
                   "confusion": conf})
        );
    } else {
        println!("{n} PLOVER records from {}", path.display());
        println!("type_acc      {:.4}", rate(right, n));
        println!(
            "macro_f1      {macro_f1:.4}  (over {} gold types)",
            f1s.len()
        );
        println!(
            "source_match  {:.4}  ({src_n} records with a gold source)",
            rate(src_ok, src_n)
        );
        println!(
            "target_match  {:.4}  ({tgt_n} records with a gold target)",
            rate(tgt_ok, tgt_n)
        );
        println!();
        println!("type confusion (gold -> predicted: rows)");
        for ((g, p), c) in &confusion {
            println!("  {g:<12} -> {p:<12} {c:>4}");
        }
    }
    Ok(0)
}

/// An ACLED actor name folded for comparison: parenthesised years and countries and
/// anything after " - " dropped ("Military Forces of Nigeria (2015-2023)" and "Boko Haram -
/// Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad" keep their first part).
fn acled_actor_key(name: &str) -> String {
    let head = name.split(" - ").next().unwrap_or(name);
    let mut out = String::new();
    let mut depth = 0;
    for c in head.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    // "PKK: Kurdistan Workers Party" and "Kurdistan Workers' Party": punctuation folded.
    let folded: String = normalize_key(out.trim())
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn counts(path: &Path, as_json: bool, data: &Path) -> Result<i32> {
    let pipeline = annals_extract::Pipeline::load(data)?;
    let mut t: BTreeMap<&str, Tally> = BTreeMap::new();
    for (article, gold) in gold_records(path)? {
        let out = pipeline.extract(&article);
        // The article's shooting: its first assault, else its first event.
        let top = out
            .events
            .iter()
            .find(|e| e.plover_type == "ASSAULT")
            .or(out.events.first());
        let value = |c: Option<&annals_extract::output::Count>| c.map_or(0, |c| c.value);
        let (pk, pi) = (
            value(top.and_then(|e| e.killed.as_ref())),
            value(top.and_then(|e| e.injured.as_ref())),
        );
        let (gk, gi) = (
            gold["n_killed"].as_i64().unwrap_or(0),
            gold["n_injured"].as_i64().unwrap_or(0),
        );
        t.entry("killed_exact").or_default().add(pk == gk);
        t.entry("injured_exact").or_default().add(pi == gi);
        if gk > 0 {
            t.entry("killed_exact_nonzero").or_default().add(pk == gk);
        }
        if gi > 0 {
            t.entry("injured_exact_nonzero").or_default().add(pi == gi);
        }
        if let Some(gd) = gold["shooting_date"].as_str() {
            t.entry("date_exact")
                .or_default()
                .add(top.is_some_and(|e| e.date.value == gd));
        }
    }
    if as_json {
        let mut o = serde_json::Map::new();
        for (k, v) in &t {
            o.insert((*k).into(), json!(v.rate()));
        }
        println!("{}", Value::Object(o));
    } else {
        println!("gun-violence articles from {}", path.display());
        println!("{:<24} {:>8} {:>8}", "metric", "value", "rows");
        for (k, v) in &t {
            println!("{k:<24} {:>8.4} {:>8}", v.rate(), v.of);
        }
    }
    Ok(0)
}

fn evloc(path: &Path, as_json: bool, data: &Path) -> Result<i32> {
    let pipeline = annals_extract::Pipeline::load(data)?;
    let (mut n, mut exact, mut overlap, mut with_event) = (0usize, 0usize, 0usize, 0usize);
    let mut unusable = 0usize;
    for (article, gold) in gold_records(path)? {
        let spans = gold["spans"].as_array().cloned().unwrap_or_default();
        let find = |label: &str| {
            spans
                .iter()
                .find(|s| s["label"] == label)
                .and_then(|s| Some((s["start"].as_u64()? as usize, s["end"].as_u64()? as usize)))
        };
        let (Some(verb), Some(loc)) = (find("VERB"), find("LOCATION")) else {
            continue;
        };
        let Some(loc) = gold_place_chars(&article.text, &spans, loc) else {
            unusable += 1;
            continue;
        };
        let (vs, ve) = (
            byte_at(&article.text, verb.0),
            byte_at(&article.text, verb.1),
        );
        let (ls, le) = (byte_at(&article.text, loc.0), byte_at(&article.text, loc.1));
        n += 1;
        let out = pipeline.extract(&article);
        // The event of the gold verb; else the most confident event.
        let ev = out
            .events
            .iter()
            .find(|e| e.trigger.span[0] < ve && vs < e.trigger.span[1])
            .or(out.events.first());
        // A place the gazetteer lacks and nothing locates is still the text's answer.
        let Some(span) = ev.and_then(|e| {
            e.place
                .as_ref()
                .map(|p| p.span)
                .or(e.unlocated_place.as_ref().map(|p| p.span))
        }) else {
            continue;
        };
        with_event += 1;
        exact += usize::from(span == [ls, le]);
        overlap += usize::from(span[0] < le && ls < span[1]);
    }
    let span_acc = overlap as f64 / n.max(1) as f64;
    if as_json {
        println!(
            "{}",
            json!({"sentences": n, "unusable_gold": unusable, "span_acc": span_acc, "span_exact": exact as f64 / n.max(1) as f64, "with_place": with_event as f64 / n.max(1) as f64})
        );
    } else {
        println!(
            "{n} sentences with a gold event place in {} ({unusable} more whose gold place \
             span could not be read, see docs/EVALUATION.md)",
            path.display()
        );
        println!("span_acc    {span_acc:.4}  (the event's place span overlaps the gold place)");
        println!("span_exact  {:.4}", exact as f64 / n.max(1) as f64);
        println!(
            "with_place  {:.4}  (an event with a place was found)",
            with_event as f64 / n.max(1) as f64
        );
    }
    Ok(0)
}

/// The shipped tagger's tags ("UPOS_XPOS", as the parser reads them) for gold-tokenized
/// sentences.
pub fn predicted_tags(
    tagger: &annals_nlp::tagger::Tagger,
    sents: &[Vec<annals_nlp::corpus::Word>],
) -> Vec<Vec<String>> {
    sents
        .iter()
        .map(|s| {
            let forms: Vec<&str> = s.iter().map(|w| w.form.as_str()).collect();
            tagger
                .tag_alternatives(&forms, annals_nlp::analyse::HESITATION)
                .into_iter()
                .map(|(c, alt)| {
                    let (u, x) = &tagger.classes[c];
                    match alt {
                        Some(a) => {
                            format!("{u}_{x}|{}_{}", tagger.classes[a].0, tagger.classes[a].1)
                        }
                        None => format!("{u}_{x}"),
                    }
                })
                .collect()
        })
        .collect()
}

fn parse(path: &Path, as_json: bool, data: &Path) -> Result<i32> {
    let t0 = std::time::Instant::now();
    let tagger = annals_nlp::tagger::Tagger::load(&data.join("pos.model"))
        .context("loading data/pos.model")?;
    let parser = annals_nlp::parser::Parser::load(&data.join("parse.model"))
        .context("loading data/parse.model (build it with `annals train parse`)")?;
    let load = t0.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let sents = annals_nlp::corpus::read_conllu(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let tags = predicted_tags(&tagger, &sents);
    let s = parser.evaluate(&sents, &tags);
    if as_json {
        println!("{}", json!({"words": s.words, "uas": s.uas, "las": s.las}));
    } else {
        println!(
            "{} words from {} (gold tokens, predicted tags; models loaded in {:.2}s)",
            s.words,
            path.display(),
            load
        );
        println!("uas  {:.4}\nlas  {:.4}", s.uas, s.las);
    }
    Ok(0)
}

fn pos(path: &Path, as_json: bool, data: &Path) -> Result<i32> {
    let model = data.join("pos.model");
    let t0 = std::time::Instant::now();
    let tagger = annals_nlp::tagger::Tagger::load(&model).with_context(|| {
        format!(
            "loading {} (build it with `annals train pos`)",
            model.display()
        )
    })?;
    let load = t0.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let sents = annals_nlp::corpus::read_conllu(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let s = tagger.evaluate(&sents);
    if as_json {
        println!(
            "{}",
            json!({"words": s.words, "upos_acc": s.upos, "xpos_acc": s.xpos})
        );
    } else {
        println!(
            "{} words from {} (model loaded in {:.2}s)",
            s.words,
            path.display(),
            load
        );
        println!("upos_acc  {:.4}\nxpos_acc  {:.4}", s.upos, s.xpos);
    }
    Ok(0)
}

fn tokens(path: &Path, as_json: bool) -> Result<i32> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let docs = annals_text::conllu::read_gold_docs(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let s = annals_text::conllu::score_segmentation(&docs);
    if as_json {
        println!(
            "{}",
            json!({
                "docs": s.docs,
                "token_precision": s.tokens.precision(), "token_recall": s.tokens.recall(), "token_f1": s.tokens.f1(),
                "sentence_precision": s.sentences.precision(), "sentence_recall": s.sentences.recall(), "sentence_f1": s.sentences.f1(),
            })
        );
    } else {
        println!("{} documents from {}", s.docs, path.display());
        println!(
            "{:<10} {:>9} {:>9} {:>9} {:>9}",
            "unit", "precision", "recall", "f1", "gold"
        );
        for (name, p) in [("tokens", s.tokens), ("sentences", s.sentences)] {
            println!(
                "{:<10} {:>9.4} {:>9.4} {:>9.4} {:>9}",
                name,
                p.precision(),
                p.recall(),
                p.f1(),
                p.gold
            );
        }
    }
    Ok(0)
}

/// Admin-1 names match when, folded and stripped of generic words ("Province",
/// "Division", ...), they are equal or within a small edit distance (one edit per six
/// letters, at least one).
pub fn admin1_match(a: &str, b: &str) -> bool {
    // ("Seoul Special City", "Busan Metropolitan City": Korea's official names for the
    // regions that are its cities.)
    let f = |s: &str| {
        let k = strip_generic(s)
            .unwrap_or_else(|| normalize_key(s))
            .replace(['\'', '.'], "");
        ["special city", "metropolitan city"]
            .iter()
            .find_map(|t| k.strip_suffix(t).map(|r| r.trim_end().to_string()))
            .filter(|r| !r.is_empty())
            .unwrap_or(k)
    };
    let f = |s: &str| conventions(&f(&english_directions(s).unwrap_or_else(|| s.to_string())));
    let (a, b) = (f(a), f(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let allowed = (a.chars().count().max(b.chars().count()) / 6).max(1);
    // Adjectival region names: "Kharkivska" (oblast) is Kharkiv.
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let suffixed = short.chars().count() >= 4
        && long.starts_with(short.as_str())
        && long.chars().count() - short.chars().count() <= 4;
    a == b || suffixed || levenshtein(&a, &b) <= allowed
}

/// What writers of admin-1 names add beyond the gazetteer's generic words, dropped from
/// a folded name: "Capital", "Federal" and "NCT" ("Islamabad Capital Territory", "NCT of
/// Delhi"), the Serbo-Croatian "opstina" (municipality) and a leading article of a
/// transliterated name (the gazetteer build's `ARTICLES`: "Al Anbar"). Nothing is dropped
/// where nothing would be left ("Federal District").
fn conventions(key: &str) -> String {
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let mut kept: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "capital" | "federal" | "nct" | "opstina"))
        .collect();
    if kept.len() > 1 && ARTICLES.contains(&kept[0]) {
        kept.remove(0);
    }
    if kept.is_empty() {
        words.join(" ")
    } else {
        kept.join(" ")
    }
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            cur[j] = (prev[j] + 1)
                .min(cur[j - 1] + 1)
                .min(prev[j - 1] + usize::from(a[i - 1] != b[j - 1]));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[derive(Default)]
struct Tally {
    hit: usize,
    of: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.of += 1;
        self.hit += ok as usize;
    }
    fn rate(&self) -> f64 {
        if self.of == 0 {
            0.0
        } else {
            self.hit as f64 / self.of as f64
        }
    }
}

/// ACLED's event types before its 2019 revision, as the current types they became.
/// "Riots/Protests" was one type then: either current type counts as right.
pub fn current_event_types(t: &str) -> Vec<&'static str> {
    let k = t.to_ascii_lowercase();
    match k.as_str() {
        "riots/protests" => vec!["Protests", "Riots"],
        "remote violence" | "explosions/remote violence" => vec!["Explosions/Remote violence"],
        "strategic development" | "strategic developments" => vec!["Strategic developments"],
        "violence against civilians" => vec!["Violence against civilians"],
        "protests" => vec!["Protests"],
        "riots" => vec!["Riots"],
        _ if k.starts_with("battle") => vec!["Battles"],
        _ => vec!["(unknown)"],
    }
}

fn acled(
    path: &Path,
    as_json: bool,
    limit: Option<usize>,
    rows_out: Option<&Path>,
    data: &Path,
) -> Result<i32> {
    let mut rows_out = rows_writer(rows_out)?;
    let pipeline = annals_extract::Pipeline::load(data)
        .with_context(|| format!("loading data from {}", data.display()))?;
    let g = &pipeline.gazetteer;
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let (mut et, mut st, mut fat, mut fatnz, mut a1, mut cc, mut k25, mut k100, mut date) = (
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
    );
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    let (mut act1, mut act2) = (Tally::default(), Tally::default());
    // The same figures over the rows where the coder found what they score: how far the
    // misses are of recognition (the note names no place, no date) or of resolution.
    let (mut cc_placed, mut date_dated) = (Tally::default(), Tally::default());
    // How many notes give the place away at all, as the shipped data reads names: the
    // bound on country and admin-1 figures that recognition and resolution work under.
    let (mut names_country, mut names_local) = (Tally::default(), Tally::default());
    let mut bad = 0usize;
    let mut records = 0usize;
    for (i, line) in text.lines().enumerate() {
        if limit.is_some_and(|l| records >= l) {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!(
                    "annals: skipped {}:{}: malformed JSON: {e}",
                    path.display(),
                    i + 1
                );
                bad += 1;
                continue;
            }
        };
        let gold = &v["gold"];
        let Some(gdate) = v["date"]
            .as_str()
            .and_then(|d| annals_text::article::parse_date(d).ok())
        else {
            eprintln!(
                "annals: skipped {}:{}: no gold event date",
                path.display(),
                i + 1
            );
            bad += 1;
            continue;
        };
        records += 1;
        // The note is published two days after the event: the date must come from the text.
        let article = Article {
            id: v["id"].as_str().unwrap_or("").to_string(),
            date: gdate
                .checked_add(jiff::Span::new().days(2))
                .unwrap_or(gdate),
            text: v["text"].as_str().unwrap_or("").to_string(),
            title: None,
            url: None,
            source: None,
            origin: format!("{}:{}", path.display(), i + 1),
        };
        let out: ArticleOutput = pipeline.extract(&article);
        let top = out.events.first();
        let s = |k: &str| gold[k].as_str().unwrap_or("").to_string();
        let pred_type = top
            .map(|e| e.acled_event_type.clone())
            .unwrap_or_else(|| "(none)".into());
        let gold_types = current_event_types(&s("event_type"));
        let type_ok = gold_types.contains(&pred_type.as_str());
        et.add(type_ok);
        if !s("sub_event_type").is_empty() {
            st.add(top.is_some_and(|e| e.acled_sub_event_type == s("sub_event_type")));
        }
        *confusion
            .entry((gold_types.join(" or "), pred_type))
            .or_default() += 1;
        let gf = gold["fatalities"].as_i64().unwrap_or(0);
        let pf = top
            .and_then(|e| e.killed.as_ref())
            .map(|k| k.value)
            .unwrap_or(0);
        fat.add(gf == pf);
        if gf > 0 {
            fatnz.add(gf == pf);
        }
        // Actors: a gold actor is found when an actor of the top event names it.
        let found = |gold_name: &str| -> bool {
            let g = acled_actor_key(gold_name);
            top.is_some_and(|e| {
                [&e.source_actor, &e.target_actor]
                    .into_iter()
                    .flatten()
                    .map(|a| a.name.as_str())
                    .chain(e.acled_actor1.as_deref())
                    .any(|a| {
                        let p = acled_actor_key(a);
                        !p.is_empty() && (p == g || g.contains(&p) || p.contains(&g))
                    })
            })
        };
        if !s("actor1").is_empty() {
            act1.add(found(&s("actor1")));
        }
        if !s("actor2").is_empty() {
            act2.add(found(&s("actor2")));
        }
        let place = top.and_then(|e| e.place.as_ref());
        let gcountry = s("country");
        let pcountry = place.and_then(|p| g.country(&p.geo.country));
        let country_ok = pcountry.is_some_and(|c| {
            std::iter::once(&c.name)
                .chain(c.aliases.iter())
                .any(|n| normalize_key(n) == normalize_key(&gcountry))
        });
        cc.add(country_ok);
        if place.is_some() {
            cc_placed.add(country_ok);
        }
        let gold_cc = g
            .lookup(&normalize_key(&gcountry))
            .iter()
            .map(|&i| &g.entries[i as usize])
            .find(|e| e.kind == annals_geo::Kind::Country)
            .map(|e| e.country.as_str());
        let (named, local) = gold_cc.map_or((false, false), |c| {
            country_evidence(&pipeline, &article.text, c)
        });
        names_country.add(named);
        names_local.add(local);
        let gold_admin1 = s("admin1");
        // The region's own name or any the gazetteer knows it by ("Lombardia").
        let admin1_ok = !gold_admin1.is_empty() && {
            let region = place
                .and_then(|p| p.geo.admin1_code.as_deref())
                .and_then(|c| g.admin1(c));
            place
                .and_then(|p| p.geo.admin1.as_deref())
                .is_some_and(|x| admin1_match(x, &gold_admin1))
                || region.is_some_and(|r| r.aliases.iter().any(|n| admin1_match(n, &gold_admin1)))
        };
        if !gold_admin1.is_empty() {
            a1.add(admin1_ok);
        }
        if let (Some(lat), Some(lon)) = (gold["latitude"].as_f64(), gold["longitude"].as_f64()) {
            let d = place.map(|p| annals_geo::haversine_km(p.geo.lat, p.geo.lon, lat, lon));
            k25.add(d.is_some_and(|d| d <= 25.0));
            k100.add(d.is_some_and(|d| d <= 100.0));
        }
        let date_ok = top.is_some_and(|e| e.date.value == gdate.to_string());
        date.add(date_ok);
        if top.is_some_and(|e| e.date.source != "article_date") {
            date_dated.add(date_ok);
        }
        if let Some(w) = rows_out.as_mut() {
            use std::io::Write;
            let row = json!({
                "id": article.id,
                "text": article.text,
                "gold": {
                    "event_type": s("event_type"),
                    "sub_event_type": s("sub_event_type"),
                    "fatalities": gf,
                    "actor1": s("actor1"),
                    "actor2": s("actor2"),
                    "country": gcountry,
                    "admin1": gold_admin1,
                    "location": s("location"),
                    "date": gdate.to_string(),
                },
                "pred": top.map(|e| json!({
                    "event_type": e.acled_event_type,
                    "sub_event_type": e.acled_sub_event_type,
                    "plover": e.plover_type,
                    "trigger": e.trigger.text,
                    "fatalities": pf,
                    "source": e.source_actor.as_ref().map(|a| &a.name),
                    "target": e.target_actor.as_ref().map(|a| &a.name),
                    "place": place.map(|p| &p.geo.name),
                    "country": place.map(|p| &p.geo.country),
                    "admin1": place.and_then(|p| p.geo.admin1.as_deref()),
                    "date": e.date.value,
                    "date_source": e.date.source,
                })),
                "ok": {
                    "event_type": type_ok,
                    "fatalities": gf == pf,
                    "country": country_ok,
                    "admin1": admin1_ok,
                    "date": date_ok,
                },
                "names": {"country": named, "subnational": local},
            });
            writeln!(w, "{row}")?;
        }
    }
    if records == 0 {
        bail!("{}: no records", path.display());
    }
    let figures = json!({
        "records": records,
        "event_type_acc": et.rate(),
        "sub_event_type_acc": st.rate(),
        "fatalities_exact": fat.rate(),
        "fatalities_exact_nonzero": fatnz.rate(),
        "admin1_acc": a1.rate(),
        "country_acc": cc.rate(),
        "within_25km": k25.rate(),
        "within_100km": k100.rate(),
        "date_exact": date.rate(),
        "actor1_found": act1.rate(),
        "actor2_found": act2.rate(),
        "country_acc_placed": cc_placed.rate(),
        "placed": cc_placed.of as f64 / records as f64,
        "date_exact_dated": date_dated.rate(),
        "dated": date_dated.of as f64 / records as f64,
        "names_country": names_country.rate(),
        "names_subnational": names_local.rate(),
    });
    if as_json {
        println!("{figures}");
    } else {
        println!("{records} ACLED records from {} (notes fed as articles published two days after the event)", path.display());
        println!("{:<26} {:>8} {:>8}", "metric", "value", "rows");
        for (name, t) in [
            ("event_type_acc", &et),
            ("sub_event_type_acc", &st),
            ("fatalities_exact", &fat),
            ("fatalities_exact_nonzero", &fatnz),
            ("admin1_acc", &a1),
            ("country_acc", &cc),
            ("within_25km", &k25),
            ("within_100km", &k100),
            ("date_exact", &date),
            ("actor1_found", &act1),
            ("actor2_found", &act2),
        ] {
            println!("{:<26} {:>8.4} {:>8}", name, t.rate(), t.of);
        }
        println!("\nwhere the coder found a place or a date in the note:");
        for (name, t) in [
            ("country_acc_placed", &cc_placed),
            ("date_exact_dated", &date_dated),
        ] {
            println!("{:<26} {:>8.4} {:>8}", name, t.rate(), t.of);
        }
        println!("\nnotes whose text names the gold country as the shipped data reads names:");
        println!(
            "{:<26} {:>8.4} {:>8}  (any name, demonym, actor or country cue of it)",
            "names_country",
            names_country.rate(),
            names_country.of
        );
        println!(
            "{:<26} {:>8.4} {:>8}  (a region or town of it that the gazetteer holds)",
            "names_subnational",
            names_local.rate(),
            names_local.of
        );
        println!("\nevent_type confusion (gold -> predicted: rows)");
        for ((gt, pt), n) in &confusion {
            println!("  {gt:<28} -> {pt:<28} {n:>5}");
        }
    }
    if bad > 0 {
        eprintln!("annals: {bad} record(s) skipped");
    }
    Ok(0)
}

/// Whether `text` names country `cc` at all, as the shipped data reads names (a country,
/// region or town name or alias of the gazetteer, a demonym, an actor of the lexicon or a
/// country cue, on folded keys), and whether it names a region or town of it. Any place
/// figure of a text-only coder is bounded by these.
fn country_evidence(p: &annals_extract::Pipeline, text: &str, cc: &str) -> (bool, bool) {
    let (g, lx) = (&p.gazetteer, &p.lexicons);
    let doc = annals_text::Doc::new(text);
    let keys = annals_text::TokenKeys::new(&doc);
    let longest = (g.max_words * 2 + 1).max(lx.max_words).max(lx.cue_words);
    let (mut named, mut local) = (false, false);
    let mut key = String::new();
    for a in 0..doc.tokens.len() {
        for b in a + 1..=(a + longest).min(doc.tokens.len()) {
            keys.window(&doc, a, b, &mut key);
            for &i in g.lookup(&key) {
                let e = &g.entries[i as usize];
                if e.country == cc {
                    named = true;
                    local |= e.kind != annals_geo::Kind::Country;
                }
            }
            named |= g
                .demonym(&key)
                .is_some_and(|i| g.entries[i as usize].country == cc)
                || lx
                    .actor_keys
                    .get(key.as_str())
                    .is_some_and(|&i| lx.actors[i].country == cc)
                || lx
                    .cue_keys
                    .get(key.as_str())
                    .is_some_and(|f| f.iter().any(|(c, _)| c == cc));
            if named && local {
                return (true, true);
            }
        }
    }
    (named, local)
}

#[cfg(test)]
mod tests {
    #[test]
    fn earlier_plover_names_are_read_as_ours() {
        assert_eq!(plover_type_of_gold("DEMAND"), "REQUEST");
        assert_eq!(plover_type_of_gold("DISAPPROVE"), "ACCUSE");
        assert_eq!(plover_type_of_gold("FIGHT"), "ASSAULT");
        assert_eq!(plover_type_of_gold("INVESTIGATE"), "ACCUSE");
        assert_eq!(plover_type_of_gold("AGREE"), "AGREE");
    }

    /// Gold place spans given in token indices are read back through spaCy-like tokens.
    #[test]
    fn token_index_gold_places_are_mapped_to_characters() {
        let read = |text: &str, verb: (usize, usize, usize), loc: (usize, usize)| {
            let spans = vec![
                json!({"label": "VERB", "start": verb.0, "end": verb.1, "token_start": verb.2, "token_end": verb.2}),
                json!({"label": "LOCATION", "start": loc.0, "end": loc.1, "token_start": loc.0, "token_end": loc.1}),
            ];
            gold_place_chars(text, &spans, loc)
                .map(|(a, b)| text.chars().skip(a).take(b - a).collect::<String>())
        };
        let t = "  Harvey Ivan Ponce-Gomez of Nicaragua was captured in Los Angeles on June 1.\n";
        assert_eq!(
            read(t, (43, 51, 9), (11, 12)).as_deref(),
            Some("Los Angeles")
        );
        let t =
            "The soldier was patrolling in the province's Sangkhla Buri district to prevent it.";
        assert_eq!(
            read(t, (16, 26, 3), (8, 10)).as_deref(),
            Some("Sangkhla Buri district")
        );
        let t = "A U.N. police officer was shot in suburban Port-au-Prince, the U.N. mission said.";
        assert_eq!(
            read(t, (26, 30, 5), (8, 12)).as_deref(),
            Some("Port-au-Prince")
        );
        // A verb that does not sit where its token index says: the record is not used.
        assert_eq!(read(t, (26, 30, 6), (8, 12)), None);
        // Character offsets are kept as they are.
        let spans = vec![
            json!({"label": "LOCATION", "start": 43, "end": 54, "token_start": 11, "token_end": 12}),
        ];
        assert_eq!(gold_place_chars(t, &spans, (43, 54)), Some((43, 54)));
    }

    use super::*;

    #[test]
    fn admin1_names_match_across_conventions() {
        assert!(admin1_match("Seoul Special City", "Seoul"));
        assert!(!admin1_match("Special City", "Seoul"));
        assert!(admin1_match("Dhaka Division", "Dhaka"));
        assert!(admin1_match("Idlib", "Idleb"));
        assert!(admin1_match("Kharkivs’ka Oblast’", "Kharkiv"));
        assert!(!admin1_match("Kabul", "Kandahar"));
        assert!(!admin1_match("", "Kabul"));
        assert!(admin1_match("Islamabad Capital Territory", "Islamabad"));
        assert!(admin1_match("NCT of Delhi", "Delhi"));
        assert!(admin1_match(
            "Federal Territory of Kuala Lumpur",
            "Kuala Lumpur"
        ));
        assert!(admin1_match("Federal District", "Federal"));
        assert!(admin1_match("Plav", "Opština Plav"));
        assert!(admin1_match("Anbar", "Al Anbar"));
        assert!(admin1_match("Sud-Ouest", "South-West"));
        assert!(!admin1_match("Centre-Nord", "Centre"));
        assert!(!admin1_match("Centre-Nord", "Nord"));
    }
}
