//! Test helpers: the shipped pipeline loaded once, and short articles coded into drafts
//! so that each module's tests read the fields its own rule sets.

use super::{Draft, Profile};
use crate::Pipeline;
use std::sync::OnceLock;

/// The shipped models and data, loaded once for all tests of this crate.
pub(crate) fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        Pipeline::load(&data).expect("the shipped data in data/")
    })
}

fn article(text: &str) -> annals_text::Article {
    annals_text::Article {
        id: "t".into(),
        date: jiff::civil::date(2021, 9, 2),
        text: text.into(),
        title: None,
        url: None,
        source: None,
        origin: "test".into(),
    }
}

/// The drafts of `text` (an article of 2021-09-02) with the news profile, and what the
/// tokens of each draft's trigger say.
pub(crate) fn drafts(text: &str) -> Vec<(String, Draft)> {
    let p = pipeline();
    p.code_article(&article(text), Profile::News, |cx, drafts| {
        drafts
            .into_iter()
            .map(|d| {
                let (a, b) = d.trigger;
                let t = text[cx.doc.tokens[a].start..cx.doc.tokens[b - 1].end].to_string();
                (t, d)
            })
            .collect()
    })
}

/// The draft whose trigger is `trigger`.
pub(crate) fn draft(text: &str, trigger: &str) -> Draft {
    drafts(text)
        .into_iter()
        .find(|(t, _)| t == trigger)
        .map(|(_, d)| d)
        .unwrap_or_else(|| {
            let got: Vec<String> = drafts(text).into_iter().map(|(t, _)| t).collect();
            panic!("no draft on {trigger:?} in {text:?}; triggers: {got:?}")
        })
}

/// The output line of `text` under `profile`.
pub(crate) fn output(text: &str, profile: Profile) -> crate::output::ArticleOutput {
    let p = pipeline();
    let a = article(text);
    p.code_article(&a, profile, |cx, drafts| {
        super::emit::article_output(cx, &a, &drafts)
    })
}
