use super::{trigger_head, Context};
use crate::actors::ActorMention;
use crate::words::{self, Word};

/// Relations that stay inside a noun phrase: an actor reached from a role's word through
/// these belongs to that role ("fighters loyal to the Taliban", "a Taliban commander").
const IN_PHRASE: &[&str] = &[
    "compound",
    "flat",
    "nmod",
    "nmod:poss",
    "appos",
    "amod",
    "conj",
    "nummod",
    "det",
    "case",
    "obl",
    "cc",
    "punct",
    "nmod:unmarked",
];

/// Agent and patient of a trigger read from the dependency tree: the token each role
/// hangs on, when the tree has one.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(crate) struct TreeRoles {
    /// Who acted: subject of an active verb, "by" agent of a passive, possessor or "by"
    /// modifier of an event noun, the noun a relative or participle clause modifies.
    pub agent: Option<usize>,
    /// Who was acted on: object, subject of a passive, "on"/"against" modifier.
    pub patient: Option<usize>,
}

/// The case word ("by", "on") hanging on token `k`, lower-cased.
pub(super) fn case_of(cx: &Context, k: usize, lo: usize, hi: usize) -> Option<String> {
    cx.tree
        .children(k, lo, hi)
        .find(|&c| cx.tree.rel(c) == "case")
        .map(|c| cx.w(c).to_string())
}

/// Read the roles of the trigger at tokens `trig` from the tree.
pub(crate) fn tree_roles(cx: &Context, trig: (usize, usize), noun: bool) -> TreeRoles {
    let s = cx.doc.sentences[cx.sent_of[trig.0]];
    let (lo, hi) = (s.first, s.last);
    let t = cx.tree;
    let h = trigger_head(cx, trig);
    let mut r = TreeRoles::default();
    // ("A Jubo League leader was shot and injured by gunmen": "shot" misread as a noun
    // after a copula is still a passive participle.)
    let participle = {
        let w = cx.w(h);
        w.ends_with("ed") || matches!(w, "shot" | "hit" | "struck" | "beaten" | "slain" | "hurt")
    };
    let passive = t.children(h, lo, hi).any(|c| {
        matches!(t.rel(c), "aux:pass" | "nsubj:pass")
            || (t.rel(c) == "cop"
                && participle
                && matches!(cx.w(c), "was" | "were" | "been" | "being"))
    });
    for c in t.children(h, lo, hi) {
        match t.rel(c) {
            "nsubj" if !passive => r.agent = r.agent.or(Some(c)),
            "nsubj:pass" | "nsubj" => r.patient = r.patient.or(Some(c)),
            "obl:agent" => r.agent = r.agent.or(Some(c)),
            "obj" => r.patient = r.patient.or(Some(c)),
            "nmod:poss" if noun => r.agent = r.agent.or(Some(c)),
            "obl" | "nmod" => match case_of(cx, c, lo, hi).as_deref() {
                Some("by") => r.agent = r.agent.or(Some(c)),
                Some("on" | "against" | "upon" | "targeting") => r.patient = r.patient.or(Some(c)),
                // "fired tear gas at demonstrators", "threw stones at the police"
                Some("at") if words::starts_with(cx.w(h), Word::AimedVerbStem) => {
                    r.patient = r.patient.or(Some(c))
                }
                _ => {}
            },
            _ => {}
        }
    }
    // "militants who attacked": the relative pronoun stands for the noun it modifies.
    if t.rel(h) == "acl:relcl" {
        let governor = t.head(h);
        for role in [&mut r.agent, &mut r.patient] {
            if role.is_some_and(|k| matches!(cx.w(k), "who" | "which" | "that")) {
                *role = governor;
            }
        }
    }
    // A verb without its own subject shares its governor's: "attacked and killed",
    // "vowed to attack"; a relative or participle clause takes the noun it modifies
    // ("militants who attacked", "gunmen attacking", "a man killed in").
    if r.agent.is_none() && !noun {
        let mut k = h;
        for _ in 0..4 {
            let (Some(g), rel) = (t.head(k), t.rel(k)) else {
                break;
            };
            match rel {
                "conj" | "xcomp" => {
                    let subj = t
                        .children(g, lo, hi)
                        .find(|&c| t.rel(c) == "nsubj" && c != k);
                    if let Some(sj) = subj {
                        if passive {
                            r.patient = r.patient.or(Some(sj));
                        } else {
                            r.agent = Some(sj);
                        }
                        break;
                    }
                    k = g;
                }
                "acl:relcl" | "acl" => {
                    // ("Villagers assaulted and killed a tea seller" parsed as a reduced
                    // relative: a participle with an object is an active verb.)
                    let has_obj = |v: usize| t.children(v, lo, hi).any(|c| t.rel(c) == "obj");
                    let active = has_obj(k)
                        || t.children(k, lo, hi)
                            .any(|c| t.rel(c) == "conj" && has_obj(c));
                    let participle = t.xpos(h) == "VBN" && !active;
                    if passive || participle {
                        r.patient = r.patient.or(Some(g));
                    } else {
                        r.agent = Some(g);
                    }
                    break;
                }
                _ => break,
            }
        }
    }
    r
}

/// The actor a role's word names: an actor mention covering it, else the nearest one
/// inside its noun phrase.
pub(crate) fn actor_at<'c>(cx: &'c Context, node: usize) -> Option<&'c ActorMention> {
    if let Some(m) = cx
        .actors
        .iter()
        .find(|m| m.tokens.0 <= node && node < m.tokens.1)
    {
        return Some(m);
    }
    let t = cx.tree;
    let s = cx.doc.sentences[cx.sent_of[node]];
    cx.actors
        .iter()
        .filter(|m| m.tokens.0 >= s.first && m.tokens.1 <= s.last)
        .filter(|m| {
            // every step from the mention up to the node stays inside the phrase
            let mut k = m.tokens.0;
            for _ in 0..(s.last - s.first) {
                if k == node {
                    return true;
                }
                if !IN_PHRASE.contains(&t.rel(k)) {
                    return false;
                }
                match t.head(k) {
                    Some(h) => k = h,
                    None => return false,
                }
            }
            false
        })
        .min_by_key(|m| m.tokens.0.abs_diff(node))
}

/// Whether two actor mentions are one party: the same words, or the same named actor.
/// Two mentions of a common noun are different people ("villagers assaulted one
/// person": both are civilians, but not the same ones).
pub(super) fn same_party(a: &ActorMention, b: &ActorMention) -> bool {
    a.tokens == b.tokens || (a.id == b.id && a.how != "noun" && b.how != "noun")
}

#[cfg(test)]
mod tests {
    use crate::events::testing::draft;

    #[test]
    fn subject_and_object_are_source_and_target() {
        let d = draft(
            "Taliban fighters attacked a police checkpoint in Kandahar.",
            "attacked",
        );
        assert_eq!(d.source.as_ref().map(|m| m.id.as_str()), Some("taliban"));
        let target = d.target.expect("a target");
        assert_eq!(
            target.kind,
            crate::lexicon::ActorKind::StateForce,
            "{target:?}"
        );
    }
}
