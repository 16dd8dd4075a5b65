//! Event typing and counts: PLOVER type, source and target of one-sentence records, and
//! the killed, injured and date of gun-violence articles.

use crate::gold::gold_records;
use crate::{Report, Tally};
use annals_extract::Pipeline;
use annals_text::normalize_key;
use anyhow::Result;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// Whether a predicted actor (its name and the text it was read from) matches any of
/// the gold actor texts: one contains the other once both are folded.
pub(crate) fn actor_matches(
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
pub(crate) fn plover_type_of_gold(t: &str) -> &str {
    match t {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

pub fn plover(path: &Path, pipeline: &Pipeline) -> Result<Report> {
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
    let figures = {
        let conf: Vec<Value> = confusion
            .iter()
            .map(|((g, p), c)| json!({"gold": g, "predicted": p, "rows": c}))
            .collect();
        json!({"records": n, "type_acc": rate(right, n), "macro_f1": macro_f1,
                   "source_match": rate(src_ok, src_n), "target_match": rate(tgt_ok, tgt_n),
                   "confusion": conf})
    };
    let mut table = String::new();
    writeln!(table, "{n} PLOVER records from {}", path.display())?;
    writeln!(table, "type_acc      {:.4}", rate(right, n))?;
    writeln!(
        table,
        "macro_f1      {macro_f1:.4}  (over {} gold types)",
        f1s.len()
    )?;
    writeln!(
        table,
        "source_match  {:.4}  ({src_n} records with a gold source)",
        rate(src_ok, src_n)
    )?;
    writeln!(
        table,
        "target_match  {:.4}  ({tgt_n} records with a gold target)",
        rate(tgt_ok, tgt_n)
    )?;
    writeln!(table)?;
    writeln!(table, "type confusion (gold -> predicted: rows)")?;
    for ((g, p), c) in &confusion {
        writeln!(table, "  {g:<12} -> {p:<12} {c:>4}")?;
    }
    Ok(Report { figures, table })
}

pub fn counts(path: &Path, pipeline: &Pipeline) -> Result<Report> {
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
    let figures = {
        let mut o = serde_json::Map::new();
        for (k, v) in &t {
            o.insert((*k).into(), json!(v.rate()));
        }
        Value::Object(o)
    };
    let mut table = String::new();
    writeln!(table, "gun-violence articles from {}", path.display())?;
    writeln!(table, "{:<24} {:>8} {:>8}", "metric", "value", "rows")?;
    for (k, v) in &t {
        writeln!(table, "{k:<24} {:>8.4} {:>8}", v.rate(), v.of)?;
    }
    Ok(Report { figures, table })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_plover_names_are_read_as_ours() {
        assert_eq!(plover_type_of_gold("DEMAND"), "REQUEST");
        assert_eq!(plover_type_of_gold("DISAPPROVE"), "ACCUSE");
        assert_eq!(plover_type_of_gold("FIGHT"), "ASSAULT");
        assert_eq!(plover_type_of_gold("INVESTIGATE"), "ACCUSE");
        assert_eq!(plover_type_of_gold("AGREE"), "AGREE");
    }
}
