//! The coder's word classes: function words (data/function_words.tsv: negation,
//! modality, reporting verbs, prepositions, heads of source phrases) and event words
//! (data/event_words.tsv: people counted, weapons, military objects, crowds, casualty
//! words). Compiled into the binary from the data files; each class is described there.

use crate::events::Counted;
use annals_text::words::WordClasses;
use std::sync::LazyLock;

annals_text::word_classes! {
    /// A class of data/function_words.tsv or data/event_words.tsv.
    pub enum Word {
        /// "a", "an", "the".
        Determiner = "determiner",
        /// "if", "unless": a clause of condition.
        Condition = "condition",
        /// "not", "never".
        Negation = "negation",
        /// "may", "could".
        Modal = "modal",
        /// "will", "plans".
        Future = "future",
        /// "an appeal for", "called for".
        Asking = "asking",
        /// "were" killed, "got" shot.
        PassiveAux = "passive_aux",
        /// "reportedly", "later".
        Adverb = "adverb",
        /// Prepositions that put the event at a place.
        Locative = "locative",
        /// Prepositions after which a country is a place, not a state acting.
        BeforePlace = "before_place",
        /// "Khan Younis, in southern Gaza".
        Locator = "locator",
        /// "said", "told", "according".
        Reporting = "reporting",
        /// "claimed", "alleged".
        ClaimVerb = "claim_verb",
        /// "denied".
        DenyVerb = "deny_verb",
        /// "reportedly", "allegedly".
        Hedge = "hedge",
        /// "he", "they".
        Pronoun = "pronoun",
        /// "officials", "witnesses".
        SourceHead = "source_head",
        /// "the group", "the movement".
        AnaphorHead = "anaphor_head",
        /// "to end", "to prevent".
        Ending = "ending",
        /// "fir(ed) at", "threw at" (word beginnings).
        AimedVerbStem = "aimed_verb_stem",
        /// "against", "over": what a protest is against.
        Grievance = "grievance",
        /// "protesting", "demanding": a grievance a few words on.
        GrievanceNear = "grievance_near",
        /// "people", "civilians".
        People = "people",
        /// "man", "soldier".
        OnePerson = "one_person",
        /// "number", "group".
        NotOnePerson = "not_one_person",
        /// "soldiers", "militants".
        ArmedPeople = "armed_people",
        /// "drone", "warplane".
        AerialWeapon = "aerial_weapon",
        /// "missile", "artillery".
        ArtilleryWeapon = "artillery_weapon",
        /// "checkpoint", "convoy".
        MilitaryObject = "military_object",
        /// "clan", "herders".
        Communal = "communal",
        /// "gunfight", "encounter".
        Gunfight = "gunfight",
        /// "protesters", "rally".
        Demonstration = "demonstration",
        /// "stones", "torched".
        Riot = "riot",
        /// "dispersed", "teargas".
        Intervention = "intervention",
        /// "murder", "assault" as charges.
        Crime = "crime",
        /// "stormed", "entered".
        GroundVerb = "ground_verb",
        /// "separate", "shootings".
        SeveralIncidents = "several_incidents",
        /// "killed", "dead".
        Killed = "killed",
        /// "wounded", "hurt".
        Injured = "injured",
        /// "captured", "prisoners".
        Captured = "captured",
        /// "arrested", "detained".
        Arrested = "arrested",
        /// "abducted", "hostages".
        Abducted = "abducted",
        /// "displaced", "homeless".
        Displaced = "displaced",
    }
}

/// The word classes, parsed once.
pub static WORDS: LazyLock<WordClasses<Word>> = LazyLock::new(|| {
    WordClasses::parse(&[
        (
            "data/function_words.tsv",
            include_str!("../../../data/function_words.tsv"),
        ),
        (
            "data/event_words.tsv",
            include_str!("../../../data/event_words.tsv"),
        ),
    ])
    .unwrap_or_else(|e| panic!("the shipped word classes: {e}"))
});

/// Whether `word` (lower-cased) is of `class`.
#[inline]
pub fn is(word: &str, class: Word) -> bool {
    WORDS.is(word, class)
}

/// Whether `word` begins with a word of a `_stem` class.
pub fn starts_with(word: &str, class: Word) -> bool {
    WORDS
        .words(class)
        .iter()
        .any(|s| word.starts_with(s.as_str()))
}

/// What a casualty word says happened to the people counted.
pub fn casualty_kind(word: &str) -> Option<Counted> {
    let c = WORDS.classes_of(word);
    [
        (Word::Killed, Counted::Killed),
        (Word::Injured, Counted::Injured),
        (Word::Captured, Counted::Captured),
        (Word::Arrested, Counted::Arrested),
        (Word::Abducted, Counted::Abducted),
        (Word::Displaced, Counted::Displaced),
    ]
    .into_iter()
    .find(|(k, _)| c & annals_text::words::WordClass::bit(*k) != 0)
    .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_word_classes_parse() {
        assert!(is("not", Word::Negation));
        assert!(is("tweeted", Word::Reporting));
        assert!(is("policeman", Word::OnePerson));
        assert!(!is("policeman", Word::People));
        assert!(starts_with("fired", Word::AimedVerbStem));
        assert_eq!(casualty_kind("slain"), Some(Counted::Killed));
        assert_eq!(casualty_kind("hostages"), Some(Counted::Abducted));
        assert_eq!(casualty_kind("shot"), None);
    }
}
